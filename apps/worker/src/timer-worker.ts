import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import type { CascadeConfig } from '@cascade/config';
import type { Clock, FiringOutcome, TimerFiringService } from '@cascade/dialogue';
import {
  bullConnection,
  JobName,
  QueueName,
  type JobPayloads,
  type OutboxDispatchService,
  type TimerSyncService,
} from '@cascade/scheduling';

/**
 * Consumes the timers queue. Built by hand rather than with @Processor because its rate limit comes from the
 * configuration: after a long outage every overdue timer is due at once, and the limit spreads the burst.
 */
export class TimerWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TimerWorker.name);
  private worker: Worker | undefined;

  constructor(
    private readonly config: CascadeConfig,
    private readonly clock: Clock,
    private readonly firing: TimerFiringService,
    private readonly outbox: OutboxDispatchService,
    private readonly timers: TimerSyncService,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker(QueueName.Timers, (job: Job) => this.process(job), {
      connection: bullConnection(this.config.redis.url),
      prefix: this.config.redis.prefix,
      concurrency: this.config.worker.concurrency,
      limiter: { max: this.config.timers.ratePerSecond, duration: 1000 },
    });
    this.worker.on('failed', (job, error) =>
      this.logger.warn(`timer ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`),
    );
    this.worker.on('error', (error) => this.logger.error(`timers worker: ${error.message}`));
  }

  async process(job: Job<JobPayloads[typeof JobName.FireTimer]>): Promise<FiringOutcome> {
    if (job.name !== JobName.FireTimer) throw new Error(`unexpected job ${job.name} on ${QueueName.Timers}`);
    await this.clock.sync();
    const outcome = await this.firing.fire(job.data.key);
    if (outcome.status === 'fired') {
      // Its mails and the timers it re-planned leave the database now rather than at the next poll.
      this.outbox.kick();
      this.timers.kick();
    }
    return outcome;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
