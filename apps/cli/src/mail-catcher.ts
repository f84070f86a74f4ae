import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Where the catcher listens unless MAIL_CATCHER_SMTP_PORT / MAIL_CATCHER_WEB_PORT say otherwise. */
export const MAIL_CATCHER_DEFAULT_PORTS = { smtpPort: 1025, webPort: 1080 } as const;

// Named in messages only: config.tools.mailCatcher reads them (libs/config).
const PORT_VARIABLE = { smtp: 'MAIL_CATCHER_SMTP_PORT', web: 'MAIL_CATCHER_WEB_PORT' } as const;
const ANSWER_TIMEOUT_MS = 15_000;

export interface MailCatcherOptions {
  smtpPort?: number;
  webPort?: number;
  /** The address both servers bind to and the URLs point at; loopback unless you mean otherwise. */
  host?: string;
}

export interface MailCatcher {
  child: ChildProcess;
  /** For SMTP_URL, e.g. smtp://127.0.0.1:1025 */
  smtpUrl: string;
  /** The web page listing caught mail, e.g. http://127.0.0.1:1080 */
  webUrl: string;
  /** Stops the catcher (its mail is gone with it); resolves once the process has exited. */
  stop(): Promise<void>;
}

/**
 * Runs MailDev as a child process: an SMTP server that accepts every message and delivers none, and a web
 * page (with a REST API under /api) that shows what arrived. Both listen on `host` only (loopback by
 * default). Mail is indexed in memory; MailDev also writes each raw message to a temporary directory, which
 * is private to this run and removed when the catcher stops. Resolves once both ports answer.
 */
export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const {
    smtpPort = MAIL_CATCHER_DEFAULT_PORTS.smtpPort,
    webPort = MAIL_CATCHER_DEFAULT_PORTS.webPort,
    host = '127.0.0.1',
  } = options;
  assertNodeCanRunMaildev();
  if (smtpPort === webPort) {
    throw new Error(
      `The mail catcher needs two ports, but SMTP and web are both ${smtpPort}: ` +
        `change ${PORT_VARIABLE.smtp} or ${PORT_VARIABLE.web}.`,
    );
  }
  const bin = maildevBin();
  await assertPortFree(host, smtpPort, 'smtp');
  await assertPortFree(host, webPort, 'web');

  // MailDev writes raw messages under os.tmpdir()/maildev and reads config files (.maildevrc.json, …) from
  // its working directory upwards and MAILDEV_* variables: give it a private temporary directory, an empty
  // config file and none of those variables, so nothing can turn on relaying or persistence behind our back.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cascade-mail-catcher-'));
  const configFile = path.join(dir, 'maildev.json');
  writeFileSync(configFile, '{}\n');
  const env: NodeJS.ProcessEnv = { TMPDIR: dir, TMP: dir, TEMP: dir };
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('MAILDEV_') && !(name in env)) env[name] = value;
  }
  const args = ['--smtp', String(smtpPort), '--ip', host, '--web', String(webPort), '--web-ip', host];
  const child = spawn(process.execPath, [bin, ...args, '--config', configFile], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  child.once('exit', removeDir);
  child.once('error', removeDir);

  let output = '';
  let started = false;
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', (chunk: Buffer) => {
    keep(chunk);
    // Once running, its own warnings and errors still reach the terminal; its per-message log does not.
    if (started) process.stderr.write(prefixLines(chunk.toString(), '[mail catcher] '));
  });

  const stop = () => stopChild(child);
  const smtpUrl = `smtp://${urlHost(host)}:${smtpPort}`;
  const webUrl = `http://${urlHost(host)}:${webPort}`;
  try {
    await waitUntilAnswering(child, host, smtpPort, webPort, () => output);
  } catch (error) {
    await stop();
    removeDir();
    throw error;
  }
  started = true;
  return { child, smtpUrl, webUrl, stop };
}

/** maildev 3 loads ES-module dependencies with require(), which Node.js does by default from 20.19 / 22.12. */
function assertNodeCanRunMaildev(): void {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if ((major === 20 && minor < 19) || (major === 22 && minor < 12) || major === 21 || major < 20) {
    throw new Error(
      `The mail catcher (MailDev 3) needs Node.js 20.19+ or 22.12+, not ${process.versions.node}: ` +
        'upgrade Node.js, or set SMTP_URL to send through an SMTP server of your own.',
    );
  }
}

/**
 * The maildev CLI script. The package's `exports` map hides both its bin and its package.json from
 * require.resolve, so look for the package along the same node_modules path require.resolve would walk.
 */
function maildevBin(): string {
  for (const dir of require.resolve.paths('maildev') ?? []) {
    const manifest = path.join(dir, 'maildev', 'package.json');
    if (!existsSync(manifest)) continue;
    const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: string | Record<string, string> };
    const script = typeof bin === 'string' ? bin : bin?.['maildev'];
    if (script) return path.join(dir, 'maildev', script);
  }
  throw new Error(
    'The mail catcher needs the maildev package, a development dependency: run `npm ci`, ' +
      'or set SMTP_URL to send through an SMTP server of your own.',
  );
}

function assertPortFree(host: string, port: number, role: keyof typeof PORT_VARIABLE): Promise<void> {
  const variable = PORT_VARIABLE[role];
  const isDefault = port === MAIL_CATCHER_DEFAULT_PORTS[role === 'smtp' ? 'smtpPort' : 'webPort'];
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `Port ${port} on ${host}${isDefault ? ' (the default)' : ''} is already in use, so the mail ` +
                `catcher cannot take it for ${role === 'smtp' ? 'SMTP' : 'its web page'}: set ${variable} ` +
                'to a free port, or set SMTP_URL to send through an SMTP server of your own.'
            : `The mail catcher cannot listen on ${host}:${port} (${error.code ?? error.message}): set ${variable}.`,
        ),
      ),
    );
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

async function waitUntilAnswering(
  child: ChildProcess,
  host: string,
  smtpPort: number,
  webPort: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + ANSWER_TIMEOUT_MS;
  let smtp = false;
  let web = false;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The mail catcher (maildev) exited (${child.exitCode !== null ? `code ${child.exitCode}` : child.signalCode}) before it answered:\n` +
          output().trim(),
      );
    }
    smtp ||= await smtpGreets(host, smtpPort);
    web ||= await webAnswers(host, webPort);
    if (smtp && web) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const silent = [
    smtp ? undefined : `SMTP port ${smtpPort} (${PORT_VARIABLE.smtp})`,
    web ? undefined : `web port ${webPort} (${PORT_VARIABLE.web})`,
  ].filter(Boolean);
  throw new Error(
    `The mail catcher (maildev) started but did not answer on ${host} ${silent.join(' or ')} within ` +
      `${ANSWER_TIMEOUT_MS / 1000} s.\n${output().trim()}`,
  );
}

/** True when something on the port greets like an SMTP server ("220 …"). */
function smtpGreets(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const fail = () => {
      socket.destroy();
      resolve(false);
    };
    socket.setTimeout(1000, fail);
    socket.once('error', fail);
    socket.once('data', (chunk) => {
      if (!chunk.toString().startsWith('220')) return fail();
      socket.setTimeout(0);
      socket.end('QUIT\r\n');
      resolve(true);
    });
  });
}

/** True when MailDev's health check answers on the web port. */
function webAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host, port, path: '/api/healthz', timeout: 1000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(false));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function prefixLines(text: string, prefix: string): string {
  return text.replace(/^(?=.)/gm, prefix);
}
