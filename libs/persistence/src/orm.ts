import { MikroORM } from '@mikro-orm/core';
import type { DatabaseConfig } from '@cascade/config';
import { ormOptions } from './orm-options';

/** Opens the database and applies pending migrations (used by the CLI, the dev launcher and tests). */
export async function openMigratedOrm(database: DatabaseConfig): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(database));
  await orm.getMigrator().up();
  return orm;
}

/** Names of the migrations not yet applied (the api and worker refuse to start while there are some). */
export async function pendingMigrations(orm: MikroORM): Promise<string[]> {
  return (await orm.getMigrator().getPendingMigrations()).map((m) => m.name);
}
