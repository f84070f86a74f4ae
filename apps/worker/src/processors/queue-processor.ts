import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Worker, type Job, type WorkerOptions } from 'bullmq';
import type { Clock } from '@cascade/clock';
import type { CascadeConfig } from '@cascade/config';
import { bullConnection, dispatchJob, type QueueHandlers, type QueueName } from '@cascade/scheduling';

export interface QueueProcessorOptions {
  /** BullMQ options of this queue over the configured defaults (a rate limit, a lock). */
  worker?: Partial<WorkerOptions>;
  /** Runs once the queue's worker has stopped taking and finished its jobs (closing the SMTP pool). */
  afterClose?: () => Promise<void>;
}

/**
 * The one shape of every queue's consumer: a BullMQ worker built from the configuration (concurrency, lock
 * duration; the static @Processor decorator cannot read it) that syncs the clock and hands each job to the
 * handler of its name in a map typed from the registry. Handlers only do their job: what they commit reaches
 * Redis through the after-commit hook, and a job whose worker died is taken over once its lock expires.
 */
export class QueueProcessor<Q extends QueueName> implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private worker: Worker | undefined;

  constructor(
    private readonly config: CascadeConfig,
    readonly queue: Q,
    private readonly handlers: QueueHandlers<Q>,
    private readonly clock: Clock,
    private readonly options: QueueProcessorOptions = {},
  ) {
    this.logger = new Logger(`${queue} queue`);
  }

  async process(job: Job): Promise<unknown> {
    await this.clock.sync();
    return dispatchJob(this.queue, this.handlers, job);
  }

  onApplicationBootstrap(): void {
    this.worker = new Worker(this.queue, (job: Job) => this.process(job), {
      connection: bullConnection(this.config.redis.url),
      prefix: this.config.redis.prefix,
      concurrency: this.config.worker.concurrency,
      lockDuration: this.config.worker.lockMs,
      stalledInterval: this.config.worker.lockMs,
      ...this.options.worker,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.warn(
        `${this.queue} job ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`,
      ),
    );
    this.worker.on('error', (error) => this.logger.error(`${this.queue} worker: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.options.afterClose?.();
  }
}

/** The injection token of a queue's processor. */
export const processorOf = (queue: QueueName) => `${queue}-processor`;
