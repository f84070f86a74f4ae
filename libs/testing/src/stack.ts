import Redis from 'ioredis';
import { freePort, runBuilt, startBuilt, type RunningProcess } from './processes';
import { clearQueuePrefix, TEST_REDIS_URL, uniqueQueuePrefix } from './redis';
import { createTestDatabase, type TestDatabase, type TestDriver } from './test-database';
import { waitFor } from './wait-for';
import { WORKFLOWS_DIR } from './test-orm';

/** The admin API key every stack's processes accept. */
export const STACK_API_KEY = 'stack-admin-key-0123456789abcdef';

export interface Answer<T> {
  status: number;
  /** Parsed when the answer says it is JSON, else the text as it came. */
  body: T;
  headers: Headers;
}

export interface CallOptions {
  /** Of a string body; an object body is always sent as JSON. */
  contentType?: string;
  /**
   * Five minutes by default: long enough for a simulation advance through a whole year on a loaded machine (the
   * tests assert what happened, not how fast), short enough that a hung api fails the request, not the suite.
   */
  timeoutMs?: number;
}

/** The built api (and workers) on a database and queue prefix of their own. */
export interface Stack {
  /** `http://127.0.0.1:<port>` of the api. */
  base: string;
  /** What every process of the stack runs with. */
  env: NodeJS.ProcessEnv;
  /** The throw-away database the stack made, or null when the caller brought its own. */
  database: TestDatabase | null;
  prefix: string;
  /** The api first, then every worker started so far (killed ones included). */
  processes: RunningProcess[];
  /** A request to the api with the admin API key. */
  call<T = unknown>(method: string, url: string, body?: unknown, options?: CallOptions): Promise<Answer<T>>;
  /** Like `call`, but only a 2xx answer: anything else throws with status, body and the processes' output. */
  ok<T = unknown>(method: string, url: string, body?: unknown, options?: CallOptions): Promise<T>;
  startWorker(extraEnv?: NodeJS.ProcessEnv): RunningProcess;
  /** A connection to the Redis the stack uses (made on first use, closed by `stop`), to look at its queues. */
  redis(): Redis;
  /** The last lines of every process's output, for a failure message. */
  outputs(): string;
  /** Stops every process, closes the Redis connection and drops what the stack made (database, queue keys). */
  stop(): Promise<void>;
}

export interface StackOptions {
  /** The kind of throw-away database to make (PostgreSQL by default); ignored with `databaseUrl`. */
  driver?: TestDriver;
  /** A database of the caller's own (e.g. on a PostgreSQL cluster a fault case restarts); kept on `stop`. */
  databaseUrl?: string;
  /** A Redis of the caller's own (e.g. one a fault case breaks); the machine's test Redis by default. */
  redisUrl?: string;
  /** Added to (and overriding) the defaults, e.g. SIMULATION or SMTP_URL. */
  env?: NodeJS.ProcessEnv;
  /** Workers started with the api; more can follow with `startWorker`. */
  workers?: number;
}

function databaseUrlOf(database: TestDatabase): string {
  return database.config.driver === 'postgresql' ? database.config.url : `sqlite:${database.config.path}`;
}

/** The api's client for a test: `call` answers whatever the status, `ok` throws on anything but success. */
function stackClient(base: string, outputs: () => string): Pick<Stack, 'call' | 'ok'> {
  async function call<T = unknown>(
    method: string,
    url: string,
    body?: unknown,
    { contentType = 'application/json', timeoutMs = 300_000 }: CallOptions = {},
  ): Promise<Answer<T>> {
    const response = await fetch(base + url, {
      method,
      headers: {
        'x-api-key': STACK_API_KEY,
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.includes('json');
    return {
      status: response.status,
      body: (text && isJson ? JSON.parse(text) : text) as T,
      headers: response.headers,
    };
  }

  async function ok<T = unknown>(method: string, url: string, body?: unknown, callOptions?: CallOptions) {
    const response = await call<T>(method, url, body, callOptions);
    if (response.status >= 300)
      throw new Error(
        `${method} ${url}: ${response.status} ${JSON.stringify(response.body)}` +
          (response.status >= 500 ? `\n${outputs()}` : ''),
      );
    return response.body;
  }
  return { call, ok };
}

async function waitForHealth(base: string, outputs: () => string): Promise<void> {
  await waitFor(
    async () => {
      try {
        return (await fetch(`${base}/health`)).status === 200;
      } catch {
        return false;
      }
    },
    { what: 'the api to answer /health', timeoutMs: 30_000 },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${outputs()}`);
  });
}

/**
 * Makes (or takes) the database, migrates it with the built CLI, starts the built api and `workers` workers, and
 * waits for /health. Whatever fails on the way is torn down before the error goes on.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const database = options.databaseUrl ? null : await createTestDatabase(options.driver ?? 'postgresql');
  const databaseUrl = options.databaseUrl ?? databaseUrlOf(database as TestDatabase);
  const redisUrl = options.redisUrl ?? TEST_REDIS_URL;
  const prefix = uniqueQueuePrefix();
  const processes: RunningProcess[] = [];
  let redis: Redis | undefined;
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await Promise.all(processes.map((p) => p.stop()));
      redis?.disconnect();
      try {
        // A private Redis is thrown away with its test; only the shared one needs its keys removed.
        if (!options.redisUrl) await clearQueuePrefix(prefix);
      } finally {
        await database?.drop();
      }
    })());

  try {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      ADMIN_API_KEY: STACK_API_KEY,
      // Personal links in mail point at this api.
      PUBLIC_URL: base,
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

    const { call, ok } = stackClient(base, outputs);

    await runBuilt('cli', env, ['db:migrate']);
    start('api');
    for (let i = 0; i < (options.workers ?? 0); i++) start('worker');
    await waitForHealth(base, outputs);

    return {
      base,
      env,
      database,
      prefix,
      processes,
      call,
      ok,
      startWorker: (extraEnv) => start('worker', extraEnv),
      redis: () => (redis ??= new Redis(redisUrl)),
      outputs,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
