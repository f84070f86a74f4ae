import fs from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const DIST = path.resolve(__dirname, '../../../dist');

export interface RunningProcess {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

const started = new Map<ChildProcess, NodeJS.Signals>();
// A runner that exits early (an interrupted bench, a failed suite) must not leave its api, workers and Redis
// servers running: they would hold ports and keep timers firing into a database nobody reads.
process.once('exit', () => {
  for (const [child, signal] of started) child.kill(signal);
});

/**
 * Keeps a child process to be killed if this process exits before it stops it: with SIGKILL, or SIGTERM for a child
 * that must pass the signal on to children of its own (tsx runs the script in a second process).
 */
export function ownChild<T extends ChildProcess>(child: T, signal: NodeJS.Signals = 'SIGKILL'): T {
  started.set(child, signal);
  child.once('exit', () => started.delete(child));
  return child;
}

/** Starts a Node script with its own environment, keeping its output; `stop` sends SIGTERM, then SIGKILL after 5 s. */
export function startScript(file: string, env: NodeJS.ProcessEnv, args: string[] = []): RunningProcess {
  const child = ownChild(
    spawn(process.execPath, [file, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return {
    child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** Starts a built process (`dist/apps/<app>/src/main.js`). */
export function startBuilt(
  app: 'api' | 'worker' | 'cli',
  env: NodeJS.ProcessEnv,
  args: string[] = [],
): RunningProcess {
  return startScript(path.join(DIST, 'apps', app, 'src/main.js'), env, args);
}

/** Runs a built CLI command to completion; rejects with its output when it fails. */
export function runBuilt(app: 'cli', env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
  const running = startBuilt(app, env, args);
  return new Promise((resolve, reject) => {
    running.child.once('exit', (code) =>
      code === 0
        ? resolve(running.output())
        : reject(new Error(`${app} ${args.join(' ')} exited ${code}:\n${running.output()}`)),
    );
  });
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Kills a process with SIGKILL and waits until it is gone. */
export async function kill9(running: RunningProcess): Promise<void> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return;
  const exited = new Promise((resolve) => running.child.once('exit', resolve));
  running.child.kill('SIGKILL');
  await exited;
}

/** The most resident memory the process has had so far (VmHWM), in MiB; 0 once it has exited. */
export function peakRssMb(pid: number | undefined): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}
