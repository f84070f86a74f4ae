import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Timer, TimerSyncService } from '@cascade/scheduling';
import { Clock } from '../shared/clock';
import { Conflict, DomainError } from '../shared/errors';
import { SimulatedClock } from './simulated-clock';

/** Simulation endpoints on a process whose clock is real (403). */
export class SimulationDisabled extends DomainError {
  constructor() {
    super(
      'the simulation clock is off: start the api and workers with SIMULATION=true (never in production)',
    );
  }
}

export interface AdvanceReport {
  from: Date;
  to: Date;
  /** Distinct due instants the clock stopped at. */
  steps: number;
  fired: number;
  skipped: number;
  elapsedMs: number;
}

export interface SimulationOptions {
  /** How long one step may wait for the workers before the advance fails. */
  stepTimeoutMs?: number;
  pollMs?: number;
}

/**
 * Moves the virtual clock forward through every due timer in order: at each due instant it sets the clock, hands
 * the due jobs to the real queues (promoting their delayed jobs) and waits until the workers have closed their
 * rows, so what a firing re-plans is itself fired in turn. Time never goes backwards.
 */
@Injectable()
export class SimulationService {
  private busy = false;

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly timers: TimerSyncService,
  ) {}

  private simulated(): SimulatedClock {
    if (!(this.clock instanceof SimulatedClock)) throw new SimulationDisabled();
    return this.clock;
  }

  async status(): Promise<{ now: Date; set: boolean; nextTimer: { key: string; dueAt: Date } | null }> {
    const clock = this.simulated();
    await clock.sync();
    const next = await this.em.fork().findOne(Timer, { status: 'pending' }, { orderBy: { dueAt: 'asc' } });
    return {
      now: clock.now(),
      set: clock.isSet(),
      nextTimer: next ? { key: next.key, dueAt: next.dueAt } : null,
    };
  }

  /** Sets the clock where the story starts; afterwards it only moves forward. */
  async setNow(to: Date): Promise<Date> {
    const clock = this.simulated();
    await clock.sync();
    if (clock.isSet() && to < clock.now()) {
      throw new Conflict(`the simulation clock is at ${clock.now().toISOString()}; it never goes backwards`);
    }
    await clock.set(to);
    return to;
  }

  async advance(to: Date, options: SimulationOptions = {}): Promise<AdvanceReport> {
    const clock = this.simulated();
    if (this.busy) throw new Conflict('the simulation clock is already advancing');
    this.busy = true;
    const started = Date.now();
    try {
      await clock.sync();
      const from = clock.now();
      if (to < from)
        throw new Conflict(`the simulation clock is at ${from.toISOString()}; it never goes backwards`);
      const report: AdvanceReport = { from, to, steps: 0, fired: 0, skipped: 0, elapsedMs: 0 };
      for (;;) {
        await this.timers.syncNow();
        const next = await this.em
          .fork()
          .findOne(Timer, { status: 'pending' }, { orderBy: { dueAt: 'asc' } });
        if (!next || next.dueAt > to) break;
        const at = next.dueAt < from ? from : next.dueAt;
        await clock.set(at);
        const due = await this.em.fork().find(Timer, { status: 'pending', dueAt: { $lte: next.dueAt } });
        await this.timers.mirror.promote(due);
        const closed = await this.waitUntilClosed(
          due.map((t) => t.id),
          options,
        );
        report.steps += 1;
        report.fired += closed.filter((t) => t.status === 'fired').length;
        report.skipped += closed.filter((t) => t.status === 'skipped').length;
      }
      await clock.set(to);
      report.elapsedMs = Date.now() - started;
      return report;
    } finally {
      this.busy = false;
    }
  }

  private async waitUntilClosed(ids: number[], { stepTimeoutMs = 30_000, pollMs = 5 }: SimulationOptions) {
    const deadline = Date.now() + stepTimeoutMs;
    for (;;) {
      const rows = await this.em
        .fork()
        .find(Timer, { id: { $in: ids } }, { fields: ['id', 'key', 'status'] });
      const open = rows.filter((t) => t.status === 'pending');
      if (open.length === 0) return rows;
      if (Date.now() > deadline) {
        throw new Conflict(
          `timers still pending after ${stepTimeoutMs} ms (is a worker running?): ${open
            .slice(0, 5)
            .map((t) => t.key)
            .join(', ')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
}
