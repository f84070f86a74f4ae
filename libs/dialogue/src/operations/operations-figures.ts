import { raw, type EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { OutboxMessage } from '@cascade/scheduling';
import { MailMessage } from '../mail/mail-message.entity';
import { Timer } from '../timers/timer.entity';

/** What the database says about the work in flight, for the metrics endpoint: counts, never rows. */
export interface OperationsFigures {
  /** Timer rows per kind and status (pending, fired, cancelled, …). */
  timers: { kind: string; status: string; count: number }[];
  /** Pending timer rows already past due (not fired yet), per kind. */
  overdueTimers: { kind: string; count: number }[];
  /** Mail rows per delivery status, and how many of them took more than one attempt. */
  mails: { status: string; count: number; retried: number }[];
  /** Outbox rows not yet dispatched to Redis, and the age of the oldest one in seconds (0 when none). */
  outbox: { pending: number; lagSeconds: number };
}

const asNumber = (value: unknown) => Number(value ?? 0);

/**
 * Five grouped statements, whatever the volume: each is an aggregate over an index the hot paths already use
 * (timer by status and due time, mail by dialogue and status, outbox by status).
 */
export async function operationsFigures(em: EntityManager, now: Date): Promise<OperationsFigures> {
  const sql = (em as SqlEntityManager).fork();
  const [timers, overdue, mails, outbox] = await Promise.all([
    sql
      .createQueryBuilder(Timer, 't')
      .select(['t.kind', 't.status', raw('count(*) as n')])
      .groupBy(['t.kind', 't.status'])
      .execute<{ kind: string; status: string; n: unknown }[]>('all', false),
    sql
      .createQueryBuilder(Timer, 't')
      .select(['t.kind', raw('count(*) as n')])
      .where({ status: 'pending', dueAt: { $lt: now } })
      .groupBy('t.kind')
      .execute<{ kind: string; n: unknown }[]>('all', false),
    sql
      .createQueryBuilder(MailMessage, 'm')
      .select([
        'm.status',
        raw('count(*) as n'),
        raw('sum(case when m.attempts > 1 then 1 else 0 end) as retried'),
      ])
      .groupBy('m.status')
      .execute<{ status: string; n: unknown; retried: unknown }[]>('all', false),
    sql
      .createQueryBuilder(OutboxMessage, 'o')
      .select([raw('count(*) as n'), raw('min(o.created_at) as oldest')])
      .where({ status: 'pending' })
      .execute<{ n: unknown; oldest: unknown }>('get', false),
  ]);
  const oldest =
    outbox?.oldest === null || outbox?.oldest === undefined ? null : new Date(outbox.oldest as string);
  return {
    timers: timers.map((r) => ({ kind: r.kind, status: r.status, count: asNumber(r.n) })),
    overdueTimers: overdue.map((r) => ({ kind: r.kind, count: asNumber(r.n) })),
    mails: mails.map((r) => ({ status: r.status, count: asNumber(r.n), retried: asNumber(r.retried) })),
    outbox: {
      pending: asNumber(outbox?.n),
      lagSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
    },
  };
}
