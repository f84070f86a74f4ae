import { Inject, Injectable } from '@nestjs/common';
import { TimerFiringService, type FiringOptions, type FiringOutcome } from '@cascade/dialogue';
import type { JobHandler, JobName, JobOf } from '@cascade/scheduling';

/** How this deployment fires timers: the batch size, and whether its database can skip locked rows. */
export const FIRING_OPTIONS = Symbol('FIRING_OPTIONS');

/**
 * Fires the job's timer. A job may fire a batch of timers due at its instant (TIMER_BATCH); the jobs of the
 * others then find their rows closed.
 */
@Injectable()
export class FireTimerHandler implements JobHandler<typeof JobName.FireTimer> {
  constructor(
    private readonly firing: TimerFiringService,
    @Inject(FIRING_OPTIONS) private readonly options: FiringOptions,
  ) {}

  handle(job: JobOf<typeof JobName.FireTimer>): Promise<FiringOutcome> {
    return this.firing.fire(job.data.key, this.options);
  }
}
