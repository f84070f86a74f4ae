import fs from 'node:fs';
import {
  createTestDatabase,
  freePort,
  runBuilt,
  startBuilt,
  uniqueQueuePrefix,
  waitFor,
  WORKFLOWS_DIR,
  type RunningProcess,
} from '@cascade/testing';

// The approach of test/e2e/support/stack.ts, with the services passed in: the bench points the processes at the
// Redis, PostgreSQL and SMTP sink its raw baselines use too.

export const API_KEY = 'bench-admin-key--0123456789abcdef';

export interface Answer<T> {
  status: number;
  body: T;
}

export interface Stack {
  base: string;
  env: NodeJS.ProcessEnv;
  /** The api first, then every worker started so far (killed ones included). */
  processes: RunningProcess[];
  call<T = unknown>(method: string, url: string, body?: unknown, timeoutMs?: number): Promise<Answer<T>>;
  ok<T = unknown>(method: string, url: string, body?: unknown, timeoutMs?: number): Promise<T>;
  startWorker(extraEnv?: NodeJS.ProcessEnv): RunningProcess;
  /** The last lines of every process's output, for a failure message. */
  outputs(): string;
  stop(): Promise<void>;
}

export interface StackOptions {
  redisUrl: string;
  /** A PostgreSQL database of the case's own; by default a throw-away one on the machine's cluster. */
  databaseUrl?: string;
  env?: NodeJS.ProcessEnv;
  workers?: number;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const database = options.databaseUrl ? null : await createTestDatabase('postgresql');
  const databaseUrl =
    options.databaseUrl ?? (database?.config.driver === 'postgresql' ? database.config.url : '');
  const processes: RunningProcess[] = [];
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await Promise.all(processes.map((p) => p.stop()));
      await database?.drop();
    })());

  try {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      REDIS_URL: options.redisUrl,
      QUEUE_PREFIX: uniqueQueuePrefix(),
      ADMIN_API_KEY: API_KEY,
      WORKFLOWS_DIR,
      OUTBOX_POLL_MS: '500',
      ...options.env,
    };
    const start = (app: 'api' | 'worker', extraEnv: NodeJS.ProcessEnv = {}) => {
      const running = startBuilt(app, { ...env, ...extraEnv });
      processes.push(running);
      return running;
    };
    const outputs = () =>
      processes
        .map((p, i) => `--- ${i === 0 ? 'api' : `worker ${i}`} ---\n${p.output().slice(-2500)}`)
        .join('\n');

    async function call<T = unknown>(
      method: string,
      url: string,
      body?: unknown,
      timeoutMs = 30000,
    ): Promise<Answer<T>> {
      const response = await fetch(base + url, {
        method,
        headers: {
          'x-api-key': API_KEY,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      const isJson = response.headers.get('content-type')?.includes('json');
      return { status: response.status, body: (text && isJson ? JSON.parse(text) : text) as T };
    }

    async function ok<T = unknown>(method: string, url: string, body?: unknown, timeoutMs?: number) {
      const response = await call<T>(method, url, body, timeoutMs);
      if (response.status >= 300)
        throw new Error(
          `${method} ${url}: ${response.status} ${JSON.stringify(response.body)}\n${outputs()}`,
        );
      return response.body;
    }

    await runBuilt('cli', env, ['db:migrate']);
    start('api');
    for (let i = 0; i < (options.workers ?? 0); i++) start('worker');
    await waitFor(
      async () => {
        try {
          return (await fetch(`${base}/health`)).status === 200;
        } catch {
          return false;
        }
      },
      { what: 'the api to answer /health', timeoutMs: 30000 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${outputs()}`);
    });

    return {
      base,
      env,
      processes,
      call,
      ok,
      startWorker: (extraEnv) => start('worker', extraEnv),
      outputs,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Kills a process with SIGKILL and waits until it is gone. */
export async function kill9(process: RunningProcess): Promise<void> {
  if (process.child.exitCode !== null || process.child.signalCode !== null) return;
  const exited = new Promise((resolve) => process.child.once('exit', resolve));
  process.child.kill('SIGKILL');
  await exited;
}

/** The most resident memory the process has had so far (VmHWM), in MiB; 0 once it has exited. */
export function peakRssMb(pid: number | undefined): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}
