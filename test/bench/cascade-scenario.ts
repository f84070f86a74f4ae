/**
 * The managers' cascade at the size of the real organisation: the 58 entities with generated trees (their staff,
 * ~34,800 people) and at 10×, on the built api and worker against PostgreSQL, each beside a raw baseline of the
 * same rows and jobs measured in the same run (see run.ts for the shared kit).
 */
import path from 'node:path';
import { Queue } from 'bullmq';
import { Pool } from 'pg';
import {
  generateEntityListTrees,
  peakRssMb,
  sampleDialogueInput,
  startScript,
  startStack,
  syntheticOrganisation,
  waitFor,
  type PrivateRedis,
  type Stack,
} from '@cascade/testing';

export interface BenchKit {
  add(row: {
    scenario: string;
    size: string;
    unit: string;
    cascade: number;
    raw: number;
    baseline: string;
    note?: string;
  }): void;
  log(message: string): void;
  sql<T = Record<string, unknown>>(url: string, text: string, params?: unknown[]): Promise<T[]>;
  count(url: string, text: string, params?: unknown[]): Promise<number>;
  advance(stack: Stack, to: string): Promise<void>;
}

const YEAR = 2026;
const LAUNCH_CLOCK = '2026-10-30T12:00:00Z';
const seconds = (ms: number) => Number((ms / 1000).toFixed(2));

/** Runs `work` over `items`, `width` at a time. */
async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(work));
}

export async function cascadeScenario(kit: BenchKit, scale: number, size: string, redis: PrivateRedis) {
  const trees = generateEntityListTrees({ scale });
  const people = trees.reduce((n, t) => n + t.people.length, 0);
  const stack = await startStack({
    redisUrl: redis.url,
    workers: 1,
    env: { SIMULATION: 'true', TIMER_RATE_LIMIT: '10000' },
  });
  const db = stack.env['DATABASE_URL'] as string;
  try {
    await stack.ok('PUT', '/api/simulation/clock', { now: LAUNCH_CLOCK });
    await stack.ok('POST', '/api/dialogues', sampleDialogueInput(YEAR));
    await stack.ok('POST', '/api/entities/import', { entities: syntheticOrganisation(58) });
    await stack.ok('POST', `/api/dialogues/${YEAR}/launch`);
    await waitFor(async () => (await kit.count(db, 'select count(*) as n from entity_workflow')) === 58, {
      what: 'the launch',
      timeoutMs: 600_000,
    });
    kit.log(`cascade: importing the trees of ${people.toLocaleString('en')} people`);
    const started = Date.now();
    for (const tree of trees) {
      await stack.ok('POST', `/api/dialogues/${YEAR}/entities/${tree.code}/org-tree`, tree.csv, {
        contentType: 'text/csv',
        timeoutMs: 600_000,
      });
    }
    await waitFor(
      async () =>
        (await kit.count(db, "select count(*) as n from timer where status = 'pending' and not synced")) ===
        0,
      { what: 'the trees’ timers mirrored', timeoutMs: 600_000, intervalMs: 200 },
    );
    const importMs = Date.now() - started;
    const managers = await kit.count(db, 'select count(*) as n from manager_workflow');
    const timers = await kit.count(db, 'select count(*) as n from timer where manager_id is not null');
    const raw = await rawImport(kit, db, redis, stack.env['QUEUE_PREFIX'] as string);
    kit.add({
      scenario:
        'cascade: 58 generated trees imported, managers made and asked (HTTP, one request per entity)',
      size,
      unit: 's',
      cascade: seconds(importMs),
      raw: seconds(raw),
      baseline: `multi-row INSERT of the same ${people} people and ${managers} manager rows, ${timers} timer rows and their delayed jobs (addBulk)`,
      note: `${people} people, ${managers} managers`,
    });
    await cascadeYear(kit, stack, db, redis, size);
  } finally {
    await stack.stop();
  }
}

/** The same rows as the import wrote, copied by plain SQL into look-alike tables, and the same delayed jobs. */
async function rawImport(kit: BenchKit, db: string, redis: PrivateRedis, prefix: string): Promise<number> {
  await kit.sql(db, 'create table raw_person (like person including defaults)');
  await kit.sql(db, 'create table raw_manager (like manager_workflow including defaults)');
  await kit.sql(db, 'create table raw_timer_rows (like timer including defaults)');
  const [persons, managerRows, timerRows] = await Promise.all([
    kit.sql(db, 'select * from person'),
    kit.sql(db, 'select * from manager_workflow'),
    kit.sql(db, 'select * from timer where manager_id is not null'),
  ]);
  const queue = new Queue('raw-cascade', {
    connection: { url: redis.url, maxRetriesPerRequest: null },
    prefix: `${prefix}-raw`,
  });
  const pool = new Pool({ connectionString: db, max: 2 });
  try {
    const started = Date.now();
    for (const [table, rows] of [
      ['raw_person', persons],
      ['raw_manager', managerRows],
      ['raw_timer_rows', timerRows],
    ] as const) {
      await copyRows(pool, table, rows);
    }
    for (let i = 0; i < timerRows.length; i += 1000)
      await queue.addBulk(
        timerRows.slice(i, i + 1000).map((t) => ({
          name: 'fire',
          data: {},
          opts: { jobId: `raw-${String(t['key'])}`, delay: 86_400_000 },
        })),
      );
    return Date.now() - started;
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await pool.end();
  }
}

