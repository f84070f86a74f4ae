import Redis from 'ioredis';
import {
  clearQueuePrefix,
  createTestDatabase,
  freePort,
  runBuilt,
  startBuilt,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  waitFor,
  WORKFLOWS_DIR,
  type RunningProcess,
  type TestDatabase,
  type TestDriver,
} from '@cascade/testing';

export const API_KEY = 'e2e-admin-key-0123456789abcdef';

export interface Answer<T> {
  status: number;
  /** Parsed when the answer says it is JSON, else the text as it came. */
  body: T;
  headers: Headers;
}

/** The built api (and workers) on a throw-away database and queue prefix of their own. */
export interface Stack {
  /** `http://127.0.0.1:<port>` of the api. */
  base: string;
  /** What every process of the stack runs with. */
  env: NodeJS.ProcessEnv;
  database: TestDatabase;
  prefix: string;
  /** The api first, then every worker started so far (killed ones included). */
  processes: RunningProcess[];
  /** A request to the api with the admin API key. */
  call<T = unknown>(method: string, url: string, body?: unknown, contentType?: string): Promise<Answer<T>>;
  /** Like `call`, but only a 2xx answer: anything else throws with status, body and, for 5xx, the api output. */
  ok<T = unknown>(method: string, url: string, body?: unknown, contentType?: string): Promise<T>;
  startWorker(extraEnv?: NodeJS.ProcessEnv): RunningProcess;
  /** A connection to the Redis the stack uses (made on first use, closed by `stop`), to look at its queues. */
  redis(): Redis;
  /** Stops every process, closes the Redis connection, clears the queue prefix and drops the database. */
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Added to (and overriding) the defaults, e.g. SIMULATION or SMTP_URL. */
  env?: NodeJS.ProcessEnv;
  /** Workers started with the api; more can follow with `startWorker`. */
  workers?: number;
}

/**
 * Creates the database, migrates it with the built CLI, starts the built api and `workers` workers, and waits
 * for /health. Whatever fails on the way is torn down before the error goes on.
 */
export async function startStack(driver: TestDriver, options: StackOptions = {}): Promise<Stack> {
  const database = await createTestDatabase(driver);
  const prefix = uniqueQueuePrefix();
  const processes: RunningProcess[] = [];
  let redis: Redis | undefined;
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await Promise.all(processes.map((p) => p.stop()));
      redis?.disconnect();
      try {
        await clearQueuePrefix(prefix);
      } finally {
        await database.drop();
      }
    })());

  try {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL:
        database.config.driver === 'postgresql' ? database.config.url : `sqlite:${database.config.path}`,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
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

    async function call<T = unknown>(
      method: string,
      url: string,
      body?: unknown,
      contentType = 'application/json',
    ): Promise<Answer<T>> {
      const response = await fetch(base + url, {
        method,
        headers: { 'x-api-key': API_KEY, ...(body === undefined ? {} : { 'content-type': contentType }) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      const isJson = response.headers.get('content-type')?.includes('json');
      return {
        status: response.status,
        body: (text && isJson ? JSON.parse(text) : text) as T,
        headers: response.headers,
      };
    }

    async function ok<T = unknown>(method: string, url: string, body?: unknown, contentType?: string) {
      const response = await call<T>(method, url, body, contentType);
      if (response.status >= 300)
        throw new Error(
          `${method} ${url}: ${response.status} ${JSON.stringify(response.body)}` +
            (response.status >= 500 ? `\napi output:\n${processes[0].output().slice(-3000)}` : ''),
        );
      return response.body;
    }

    await runBuilt('cli', env, ['db:migrate']);
    const api = start('api');
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
    ).catch((error) => {
      throw new Error(`${error.message}\napi output:\n${api.output()}`);
    });

    return {
      base,
      env,
      database,
      prefix,
      processes,
      call,
      ok,
      startWorker: (extraEnv) => start('worker', extraEnv),
      redis: () => (redis ??= new Redis(TEST_REDIS_URL)),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
