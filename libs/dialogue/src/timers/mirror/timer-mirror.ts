import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Queue } from 'bullmq';
import type { Clock } from '@cascade/clock';
import { Timer } from '../timer.entity';
import { addTimerJobs, promoteTimerJobs } from './timer-jobs';

/**
 * The first rows Redis does not match yet, in id order. Its own function so that a test can ask the database how
 * it runs (from the partial index of unsynced rows, however stale the planner's statistics).
 */
export function unsyncedPage(em: EntityManager, limit: number) {
  // Both supported drivers are SQL ones.
  return (em as SqlEntityManager)
    .createQueryBuilder(Timer)
    .where({ synced: false })
    .orderBy({ id: 'asc' })
    .limit(limit);
}

/**
 * Makes Redis match the timer rows that changed: a pending row gets its delayed job, a closed row loses it.
 * Runs after commit (the row is the truth and may not exist in Redis before it exists in the database). A row
 * closed while its job is being processed cannot be removed from Redis; the firing finds it closed and skips.
 */
export class TimerMirror {
  constructor(
    private readonly em: EntityManager,
    private readonly queue: Queue,
    private readonly clock: Clock,
  ) {}

  /** Mirrors every unsynced row; returns how many it mirrored. */
  async syncPending(batchSize = 1000): Promise<number> {
    let total = 0;
    for (;;) {
      const em = this.em.fork();
      const batch = await unsyncedPage(em, batchSize).getResultList();
      if (batch.length === 0) return total;
      const open = batch.filter((t) => t.status === 'pending');
      const closed = batch.filter((t) => t.status !== 'pending');
      await addTimerJobs(this.queue, open, this.clock.now());
      await Promise.all(closed.map((t) => this.queue.remove(t.key)));
      // Conditional on the status read: a row closed meanwhile stays unsynced and its job goes next round.
      if (open.length > 0) {
        await em.nativeUpdate(
          Timer,
          { id: { $in: open.map((t) => t.id) }, status: 'pending' },
          { synced: true },
        );
      }
      if (closed.length > 0) {
        await em.nativeUpdate(
          Timer,
          { id: { $in: closed.map((t) => t.id) }, status: { $ne: 'pending' } },
          { synced: true },
        );
      }
      total += batch.length;
      if (batch.length < batchSize) return total;
    }
  }

  /** Simulation: makes the delayed jobs of these timers runnable now, adding any that is missing. */
  promote(timers: Pick<Timer, 'key' | 'dueAt'>[]): Promise<void> {
    return promoteTimerJobs(this.queue, timers, this.clock.now());
  }
}
