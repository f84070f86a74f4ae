import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Worker, type Job, type WorkerOptions } from 'bullmq';
import type { CascadeConfig } from '@cascade/config';
import { bullConnection, type QueueName } from '@cascade/scheduling';

/**
 * A BullMQ consumer built from the configuration (concurrency, lock duration, rate limit), which the static
 * @Processor decorator cannot read. A job whose worker died is taken over once its lock expires.
 */
export abstract class QueueWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private worker: Worker | undefined;

  protected constructor(
    protected readonly config: CascadeConfig,
    private readonly queue: QueueName,
    private readonly extra: Partial<WorkerOptions> = {},
  ) {}

  abstract process(job: Job): Promise<unknown>;

  onApplicationBootstrap(): void {
    this.worker = new Worker(this.queue, (job: Job) => this.process(job), {
      connection: bullConnection(this.config.redis.url),
      prefix: this.config.redis.prefix,
      concurrency: this.config.worker.concurrency,
      lockDuration: this.config.worker.lockMs,
      stalledInterval: this.config.worker.lockMs,
      ...this.extra,
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
  }
}
