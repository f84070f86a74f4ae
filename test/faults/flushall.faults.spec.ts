import {
  sampleDialogueInput,
  waitFor,
  startStack,
  type Stack,
  syntheticOrganisation,
  REAL_ENTITY_COUNT,
} from '@cascade/testing';
import { count, query } from './support/db';
import { progress, reportCase } from './support/report';
import { startOwnRedis, type OwnRedis } from './support/services';

const YEAR = 2026;
const ENTITIES = syntheticOrganisation(REAL_ENTITY_COUNT); // the 58 real entities
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

describe('FLUSHALL in the middle of a simulated year, two workers', () => {
  let redis: OwnRedis;
  let stack: Stack;
  const advanced = { steps: 0, fired: 0, skipped: 0 };

  beforeAll(async () => {
    redis = await startOwnRedis();
    stack = await startStack({
      redisUrl: redis.url,
      workers: 2,
      env: { SIMULATION: 'true', TIMER_RECONCILE_MS: '1000', TIMER_RATE_LIMIT: '2000' },
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await redis?.stop();
  });

  async function advanceTo(to: string) {
    const report = await stack.ok<AdvanceReport>('POST', '/api/simulation/advance', { to });
    advanced.steps += report.steps;
    advanced.fired += report.fired;
    advanced.skipped += report.skipped;
  }

  it('restores every pending timer (none lost, none doubled) and the year ends with every timer fired once', async () => {
    const db = stack.env['DATABASE_URL'] as string;
    const prefix = stack.env['QUEUE_PREFIX'] as string;
    const client = redis.client();
    const pendingKeys = async () =>
      (await query<{ key: string }>(db, "select key from timer where status = 'pending' order by key")).map(
        (r) => r.key,
      );
    const timerJobs = async () => ({
      delayed: (await client.zrange(`${prefix}:timers:delayed`, 0, -1)).sort(),
      waiting: await client.llen(`${prefix}:timers:wait`),
    });
    try {
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
      // A quarter submits early: their reminders are cancelled, the others' stay pending.
      for (const entity of ENTITIES.filter((_, i) => i % 4 === 0))
        await stack.ok('POST', `/api/dialogues/${YEAR}/entities/${entity.code}/statistics`, STATS);
      await advanceTo('2026-12-15T12:00:00Z');

      const before = await pendingKeys();
      await waitFor(async () => (await timerJobs()).delayed.length === before.length, {
        what: 'Redis to mirror every pending timer before the flush',
      });
      expect((await timerJobs()).delayed).toEqual(before);

      const flushedAt = Date.now();
      await client.flushall();
      progress(`FLUSHALL with ${before.length} timers pending`);
      const restored = await waitFor(
        async () => {
          const jobs = await timerJobs();
          return jobs.delayed.length >= before.length ? jobs : null;
        },
        { what: 'the reconciler to restore the timers', timeoutMs: 30000, intervalMs: 100 },
      );
      if (!restored) throw new Error('unreachable: waitFor resolves with a truthy value');
      const restoredMs = Date.now() - flushedAt;
      // Two more reconciler passes of each worker: nothing is added twice.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const settled = await timerJobs();
      const pendingNow = await pendingKeys();
      const lost = pendingNow.filter((k) => !settled.delayed.includes(k));
      const extra = settled.delayed.filter((k) => !pendingNow.includes(k));

      await advanceTo('2027-03-05T00:00:00Z');
      const pendingAtEnd = await count(db, "select count(*) as n from timer where status = 'pending'");
      const fired = await count(db, "select count(*) as n from timer where status = 'fired'");
      // Every fired mail-bearing timer composed its mail once per recipient.
      const doubledMails = await query(
        db,
        `select timer_key, recipient_address, count(*) as n from mail where timer_key is not null
         group by timer_key, recipient_address having count(*) > 1`,
      );
      const withoutMail = await count(
        db,
        `select count(*) as n from timer t where t.status = 'fired' and t.mail is not null
           and coalesce(t.outcome, '') not like 'nothing lagging%'
           and not exists (select 1 from mail m where m.timer_key = t.key)`,
      );
      reportCase('FLUSHALL in the middle of a simulated year (58 entities, 2 workers)', {
        'flushed at': '2026-12-15 (virtual), every queue idle',
        'pending timers at the flush': before.length,
        'restored jobs': `${restored.delayed.length} in ${(restoredMs / 1000).toFixed(1)} s (TIMER_RECONCILE_MS=1000)`,
        'lost / extra after 2.5 s more': `${lost.length} / ${extra.length}`,
        'year completed': `${advanced.steps} clock stops, ${advanced.fired} fired, ${advanced.skipped} skipped`,
        'fired rows / pending at the end': `${fired} / ${pendingAtEnd}`,
        'timer mails doubled / missing': `${doubledMails.length} / ${withoutMail}`,
      });
      expect(restored.delayed).toEqual(before);
      expect(restored.waiting).toBe(0);
      expect([lost, extra]).toEqual([[], []]);
      expect(pendingAtEnd).toBe(0);
      expect(fired).toBe(advanced.fired);
      expect(doubledMails).toEqual([]);
      expect(withoutMail).toBe(0);
    } finally {
      client.disconnect();
    }
  });
});
