import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from './wait-for';

/** Running, as opposed to gone or a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

describe('ownChild', () => {
  it('kills an owned child when its runner exits early, and leaves one it does not own', async () => {
    // A runner (run by tsx, as the bench is) that starts two sleepers, owns one, prints both pids and exits.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-own-child-'));
    const runner = path.join(dir, 'runner.ts');
    fs.writeFileSync(
      runner,
      [
        "import { spawn } from 'node:child_process';",
        `import { ownChild } from ${JSON.stringify(path.join(__dirname, 'processes'))};`,
        "const owned = ownChild(spawn('sleep', ['60'], { stdio: 'ignore' }));",
        "const stray = spawn('sleep', ['60'], { stdio: 'ignore', detached: true });",
        'console.log(JSON.stringify({ owned: owned.pid, stray: stray.pid }));',
        'process.exit(3);',
      ].join('\n'),
    );
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [require.resolve('tsx/cli'), runner], { stdio: 'pipe' });
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.once('error', reject);
      child.once('exit', (code) => (code === 3 ? resolve(out) : reject(new Error(`runner exited ${code}`))));
    });
    const { owned, stray } = JSON.parse(output.trim()) as { owned: number; stray: number };
    try {
      await waitFor(() => !isRunning(owned), { what: `owned sleeper ${owned} to end`, timeoutMs: 5000 });
      expect(isRunning(stray)).toBe(true);
    } finally {
      process.kill(stray, 'SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
