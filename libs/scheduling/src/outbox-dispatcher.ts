import type { EntityManager } from '@mikro-orm/core';
import type { Queue } from 'bullmq';
import { OutboxMessage } from './outbox-message.entity';
import { retryOf, type QueueName } from './queue-registry';
import { TRACE_FIELD } from './work-trace';

export type QueueLookup = (name: QueueName) => Queue;

/**
 * Moves committed outbox rows into BullMQ. The job id is the row's idempotency key, so a row dispatched twice
 * (a crash between `addBulk` and the status update) is still one job in Redis.
 */
export class OutboxDispatcher {
  constructor(
    private readonly em: EntityManager,
    private readonly queueFor: QueueLookup,
  ) {}

  /** Dispatches pending rows in id order, in batches; returns how many rows it dispatched. */
  async dispatchPending(batchSize = 500): Promise<number> {
    let total = 0;
    for (;;) {
      const em = this.em.fork();
      const batch = await em.find(
        OutboxMessage,
        { status: 'pending' },
        { orderBy: { id: 'asc' }, limit: batchSize },
      );
      if (batch.length === 0) return total;
      const byQueue = new Map<QueueName, OutboxMessage[]>();
      for (const message of batch) {
        const messages = byQueue.get(message.queue) ?? [];
        messages.push(message);
        byQueue.set(message.queue, messages);
      }
      for (const [queue, messages] of byQueue) {
        await this.queueFor(queue).addBulk(
          messages.map((m) => ({
            name: m.job,
            data: m.traceId ? { ...m.payload, [TRACE_FIELD]: m.traceId } : m.payload,
            opts: {
              jobId: m.idempotencyKey,
              attempts: retryOf[m.job].attempts,
              backoff: { type: 'exponential', delay: retryOf[m.job].backoffMs },
              removeOnComplete: { age: 7 * 24 * 3600 },
              removeOnFail: false,
            },
          })),
        );
      }
      await em.nativeUpdate(
        OutboxMessage,
        { id: { $in: batch.map((m) => m.id) } },
        { status: 'dispatched', dispatchedAt: new Date() },
      );
      total += batch.length;
      if (batch.length < batchSize) return total;
    }
  }
}
