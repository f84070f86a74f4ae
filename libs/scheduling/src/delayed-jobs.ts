import type { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { retryOf, type JobName, type JobPayloads } from './queue-registry';

/**
 * One delayed BullMQ job mirroring a row that lives in the database: `id` is the row's own stable key, so adding
 * the same row twice adds one job, and removing it needs nothing but the key.
 */
export interface DelayedJob<J extends JobName> {
  id: string;
  dueAt: Date;
  data: JobPayloads[J];
}

/** The job BullMQ runs at `dueAt` (at once when that has passed), retried as the registry says. */
export function delayedJob<J extends JobName>(job: J, item: DelayedJob<J>, now: Date) {
  const opts: JobsOptions = {
    jobId: item.id,
    delay: Math.max(0, item.dueAt.getTime() - now.getTime()),
    attempts: retryOf[job].attempts,
    backoff: { type: 'exponential', delay: retryOf[job].backoffMs },
    // Kept a while so a completed job is not mistaken for a missing one and run again by a reconciler.
    removeOnComplete: { age: 14 * 24 * 3600 },
    removeOnFail: false,
  };
  return { name: job, data: item.data, opts };
}

export async function addDelayedJobs<J extends JobName>(
  queue: Queue,
  job: J,
  items: DelayedJob<J>[],
  now: Date,
): Promise<void> {
  if (items.length > 0) await queue.addBulk(items.map((item) => delayedJob(job, item, now)));
}

/**
 * Makes the delayed jobs of these ids runnable now (the simulation's clock jumped to their due time). An id
 * without a job (never mirrored, or lost) is added without delay.
 */
export async function promoteDelayedJobs<J extends JobName>(
  queue: Queue,
  job: J,
  items: DelayedJob<J>[],
  now: Date,
): Promise<void> {
  const missing: DelayedJob<J>[] = [];
  await Promise.all(
    items.map(async (item) => {
      const existing = await queue.getJob(item.id);
      if (!existing) missing.push({ ...item, dueAt: new Date(0) });
      else if (await existing.isDelayed()) await existing.promote().catch(() => undefined); // raced: running
    }),
  );
  await addDelayedJobs(queue, job, missing, now);
}

/** BullMQ needs keys never evicted; any other policy can silently drop delayed jobs under memory pressure. */
export async function evictionPolicyWarning(redis: Redis): Promise<string | null> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1];
    return policy === 'noeviction'
      ? null
      : `Redis maxmemory-policy is '${policy}': delayed jobs (timers) can be evicted under memory pressure; set it to 'noeviction'`;
  } catch (error) {
    return `could not read Redis maxmemory-policy (${(error as Error).message}); make sure it is 'noeviction'`;
  }
}
