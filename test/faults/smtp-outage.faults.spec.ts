import {
  sampleDialogueInput,
  startSmtpSink,
  waitFor,
  type ReceivedMail,
  type SmtpSink,
  startStack,
  type Stack,
  syntheticOrganisation,
  REAL_ENTITY_COUNT,
} from '@cascade/testing';
import { count, query } from './support/db';
import { progress, reportCase } from './support/report';
import { startOwnRedis, type OwnRedis } from './support/services';

const YEAR = 2026;
const ENTITIES = syntheticOrganisation(REAL_ENTITY_COUNT);
const RECIPIENTS = ENTITIES.flatMap((e) => [e.headEmail, e.focalPoints[0].email]);
const OUTAGE_MS = 12000;

describe('the SMTP server refusing connections for a while', () => {
  let redis: OwnRedis;
  let sink: SmtpSink;
  let stack: Stack;
  const received: ReceivedMail[] = [];

  beforeAll(async () => {
    redis = await startOwnRedis();
    sink = await startSmtpSink({}, 0, { acceptDelayMs: 50 });
    stack = await startStack({
      redisUrl: redis.url,
      workers: 1,
      env: {
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        SMTP_IGNORE_TLS: 'true',
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

  it('delivers every mail once the server is back', async () => {
    const db = stack.env['DATABASE_URL'] as string;
    await stack.ok('POST', `/api/dialogues/${YEAR}/launch`);
    await waitFor(() => sink.received.length >= 20, {
      what: '20 mails before the outage',
      timeoutMs: 60000,
      intervalMs: 10,
    });
    const port = sink.port;
    await sink.close(); // from now on: connection refused
    received.push(...sink.received);
    const atOutage = received.length;
    progress(`SMTP down after ${atOutage} mails`);
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    const retriedDuringOutage = await count(
      db,
      "select count(*) as n from mail where status = 'queued' and attempts > 0",
    );
    const backAt = Date.now();
    sink = await startSmtpSink({}, port);
    progress('SMTP back on the same port');
    const all = () => [...received, ...sink.received];
    await waitFor(() => RECIPIENTS.every((address) => all().some((mail) => mail.rcptTo.includes(address))), {
      what: 'every recipient to have its invitation',
      timeoutMs: 120000,
      intervalMs: 200,
    }).catch((error: Error) => {
      throw new Error(`${error.message}\n${stack.outputs()}`);
    });
    const recoveredMs = Date.now() - backAt;
    await waitFor(
      async () =>
        (await count(db, "select count(*) as n from mail where status = 'sent'")) === RECIPIENTS.length,
      { what: 'every mail marked sent', timeoutMs: 30000 },
    );
    const [attempts] = await query<{ max: number; retried: string }>(
      db,
      'select max(attempts) as max, count(*) filter (where attempts > 1) as retried from mail',
    );
    const duplicates = all().length - RECIPIENTS.length;
    reportCase('SMTP refusing connections for 12 s during the launch mails', {
      mails: RECIPIENTS.length,
      'received before the outage': atOutage,
      'mails with a failed attempt during it': retriedDuringOutage,
      'all delivered': `${(recoveredMs / 1000).toFixed(1)} s after the server came back`,
      'mails retried / most attempts': `${attempts.retried} / ${attempts.max}`,
      'failed mails': 0,
      duplicates,
    });
    expect(retriedDuringOutage).toBeGreaterThan(0);
    expect(await count(db, "select count(*) as n from mail where status = 'failed'")).toBe(0);
    expect(duplicates).toBeLessThanOrEqual(5);
  });
});
