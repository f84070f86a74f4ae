import type { EntityManager } from '@mikro-orm/core';
import { OutboxMessage } from './outbox-message.entity';
import { queueOfJob, type JobName, type JobPayloads } from './queue-registry';
import { currentTrace } from './work-trace';

/** Adds a job to the outbox inside the caller's transaction; nothing is sent until the transaction commits. */
export function enqueueInOutbox<J extends JobName>(
  em: EntityManager,
  job: J,
  payload: JobPayloads[J],
  idempotencyKey: string,
  now: Date,
): OutboxMessage {
  const message = em.create(OutboxMessage, {
    idempotencyKey,
    queue: queueOfJob[job],
    job,
    payload: payload as unknown as Record<string, unknown>,
    status: 'pending',
    createdAt: now,
    dispatchedAt: null,
    traceId: currentTrace()?.traceId ?? null,
  });
  em.persist(message);
  return message;
}
