import { EntityManager } from '@mikro-orm/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { loadConfig } from '@cascade/config';
import { DialogueService, Timer } from '@cascade/dialogue';
import { openMigratedOrm } from '@cascade/persistence';
import { bullConnection, enqueueInOutbox, JobName, OutboxMessage, QueueName } from '@cascade/scheduling';
import {
  clearQueuePrefix,
  createTestDatabase,
  sampleDialogueInput,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  waitFor,
  WORKFLOWS_DIR,
  type TestDatabase,
} from '@cascade/testing';
import { createWorker } from './worker-app';

describe('the after-commit hook in a running worker', () => {
  let database: TestDatabase;
  let prefix: string;
  let worker: INestApplicationContext;
  let timers: Queue;

  beforeAll(async () => {
    database = await createTestDatabase('postgresql');
    await (await openMigratedOrm(database.config)).close(true);
    prefix = uniqueQueuePrefix();
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.config.driver === 'postgresql' ? database.config.url : '',
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      WORKFLOWS_DIR,
      // Neither safety net runs during the test: only the hook can move what the test commits.
      OUTBOX_POLL_MS: '600000',
      TIMER_RECONCILE_MS: '600000',
    });
    worker = await createWorker(config);
    timers = new Queue(QueueName.Timers, { connection: bullConnection(TEST_REDIS_URL), prefix });
  }, 60_000);

  afterAll(async () => {
    await timers?.close();
    await worker?.close();
    await clearQueuePrefix(prefix);
    await database?.drop();
  });

  it('hands outbox rows and timer rows to Redis as soon as their transaction commits, with no kick', async () => {
    const dialogue = await worker.get(DialogueService).create(sampleDialogueInput(2026), 'test');
    const em = worker.get(EntityManager).fork();
    const dueAt = new Date('2030-01-01T09:00:00Z');
    await em.transactional(async (tx) => {
      enqueueInOutbox(tx, JobName.DeliverMail, { mailId: 0 }, 'deliver.after-commit', new Date());
      tx.persist(
        tx.create(Timer, {
          key: 'd0.after-commit.1',
          dialogueId: dialogue.id,
          workflowId: null,
          timerId: 'digest',
          kind: 'digest',
          dueAt,
          localDueAt: dueAt.toISOString(),
          status: 'pending',
          synced: false,
          createdAt: new Date(),
        }),
      );
    });
    await waitFor(
      async () =>
        (await em
          .fork()
          .count(OutboxMessage, { idempotencyKey: 'deliver.after-commit', status: 'dispatched' })) === 1,
      { what: 'the outbox row dispatched', timeoutMs: 5000, intervalMs: 20 },
    );
    await waitFor(async () => (await timers.getJob('d0.after-commit.1'))?.name === JobName.FireTimer, {
      what: 'the timer mirrored as a delayed job',
      timeoutMs: 5000,
      intervalMs: 20,
    });
    expect(await em.fork().count(Timer, { key: 'd0.after-commit.1', synced: true })).toBe(1);
  });
});
