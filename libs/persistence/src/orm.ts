import { MikroORM } from '@mikro-orm/core';
import type { DatabaseConfig } from '@cascade/config';
import { ormOptions } from './orm-options';

/** Opens the database and applies pending migrations (used by the CLI, the dev launcher and tests). */
export async function openMigratedOrm(database: DatabaseConfig): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(database));
  await orm.getMigrator().up();
  return orm;
}

/**
 * The api and the worker refuse to start on a database that is behind the code, before any processor or
 * poller touches it; migrating is an explicit step (`npm run db:migrate`).
 */
export async function assertMigrated(database: DatabaseConfig): Promise<void> {
  const orm = await MikroORM.init(ormOptions(database));
  try {
    const pending = (await orm.getMigrator().getPendingMigrations()).map((m) => m.name);
    if (pending.length > 0) {
      throw new Error(`the database has pending migrations (${pending.join(', ')}): run npm run db:migrate`);
    }
  } finally {
    await orm.close();
  }
}
