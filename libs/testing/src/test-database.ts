import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { DatabaseConfig } from '@cascade/config';

export type TestDriver = DatabaseConfig['driver'];

/** The machine's PostgreSQL (trust auth); tests make their own database in it and drop it afterwards. */
export const POSTGRES_ADMIN_URL =
  process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Drivers every database test runs on; TEST_DATABASES=sqlite narrows it for a quick local run. */
export function testDrivers(): TestDriver[] {
  const wanted = (process.env['TEST_DATABASES'] ?? 'sqlite,postgresql').split(',').map((d) => d.trim());
  return (['sqlite', 'postgresql'] as const).filter((d) => wanted.includes(d));
}

export interface TestDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

/** A fresh, empty database of its own for one test file: no test sees another's rows. */
export async function createTestDatabase(driver: TestDriver): Promise<TestDatabase> {
  const name = `cascade_test_${randomBytes(6).toString('hex')}`;
  if (driver === 'sqlite') {
    const file = path.join(os.tmpdir(), `${name}.sqlite`);
    return {
      config: { driver: 'sqlite', path: file },
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
      },
    };
  }
  await withAdmin((client) => client.query(`create database ${name}`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    config: { driver: 'postgresql', url: url.toString() },
    drop: () =>
      withAdmin((client) => client.query(`drop database if exists ${name} with (force)`)).then(
        () => undefined,
      ),
  };
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
