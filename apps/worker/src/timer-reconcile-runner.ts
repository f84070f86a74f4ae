import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { EntityManager } from '@mikro-orm/core';
import type { CascadeConfig } from '@cascade/config';
import type { Clock } from '@cascade/clock';
import { TimerReconciler, type TimerSyncService } from '@cascade/dialogue';
import { evictionPolicyWarning, RedisLease } from '@cascade/scheduling';

/**
 * Reconciles timer rows with Redis at start and then periodically; warns about a Redis that may evict. However
 * many workers run, one pass runs at a time: a pass needs the Redis lease, which its holder keeps (renewing it
 * each tick and during a long pass) until it stops or dies; then the next worker to tick takes over. The
 * reconciler is also safe when two passes do overlap (a lease that expired mid-pass), so the lease is about not
 * scanning every timer N times per interval, not about correctness.
 */
export class TimerReconcileRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TimerReconcileRunner.name);
  private readonly redis: Redis;
  private readonly reconciler: TimerReconciler;
  readonly lease: RedisLease;
  private interval: NodeJS.Timeout | undefined;
  private running: Promise<boolean> | null = null;
  holding = false;
  /** When this worker last finished a reconciliation pass (null: never; another worker may hold the lease). */
  lastPassAt: Date | null = null;

  constructor(
    private readonly config: CascadeConfig,
    em: EntityManager,
    queue: Queue,
    timers: TimerSyncService,
    clock: Clock,
  ) {
    this.redis = new Redis(config.redis.url, { maxRetriesPerRequest: null, lazyConnect: true });
    this.reconciler = new TimerReconciler(em, queue, this.redis, timers.mirror, clock);
    // Two intervals: the holder renews at every tick, so a single late tick does not hand the work over.
    this.lease = new RedisLease(
      this.redis,
      `${config.redis.prefix}:lease:timer-reconciler`,
      2 * config.timers.reconcileMs,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.redis.connect();
    const warning = await evictionPolicyWarning(this.redis);
    if (warning) this.logger.warn(warning);
    void this.runOnce();
    this.interval = setInterval(() => void this.runOnce(), this.config.timers.reconcileMs);
  }

  /** One pass if this worker holds the lease (true when it ran); overlapping calls share the pass in progress. */
  runOnce(): Promise<boolean> {
    this.running ??= this.passIfLeaseHolder()
      .catch((error: Error) => {
        this.logger.error(`timer reconciliation failed, will retry: ${error.message}`);
        return false;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async passIfLeaseHolder(): Promise<boolean> {
    const holding = await this.lease.acquire();
    if (holding !== this.holding)
      this.logger.log(
        holding ? 'this worker now reconciles the timers' : 'another worker now reconciles the timers',
      );
    this.holding = holding;
    if (!holding) return false;
    const heartbeat = setInterval(
      () => void this.lease.renew().catch(() => undefined),
      this.config.timers.reconcileMs / 2,
    );
    try {
      const report = await this.reconciler.reconcile();
      this.lastPassAt = new Date();
      if (report.restored || report.requeued || report.orphansRemoved) {
        this.logger.warn(
          `timers reconciled: ${report.restored} restored, ${report.requeued} re-queued, ${report.orphansRemoved} orphan job(s) removed`,
        );
      }
      return true;
    } finally {
      clearInterval(heartbeat);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.interval);
    await this.running;
    // Handing the lease over now spares the other workers a wait of up to two intervals.
    await this.lease.release().catch(() => undefined);
    this.redis.disconnect();
  }
}
