import { Queue } from 'bullmq';
import {
  clearQueuePrefix,
  openTestOrm,
  testDrivers,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  type TestOrm,
} from '@cascade/testing';
import { enqueueInOutbox } from './outbox';
import { OutboxDispatcher } from './outbox-dispatcher';
import { OutboxMessage } from './outbox-message.entity';
import { JobName, QueueName } from './queue-registry';
import { bullConnection } from './redis-connection';

describe.each(testDrivers())('OutboxDispatcher with real Redis (%s)', (driver) => {
  let db: TestOrm;
  let prefix: string;
  let queues: Map<QueueName, Queue>;

  beforeAll(async () => {
    db = await openTestOrm(driver);
    prefix = uniqueQueuePrefix();
    queues = new Map(
      Object.values(QueueName).map((name) => [
        name,
        new Queue(name, { connection: bullConnection(TEST_REDIS_URL), prefix }),
      ]),
    );
  });

  afterAll(async () => {
    await Promise.all([...queues.values()].map((q) => q.close()));
    await clearQueuePrefix(prefix);
    await db.close();
  });

  it('moves committed rows into their queues with the row key as job id, once even when dispatched twice', async () => {
    const now = new Date('2026-11-02T09:00:00Z');
    await db.orm.em.fork().transactional(async (em) => {
      enqueueInOutbox(em, JobName.LaunchDialogue, { dialogueId: 7 }, 'launch.7', now);
      for (let i = 1; i <= 3; i += 1) {
        enqueueInOutbox(
          em,
          JobName.SendMail,
          { workflowId: i, template: 'invitation', audience: ['focal-points'] },
          `mail.${i}.1.invite.invitation`,
          now,
        );
      }
    });
    const dispatcher = new OutboxDispatcher(db.orm.em, (name) => queues.get(name) as Queue);
    expect(await dispatcher.dispatchPending(2)).toBe(4);

    // A crash between addBulk and the status update means the rows are dispatched again: still one job each.
    await db.orm.em.fork().nativeUpdate(OutboxMessage, {}, { status: 'pending', dispatchedAt: null });
    expect(await dispatcher.dispatchPending()).toBe(4);

    const lifecycle = queues.get(QueueName.Lifecycle) as Queue;
    const mail = queues.get(QueueName.Mail) as Queue;
    expect(await lifecycle.getJobCounts('waiting')).toEqual({ waiting: 1 });
    expect(await mail.getJobCounts('waiting')).toEqual({ waiting: 3 });
    const job = await lifecycle.getJob('launch.7');
    expect(job?.name).toBe(JobName.LaunchDialogue);
    expect(job?.data).toEqual({ dialogueId: 7 });
    expect(await db.orm.em.fork().count(OutboxMessage, { status: 'pending' })).toBe(0);
  });

  it('writes nothing when the transaction rolls back', async () => {
    const before = await db.orm.em.fork().count(OutboxMessage, {});
    await expect(
      db.orm.em.fork().transactional(async (em) => {
        enqueueInOutbox(em, JobName.LaunchDialogue, { dialogueId: 8 }, 'launch.8', new Date());
        await em.flush();
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    expect(await db.orm.em.fork().count(OutboxMessage, {})).toBe(before);
  });
});
