/**
 * Every "now" comes from here, so tests and the simulation can move time. `sync()` lets a clock whose time
 * lives outside the process (the simulation's, in the database) refresh before a request or a job.
 */
export abstract class Clock {
  abstract now(): Date;

  async sync(): Promise<void> {
    // Wall-clock and fixed clocks have nothing to refresh.
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date): void {
    this.current = new Date(to);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
