import { EntityManager } from '@mikro-orm/core';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Clock } from '@cascade/clock';
import { AfterCommit, CoalescingRunner, QueueName, type AfterCommitWork } from '@cascade/scheduling';
import { TimerMirror } from './timer-mirror';

/**
 * Mirrors changed timer rows into Redis after every commit (kicked by the unit-of-work hook) or on demand (the
 * simulation, the reconciler).
 */
@Injectable()
export class TimerSyncService implements AfterCommitWork {
  readonly name = 'timer mirroring';
  private readonly logger = new Logger(TimerSyncService.name);
  readonly mirror: TimerMirror;
  private readonly runner: CoalescingRunner;

  constructor(
    em: EntityManager,
    @InjectQueue(QueueName.Timers) queue: Queue,
    clock: Clock,
    afterCommit: AfterCommit,
  ) {
    this.mirror = new TimerMirror(em, queue, clock);
    this.runner = new CoalescingRunner(
      async () => {
        const count = await this.mirror.syncPending();
        if (count > 0) this.logger.debug(`mirrored ${count} timer change(s) into Redis`);
      },
      (error) => this.logger.error(`timer mirroring failed, the reconciler will repair: ${error.message}`),
    );
    afterCommit.register(this);
  }

  kick(): void {
    this.runner.kick();
  }

  syncNow(): Promise<void> {
    return this.runner.runNow();
  }
}
