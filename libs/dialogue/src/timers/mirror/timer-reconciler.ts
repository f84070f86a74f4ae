import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Clock } from '@cascade/clock';
import { Timer } from '../timer.entity';
import { addTimerJobs } from './timer-jobs';
import type { TimerMirror } from './timer-mirror';

export interface ReconcileReport {
  /** Pending rows whose job was missing (Redis lost or flushed) and was added again. */
  restored: number;
  /** Pending rows overdue whose job had already finished or failed for good: queued again to fire once. */
  requeued: number;
  /** Jobs waiting in Redis for a row that is no longer pending. */
  orphansRemoved: number;
}

/** A pending row this long past due, with a finished job, was not fired: its job ran before the row existed. */
const STUCK_AFTER_MS = 60_000;
const PAGE = 1000;

/**
 * One page of pending rows already mirrored, after `afterId` in id order. Its own function so that a test can ask
 * the database how it runs (it must be a range scan of the (synced, id) index, not a sort of every
 * pending row).
 */
export function pendingMirroredPage(em: EntityManager, afterId: number, limit: number) {
  // Both supported drivers are SQL ones.
  return (em as SqlEntityManager)
    .createQueryBuilder(Timer)
    .select(['id', 'key', 'dueAt'])
    .where({ status: 'pending', synced: true, id: { $gt: afterId } })
    .orderBy({ id: 'asc' })
    .limit(limit);
}

/**
 * Compares pending timer rows with the timers queue and repairs the difference in both directions. Safe to
 * run in many workers at once: adding uses the row's key as job id, and a firing re-checks its row.
 */
export class TimerReconciler {
  constructor(
    private readonly em: EntityManager,
    private readonly queue: Queue,
    private readonly redis: Redis,
    private readonly mirror: TimerMirror,
    private readonly clock: Clock,
  ) {}

  async reconcile(): Promise<ReconcileReport> {
    await this.mirror.syncPending();
    const report: ReconcileReport = { restored: 0, requeued: 0, orphansRemoved: 0 };
    await this.restoreMissing(report);
    await this.removeOrphans(report);
    return report;
  }

  private async restoreMissing(report: ReconcileReport): Promise<void> {
    let afterId = 0;
    for (;;) {
      const rows = await pendingMirroredPage(this.em.fork(), afterId, PAGE).getResultList();
      if (rows.length === 0) return;
      afterId = rows[rows.length - 1].id;
      const pipeline = this.redis.pipeline();
      for (const row of rows) pipeline.exists(this.queue.toKey(row.key));
      const exists = ((await pipeline.exec()) ?? []).map(([, value]) => value === 1);
      const now = this.clock.now();
      const missing = rows.filter((_, i) => !exists[i]);
      // Asked together: in a sweep a whole page is overdue, and one round trip each made a pass crawl.
      const overdue = rows.filter(
        (row, i) => exists[i] && now.getTime() - row.dueAt.getTime() >= STUCK_AFTER_MS,
      );
      const states = await Promise.all(overdue.map((row) => this.queue.getJobState(row.key)));
      const stuck = overdue.filter((_, i) => states[i] === 'completed' || states[i] === 'failed');
      for (const row of stuck) await this.queue.remove(row.key);
      await addTimerJobs(this.queue, [...missing, ...stuck], now);
      report.restored += missing.length;
      report.requeued += stuck.length;
      if (rows.length < PAGE) return;
    }
  }

  private async removeOrphans(report: ReconcileReport): Promise<void> {
    for (let start = 0; ; start += PAGE) {
      const ids = await this.queue.getRanges(['delayed', 'wait', 'prioritized'], start, start + PAGE - 1);
      if (ids.length === 0) return;
      const pending = await this.em
        .fork()
        .find(Timer, { key: { $in: ids }, status: 'pending' }, { fields: ['key'] });
      const keep = new Set(pending.map((t) => t.key));
      const orphans = ids.filter((id) => !keep.has(id));
      const removed = await Promise.all(orphans.map((id) => this.queue.remove(id)));
      report.orphansRemoved += removed.filter((r) => r === 1).length;
      // Removing shifts the ranges: page again from where the survivors end.
      start -= removed.filter((r) => r === 1).length;
      if (ids.length < PAGE) return;
    }
  }
}
