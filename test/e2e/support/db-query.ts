import Database from 'libsql';
import { Client } from 'pg';
import type { TestDatabase } from '@cascade/testing';

/** Plain reads of a stack's database from outside its processes, the same SQL on both databases. */
export interface DbQuery {
  rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

export async function openDbQuery(database: TestDatabase): Promise<DbQuery> {
  const config = database.config;
  if (config.driver === 'postgresql') {
    const client = new Client({ connectionString: config.url });
    await client.connect();
    return {
      rows: async <T>(sql: string) => (await client.query(sql)).rows as T[],
      close: () => client.end(),
    };
  }
  const db = new Database(config.path, { readonly: true });
  db.exec('PRAGMA busy_timeout = 5000');
  return {
    rows: async <T>(sql: string) => db.prepare(sql).all() as T[],
    close: async () => {
      db.close();
    },
  };
}

/** A timestamp column as either database returns it (a Date, an ISO text or epoch milliseconds). */
export const instantOf = (value: unknown): Date =>
  value instanceof Date
    ? value
    : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
