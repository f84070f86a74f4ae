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

interface MailView {
  id: number;
  to: { role: string };
  template: string;
  status: string;
  messageId: string;
  text?: string;
}

/** Words that only the invitation of that language has in its subject. */
const SUBJECT_WORD: Record<string, RegExp> = {
  en: /: invitation for /,
  fr: /\s:\sinvitation adressée à /,
  es: /: invitación para /,
};

describe.each(testDrivers())(
  'launching the demo dialogue sends every invitation over SMTP (%s)',
  (driver) => {
    let database: TestDatabase;
    let prefix: string;
    let base: string;
    let sink: SmtpSink;
    let processes: RunningProcess[] = [];

    async function call<T = unknown>(
      method: string,
      url: string,
      body?: unknown,
    ): Promise<{ status: number; body: T }> {
      const response = await fetch(base + url, {
        method,
        headers: {
          'x-api-key': API_KEY,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as T };
    }

    beforeAll(async () => {
      database = await createTestDatabase(driver);
      prefix = uniqueQueuePrefix();
      sink = await startSmtpSink();
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
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
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        SMTP_IGNORE_TLS: 'true',
        MAIL_FROM: 'Ethics Office <ethics-office@un.example.org>',
      };
      await runBuilt('cli', env, ['db:migrate']);
      processes = [startBuilt('api', env), startBuilt('worker', env)];
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

    it('delivers one invitation per Focal Point and Head, each in the entity’s language', async () => {
      const started = Date.now();
      expect((await call('POST', `/api/dialogues/${YEAR}/launch`)).status).toBe(202);
      const expected = ENTITIES.length * 2;
      await waitFor(() => sink.received.length >= expected, {
        what: `${expected} invitations at the SMTP server`,
        timeoutMs: 60000,
        intervalMs: 20,
      }).catch((error) => {
        throw new Error(`${error.message}\n${processes.map((p) => p.output().slice(-2000)).join('\n')}`);
      });
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `mail (${driver}): ${expected} invitations from launch to the SMTP server in ${seconds.toFixed(2)} s = ${(expected / seconds).toFixed(0)} per second`,
      );
      await new Promise((resolve) => setTimeout(resolve, 300)); // nothing more may arrive
      expect(sink.received).toHaveLength(expected);
      for (const entity of ENTITIES) {
        for (const address of [entity.headEmail, entity.focalPoints[0].email]) {
          const mails = sink.received.filter((r) => r.rcptTo.includes(address));
          expect([address, mails.length]).toEqual([address, 1]);
          const [mail] = mails;
          expect([address, mail.parsed.headers.get('content-language')]).toEqual([address, entity.language]);
          expect(mail.parsed.subject).toMatch(SUBJECT_WORD[entity.language]);
          expect(mail.parsed.messageId).toMatch(/^<cascade\.mail\.\d+@un\.example\.org>$/);
        }
      }
    });

    it('logs every mail as sent, by entity, and resends one on request', async () => {
      const sent = await call<MailView[]>('GET', `/api/dialogues/${YEAR}/mails?status=sent&limit=1000`);
      expect(sent.body).toHaveLength(ENTITIES.length * 2);
      const dppa = await call<MailView[]>('GET', `/api/dialogues/${YEAR}/mails?entity=DPPA`);
      expect(dppa.body.map((m) => m.to.role).sort()).toEqual(['focal-point', 'head-of-entity']);
      expect(dppa.body[0]).toMatchObject({
        template: 'invitation',
        status: 'sent',
        attempts: 1,
        lastError: null,
      });
      const full = await call<MailView>('GET', `/api/mails/${dppa.body[0].id}`);
      expect(full.body.text).toContain('Department of Political and Peacebuilding Affairs');
      const resent = await call<MailView>('POST', `/api/mails/${dppa.body[0].id}/resend`);
      expect(resent.status).toBe(202);
      await waitFor(() => sink.received.length === ENTITIES.length * 2 + 1, { what: 'the resent mail' });
      expect(sink.received.at(-1)?.parsed.messageId).toBe(resent.body.messageId);
      expect((await call('GET', '/api/mails/999999')).status).toBe(404);
    });
  },
);
