import { sampleDialogueInput, startStack, testDrivers, waitFor, type Stack } from '@cascade/testing';
import { ENTITIES_CSV } from './support/demo-entities';
import type { AuditView, DialogueSummary, EntityView, LaunchStatus, Problem } from './support/views';

const YEAR = new Date().getFullYear();
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

type SessionAnswer = EntityView & { session: { sizeWarning: string } };

describe.each(testDrivers())('the dialogue lifecycle through the built api and worker (%s)', (driver) => {
  let stack: Stack;
  let base: string;
  let prefix: string;
  let call: Stack['call'];

  const stateOf = async (code: string) =>
    (await call<EntityView>('GET', `/api/dialogues/${YEAR}/entities/${code}`)).body;

  beforeAll(async () => {
    stack = await startStack({ driver });
    ({ base, prefix, call } = stack);
  });

  afterAll(() => stack?.stop());

  it('reports a healthy, migrated database, Redis and queues, and publishes OpenAPI at /docs', async () => {
    const health = await (await fetch(`${base}/health`)).json();
    const up = { status: 'up' };
    expect(health).toEqual({ status: 'ok', checks: { database: up, migrations: up, redis: up, queues: up } });
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
    const response = await call<Problem>('POST', '/api/simulation/advance', { days: 30 });
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
    const bad = await call<Problem>('POST', '/api/dialogues', { ...body, year: 'soon' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { field: string }) => i.field)).toContain('year');
  });

  it('imports the 58 entities from CSV, and a bad file imports nothing', async () => {
    const bad = await call<Problem>(
      'POST',
      '/api/entities/import',
      ENTITIES_CSV + 'ZZ,Zed,office,Nowhere,Not/AZone,xx,5,,\n',
      { contentType: 'text/csv' },
    );
    expect(bad.status).toBe(422);
    expect(bad.body.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 60, field: 'timezone' }),
        expect.objectContaining({ row: 60, field: 'language' }),
      ]),
    );
    expect((await call('GET', '/api/entities')).body).toHaveLength(0);

    const { status, body } = await call('POST', '/api/entities/import', ENTITIES_CSV, {
      contentType: 'text/csv',
    });
    expect({ status, body }).toEqual({ status: 201, body: { created: 58, updated: 0, total: 58 } });
  });

  it('launches through Redis: nothing is invited until a worker takes the fan-out job', async () => {
    const launched = await call<{ entitiesToInvite: number; status: string }>(
      'POST',
      `/api/dialogues/${YEAR}/launch`,
    );
    expect(launched.status).toBe(202);
    expect(launched.body.entitiesToInvite).toBe(58);
    // The 202 links the launch's status, which follows the worker's invitations.
    const statusUrl = `/api/dialogues/${YEAR}/launch`;
    expect([launched.body.status, launched.headers.get('location')]).toEqual([statusUrl, statusUrl]);
    const launchStatus = async () => (await call<LaunchStatus>('GET', statusUrl)).body;
    expect(await launchStatus()).toMatchObject({
      state: 'inviting',
      entitiesToInvite: 58,
      invited: 0,
      progress: 0,
    });
    expect((await call('POST', `/api/dialogues/${YEAR}/launch`)).status).toBe(409);

    const jobKey = (await stack.redis().keys(`${prefix}:lifecycle:launch.*`)).find((k) =>
      /launch\.\d+$/.test(k),
    );
    expect(jobKey).toBeDefined();
    expect((await call<DialogueSummary>('GET', `/api/dialogues/${YEAR}`)).body.entities).toBe(0);

    const worker = stack.startWorker();
    const invited = await waitFor(
      async () => {
        const { body } = await call<DialogueSummary>('GET', `/api/dialogues/${YEAR}`);
        return body.byState.invited === 58 ? body : null;
      },
      { what: '58 invited entities', timeoutMs: 30000 },
    ).catch((error) => {
      throw new Error(`${error.message}\nworker output:\n${worker.output()}`);
    });
    expect(invited?.entities).toBe(58);
    const jobId = (jobKey as string).slice(`${prefix}:lifecycle:`.length);
    await waitFor(async () => (await stack.redis().zscore(`${prefix}:lifecycle:completed`, jobId)) !== null, {
      what: 'the launch job to complete in Redis',
    });
    // Every invitation left as a mail job through the outbox.
    await waitFor(
      async () => (await stack.redis().keys(`${prefix}:mail:mail.*.invite.invitation`)).length === 58,
      {
        what: '58 invitation mail jobs in Redis',
      },
    );
    expect(await launchStatus()).toMatchObject({
      state: 'invited',
      entitiesToInvite: 58,
      invited: 58,
      progress: 1,
    });
    // Composed mails are counted by delivery status (one per Focal Point and Head of each entity).
    expect((await call('GET', `/api/dialogues/${YEAR + 40}/launch`)).status).toBe(404);
  });

  it('records a session, takes statistics, adds a late entity and issues the report', async () => {
    const session = await call<SessionAnswer>('POST', `/api/dialogues/${YEAR}/entities/DPPA/sessions`, {
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
    const rejected = await call<Problem>('POST', `/api/dialogues/${YEAR}/entities/DOS/statistics`, {
      ...stats,
      staffParticipated: 900,
    });
    expect(rejected.status).toBe(422);
    expect(rejected.body.issues[0].field).toBe('staffParticipated');
    expect((await stateOf('DOS')).state).toBe('invited');
    const submitted = await call<EntityView>('POST', `/api/dialogues/${YEAR}/entities/DOS/statistics`, stats);
    expect(submitted.status).toBe(201);
    expect(submitted.body.state).toBe('stats-submitted');

    const late = await call<EntityView & { lateAdded: boolean }>('POST', `/api/dialogues/${YEAR}/entities`, {
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

    const withdrawn = await call<EntityView>('POST', `/api/dialogues/${YEAR}/entities/EOSG/withdraw`, {
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
    // Statistics after the report are kept (flagged late) but change neither the state nor the issued report.
    const issued = await call<{ totals: { completed: number } }>('GET', `/api/dialogues/${YEAR}/report`);
    const tooLate = await call<{ state: string; revision: number }>(
      'POST',
      `/api/dialogues/${YEAR}/entities/DPPA/statistics`,
      stats,
    );
    expect(tooLate.status).toBe(201);
    expect(tooLate.body.state).toBe('not-completed');
    expect((await call('GET', `/api/dialogues/${YEAR}/report`)).body).toEqual(issued.body);
    const fromWithdrawn = await call<Problem>(
      'POST',
      `/api/dialogues/${YEAR}/entities/EOSG/statistics`,
      stats,
    );
    expect(fromWithdrawn.status).toBe(409);
    expect(fromWithdrawn.body.error).toBe('InvalidTransition');
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
    const trail = (await call<AuditView[]>('GET', `/api/dialogues/${YEAR}/audit?limit=1000`)).body;
    const events = trail.map((a: { event: string }) => a.event);
    expect(events.filter((e: string) => e === 'invite')).toHaveLength(59);
    expect(events).toEqual(
      expect.arrayContaining(['create-dialogue', 'launch', 'issue-report', 'record-session']),
    );
  });
});
