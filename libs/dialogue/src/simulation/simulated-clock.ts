import type { EntityManager } from '@mikro-orm/core';
import { Clock } from '@cascade/clock';
import { SimulatedTime } from './simulated-time.entity';

const ROW = 1;

/**
 * A clock that only moves when an admin advances it. The time lives in the database so the api and every worker
 * agree; each process calls `sync()` before a request or a job. Until it is first set, it reads the wall clock.
 */
export class SimulatedClock extends Clock {
  private current: Date | null = null;

  constructor(private readonly em: EntityManager) {
    super();
  }

  now(): Date {
    return new Date(this.current ?? Date.now());
  }

  isSet(): boolean {
    return this.current !== null;
  }

  override async sync(): Promise<void> {
    const row = await this.em.fork().findOne(SimulatedTime, ROW);
    this.current = row ? row.now : null;
  }

  async set(to: Date): Promise<void> {
    await this.em.fork().upsert(SimulatedTime, { id: ROW, now: to });
    this.current = new Date(to);
  }
}
