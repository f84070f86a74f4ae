import {
  sampleDialogueInput,
  startSmtpSink,
  waitFor,
  type SmtpSink,
  kill9,
  startStack,
  type Stack,
  syntheticOrganisation,
} from '@cascade/testing';
import { count } from './support/db';
import { progress, reportCase } from './support/report';
import { startOwnRedis, type OwnRedis } from './support/services';

const YEAR = 2026;
const ENTITIES = syntheticOrganisation(1000); // a Head and a Focal Point each: 2,000 invitations
const RECIPIENTS = ENTITIES.flatMap((e) => [e.headEmail, e.focalPoints[0].email]);
const CONCURRENCY = 5;

describe('kill -9 of a worker in the middle of a 2,000-invitation launch', () => {
  let redis: OwnRedis;
  let sink: SmtpSink;
  let stack: Stack;

  beforeAll(async () => {
    redis = await startOwnRedis();
    // Each answer to DATA waits a little, so mails are always in flight when the worker dies.
    sink = await startSmtpSink({}, 0, { acceptDelayMs: 20 });
    stack = await startStack({
      redisUrl: redis.url,
      env: {
        WORKER_CONCURRENCY: String(CONCURRENCY),
        WORKER_LOCK_MS: '2000',
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        SMTP_IGNORE_TLS: 'true',
        SMTP_MAX_CONNECTIONS: String(CONCURRENCY),
        MAIL_FROM: 'Ethics Office <ethics-office@un.example.org>',
      },
    });
    await stack.ok('POST', '/api/dialogues', sampleDialogueInput(YEAR));
    await stack.ok('POST', '/api/entities/import', { entities: ENTITIES });
  });

  afterAll(async () => {
    await stack?.stop();
    await sink?.close();
    await redis?.stop();
  });

  it('delivers every invitation after restarts, with duplicates at most the concurrency per kill', async () => {
    const db = stack.env['DATABASE_URL'] as string;
    const invited = () => count(db, 'select count(*) as n from entity_workflow');
    const started = Date.now();

    // Kill 1: during the fan-out (instances, audit rows, timers and invitations written in batches of 250).
    const first = stack.startWorker();
    await stack.ok('POST', `/api/dialogues/${YEAR}/launch`);
    await waitFor(async () => (await invited()) > 0, {
      what: 'the fan-out to start',
      timeoutMs: 60000,
      intervalMs: 20,
    });
    await kill9(first);
    const invitedAtKill1 = await invited();
    const mailsAtKill1 = sink.received.length;
    progress(`kill 1: ${invitedAtKill1} invited, ${mailsAtKill1} mails`);

    // The next worker takes the launch job over once its lock expires, and goes on where the fan-out stopped.
    const second = stack.startWorker();
    const restarted = Date.now();
    await waitFor(async () => (await invited()) > invitedAtKill1 || invitedAtKill1 === ENTITIES.length, {
      what: 'the fan-out to resume',
      timeoutMs: 120000,
      intervalMs: 50,
    });
    const resumedMs = Date.now() - restarted;

    // Kill 2: in the middle of sending, once the fan-out is complete. (A second crash while the launch job is still
    // running would be its second stall: BullMQ then fails the job for good, see the README's "Fault tests".)
    const ticker = setInterval(() => progress(`${sink.received.length} mails received`), 5000);
    await waitFor(
      async () => sink.received.length >= RECIPIENTS.length / 3 && (await invited()) === ENTITIES.length,
      {
        what: 'the whole fan-out and a third of the mails before the second kill',
        timeoutMs: 180000,
        intervalMs: 10,
      },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${stack.outputs()}`);
    });
    await kill9(second);
    const mailsAtKill2 = sink.received.length;

    stack.startWorker();
    const perRecipient = () => {
      const counts = new Map<string, number>();
      for (const mail of sink.received)
        for (const address of mail.rcptTo) counts.set(address, (counts.get(address) ?? 0) + 1);
      return counts;
    };
    await waitFor(
      () => {
        const counts = perRecipient();
        return RECIPIENTS.every((address) => (counts.get(address) ?? 0) >= 1);
      },
      { what: 'every recipient to have its invitation', timeoutMs: 240000, intervalMs: 250 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${stack.outputs()}`);
    });
    const allDeliveredMs = Date.now() - started;
    clearInterval(ticker);
    await waitFor(
      async () =>
        (await count(db, "select count(*) as n from mail where status = 'sent'")) === RECIPIENTS.length,
      { what: 'every mail row marked sent', timeoutMs: 60000 },
    );
    const counts = perRecipient();
    const duplicates = RECIPIENTS.reduce((sum, address) => sum + (counts.get(address) ?? 0) - 1, 0);
    const mailRows = await count(db, 'select count(*) as n from mail');
    const instances = await invited();

    reportCase('worker kill -9 during a 2,000-invitation launch', {
      entities: ENTITIES.length,
      'kill 1 (during fan-out)': `${invitedAtKill1}/${ENTITIES.length} entities invited, ${mailsAtKill1} mails received`,
      'fan-out resumed after': `${(resumedMs / 1000).toFixed(1)} s (the launch job's lock)`,
      'kill 2 (during sending)': `${mailsAtKill2}/${RECIPIENTS.length} mails received`,
      'after restart': `${RECIPIENTS.length}/${RECIPIENTS.length} recipients have their invitation in ${(allDeliveredMs / 1000).toFixed(1)} s`,
      'mail rows / instances': `${mailRows} / ${instances}`,
      duplicates: `${duplicates} (worker concurrency ${CONCURRENCY}, 2 kills)`,
    });
    expect(instances).toBe(ENTITIES.length);
    expect(mailRows).toBe(RECIPIENTS.length);
    expect(duplicates).toBeLessThanOrEqual(CONCURRENCY * 2);
  });
});
