import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { JobName, QueueName } from './queue-registry';

export type OutboxStatus = 'pending' | 'dispatched';

/**
 * A job that must follow a state change, written in the same transaction as the change and handed to BullMQ
 * after commit. Its idempotency key becomes the BullMQ job id, so dispatching twice enqueues once.
 */
@Entity({ tableName: 'outbox' })
@Index({ properties: ['status', 'id'] })
export class OutboxMessage {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 200, unique: true })
  idempotencyKey!: string;

  @Property({ type: 'string', length: 50 })
  queue!: QueueName;

  @Property({ type: 'string', length: 50 })
  job!: JobName;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Enum({ items: ['pending', 'dispatched'], type: 'string', length: 20 })
  status: OutboxStatus = 'pending';

  @Property({ type: 'Date' })
  createdAt: Date = new Date();

  @Property({ type: 'Date', nullable: true })
  dispatchedAt: Date | null = null;

  /** The request or job whose transaction queued it: its job's log lines carry it on. */
  @Property({ type: 'string', length: 64, nullable: true })
  traceId: string | null = null;
}
