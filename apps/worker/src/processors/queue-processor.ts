import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Worker, type Job, type WorkerOptions } from 'bullmq';
import type { Clock } from '@cascade/clock';
import type { CascadeConfig } from '@cascade/config';
import {
  acceptableTraceId,
  bullConnection,
  dispatchJob,
  TRACE_FIELD,
  withTrace,
  type QueueHandlers,
  type QueueName,
} from '@cascade/scheduling';

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
/** A job this queue's worker finished, as the metrics count it. */
export interface JobOutcome {
  queue: QueueName;
  job: string;
  outcome: 'completed' | 'failed';
  /** From when the job became due (its delay included) to when a worker took it. */
  waitMs: number;
  processMs: number;
}

export class QueueProcessor<Q extends QueueName> implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private worker: Worker | undefined;
  private readonly observers: ((outcome: JobOutcome) => void)[] = [];

  constructor(
    private readonly config: CascadeConfig,
    readonly queue: Q,
    private readonly handlers: QueueHandlers<Q>,
    private readonly clock: Clock,
    private readonly options: QueueProcessorOptions = {},
  ) {
    this.logger = new Logger(`${queue} queue`);
  }

  /** In the trace of the work that queued the job (or the job's own), so its log lines and outbox rows carry it. */
  async process(job: Job): Promise<unknown> {
    const queuedBy = (job.data as Record<string, unknown> | undefined)?.[TRACE_FIELD];
    const jobId = `${this.queue}:${job.id}`;
    const traceId = acceptableTraceId(queuedBy) ? queuedBy : jobId;
    return withTrace({ traceId, jobId }, async () => {
      await this.clock.sync();
      return dispatchJob(this.queue, this.handlers, job);
    });
  }

  /** Tells `observer` of every job this queue's worker finishes. */
  observe(observer: (outcome: JobOutcome) => void): void {
    this.observers.push(observer);
  }

  private finished(job: Job | undefined, outcome: JobOutcome['outcome']): void {
    if (!job?.processedOn) return;
    const dueAt = job.timestamp + (job.opts.delay ?? 0);
    const done = { queue: this.queue, job: job.name, outcome };
    const timing = {
      waitMs: Math.max(0, job.processedOn - dueAt),
      processMs: (job.finishedOn ?? Date.now()) - job.processedOn,
    };
    for (const observer of this.observers) observer({ ...done, ...timing });
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
    this.worker.on('completed', (job) => this.finished(job, 'completed'));
    this.worker.on('failed', (job, error) => {
      this.finished(job, 'failed');
      this.logger.warn(
        `${this.queue} job ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`,
      );
    });
    this.worker.on('error', (error) => this.logger.error(`${this.queue} worker: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.options.afterClose?.();
  }
}

/** The injection token of a queue's processor. */
export const processorOf = (queue: QueueName) => `${queue}-processor`;
