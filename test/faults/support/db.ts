import { Client } from 'pg';

/** One query against the stack's database, on a connection of its own. */
export async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** `select count(*)` as a number. */
export async function count(url: string, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await query<{ n: string }>(url, sql, params);
  return Number(row.n);
}
