import { createHash } from 'node:crypto';
import Database from 'libsql';
import { Client } from 'pg';
import type { TestDatabase } from '@cascade/testing';

/** Per table: its row count and a digest of all its rows in a stable order. */
export type DatabaseSnapshot = Map<string, { rows: number; digest: string }>;

export interface SnapshotReader {
  take(): Promise<DatabaseSnapshot>;
  close(): Promise<void>;
}

// The migrations' own bookkeeping is not the application's state, but it never changes after the migration
// either: it is kept, so nothing at all is ignored.

/**
 * Reads every table of a stack's database from outside the processes (a connection of its own). PostgreSQL
 * digests each table itself (`md5(string_agg(row::text order by row::text))`); SQLite has no md5, so its rows come
 * back as JSON and are digested here, in the same spirit.
 */
export async function openSnapshotReader(database: TestDatabase): Promise<SnapshotReader> {
  const config = database.config;
  if (config.driver === 'postgresql') {
    const client = new Client({ connectionString: config.url });
    await client.connect();
    return {
      take: async () => {
        const tables = await client.query<{ name: string }>(
          "select tablename as name from pg_tables where schemaname = 'public' order by tablename",
        );
        const snapshot: DatabaseSnapshot = new Map();
        for (const { name } of tables.rows) {
          const result = await client.query<{ rows: string; digest: string | null }>(
            `select count(*)::text as rows, md5(string_agg(t::text, '|' order by t::text)) as digest from "${name}" t`,
          );
          snapshot.set(name, { rows: Number(result.rows[0].rows), digest: result.rows[0].digest ?? '' });
        }
        return snapshot;
      },
      close: () => client.end(),
    };
  }
  const db = new Database(config.path, { readonly: true });
  db.exec('PRAGMA busy_timeout = 5000');
  return {
    take: async () => {
      const tables = db
        .prepare(
          "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
        )
        .all() as { name: string }[];
      const snapshot: DatabaseSnapshot = new Map();
      for (const { name } of tables) {
        const rows = (db.prepare(`select * from "${name}"`).raw(true).all() as unknown[][]).map((row) =>
          JSON.stringify(row, (_key, value) =>
            typeof value === 'bigint' ? value.toString() : value instanceof Uint8Array ? [...value] : value,
          ),
        );
        rows.sort();
        snapshot.set(name, {
          rows: rows.length,
          digest: rows.length ? createHash('md5').update(rows.join('|')).digest('hex') : '',
        });
      }
      return snapshot;
    },
    close: async () => {
      db.close();
    },
  };
}

/** The tables whose count or contents differ, with the counts, to name in a failure. */
export function snapshotChanges(before: DatabaseSnapshot, after: DatabaseSnapshot): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  const changes: string[] = [];
  for (const name of [...names].sort()) {
    const a = before.get(name);
    const b = after.get(name);
    if (a?.rows === b?.rows && a?.digest === b?.digest) continue;
    changes.push(
      `${name}: ${a?.rows ?? 'absent'} rows → ${b?.rows ?? 'absent'} rows${a?.rows === b?.rows ? ' (contents changed)' : ''}`,
    );
  }
  return changes;
}
