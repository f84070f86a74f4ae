import fs from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
import {
  clearQueuePrefix,
  createTestDatabase,
  freePort,
  runBuilt,
  sampleDialogueInput,
  startBuilt,
  testDrivers,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  waitFor,
  WORKFLOWS_DIR,
  type RunningProcess,
  type TestDatabase,
} from '@cascade/testing';

const ENTITIES_CSV = fs.readFileSync(
  path.resolve(__dirname, '../../libs/persistence/seed/entities.csv'),
  'utf8',
);
const API_KEY = 'e2e-admin-key-0123456789abcdef';
const YEAR = new Date().getFullYear();
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

describe.each(testDrivers())('the dialogue lifecycle through the built api and worker (%s)', (driver) => {
  let database: TestDatabase;
  let prefix: string;
  let env: NodeJS.ProcessEnv;
  let base: string;
  let api: RunningProcess;
  let worker: RunningProcess | undefined;
  let redis: Redis;

  async function call(method: string, url: string, body?: unknown, contentType = 'application/json') {
    const response = await fetch(base + url, {
      method,
      headers: { 'x-api-key': API_KEY, ...(body === undefined ? {} : { 'content-type': contentType }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  const stateOf = async (code: string) => (await call('GET', `/api/dialogues/${YEAR}/entities/${code}`)).body;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    prefix = uniqueQueuePrefix();
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
    };
    redis = new Redis(TEST_REDIS_URL);
    await runBuilt('cli', env, ['db:migrate']);
    api = startBuilt('api', env);
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
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    redis?.disconnect();
    await clearQueuePrefix(prefix);
    await database?.drop();
  });

  it('reports healthy database and Redis, and publishes OpenAPI at /docs', async () => {
    const health = await (await fetch(`${base}/health`)).json();
    expect(health).toEqual({ status: 'ok', checks: { database: { status: 'up' }, redis: { status: 'up' } } });
    const openapi = (await (await fetch(`${base}/docs/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/dialogues', '/api/dialogues/{year}/launch', '/api/entities/import']),
    );
  });

  it('refuses admin calls without the API key', async () => {
    const response = await fetch(`${base}/api/dialogues`);
    expect(response.status).toBe(401);
  });

  it('keeps the simulation clock off unless SIMULATION=true', async () => {
    const response = await call('POST', '/api/simulation/advance', { days: 30 });
    expect(response.status).toBe(403);
    expect(response.body.message).toMatch(/SIMULATION=true/);
  });

  it('creates a dialogue with the default dates and refuses a second one for the same year', async () => {
    const body = sampleDialogueInput(YEAR);
    const created = await call('POST', '/api/dialogues', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      year: YEAR,
      statisticsDeadline: `${YEAR}-12-31`,
      workflow: { id: 'leadership-dialogue', version: 1 },
    });
    expect((await call('POST', '/api/dialogues', body)).status).toBe(409);
    const bad = await call('POST', '/api/dialogues', { ...body, year: 'soon' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { field: string }) => i.field)).toContain('year');
  });

  it('imports the 58 entities from CSV, and a bad file imports nothing', async () => {
    const bad = await call(
      'POST',
      '/api/entities/import',
      ENTITIES_CSV + 'ZZ,Zed,office,Nowhere,Not/AZone,xx,5\n',
      'text/csv',
    );
    expect(bad.status).toBe(422);
    expect(bad.body.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 60, field: 'timezone' }),
        expect.objectContaining({ row: 60, field: 'language' }),
      ]),
    );
    expect((await call('GET', '/api/entities')).body).toHaveLength(0);

    const imported = await call('POST', '/api/entities/import', ENTITIES_CSV, 'text/csv');
    expect(imported).toEqual({ status: 201, body: { created: 58, updated: 0, total: 58 } });
  });

  it('launches through Redis: nothing is invited until a worker takes the fan-out job', async () => {
    const launched = await call('POST', `/api/dialogues/${YEAR}/launch`);
    expect(launched.status).toBe(202);
    expect(launched.body.entitiesToInvite).toBe(58);
    expect((await call('POST', `/api/dialogues/${YEAR}/launch`)).status).toBe(409);

    const jobKey = (await redis.keys(`${prefix}:lifecycle:launch.*`)).find((k) => /launch\.\d+$/.test(k));
    expect(jobKey).toBeDefined();
    expect((await call('GET', `/api/dialogues/${YEAR}`)).body.entities).toBe(0);

    worker = startBuilt('worker', env);
    const invited = await waitFor(
      async () => {
        const { body } = await call('GET', `/api/dialogues/${YEAR}`);
        return body.byState.invited === 58 ? body : null;
      },
      { what: '58 invited entities', timeoutMs: 30000 },
    ).catch((error) => {
      throw new Error(`${error.message}\nworker output:\n${worker?.output()}`);
    });
    expect(invited.entities).toBe(58);
    const jobId = (jobKey as string).slice(`${prefix}:lifecycle:`.length);
    await waitFor(async () => (await redis.zscore(`${prefix}:lifecycle:completed`, jobId)) !== null, {
      what: 'the launch job to complete in Redis',
    });
    // Every invitation left as a mail job through the outbox.
    await waitFor(async () => (await redis.keys(`${prefix}:mail:mail.*.invite.invitation`)).length === 58, {
      what: '58 invitation mail jobs in Redis',
    });
  });

  it('records a session, takes statistics, adds a late entity and issues the report', async () => {
    const session = await call('POST', `/api/dialogues/${YEAR}/entities/DPPA/sessions`, {
      leaderEmail: 'head@dppa.example.org',
      heldOn: yesterday,
      language: 'fr',
      participants: 8,
    });
    expect(session.status).toBe(201);
    expect(session.body).toMatchObject({
      state: 'cascading',
      transition: { from: 'invited', to: 'cascading' },
    });
    expect(session.body.session.sizeWarning).toMatch(/below the ideal 10–25/);

    const stats = {
      eligibleStaff: 780,
      staffParticipated: 700,
      sessionsHeld: 40,
      managersLed: 38,
      nonStaffParticipants: 12,
    };
    const rejected = await call('POST', `/api/dialogues/${YEAR}/entities/DOS/statistics`, {
      ...stats,
      staffParticipated: 900,
    });
    expect(rejected.status).toBe(422);
    expect(rejected.body.issues[0].field).toBe('staffParticipated');
    expect((await stateOf('DOS')).state).toBe('invited');
    const submitted = await call('POST', `/api/dialogues/${YEAR}/entities/DOS/statistics`, stats);
    expect(submitted.status).toBe(201);
    expect(submitted.body.state).toBe('stats-submitted');

    const late = await call('POST', `/api/dialogues/${YEAR}/entities`, {
      code: 'NEWOFF',
      name: 'New Office left off the list',
      kind: 'office',
      dutyStation: 'Geneva',
      timeZone: 'Europe/Zurich',
      language: 'fr',
      focalPoints: [{ name: 'Point Focal', email: 'pf@newoff.example.org' }],
    });
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ state: 'invited', lateAdded: true });
    expect(late.body.accommodatedDeadline >= `${YEAR}-12-31`).toBe(true);

    const withdrawn = await call('POST', `/api/dialogues/${YEAR}/entities/EOSG/withdraw`, {
      reason: 'merged into another entity',
    });
    expect(withdrawn.body.state).toBe('withdrawn');

    const report = await call('POST', `/api/dialogues/${YEAR}/report`);
    expect(report.status).toBe(201);
    expect(report.body).toMatchObject({
      version: 1,
      totals: { entities: 59, completed: 1, eligibleStaff: 780, staffParticipated: 700 },
    });

    expect((await stateOf('DOS')).state).toBe('reported');
    expect((await stateOf('DPPA')).state).toBe('not-completed');
    expect((await stateOf('NEWOFF')).state).toBe('not-completed');
    expect((await stateOf('EOSG')).state).toBe('withdrawn');
    const tooLate = await call('POST', `/api/dialogues/${YEAR}/entities/DPPA/statistics`, stats);
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.error).toBe('InvalidTransition');
  });

  it('keeps an audit trail of every transition: who, when, from, to, why', async () => {
    const dos = await stateOf('DOS');
    expect(
      dos.audit.map((a: { event: string; from: string; to: string; actor: string }) => [
        a.event,
        a.from,
        a.to,
        a.actor,
      ]),
    ).toEqual([
      ['invite', 'pending', 'invited', 'system: worker'],
      ['submit-statistics', 'invited', 'stats-submitted', 'admin (API key)'],
      ['issue-report', 'stats-submitted', 'reported', 'admin (API key)'],
    ]);
    const eosg = await stateOf('EOSG');
    expect(eosg.audit.find((a: { event: string }) => a.event === 'withdraw')).toMatchObject({
      reason: 'merged into another entity',
    });
    const trail = (await call('GET', `/api/dialogues/${YEAR}/audit?limit=1000`)).body;
    const events = trail.map((a: { event: string }) => a.event);
    expect(events.filter((e: string) => e === 'invite')).toHaveLength(59);
    expect(events).toEqual(
      expect.arrayContaining(['create-dialogue', 'launch', 'issue-report', 'record-session']),
    );
  });
});
