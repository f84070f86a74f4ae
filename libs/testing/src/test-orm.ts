import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { WorkflowRegistry } from '@cascade/dialogue';
import { FixedClock } from './fixed-clock';
import { openMigratedOrm } from '@cascade/persistence';
import { createTestDatabase, type TestDatabase, type TestDriver } from './test-database';

export const WORKFLOWS_DIR = path.resolve(__dirname, '../../../workflows');

export interface TestOrm {
  orm: MikroORM;
  database: TestDatabase;
  registry: WorkflowRegistry;
  clock: FixedClock;
  /** Another ORM (its own connections) on the same database, as a second process would have. */
  openAnother(): Promise<MikroORM>;
  close(): Promise<void>;
}

/** A migrated database (through the real migrations), the real workflow definitions and a clock to move. */
export async function openTestOrm(
  driver: TestDriver,
  now = new Date('2026-10-01T12:00:00Z'),
): Promise<TestOrm> {
  const database = await createTestDatabase(driver);
  const orm = await openMigratedOrm(database.config);
  return {
    orm,
    database,
    registry: WorkflowRegistry.fromDirectory(WORKFLOWS_DIR),
    clock: new FixedClock(now),
    openAnother: () => openMigratedOrm(database.config),
    close: async () => {
      await orm.close(true);
      await database.drop();
    },
  };
}
