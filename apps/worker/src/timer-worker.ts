import type { Job } from 'bullmq';
import type { CascadeConfig } from '@cascade/config';
import type { Clock, FiringOutcome, TimerFiringService } from '@cascade/dialogue';
import {
  JobName,
  QueueName,
  type JobPayloads,
  type OutboxDispatchService,
  type TimerSyncService,
} from '@cascade/scheduling';
import { QueueWorker } from './queue-worker';

/**
 * Consumes the timers queue, rate-limited: after a long outage every overdue timer is due at once, and the
 * limit spreads the burst. A job may fire a batch of timers due at its instant (TIMER_BATCH); the jobs of the
 * others then find their rows closed.
 */
export class TimerWorker extends QueueWorker {
  constructor(
    config: CascadeConfig,
    private readonly clock: Clock,
    private readonly firing: TimerFiringService,
    private readonly outbox: OutboxDispatchService,
    private readonly timers: TimerSyncService,
  ) {
    super(config, QueueName.Timers, { limiter: { max: config.timers.ratePerSecond, duration: 1000 } });
  }

  async process(job: Job<JobPayloads[typeof JobName.FireTimer]>): Promise<FiringOutcome> {
    if (job.name !== JobName.FireTimer) throw new Error(`unexpected job ${job.name} on ${QueueName.Timers}`);
    await this.clock.sync();
    const outcome = await this.firing.fire(job.data.key, {
      batch: this.config.timers.batch,
      skipLocked: this.config.database.driver === 'postgresql',
    });
    if (outcome.status !== 'ignored') {
      // Its mails and the timers it re-planned leave the database now rather than at the next poll.
      this.outbox.kick();
      this.timers.kick();
    }
    return outcome;
  }
}
