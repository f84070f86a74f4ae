import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JobOutcome } from '../processors/queue-processor';

/** The worker's Prometheus metrics: its jobs' wait and processing times, and its part in reconciling timers. */
export class WorkerMetrics {
  readonly registry = new Registry();
  private readonly buckets = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 1800];

  private readonly wait = new Histogram({
    name: 'cascade_job_wait_seconds',
    help: 'From when a job became due to when a worker took it, by queue and job',
    labelNames: ['queue', 'job'] as const,
    buckets: this.buckets,
    registers: [this.registry],
  });

  private readonly processing = new Histogram({
    name: 'cascade_job_processing_seconds',
    help: 'Time a worker spent on a job, by queue, job and outcome',
    labelNames: ['queue', 'job', 'outcome'] as const,
    buckets: this.buckets,
    registers: [this.registry],
  });

  private readonly finished = new Counter({
    name: 'cascade_jobs_finished_total',
    help: 'Jobs this worker finished, by queue, job and outcome (completed, failed)',
    labelNames: ['queue', 'job', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly reconcilerLastPass = new Gauge({
    name: 'cascade_timer_reconciler_last_pass_timestamp_seconds',
    help: 'When this worker last finished a timer reconciliation pass (0: never)',
    registers: [this.registry],
  });

  readonly reconcilerLease = new Gauge({
    name: 'cascade_timer_reconciler_lease_held',
    help: '1 when this worker holds the timer reconciler lease',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'cascade_worker_' });
  }

  jobFinished(outcome: JobOutcome): void {
    const labels = { queue: outcome.queue, job: outcome.job };
    this.wait.observe(labels, outcome.waitMs / 1000);
    this.processing.observe({ ...labels, outcome: outcome.outcome }, outcome.processMs / 1000);
    this.finished.inc({ ...labels, outcome: outcome.outcome });
  }
}
