import type { Queue } from 'bullmq';
import { addDelayedJobs, JobName, promoteDelayedJobs, type DelayedJob } from '@cascade/scheduling';
import type { Timer } from '../timer.entity';

type TimerSlot = Pick<Timer, 'key' | 'dueAt'>;

/** A timer row's delayed job: its id is the row's key, so the same row mirrored twice is one job. */
export function fireTimerJob(timer: TimerSlot): DelayedJob<typeof JobName.FireTimer> {
  return { id: timer.key, dueAt: timer.dueAt, data: { key: timer.key } };
}

export function addTimerJobs(queue: Queue, timers: TimerSlot[], now: Date): Promise<void> {
  return addDelayedJobs(queue, JobName.FireTimer, timers.map(fireTimerJob), now);
}

export function promoteTimerJobs(queue: Queue, timers: TimerSlot[], now: Date): Promise<void> {
  return promoteDelayedJobs(queue, JobName.FireTimer, timers.map(fireTimerJob), now);
}
