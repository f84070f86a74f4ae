import type { Options } from '@mikro-orm/core';
import { defineConfig as defineLibSqlConfig } from '@mikro-orm/libsql';
import { Migrator } from '@mikro-orm/migrations';
import { ImmediateTransactionLibSqlDialect } from './sqlite-immediate-dialect';
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
    driverOptions: { client: ImmediateTransactionLibSqlDialect },
    // The api and the workers are separate processes on one file: WAL lets readers run beside the writer, and
    // a busy writer is waited for instead of failing at once.
    pool: {
      afterCreate: (
        connection: { exec(sql: string): void },
        done: (error: Error | null, c: unknown) => void,
      ) => {
        try {
          connection.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;');
          done(null, connection);
        } catch (error) {
          done(error as Error, connection);
        }
      },
    },
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