async function copyRows(pool: Pool, table: string, rows: Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]).filter((c) => c !== 'id');
  const client = await pool.connect();
  try {
    await client.query('begin');
    for (let i = 0; i < rows.length; i += 500) {
      const params: unknown[] = [];
      const values = rows.slice(i, i + 500).map(
        (row) =>
          `(${columns
            .map((c) => {
              const v = row[c];
              params.push(
                v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v,
              );
              return `$${params.length}`;
            })
            .join(', ')})`,
      );
      await client.query(
        `insert into ${table} (${columns.map((c) => `"${c}"`).join(', ')}) values ${values.join(', ')}`,
        params,
      );
    }
    await client.query('commit');
  } finally {
    client.release();
  }
}

/**
 * A year of the cascade: every Monday each manager whose turn has come leads their session (a POST each), so the
 * turns run down every tree while the reminders, nudges and digests of the others fire on the simulation clock.
 */
async function cascadeYear(kit: BenchKit, stack: Stack, db: string, redis: PrivateRedis, size: string) {
  let sessions = 0;
  const started = Date.now();
  for (let monday = new Date('2026-11-02T12:00:00Z'); monday < new Date('2027-02-15T00:00:00Z');) {
    await kit.advance(stack, monday.toISOString());
    const due = await kit.sql<{ code: string; email: string }>(
      db,
      `select e.code, m.email from manager_workflow m join entity_workflow w on w.id = m.workflow_id
       join entity e on e.id = w.entity_id where m.state = 'your-turn'`,
    );
    const heldOn = new Date(monday.getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
    // Sessions of one entity are recorded one after the other (each moves the entity's instance: two at once would
    // be refused as a concurrent change); entities go ten at a time.
    const byEntity = new Map<string, string[]>();
    for (const m of due) byEntity.set(m.code, [...(byEntity.get(m.code) ?? []), m.email]);
    await inParallel([...byEntity], 10, async ([code, emails]) => {
      for (const leaderEmail of emails)
        await stack.ok('POST', `/api/dialogues/${YEAR}/entities/${code}/sessions`, {
          leaderEmail,
          heldOn,
          language: 'en',
          participants: 12,
        });
    });
    sessions += due.length;
    monday = new Date(monday.getTime() + 7 * 86_400_000);
  }
  await kit.advance(stack, '2027-03-05T00:00:00Z');
  const cascadeMs = Date.now() - started;
  const fired = await kit.count(db, "select count(*) as n from timer where status = 'fired'");
  const held = await kit.count(db, 'select count(*) as n from manager_workflow where sessions_led > 0');
  const rawMs = await rawYear(kit, db, redis, stack.env['QUEUE_PREFIX'] as string, sessions, fired);
  kit.add({
    scenario:
      'cascade: a simulated year (weekly sessions down every tree, clock advanced to after the cutoff)',
    size,
    unit: 's',
    cascade: seconds(cascadeMs),
    raw: seconds(rawMs.ms),
    baseline: `${sessions} single-row INSERTs (10 at a time) + ${fired} jobs through a bare BullMQ worker, one UPDATE each`,
    note: `${sessions} sessions recorded over HTTP, ${held} managers held, ${fired} timers fired`,
  });
  kit.add({
    scenario: 'cascade: peak memory, worker (VmHWM, after the year)',
    size,
    unit: 'MiB',
    cascade: Math.round(peakRssMb(stack.processes[1].child.pid)),
    raw: rawMs.workerPeakMb,
    baseline: 'the bare BullMQ worker above',
  });
}

async function rawYear(
  kit: BenchKit,
  db: string,
  redis: PrivateRedis,
  prefix: string,
  sessions: number,
  jobs: number,
) {
  await kit.sql(db, 'create table raw_session (like session including defaults)');
  await kit.sql(
    db,
    'create table raw_timer (key varchar(200) primary key, status varchar(20) not null, closed_at timestamptz)',
  );
  await kit.sql(
    db,
    "insert into raw_timer select 'raw-' || g, 'pending', null from generate_series(1, $1::int) g",
    [jobs],
  );
  const [template] = await kit.sql(db, 'select * from session limit 1');
  const pool = new Pool({ connectionString: db, max: 10 });
  const worker = startScript(path.join(__dirname, 'support', 'raw-worker.js'), {
    DATABASE_URL: db,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: `${prefix}-rawyear`,
    JOBS: String(jobs),
  });
  const queue = new Queue('raw-timers', {
    connection: { url: redis.url, maxRetriesPerRequest: null },
    prefix: `${prefix}-rawyear`,
  });
  try {
    await waitFor(() => worker.output().includes('ready'), { what: 'the raw worker' });
    const started = Date.now();
    const columns = Object.keys(template).filter((c) => c !== 'id');
    const insert = `insert into raw_session (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`;
    const values = columns.map((c) => {
      const v = template[c];
      return v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v;
    });
    await inParallel(Array.from({ length: sessions }), 10, () => pool.query(insert, values));
    for (let i = 1; i <= jobs; i += 1000)
      await queue.addBulk(
        Array.from({ length: Math.min(1000, jobs - i + 1) }, (_, k) => ({
          name: 'fire',
          data: {},
          opts: { jobId: `raw-${i + k}` },
        })),
      );
    await waitFor(() => /done \d+/.test(worker.output()), {
      what: 'the raw worker to finish',
      timeoutMs: 600_000,
    });
    return { ms: Date.now() - started, workerPeakMb: Math.round(peakRssMb(worker.child.pid)) };
  } finally {
    await worker.stop();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await pool.end();
  }
}
