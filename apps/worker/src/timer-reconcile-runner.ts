import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { EntityManager } from '@mikro-orm/core';
import type { CascadeConfig } from '@cascade/config';
import type { Clock } from '@cascade/dialogue';
import { evictionPolicyWarning, TimerReconciler, type TimerSyncService } from '@cascade/scheduling';

/** Reconciles timer rows with Redis at start and then periodically; warns about a Redis that may evict. */
export class TimerReconcileRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TimerReconcileRunner.name);
  private readonly redis: Redis;
  private readonly reconciler: TimerReconciler;
  private interval: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  constructor(
    private readonly config: CascadeConfig,
    em: EntityManager,
    queue: Queue,
    timers: TimerSyncService,
    clock: Clock,
  ) {
    this.redis = new Redis(config.redis.url, { maxRetriesPerRequest: null, lazyConnect: true });
    this.reconciler = new TimerReconciler(em, queue, this.redis, timers.mirror, clock);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.redis.connect();
    const warning = await evictionPolicyWarning(this.redis);
    if (warning) this.logger.warn(warning);
    void this.runOnce();
    this.interval = setInterval(() => void this.runOnce(), this.config.timers.reconcileMs);
  }

  /** One pass; overlapping calls share the pass in progress. */
  runOnce(): Promise<void> {
    this.running ??= this.reconciler
      .reconcile()
      .then((report) => {
        if (report.restored || report.requeued || report.orphansRemoved) {
          this.logger.warn(
            `timers reconciled: ${report.restored} restored, ${report.requeued} re-queued, ${report.orphansRemoved} orphan job(s) removed`,
          );
        }
      })
      .catch((error: Error) => this.logger.error(`timer reconciliation failed, will retry: ${error.message}`))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.interval);
    await this.running;
    this.redis.disconnect();
  }
}
