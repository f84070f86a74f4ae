import {
  clearQueuePrefix,
  createTestDatabase,
  freePort,
  runBuilt,
  sampleDialogueInput,
  startBuilt,
  startSmtpSink,
  testDrivers,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  waitFor,
  WORKFLOWS_DIR,
  type RunningProcess,
  type SmtpSink,
  type TestDatabase,
} from '@cascade/testing';
import { entitiesWithPeople } from './support/demo-entities';

const API_KEY = 'e2e-admin-key-0123456789abcdef';
const YEAR = 2026;
const ENTITIES = entitiesWithPeople();
const RECIPIENTS = ENTITIES.flatMap((e) => [e.headEmail, e.focalPoints[0].email]);
const CONCURRENCY = 5;

// One database is enough here: what is under test is the queue's hand-over after a crash.
describe.each(testDrivers().slice(0, 1))(
  'a worker killed with SIGKILL in the middle of sending (%s)',
  (driver) => {
    let database: TestDatabase;
    let prefix: string;
    let base: string;
    let env: NodeJS.ProcessEnv;
    let sink: SmtpSink;
    const processes: RunningProcess[] = [];

    async function call(method: string, url: string, body?: unknown) {
      const response = await fetch(base + url, {
        method,
        headers: {
          'x-api-key': API_KEY,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    }

    beforeAll(async () => {
      database = await createTestDatabase(driver);
      prefix = uniqueQueuePrefix();
      // Each answer to DATA waits, so several mails are always in flight when the worker dies.
      sink = await startSmtpSink({}, 0, { acceptDelayMs: 150 });
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      env = {
        NODE_ENV: 'test',
        PORT: String(port),
        DATABASE_URL:
          database.config.driver === 'postgresql' ? database.config.url : `sqlite:${database.config.path}`,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        ADMIN_API_KEY: API_KEY,
        WORKFLOWS_DIR,
        OUTBOX_POLL_MS: '500',
        WORKER_CONCURRENCY: String(CONCURRENCY),
        WORKER_LOCK_MS: '2000',
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        SMTP_IGNORE_TLS: 'true',
        SMTP_MAX_CONNECTIONS: String(CONCURRENCY),
        MAIL_FROM: 'Ethics Office <ethics-office@un.example.org>',
      };
      await runBuilt('cli', env, ['db:migrate']);
      processes.push(startBuilt('api', env));
      await waitFor(
        async () => {
          try {
            return (await fetch(`${base}/health`)).status === 200;
          } catch {
            return false;
          }
        },
        { what: 'the api to answer /health', timeoutMs: 30000 },
      );
      expect((await call('POST', '/api/dialogues', sampleDialogueInput(YEAR))).status).toBe(201);
      expect((await call('POST', '/api/entities/import', { entities: ENTITIES })).status).toBe(201);
    });

    afterAll(async () => {
      await Promise.all(processes.map((p) => p.stop()));
      await sink?.close();
      await clearQueuePrefix(prefix);
      await database?.drop();
    });

    it('loses no mail: after a restart every recipient has its invitation, duplicates at most the concurrency', async () => {
      const first = startBuilt('worker', env);
      processes.push(first);
      expect((await call('POST', `/api/dialogues/${YEAR}/launch`)).status).toBe(202);
      await waitFor(() => sink.received.length >= 20, {
        what: '20 mails before the crash',
        timeoutMs: 30000,
        intervalMs: 10,
      });
      first.child.kill('SIGKILL');
      await new Promise((resolve) => first.child.once('exit', resolve));
      const atCrash = sink.received.length;
      expect(atCrash).toBeLessThan(RECIPIENTS.length);

      processes.push(startBuilt('worker', env));
      const received = (address: string) => sink.received.filter((r) => r.rcptTo.includes(address)).length;
      await waitFor(() => RECIPIENTS.every((address) => received(address) >= 1), {
        what: 'every recipient to have its invitation after the restart',
        timeoutMs: 60000,
      });
      const duplicates = RECIPIENTS.reduce((sum, address) => sum + received(address) - 1, 0);
      console.log(
        `crash (${driver}): worker killed after ${atCrash}/${RECIPIENTS.length} mails; all delivered after a restart; ${duplicates} duplicate(s) (concurrency ${CONCURRENCY})`,
      );
      expect(duplicates).toBeLessThanOrEqual(CONCURRENCY);
      // The log ends with every mail sent exactly once from its point of view.
      const sent = await waitFor(
        async () => {
          const log = (await call('GET', `/api/dialogues/${YEAR}/mails?status=sent&limit=1000`))
            .body as unknown[];
          return log.length === RECIPIENTS.length ? log : null;
        },
        { what: 'every mail marked sent', timeoutMs: 20000 },
      );
      expect(sent).toHaveLength(RECIPIENTS.length);
    });
  },
);
