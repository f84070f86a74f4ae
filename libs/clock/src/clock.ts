/**
 * Every "now" comes from here, so tests and the simulation can move time. `sync()` lets a clock whose time
 * lives outside the process (the simulation's, in the database) refresh before a request or a job.
 */
export abstract class Clock {
  abstract now(): Date;

  async sync(): Promise<void> {
    // The wall clock has nothing to refresh.
  }
}

/** The real time: what production runs on. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
