import {
  sampleDialogueInput,
  waitFor,
  startStack,
  type Stack,
  syntheticOrganisation,
  REAL_ENTITY_COUNT,
} from '@cascade/testing';
import { progress, reportCase } from './support/report';
import { startOwnPostgres, startOwnRedis, type OwnPostgres, type OwnRedis } from './support/services';

const YEAR = 2026;
const ENTITIES = syntheticOrganisation(REAL_ENTITY_COUNT);
const CLIENTS = 4;
const DOWN_MS = 4000;

interface Attempt {
  code: string;
  /** Unique per request, so its row (if any) can be found. */
  eligibleStaff: number;
  status: number | 'network error' | 'timeout';
  body: unknown;
  /** The Retry-After header of the answer, if any. */
  retryAfter?: string | null;
  revision?: number;
  /** When the answer came. */
  at: number;
}

/**
 * Four clients submit statistics without pause while the PostgreSQL cluster under the api and the worker crashes
 * (`pg_ctl stop -m immediate`) and comes back. Every request either succeeded with its row written, or failed with
 * an error answer and wrote nothing; every entity is whole; api and worker go on without a restart.
 */
describe('PostgreSQL crashing and restarting during statistics submissions', () => {
  let redis: OwnRedis;
  let pg: OwnPostgres;
  let stack: Stack;

  beforeAll(async () => {
    redis = await startOwnRedis();
    pg = await startOwnPostgres();
    await pg.query('create database cascade');
    stack = await startStack({ redisUrl: redis.url, databaseUrl: pg.url('cascade'), workers: 1 });
    await stack.ok('POST', '/api/dialogues', sampleDialogueInput(YEAR));
    await stack.ok('POST', '/api/entities/import', { entities: ENTITIES });
    await stack.ok('POST', `/api/dialogues/${YEAR}/launch`);
    await waitFor(
      async () =>
        Number(
          (await pg.query<{ n: string }>('select count(*) as n from entity_workflow', [], 'cascade'))[0].n,
        ) === ENTITIES.length,
      { what: 'every entity invited', timeoutMs: 30000 },
    );
  });

  afterAll(async () => {
    await stack?.stop();
    await pg?.destroy();
    await redis?.stop();
  });

  it('answers every request with success or a clear error, leaves no entity half-written, and recovers', async () => {
    const attempts: Attempt[] = [];
    let sequence = 1000;
    let running = true;
    const submit = async (code: string): Promise<Attempt> => {
      const eligibleStaff = sequence++;
      const stats = {
        eligibleStaff,
        staffParticipated: 10,
        sessionsHeld: 2,
        managersLed: 1,
        nonStaffParticipants: 0,
      };
      try {
        const answer = await stack.call<{ revision?: number }>(
          'POST',
          `/api/dialogues/${YEAR}/entities/${code}/statistics`,
          stats,
          { timeoutMs: 20000 },
        );
        return {
          code,
          eligibleStaff,
          status: answer.status,
          body: answer.body,
          retryAfter: answer.headers.get('retry-after'),
          revision: answer.body?.revision,
          at: Date.now(),
        };
      } catch (error) {
        const timedOut = (error as Error).name === 'TimeoutError';
        return {
          code,
          eligibleStaff,
          status: timedOut ? 'timeout' : 'network error',
          body: String(error),
          at: Date.now(),
        };
      }
    };
    const client = async (n: number) => {
      const mine = ENTITIES.filter((_, i) => i % CLIENTS === n);
      for (let i = 0; running; i++) attempts.push(await submit(mine[i % mine.length].code));
    };
    const clients = Array.from({ length: CLIENTS }, (_, n) => client(n));
    // A Focal Point's page, asked while the database is down: it must say so in the reader's language.
    const [firstEntity] = ENTITIES;
    const { token } = await stack.ok<{ token: string }>(
      'POST',
      `/api/dialogues/${YEAR}/entities/${firstEntity.code}/tokens`,
      { role: 'focal-point', email: firstEntity.focalPoints[0].email },
    );
    const page = () => fetch(`${stack.base}/p/${encodeURIComponent(token)}?lang=fr`);

    await new Promise((resolve) => setTimeout(resolve, 3000));
    const beforeCrash = attempts.length;
    await pg.crash();
    const crashedAt = Date.now();
    progress(`PostgreSQL crashed after ${beforeCrash} submissions`);
    const pageWhileDown = await page();
    const pageWhileDownHtml = await pageWhileDown.text();
    await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
    await pg.start();
    const backAt = Date.now();
    progress(`PostgreSQL back after ${((backAt - crashedAt) / 1000).toFixed(1)} s`);
    // The api answers again without a restart: the first success after the cluster came back.
    const firstSuccess = await waitFor(
      () => attempts.find((a) => a.at > backAt && typeof a.status === 'number' && a.status < 300) ?? null,
      { what: 'a successful submission after the restart', timeoutMs: 60000, intervalMs: 50 },
    );
    if (!firstSuccess) throw new Error('unreachable: waitFor resolves with a truthy value');
    const recoveredMs = firstSuccess.at - backAt;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    running = false;
    await Promise.all(clients);
    const duringOutage = attempts.filter((a) => a.at > crashedAt && a.at < backAt);

    // Every process is the one started at the beginning, and each entity takes one more submission.
    expect(stack.processes.every((p) => p.child.exitCode === null && p.child.signalCode === null)).toBe(true);
    const health = await stack.call<{ status: string }>('GET', '/health');
    const finals = await Promise.all(ENTITIES.map((e) => submit(e.code)));
    attempts.push(...finals);
    // The worker's connections recovered too: a late entity's invitation is composed by it.
    await stack.ok('POST', `/api/dialogues/${YEAR}/entities`, {
      ...syntheticOrganisation(1)[0],
      code: 'LATE-AFTER-CRASH',
      headEmail: 'head@late-after-crash.example.org',
      focalPoints: [{ name: 'Late Focal', email: 'focal@late-after-crash.example.org', language: 'en' }],
    });
    await waitFor(
      async () =>
        Number(
          (
            await pg.query<{ n: string }>(
              "select count(*) as n from mail where entity_code = 'LATE-AFTER-CRASH'",
              [],
              'cascade',
            )
          )[0].n,
        ) === 2,
      { what: 'the worker to compose the late invitation after the restart', timeoutMs: 30000 },
    );

    // What is in the database.
    const rows = await pg.query<{ code: string; eligible_staff: number; revision: number }>(
      `select e.code, s.eligible_staff, s.revision from statistics s
       join entity_workflow w on w.id = s.workflow_id join entity e on e.id = w.entity_id`,
      [],
      'cascade',
    );
    const written = new Map(rows.map((r) => [r.eligible_staff, r]));
    const succeeded = attempts.filter((a) => typeof a.status === 'number' && a.status < 300);
    const failed = attempts.filter((a) => !(typeof a.status === 'number' && a.status < 300));
    const successWithoutRow = succeeded.filter(
      (a) =>
        written.get(a.eligibleStaff)?.revision !== a.revision ||
        written.get(a.eligibleStaff)?.code !== a.code,
    );
    const failedButWritten = failed.filter((a) => written.has(a.eligibleStaff));
    const unclear = failed.filter(
      (a) =>
        typeof a.status !== 'number' ||
        a.status < 500 ||
        typeof (a.body as { message?: unknown })?.message !== 'string',
    );
    const byStatus = failed.reduce<Record<string, number>>((acc, a) => {
      const key = `${a.status} ${(a.body as { message?: string })?.message ?? ''}`.trim();
      acc[key] = (acc[key] ?? 0) + 1;
      return acc;
    }, {});

    // Every entity whole: revisions 1..n without a gap, one audit row per revision, state and timestamp agree.
    const broken = await pg.query<{ code: string }>(
      `select e.code from entity_workflow w join entity e on e.id = w.entity_id
       left join lateral (select count(*) as n, coalesce(max(revision), 0) as top from statistics s where s.workflow_id = w.id) s on true
       left join lateral (select count(*) as n from audit_event a where a.workflow_id = w.id and a.event = 'submit-statistics') a on true
       where s.n <> s.top or s.n <> a.n
          or (s.n > 0) <> (w.statistics_submitted_at is not null)
          or (s.n > 0) <> (w.state = 'stats-submitted')`,
      [],
      'cascade',
    );

    reportCase('PostgreSQL crash (immediate stop) and restart during statistics submissions', {
      'requests in all': attempts.length,
      'before the crash': beforeCrash,
      'PostgreSQL down': `${((backAt - crashedAt) / 1000).toFixed(1)} s`,
      'answers while it was down': `${duringOutage.length}, ${duringOutage.filter((a) => a.status === 503).length} of them 503`,
      'first success after it came back': `${(recoveredMs / 1000).toFixed(2)} s`,
      succeeded: succeeded.length,
      failed: `${failed.length}: ${Object.entries(byStatus)
        .map(([k, n]) => `${n} × ${k}`)
        .join('; ')}`,
      'succeeded without their row': successWithoutRow.length,
      'failed but written': failedButWritten.length,
      'failed without a clear error answer': unclear.length,
      'entities half-written': broken.length,
      'Focal Point page while it was down': `${pageWhileDown.status}, Retry-After ${pageWhileDown.headers.get('retry-after')}`,
      'health after': health.status,
      'processes restarted': 0,
    });
    expect(failed.length).toBeGreaterThan(0);
    expect(successWithoutRow).toEqual([]);
    expect(failedButWritten).toEqual([]);
    expect(unclear).toEqual([]);
    // The database being away is said as such (503, retry later), never as the api's own failure (500).
    expect(Object.keys(byStatus)).toEqual([
      '503 the database did not answer (it may be restarting); try again in a moment',
    ]);
    expect(failed.every((a) => a.retryAfter === '5')).toBe(true);
    expect([pageWhileDown.status, pageWhileDown.headers.get('retry-after')]).toEqual([503, '5']);
    expect(pageWhileDownHtml).toContain('Le service est momentanément indisponible');
    expect((await page()).status).toBe(200);
    expect(broken).toEqual([]);
    expect(health.status).toBe(200);
    expect(finals.every((a) => a.status === 201 || a.status === 200)).toBe(true);
  });
});
