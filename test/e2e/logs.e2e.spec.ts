import {
  sampleDialogueInput,
  startSmtpSink,
  startStack,
  waitFor,
  type ReceivedMail,
  type SmtpSink,
  type Stack,
} from '@cascade/testing';
import { ADMIN, ConsoleClient, createConsoleAccount } from './support/console';

const YEAR = new Date().getUTCFullYear();
const TRACE = 'e2e-launch-trace-0001';
const ENTITY = {
  code: 'LOG',
  name: 'Office of Log Reading',
  kind: 'office',
  dutyStation: 'Geneva',
  timeZone: 'Europe/Zurich',
  language: 'en',
  headName: 'Head of LOG',
  headEmail: 'head@log.example.org',
  focalPoints: [{ name: 'Lou Focal', email: 'focal@log.example.org', language: 'en' }],
};

interface LogLine {
  level: number;
  name: string;
  msg?: string;
  trace?: string;
  job?: string;
  req?: { id?: string; method?: string; url?: string };
}

/**
 * A run's logs, read as an operator would (issue 20, point 2): JSON lines, each request and each job with its
 * trace from the HTTP request through the outbox to the job, and never a token, a password, a key or a personal
 * link, whatever the level.
 */
describe('the logs of a run (sqlite, LOG_FORMAT=json, LOG_LEVEL=verbose)', () => {
  let stack: Stack;
  let sink: SmtpSink;

  const lines = (): LogLine[] =>
    stack.processes
      .flatMap((p) => p.output().split('\n'))
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);

  beforeAll(async () => {
    sink = await startSmtpSink();
    stack = await startStack({
      driver: 'sqlite',
      workers: 1,
      env: {
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'verbose',
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        SMTP_IGNORE_TLS: 'true',
        MAIL_FROM: 'Ethics Office <ethics-office@un.example.org>',
        PORTAL_SECRET: 'e2e-portal-secret-0123456789abcdefghij',
      },
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await sink?.close();
  });

  it('follows a launch from its request through the outbox to the worker’s job, in JSON lines', async () => {
    expect((await stack.call('POST', '/api/dialogues', sampleDialogueInput(YEAR))).status).toBe(201);
    expect((await stack.call('POST', '/api/entities/import', { entities: [ENTITY] })).status).toBe(201);
    const launch = await fetch(`${stack.base}/api/dialogues/${YEAR}/launch`, {
      method: 'POST',
      headers: { 'x-api-key': stack.env['ADMIN_API_KEY'] as string, 'x-request-id': TRACE },
    });
    expect([launch.status, launch.headers.get('x-request-id')]).toEqual([202, TRACE]);
    // A request id that is not a plain one is replaced, not echoed.
    const odd = await fetch(`${stack.base}/health/live`, { headers: { 'x-request-id': 'a b<script>' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    await waitFor(() => sink.received.length >= 2, { what: 'the two invitations' });
    const traced = await waitFor(
      () => {
        const worker = lines().filter((l) => l.name === 'worker' && l.trace === TRACE);
        return worker.length > 0 ? worker : null;
      },
      { what: 'a worker log line in the launch request’s trace' },
    );
    // The job that carried the launch on names itself, and the request's own line names the request.
    expect(traced?.some((l) => l.job?.startsWith('lifecycle:'))).toBe(true);
    expect(
      lines().some(
        (l) => l.name === 'api' && l.req?.id === TRACE && l.req.url === `/api/dialogues/${YEAR}/launch`,
      ),
    ).toBe(true);
  });

  it('never logs a token, a personal link, a password or the API key', async () => {
    const invitation = sink.received.find((m) =>
      m.rcptTo.includes(ENTITY.focalPoints[0].email),
    ) as ReceivedMail;
    const link = /https?:\/\/[^\s"<]+\/p\/([A-Za-z0-9_-]{20,})/.exec(invitation.parsed.text ?? '');
    expect(link).not.toBeNull();
    const [personalLink, token] = [link?.[0] as string, link?.[1] as string];
    // The Focal Point opens the page and uses the JSON API with the token in the path.
    expect((await fetch(`${personalLink}?lang=fr`)).status).toBe(200);
    expect((await fetch(`${stack.base}/api/portal/${token}`)).status).toBe(200);
    // A submission without a body is refused (400), and logged like any other.
    expect((await fetch(`${stack.base}/api/portal/${token}/statistics`, { method: 'POST' })).status).toBe(
      400,
    );
    // An admin logs in to the console, and a wrong password is tried.
    await createConsoleAccount(stack, ADMIN, 'admin');
    expect((await new ConsoleClient(stack.base).login(ADMIN)).status).toBe(302);
    await new ConsoleClient(stack.base).login({
      email: ADMIN.email,
      password: 'wrong-password-for-the-logs',
    });

    await waitFor(() => lines().some((l) => l.req?.url === '/api/portal/[token]/statistics'), {
      what: 'the portal request in the logs',
    });
    const everything = stack.processes.map((p) => p.output()).join('\n');
    for (const secret of [
      token,
      ADMIN.password,
      'wrong-password-for-the-logs',
      stack.env['ADMIN_API_KEY'] as string,
      stack.env['PORTAL_SECRET'] as string,
    ])
      expect([secret, everything.includes(secret)]).toEqual([secret, false]);
    // The pages were logged, by their pattern.
    expect(lines().some((l) => l.req?.url === '/p/[token]?lang=fr')).toBe(true);
  });
});
