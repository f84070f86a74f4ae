import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { OperationsFigures } from '@cascade/dialogue';

/**
 * The api's Prometheus metrics, in a registry of its own (not prom-client's global one, so that two apps in one
 * test process do not collide): HTTP durations as requests finish; the database's and the queues' figures as of
 * each scrape.
 */
export class ApiMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'cascade_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly queueJobs = this.gauge(
    'cascade_queue_jobs',
    'Jobs per queue and state (waiting, active, delayed, failed, prioritized)',
    ['queue', 'state'],
  );
  private readonly timers = this.gauge('cascade_timers', 'Timer rows by kind and status', ['kind', 'status']);
  private readonly overdueTimers = this.gauge(
    'cascade_timers_overdue',
    'Pending timers past their due time, by kind',
    ['kind'],
  );
  private readonly mails = this.gauge('cascade_mails', 'Mails by delivery status (queued, sent, failed)', [
    'status',
  ]);
  private readonly mailsRetried = this.gauge(
    'cascade_mails_retried',
    'Mails that took more than one delivery attempt, by status',
    ['status'],
  );
  private readonly outboxPending = this.gauge(
    'cascade_outbox_pending',
    'Outbox rows not yet dispatched to Redis',
    [],
  );
  private readonly outboxLag = this.gauge(
    'cascade_outbox_lag_seconds',
    'Age of the oldest outbox row not yet dispatched',
    [],
  );

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'cascade_api_' });
  }

  private gauge<L extends string>(name: string, help: string, labelNames: L[]): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  /** Replaces the scrape-time figures (reset first: a kind or status that disappeared must not linger). */
  refresh(figures: OperationsFigures, queues: { queue: string; counts: Record<string, number> }[]): void {
    for (const gauge of [this.queueJobs, this.timers, this.overdueTimers, this.mails, this.mailsRetried])
      gauge.reset();
    for (const { queue, counts } of queues)
      for (const [state, count] of Object.entries(counts)) this.queueJobs.set({ queue, state }, count);
    for (const t of figures.timers) this.timers.set({ kind: t.kind, status: t.status }, t.count);
    for (const t of figures.overdueTimers) this.overdueTimers.set({ kind: t.kind }, t.count);
    for (const m of figures.mails) {
      this.mails.set({ status: m.status }, m.count);
      this.mailsRetried.set({ status: m.status }, m.retried);
    }
    this.outboxPending.set(figures.outbox.pending);
    this.outboxLag.set(figures.outbox.lagSeconds);
  }
}
