import type { INestApplicationContext } from '@nestjs/common';
import { Redis } from 'ioredis';
import { loadConfig } from '@cascade/config';
import { openMigratedOrm } from '@cascade/persistence';
import {
  clearQueuePrefix,
  createTestDatabase,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  WORKFLOWS_DIR,
  type TestDatabase,
} from '@cascade/testing';
import { FAN_OUT_OPTIONS } from './processors/launch-dialogue.handler';
import { TimerReconcileRunner } from './timer-reconcile-runner';
import { createWorker } from './worker-app';

const WORKERS = 3;

describe('the timer reconciler with three workers on one Redis and database', () => {
  let database: TestDatabase;
  let prefix: string;
  let redis: Redis;
  const workers: INestApplicationContext[] = [];
  const runners = () => workers.map((w) => w.get(TimerReconcileRunner));

  beforeAll(async () => {
    database = await createTestDatabase('postgresql');
    await (await openMigratedOrm(database.config)).close(true);
    prefix = uniqueQueuePrefix();
    redis = new Redis(TEST_REDIS_URL);
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.config.driver === 'postgresql' ? database.config.url : '',
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      WORKFLOWS_DIR,
      // Ticks are driven by the test; the interval only sets the lease's lifetime (two intervals).
      TIMER_RECONCILE_MS: '600000',
    });
    for (let i = 0; i < WORKERS; i++) workers.push(await createWorker(config));
  }, 60_000);

  afterAll(async () => {
    for (const worker of workers) await worker.close().catch(() => undefined);
    redis?.disconnect();
    await clearQueuePrefix(prefix);
    await database?.drop();
  });

  it('on PostgreSQL, launches refresh the planner statistics as they fan out', () => {
    expect(workers[0].get(FAN_OUT_OPTIONS)).toEqual({ refreshStatistics: true });
  });

  it('runs one pass at a time: only the lease holder reconciles, however many workers tick', async () => {
    const ran = await Promise.all(runners().map((r) => r.runOnce()));
    expect(ran.filter(Boolean)).toHaveLength(1);
    const holder = runners()[ran.indexOf(true)];
    expect(await redis.get(holder.lease.key)).toBe(holder.lease.holder);
    // The holder keeps it from tick to tick; the others keep skipping.
    for (let tick = 0; tick < 3; tick++)
      expect(await Promise.all(runners().map((r) => r.runOnce()))).toEqual(
        runners().map((r) => r === holder),
      );
    expect(await redis.pttl(holder.lease.key)).toBeGreaterThan(1_000_000);
  });

  it('hands over when the holder stops, and after a FLUSHALL-like loss of the lease', async () => {
    const holderIndex = (await Promise.all(runners().map((r) => r.runOnce()))).indexOf(true);
    await workers[holderIndex].close();
    workers.splice(holderIndex, 1);
    const after = await Promise.all(runners().map((r) => r.runOnce()));
    expect(after.filter(Boolean)).toHaveLength(1);

    // The lease is gone as after a FLUSHALL (deleted alone here: the other tests' keys share this Redis).
    await redis.del(runners()[0].lease.key);
    const afterLoss = await Promise.all(runners().map((r) => r.runOnce()));
    expect(afterLoss.filter(Boolean)).toHaveLength(1);
  });
});
