import type { Options } from '@mikro-orm/core';
import { defineConfig as defineLibSqlConfig } from '@mikro-orm/libsql';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig as definePostgreSqlConfig } from '@mikro-orm/postgresql';
import type { DatabaseConfig } from '@cascade/config';
import { dialogueEntities } from '@cascade/dialogue';
import { OutboxMessage } from '@cascade/scheduling';
import { postgresqlMigrations } from './migrations/postgresql';
import { sqliteMigrations } from './migrations/sqlite';

export const allEntities = [...dialogueEntities, OutboxMessage];

/**
 * MikroORM options for either database. The schema only ever changes through the migrations of the chosen
 * dialect (one folder each, generated from the same entities), never through schema sync.
 */
export function ormOptions(database: DatabaseConfig, overrides: Partial<Options> = {}): Options {
  const common = {
    entities: allEntities,
    extensions: [Migrator],
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: false,
    discovery: { warnWhenNoEntities: true },
  };
  if (database.driver === 'postgresql') {
    return definePostgreSqlConfig({
      ...common,
      clientUrl: database.url,
      pool: { min: 0, max: 10 },
      migrations: {
        migrationsList: postgresqlMigrations,
        transactional: true,
        allOrNothing: true,
        snapshot: false,
        silent: true,
      },
      ...(overrides as object),
    }) as Options;
  }
  return defineLibSqlConfig({
    ...common,
    dbName: database.path,
    migrations: {
      migrationsList: sqliteMigrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    ...(overrides as object),
  }) as Options;
}
