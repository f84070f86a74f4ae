import {
  sampleDialogueInput,
  waitFor,
  startStack,
  type Stack,
  syntheticOrganisation,
} from '@cascade/testing';
import { count, query } from './support/db';
import { progress, reportCase } from './support/report';
import { startOwnRedis, type OwnRedis } from './support/services';

const YEAR = 2026;
// Friday 30 October 2026, 08:59:30 in New York: the Ethics Office's first digest is due 30 s later (09:00).
const CLOCK = '2026-10-30T12:59:30.000Z';
const FIRST_DUE = '2026-10-30T13:00:00.000Z';

/**
 * A delayed timer is pending, the worker is idle (nothing else to do), and the Redis under the queues restarts.
 * With an append-only file the job comes back with Redis; without persistence (like the machine's Redis) it is
 * gone, and the worker's reconciler adds it again. Either way the timer fires, once.
 */
describe.each([
  ['Redis with an append-only file (the job survives the restart)', true],
  ['Redis without persistence (the job is lost; the reconciler restores it)', false],
])('%s', (name, persist) => {
  let redis: OwnRedis;
  let stack: Stack;

  beforeAll(async () => {
    redis = await startOwnRedis({ persist });
    stack = await startStack({
      redisUrl: redis.url,
      workers: 1,
      env: { SIMULATION: 'true', TIMER_RECONCILE_MS: '1000' },
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await redis?.stop();
  });

  it('fires the pending timer once after the restart', async () => {
    const db = stack.env['DATABASE_URL'] as string;
    const prefix = stack.env['QUEUE_PREFIX'] as string;
    await stack.ok('PUT', '/api/simulation/clock', { now: CLOCK });
    await stack.ok('POST', '/api/dialogues', sampleDialogueInput(YEAR));
    await stack.ok('POST', '/api/entities/import', { entities: syntheticOrganisation(3) });
    await stack.ok('POST', `/api/dialogues/${YEAR}/launch`);
    await waitFor(async () => (await count(db, 'select count(*) as n from entity_workflow')) === 3, {
      what: 'three invited entities',
    });
    const [first] = await query<{ key: string; due_at: Date }>(
      db,
      "select key, due_at from timer where status = 'pending' order by due_at, id limit 1",
    );
    expect(first.due_at.toISOString()).toBe(FIRST_DUE);
    const jobKey = `${prefix}:timers:${first.key}`;
    const client = redis.client();
    try {
      await waitFor(async () => (await client.exists(jobKey)) === 1, {
        what: `the delayed job ${first.key}`,
      });
      // Idle: nothing waiting or running in any queue, only delayed timers.
      await waitFor(
        async () => {
          const busy = await Promise.all(
            ['lifecycle', 'mail', 'timers'].flatMap((q) => [
              client.llen(`${prefix}:${q}:active`),
              client.llen(`${prefix}:${q}:wait`),
            ]),
          );
          return busy.every((n) => n === 0);
        },
        { what: 'an idle worker', timeoutMs: 20000 },
      );
    } finally {
      client.disconnect();
    }

    const restartAt = Date.now();
    await redis.kill();
    progress(`${name}: Redis killed, ${first.key} pending`);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await redis.start();
    const back = redis.client();
    const survived = (await back.exists(jobKey)) === 1;
    back.disconnect();

    const fired = await waitFor(
      async () => {
        const [row] = await query<{ status: string }>(db, 'select status from timer where key = $1', [
          first.key,
        ]);
        return row.status !== 'pending' ? row.status : null;
      },
      { what: `${first.key} to fire after the restart`, timeoutMs: 90000, intervalMs: 200 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${stack.outputs()}`);
    });
    const firedAfterMs = Date.now() - restartAt;
    const firings = await count(
      db,
      "select count(*) as n from timer where kind = 'digest' and status = 'fired'",
    );
    const restored = /timers reconciled: (\d+) restored/.exec(stack.processes[1].output());
    reportCase(`Redis restarted with a pending timer, worker idle — ${name}`, {
      timer: `${first.key} due ${FIRST_DUE} (30 s after the virtual clock)`,
      'job in Redis after the restart': survived ? 'yes' : 'no',
      'restored by the reconciler': restored ? `${restored[1]} timer(s)` : 'no',
      outcome: `${fired} ${(firedAfterMs / 1000).toFixed(1)} s after the kill (Redis down 3 s)`,
      'digest firings': firings,
    });
    expect(survived).toBe(persist);
    expect(fired).toBe('fired');
    expect(firings).toBe(1);
  });
});
