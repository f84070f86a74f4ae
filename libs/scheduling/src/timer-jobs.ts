import type { JobsOptions, Queue } from 'bullmq';
import { JobName, retryOf } from './queue-registry';
import type { Timer } from './timer.entity';

/** The delayed BullMQ job mirroring a pending timer row; its id is the row's key, so adding twice adds once. */
export function timerJob(timer: Pick<Timer, 'key' | 'dueAt'>, now: Date) {
  const opts: JobsOptions = {
    jobId: timer.key,
    delay: Math.max(0, timer.dueAt.getTime() - now.getTime()),
    attempts: retryOf[JobName.FireTimer].attempts,
    backoff: { type: 'exponential', delay: retryOf[JobName.FireTimer].backoffMs },
    // Kept a while so a completed job is not mistaken for a missing one and run again by the reconciler.
    removeOnComplete: { age: 14 * 24 * 3600 },
    removeOnFail: false,
  };
  return { name: JobName.FireTimer, data: { key: timer.key }, opts };
}

export async function addTimerJobs(queue: Queue, timers: Pick<Timer, 'key' | 'dueAt'>[], now: Date) {
  if (timers.length > 0) await queue.addBulk(timers.map((t) => timerJob(t, now)));
}
