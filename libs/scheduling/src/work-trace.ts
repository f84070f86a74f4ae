import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The piece of work a line of log belongs to: the HTTP request that started it (its X-Request-Id) or the job that
 * carries it on, and the job being processed. Set by the api per request and by the worker per job; the outbox
 * keeps the trace on each row, so a job's log lines name the request whose transaction queued it.
 */
export interface WorkTrace {
  traceId: string;
  jobId?: string;
}

const storage = new AsyncLocalStorage<WorkTrace>();

/** The field of a job's data that carries the trace of the work that queued it (no payload has such a field). */
export const TRACE_FIELD = '_trace';

export function withTrace<T>(trace: WorkTrace, work: () => T): T {
  return storage.run(trace, work);
}

export function currentTrace(): WorkTrace | undefined {
  return storage.getStore();
}

/** What a client may send as its own request id: short and plain, so that it is safe to log and to echo. */
export function acceptableTraceId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(value);
}
