import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { TimerSyncService } from '../timers/mirror/timer-sync.service';
import { Timer } from '../timers/timer.entity';
import { Clock } from '@cascade/clock';
import { Conflict, DomainError } from '../shared/errors';
import { SimulatedClock } from './simulated-clock';

/** Simulation endpoints on a process whose clock is real (403). */
export class SimulationDisabled extends DomainError {
  constructor() {
    super(
      'the simulation clock is off: start the api and workers with SIMULATION=true (never in production)',
      'simulation-disabled',
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
  /** How long one step may go without any of its timers closing before the advance fails. */
  stepTimeoutMs?: number;
  /** The first wait between two looks at a step's timers; it doubles up to MAX_POLL_MS. */
  pollMs?: number;
}

const MAX_POLL_MS = 100;
/** Ids per statement: well under PostgreSQL's 65,535 bind parameters and SQLite's 32,766. */
const IDS_PER_QUERY = 5000;

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
      throw new Conflict(
        `the simulation clock is at ${clock.now().toISOString()}; it never goes backwards`,
        'clock-backwards',
        { at: clock.now().toISOString() },
      );
    }
    await clock.set(to);
    return to;
  }

  async advance(to: Date, options: SimulationOptions = {}): Promise<AdvanceReport> {
    const clock = this.simulated();
    if (this.busy) throw new Conflict('the simulation clock is already advancing', 'clock-busy');
    this.busy = true;
    const started = Date.now();
    try {
      await clock.sync();
      const from = clock.now();
      if (to < from)
        throw new Conflict(
          `the simulation clock is at ${from.toISOString()}; it never goes backwards`,
          'clock-backwards',
          { at: from.toISOString() },
        );
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
        report.fired += closed.fired;
        report.skipped += closed.skipped;
      }
      await clock.set(to);
      report.elapsedMs = Date.now() - started;
      return report;
    } finally {
      this.busy = false;
    }
  }

  /**
   * Waits until the workers have closed every timer of a step; fails once the step has made no progress for
   * `stepTimeoutMs`, however large it is. The looks are raw id queries that only ask about the timers still open,
   * with a growing pause: a step of 10,000 timers must not have the api hydrating rows every few milliseconds
   * on the cores the workers need.
   */
  private async waitUntilClosed(
    ids: number[],
    { stepTimeoutMs = 30_000, pollMs = 5 }: SimulationOptions,
  ): Promise<{ fired: number; skipped: number }> {
    let open = ids;
    let lastProgress = Date.now();
    for (let pause = pollMs; ; pause = Math.min(pause * 2, MAX_POLL_MS)) {
      const stillOpen = await this.pendingAmong(open);
      if (stillOpen.length < open.length) lastProgress = Date.now();
      open = stillOpen;
      if (open.length === 0) return this.outcomes(ids);
      if (Date.now() - lastProgress > stepTimeoutMs) {
        const keys = await this.em.fork().find(Timer, { id: { $in: open.slice(0, 5) } }, { fields: ['key'] });
        throw new Conflict(
          `${open.length} timer(s) still pending after ${stepTimeoutMs} ms without progress (is a worker running?): ${keys
            .map((t) => t.key)
            .join(', ')}`,
          'timers-stuck',
          { count: open.length },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  private async pendingAmong(ids: number[]): Promise<number[]> {
    const connection = this.em.getConnection();
    const pending: number[] = [];
    for (const chunk of chunks(ids, IDS_PER_QUERY)) {
      const rows: { id: number }[] = await connection.execute(
        `select id from timer where status = 'pending' and id in (${placeholders(chunk)})`,
        chunk,
      );
      for (const row of rows) pending.push(Number(row.id));
    }
    return pending;
  }

  private async outcomes(ids: number[]): Promise<{ fired: number; skipped: number }> {
    const connection = this.em.getConnection();
    const counts = { fired: 0, skipped: 0 };
    for (const chunk of chunks(ids, IDS_PER_QUERY)) {
      const rows: { status: string; count: number | string }[] = await connection.execute(
        `select status, count(*) as count from timer where id in (${placeholders(chunk)}) group by status`,
        chunk,
      );
      for (const row of rows) {
        if (row.status === 'fired' || row.status === 'skipped') counts[row.status] += Number(row.count);
      }
    }
    return counts;
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

const placeholders = (values: unknown[]) => values.map(() => '?').join(',');
