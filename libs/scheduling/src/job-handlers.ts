import type { Job } from 'bullmq';
import type { JobName, JobPayloads, JobsOf, QueueName } from './queue-registry';

/** A BullMQ job of one name from the registry, with its payload type. */
export type JobOf<J extends JobName> = Job<JobPayloads[J], unknown, J>;

/** Does one job: one handler per job name, each in its own file. */
export interface JobHandler<J extends JobName> {
  handle(job: JobOf<J>): Promise<unknown>;
}

/**
 * The handlers of one queue, keyed by every job name the registry puts on it: a job added to the registry
 * without a handler here, or a handler for a job of another queue, does not compile.
 */
export type QueueHandlers<Q extends QueueName> = { [J in JobsOf<Q>]: JobHandler<J> };

/** Hands a job to the handler of its name; a name the queue does not carry (an old or foreign job) throws. */
export function dispatchJob<Q extends QueueName>(
  queue: Q,
  handlers: QueueHandlers<Q>,
  job: Job,
): Promise<unknown> {
  if (!Object.prototype.hasOwnProperty.call(handlers, job.name))
    throw new Error(`unexpected job ${job.name} on ${queue}`);
  const name = job.name as JobsOf<Q>;
  // The map pairs each name with its own handler; TypeScript cannot follow that through an index.
  return (handlers[name] as JobHandler<JobsOf<Q>>).handle(job as JobOf<JobsOf<Q>>);
}
