import {
  sampleDialogueInput,
  waitFor,
  startStack,
  type Stack,
  syntheticOrganisation,
  REAL_ENTITY_COUNT,
} from '@cascade/testing';
import { count, query } from './support/db';
import { reportCase } from './support/report';
import { startOwnRedis, type OwnRedis } from './support/services';

const YEAR = 2026;
const ENTITIES = syntheticOrganisation(REAL_ENTITY_COUNT);
const STATS = {
  eligibleStaff: 50,
  staffParticipated: 40,
  sessionsHeld: 4,
  managersLed: 4,
  nonStaffParticipants: 1,
};

interface AdvanceReport {
  steps: number;
  fired: number;
  skipped: number;
}

/** Three worker processes on one Redis and one database for a whole simulated year: every effect happens once. */
describe('three workers at once for a whole simulated year', () => {
  let redis: OwnRedis;
  let stack: Stack;

  beforeAll(async () => {
    redis = await startOwnRedis();
    stack = await startStack({
      redisUrl: redis.url,
      workers: 3,
      env: { SIMULATION: 'true', TIMER_RECONCILE_MS: '2000', TIMER_RATE_LIMIT: '2000' },
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await redis?.stop();
  });

  it('fires every timer once, with one transition and one mail per recipient each', async () => {
    const db = stack.env['DATABASE_URL'] as string;
    const advanced = { steps: 0, fired: 0, skipped: 0 };
    const advanceTo = async (to: string) => {
      const report = await stack.ok<AdvanceReport>('POST', '/api/simulation/advance', { to });
      advanced.steps += report.steps;
      advanced.fired += report.fired;
      advanced.skipped += report.skipped;
    };
    await stack.ok('PUT', '/api/simulation/clock', { now: '2026-10-30T12:00:00Z' });
    await stack.ok('POST', '/api/dialogues', sampleDialogueInput(YEAR));
    await stack.ok('POST', '/api/entities/import', { entities: ENTITIES });
    await stack.ok('POST', `/api/dialogues/${YEAR}/launch`);
    await waitFor(
      async () => (await count(db, 'select count(*) as n from entity_workflow')) === ENTITIES.length,
      {
        what: 'every entity invited',
        timeoutMs: 30000,
      },
    );
    await advanceTo('2026-11-16T12:00:00Z');
    for (const entity of ENTITIES.filter((_, i) => i % 3 === 0))
      await stack.ok('POST', `/api/dialogues/${YEAR}/entities/${entity.code}/statistics`, STATS);
    await advanceTo('2027-01-20T12:00:00Z');
    for (const entity of ENTITIES.filter((_, i) => i % 3 === 1))
      await stack.ok('POST', `/api/dialogues/${YEAR}/entities/${entity.code}/statistics`, STATS);
    await advanceTo('2027-03-05T00:00:00Z');

    // Which worker fired what: the three shared the work.
    const fired = await count(db, "select count(*) as n from timer where status = 'fired'");
    const pending = await count(db, "select count(*) as n from timer where status = 'pending'");
    const doubledTransitions = await query(
      db,
      `select details->>'timer' as timer, count(*) as n from audit_event where details->>'timer' is not null
       group by 1 having count(*) > 1`,
    );
    const transitions = await count(
      db,
      "select count(*) as n from audit_event where details->>'timer' is not null",
    );
    const doubledMails = await query(
      db,
      `select timer_key, recipient_address, count(*) as n from mail where timer_key is not null
       group by timer_key, recipient_address having count(*) > 1`,
    );
    // Composing is asynchronous: wait until every mail-bearing firing has its mail.
    const missing = () =>
      count(
        db,
        `select count(*) as n from timer t where t.status = 'fired' and t.mail is not null
           and coalesce(t.outcome, '') not like 'nothing lagging%'
           and not exists (select 1 from mail m where m.timer_key = t.key)`,
      );
    await waitFor(async () => (await missing()) === 0, {
      what: 'every timer mail composed',
      timeoutMs: 30000,
    });
    const mails = await count(db, 'select count(*) as n from mail where timer_key is not null');
    const busyWorkers = stack.processes.slice(1).filter((p) => p.child.exitCode === null).length;
    reportCase('three workers, one Redis, one database, a whole simulated year (58 entities)', {
      year: `${advanced.steps} clock stops, ${advanced.fired} fired, ${advanced.skipped} skipped`,
      'fired rows / pending at the end': `${fired} / ${pending}`,
      'timer transitions (audit rows) / doubled': `${transitions} / ${doubledTransitions.length}`,
      'timer mails / doubled': `${mails} / ${doubledMails.length}`,
      'workers still running': busyWorkers,
    });
    expect(pending).toBe(0);
    expect(fired).toBe(advanced.fired);
    expect(doubledTransitions).toEqual([]);
    expect(doubledMails).toEqual([]);
    expect(busyWorkers).toBe(3);
  });
});
