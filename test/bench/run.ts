/**
 * `npm run bench`: the built api and worker against the machine's PostgreSQL, a Redis of the bench's own and a
 * local SMTP sink, each scenario at full size and at 1/10, each beside a raw baseline measured in the same run on
 * the same services. Prints one table and writes it as JSON to test/bench/results/bench.json.
 *
 * Full sizes (entities) can be changed with BENCH_ENTITIES (launch, mail, HTTP; 10,000), BENCH_SWEEP_ENTITIES (the
 * overdue sweep; 100,000), BENCH_YEAR_ENTITIES (the simulated year; 10,000) and BENCH_CASCADE_SCALE (the cascade's
 * larger size, times the real staff; 10); BENCH_ONLY=launch,sweep,year,cascade,report,console narrows a run.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { cascadeScenario } from './cascade-scenario';
import { Queue } from 'bullmq';
import nodemailer from 'nodemailer';
import { Client } from 'pg';
import {
  createTestDatabase,
  freePort,
  ownChild,
  runBuilt,
  peakRssMb,
  sampleDialogueInput,
  STACK_API_KEY,
  startPrivateRedis,
  startScript,
  startStack,
  syntheticOrganisation,
  type Stack,
  startSmtpSink,
  waitFor,
  WORKFLOWS_DIR,
  type PrivateRedis,
  type SmtpSink,
} from '@cascade/testing';

const FULL = Number(process.env['BENCH_ENTITIES'] ?? 10_000);
const YEAR_FULL = Number(process.env['BENCH_YEAR_ENTITIES'] ?? 10_000);
const SWEEP_FULL = Number(process.env['BENCH_SWEEP_ENTITIES'] ?? 100_000);
const ONLY = process.env['BENCH_ONLY']?.split(',');
const CASCADE_SCALE = Number(process.env['BENCH_CASCADE_SCALE'] ?? 10);
const YEAR = 2026;
const LAUNCH_CLOCK = '2026-10-30T12:00:00Z';
const RESULTS = path.resolve(__dirname, 'results');

interface Row {
  scenario: string;
  size: string;
  unit: string;
  cascade: number;
  raw: number;
  /** How many times Cascade's cost is the raw baseline's (time, latency or memory; inverse for throughput). */
  ratio: number;
  baseline: string;
  note?: string;
}

const rows: Row[] = [];
const log = (message: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const seconds = (ms: number) => Number((ms / 1000).toFixed(2));

function add(row: Omit<Row, 'ratio'>, higherIsBetter = false) {
  const ratio = higherIsBetter ? row.raw / row.cascade : row.cascade / row.raw;
  rows.push({ ...row, ratio: Number(ratio.toFixed(2)) });
  log(
    `${row.scenario} (${row.size}): cascade ${row.cascade} ${row.unit}, raw ${row.raw} ${row.unit}` +
      (row.note ? `; ${row.note}` : ''),
  );
}

async function sql<T = Record<string, unknown>>(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
const count = async (url: string, text: string, params: unknown[] = []) =>
  Number((await sql<{ n: string }>(url, text, params))[0].n);

/** Every instance written, every outbox row dispatched, every timer mirrored: the launch of `n` is over. */
const launchComplete = async (db: string, n: number) =>
  (await count(db, 'select count(*) as n from entity_workflow')) === n &&
  (await count(db, "select count(*) as n from outbox where status = 'pending'")) === 0 &&
  (await count(db, "select count(*) as n from timer where status = 'pending' and not synced")) === 0;

/** Copies rows into another database of the same schema, 1,000 per INSERT, in one transaction per table. */
async function insertRows(
  client: Client,
  table: string,
  data: Record<string, unknown>[],
  jsonColumns: Set<string>,
) {
  if (data.length === 0) return;
  const columns = Object.keys(data[0]);
  await client.query('begin');
  for (let i = 0; i < data.length; i += 1000) {
    const chunk = data.slice(i, i + 1000);
    const params: unknown[] = [];
    const values = chunk.map(
      (row) =>
        `(${columns
          .map((c) => {
            params.push(jsonColumns.has(c) && row[c] !== null ? JSON.stringify(row[c]) : row[c]);
            return `$${params.length}`;
          })
          .join(', ')})`,
    );
    await client.query(
      `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${values.join(', ')}`,
      params,
    );
  }
  await client.query('commit');
}

async function jsonColumnsOf(url: string): Promise<Map<string, Set<string>>> {
  const found = await sql<{ table_name: string; column_name: string }>(
    url,
    "select table_name, column_name from information_schema.columns where table_schema = 'public' and data_type in ('json', 'jsonb')",
  );
  const map = new Map<string, Set<string>>();
  for (const { table_name, column_name } of found)
    map.set(table_name, (map.get(table_name) ?? new Set()).add(column_name));
  return map;
}

async function migratedDatabase(redis: PrivateRedis) {
  const database = await createTestDatabase('postgresql');
  const url = database.config.driver === 'postgresql' ? database.config.url : '';
  await runBuilt('cli', { NODE_ENV: 'test', DATABASE_URL: url, REDIS_URL: redis.url, WORKFLOWS_DIR }, [
    'db:migrate',
  ]);
  return { url, drop: () => database.drop() };
}

async function advance(stack: Stack, to: string, stepMs = 7 * 86_400_000) {
  // One request per `stepMs` of virtual time keeps each answer within HTTP timeouts. The api fails a due instant
  // whose timers made no progress for 30 s with a 409 (the workers go on firing): the same advance is then asked
  // again until it completes. Counts therefore come from the database, not from here.
  const status = await stack.ok<{ now: string }>('GET', '/api/simulation/clock');
  for (let at = new Date(status.now); at < new Date(to);) {
    at = new Date(Math.min(at.getTime() + stepMs, new Date(to).getTime()));
    for (let unanswered = 0; ;) {
      // fetch gives up on an answer after 300 s (undici's headers timeout) while the api goes on advancing: the
      // same advance is asked again, answered 409 "already advancing" until the first one is done.
      const answer = await stack
        .call<{ message?: string }>('POST', '/api/simulation/advance', { to: at.toISOString() })
        .catch((error: Error) => ({ status: 0, body: { message: `no answer: ${error.message}` } }));
      if (answer.status < 300) break;
      unanswered = answer.status === 0 ? unanswered + 1 : 0;
      const again =
        (answer.status === 0 && unanswered < 10) ||
        (answer.status === 409 && /still pending|already advancing/.test(answer.body.message ?? ''));
      if (!again)
        throw new Error(`advance to ${at.toISOString()}: ${answer.status} ${JSON.stringify(answer.body)}`);
      if (answer.status !== 409 || !answer.body.message?.includes('still pending'))
        await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

const STATS = {
  eligibleStaff: 100,
  staffParticipated: 70,
  sessionsHeld: 5,
  managersLed: 4,
  nonStaffParticipants: 1,
};

/** Launch, invitation mail and HTTP submissions, on one stack of `n` entities. */
async function launchAndAfter(n: number, size: string, redis: PrivateRedis, sink: SmtpSink) {
  const entities = syntheticOrganisation(n);
  const stack = await startStack({
    redisUrl: redis.url,
    workers: 1,
    env: {
      SIMULATION: 'true',
      TIMER_RATE_LIMIT: '10000',
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      SMTP_IGNORE_TLS: 'true',
      MAIL_FROM: 'Ethics Office <ethics-office@un.example.org>',
    },
  });
  const db = stack.env['DATABASE_URL'] as string;
  const prefix = stack.env['QUEUE_PREFIX'] as string;
  const raw = await migratedDatabase(redis);
  const rawQueuePrefix = `${prefix}-raw`;
  try {
    await stack.ok('PUT', '/api/simulation/clock', { now: LAUNCH_CLOCK });
    await stack.ok('POST', '/api/dialogues', sampleDialogueInput(YEAR));
    await stack.ok('POST', '/api/entities/import', { entities });
    sink.received.length = 0;

    // --- launch: from the request to every instance, audit row and timer written, timers mirrored, mail queued.
    log(`launch of ${n} entities`);
    const launchStarted = Date.now();
    await stack.ok('POST', `/api/dialogues/${YEAR}/launch`);
    await waitFor(() => launchComplete(db, n), {
      what: 'the launch to complete',
      timeoutMs: 3_600_000,
      intervalMs: 100,
    });
    const launchMs = Date.now() - launchStarted;
    const mails = n * 2;
    await waitFor(() => sink.received.length >= mails, {
      what: `${mails} invitations at the sink`,
      timeoutMs: 3_600_000,
      intervalMs: 50,
    });
    const mailMs = Date.now() - launchStarted;
    await waitFor(
      async () => (await count(db, "select count(*) as n from mail where status = 'sent'")) === mails,
      {
        what: 'every mail marked sent',
        timeoutMs: 120_000,
      },
    );

    // Raw baseline of the launch: the same rows into the same schema, batched, plus BullMQ addBulk of the same jobs.
    const json = await jsonColumnsOf(db);
    const copy = async (table: string) => sql(db, `select * from "${table}" order by id`);
    const target = new Client({ connectionString: raw.url });
    await target.connect();
    const queue = new Queue('timers', {
      connection: { url: redis.url, maxRetriesPerRequest: null },
      prefix: rawQueuePrefix,
    });
    const mailQueue = new Queue('mail', {
      connection: { url: redis.url, maxRetriesPerRequest: null },
      prefix: rawQueuePrefix,
    });
    try {
      for (const table of ['dialogue', 'entity', 'focal_point'])
        await insertRows(target, table, await copy(table), json.get(table) ?? new Set());
      const written: Record<string, Record<string, unknown>[]> = {};
      for (const table of ['entity_workflow', 'audit_event', 'timer', 'outbox'])
        written[table] = await copy(table);
      const now = new Date(LAUNCH_CLOCK).getTime();
      const rawStarted = Date.now();
      for (const table of Object.keys(written))
        await insertRows(target, table, written[table], json.get(table) ?? new Set());
      const timers = written['timer'];
      for (let i = 0; i < timers.length; i += 1000)
        await queue.addBulk(
          timers.slice(i, i + 1000).map((t) => ({
            name: 'fire-timer',
            data: { key: t['key'] },
            opts: { jobId: t['key'] as string, delay: Math.max(0, (t['due_at'] as Date).getTime() - now) },
          })),
        );
      const invitations = written['outbox'].filter((o) => o['queue'] === 'mail');
      for (let i = 0; i < invitations.length; i += 1000)
        await mailQueue.addBulk(
          invitations.slice(i, i + 1000).map((o) => ({
            name: 'send-mail',
            data: o['payload'],
            opts: { jobId: o['idempotency_key'] as string, delay: 3_600_000 },
          })),
        );
      const rawLaunchMs = Date.now() - rawStarted;
      add({
        scenario: 'launch (instances, audit, timers planned + mirrored, invitations queued)',
        size,
        unit: 's',
        cascade: seconds(launchMs),
        raw: seconds(rawLaunchMs),
        baseline: `batched INSERTs of the same ${Object.values(written).reduce((s, r) => s + r.length, 0)} rows + addBulk of ${timers.length} delayed jobs`,
      });

      // Raw baseline of the mail: nodemailer's pooled transport sending the same rendered mails to the same sink.
      const rendered = await sql<{ recipient_address: string; subject: string; html: string; text: string }>(
        db,
        'select recipient_address, subject, html, text from mail order by id',
      );
      sink.received.length = 0;
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: sink.port,
        pool: true,
        maxConnections: 5,
        ignoreTLS: true,
      });
      const rawMailStarted = Date.now();
      await Promise.all(
        rendered.map((m) =>
          transport.sendMail({
            from: 'Ethics Office <ethics-office@un.example.org>',
            to: m.recipient_address,
            subject: m.subject,
            html: m.html,
            text: m.text,
          }),
        ),
      );
      const rawMailMs = Date.now() - rawMailStarted;
      transport.close();
      add({
        scenario: 'invitation mail end to end (render, outbox, queue, SMTP)',
        size,
        unit: 's',
        cascade: seconds(mailMs),
        raw: seconds(rawMailMs),
        baseline: `nodemailer pool (5 connections) sending the same ${rendered.length} mails to the same sink`,
        note: `${Math.round(mails / (mailMs / 1000))} mails/s from the launch request`,
      });
    } finally {
      await target.end();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await mailQueue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      await mailQueue.close();
    }

    // --- statistics over HTTP: the api against a bare node:http server doing one INSERT, same database.
    const rawPort = await freePort();
    const rawServer = startScript(path.join(__dirname, 'support', 'raw-http-server.js'), {
      DATABASE_URL: db,
      PORT: String(rawPort),
    });
    try {
      await waitFor(() => rawServer.output().includes('listening'), { what: 'the raw HTTP server' });
      // Every request is an entity's first submission (invited → stats-submitted: the transition, its audit row,
      // its receipt mail in the outbox, its timers cancelled), each phase on entities of its own, and the raw server
      // gets exactly the same requests. (A second submission at the same virtual instant would be refused: see the
      // README's "Benchmarks".)
      const codes = entities.map((e) => e.code);
      const load = async (base: string, pathOf: (code: string) => string, batch: string[], rate?: number) => {
        let next = 0;
        const result = await autocannon({
          url: base,
          connections: Math.min(10, batch.length),
          amount: batch.length,
          ...(rate ? { overallRate: rate } : {}),
          requests: [
            {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-api-key': STACK_API_KEY },
              body: JSON.stringify(STATS),
              setupRequest: (request) => ({ ...request, path: pathOf(batch[next++ % batch.length]) }),
            },
          ],
        });
        return {
          rps:
            result.requests.total /
            ((new Date(result.finish).getTime() - new Date(result.start).getTime()) / 1000),
          p50: result.latency.p50,
          p99: result.latency.p99,
          codes: Object.entries(result.statusCodeStats ?? {})
            .map(([code, { count }]) => `${code}×${count}`)
            .join(' '),
        };
      };
      const both = async (batch: string[], rate?: number) => ({
        cascade: await load(
          stack.base,
          (code) => `/api/dialogues/${YEAR}/entities/${code}/statistics`,
          batch,
          rate,
        ),
        raw: await load(`http://127.0.0.1:${rawPort}`, (code) => `/stats/${code}`, batch, rate),
      });
      // Well under the api's capacity on this machine, so the latency is that of a request, not of a queue.
      const rate = 20;
      // 100 to warm up, 200 at the fixed rate (10 s), up to 5,000 flat out; proportionally fewer on a small run.
      const warmUpEnd = Math.min(100, Math.floor(codes.length / 10));
      const fixedEnd = warmUpEnd + Math.min(rate * 10, Math.floor(codes.length / 5));
      const warmUp = codes.slice(0, warmUpEnd);
      const fixed = codes.slice(warmUpEnd, fixedEnd);
      const flatOut = codes.slice(fixedEnd, fixedEnd + 5000);
      log('statistics over HTTP');
      await both(warmUp);
      const { cascade: cascadeMax, raw: rawMax } = await both(flatOut);
      const { cascade: cascadeFixed, raw: rawFixed } = await both(fixed, rate);
      const baseline = 'bare node:http + one INSERT (pg pool of 10), same PostgreSQL, same load';
      add(
        {
          scenario: `statistics submissions over HTTP, throughput (10 connections, ${flatOut.length} requests)`,
          size,
          unit: 'req/s',
          cascade: Math.round(cascadeMax.rps),
          raw: Math.round(rawMax.rps),
          baseline,
          note: `answers ${cascadeMax.codes} (raw ${rawMax.codes})`,
        },
        true,
      );
      add({
        scenario: `statistics over HTTP, p50 latency at ${rate} req/s (${fixed.length} requests)`,
        size,
        unit: 'ms',
        cascade: cascadeFixed.p50,
        raw: rawFixed.p50,
        baseline,
      });
      add({
        scenario: `statistics over HTTP, p99 latency at ${rate} req/s (${fixed.length} requests)`,
        size,
        unit: 'ms',
        cascade: cascadeFixed.p99,
        raw: rawFixed.p99,
        baseline,
        note: `answers ${cascadeFixed.codes} (raw ${rawFixed.codes})`,
      });
      add({
        scenario: 'peak memory, api (VmHWM)',
        size,
        unit: 'MiB',
        cascade: Math.round(peakRssMb(stack.processes[0].child.pid)),
        raw: Math.round(peakRssMb(rawServer.child.pid)),
        baseline: 'the bare HTTP server above',
      });
    } finally {
      await rawServer.stop();
    }
    return { workerPeakMb: Math.round(peakRssMb(stack.processes[1].child.pid)) };
  } finally {
    await stack.stop();
    await raw.drop();
  }
}

/**
 * The overdue sweep over `n` entities: launched through the api, then every entity's deadline timer fires through
 * the simulation clock and the worker. The mail queue stays paused throughout: the invitations and the overdue
 * notices are queued (their outbox rows dispatched to Redis) but not composed, so that composing 2 × `n` mails
 * neither dominates the setup nor competes with the sweep. Mail is measured in its own scenario.
 */
async function overdueSweep(n: number, size: string, redis: PrivateRedis) {
  const stack = await startStack({
    redisUrl: redis.url,
    workers: 1,
    env: { SIMULATION: 'true', TIMER_RATE_LIMIT: '10000' },
  });
  const db = stack.env['DATABASE_URL'] as string;
  const mailQueue = new Queue('mail', {
    connection: { url: redis.url, maxRetriesPerRequest: null },
    prefix: stack.env['QUEUE_PREFIX'],
  });
  try {
    await mailQueue.pause();
    await stack.ok('PUT', '/api/simulation/clock', { now: LAUNCH_CLOCK });
    await stack.ok('POST', '/api/dialogues', sampleDialogueInput(YEAR));
    const entities = syntheticOrganisation(n);
    // Within the api's 10 MB body limit.
    for (let i = 0; i < entities.length; i += 10_000)
      await stack.ok('POST', '/api/entities/import', { entities: entities.slice(i, i + 10_000) });
    log(`launch of ${n} entities before the sweep`);
    await stack.ok('POST', `/api/dialogues/${YEAR}/launch`);
    await waitFor(() => launchComplete(db, n), {
      what: 'the launch to complete',
      timeoutMs: 7_200_000,
      intervalMs: 1000,
    });
    const [window] = await sql<{ first: Date; last: Date }>(
      db,
      "select min(due_at) as first, max(due_at) as last from timer where kind = 'deadline' and status = 'pending'",
    );
    // Timers before the window (reminders, digests) are set aside: the sweep alone is measured.
    await sql(
      db,
      "update timer set status = 'cancelled', outcome = 'bench: set aside' where status = 'pending' and due_at < $1",
      [window.first],
    );
    await stack.ok('PUT', '/api/simulation/clock', {
      now: new Date(window.first.getTime() - 1000).toISOString(),
    });
    const [dialogue] = await sql<{ id: number }>(db, 'select id from dialogue');
    // Raw baseline, on the same rows, rolled back: one set-based statement per table in one transaction.
    const rawSweep = new Client({ connectionString: db });
    await rawSweep.connect();
    const rawSweepStarted = Date.now();
    await rawSweep.query('begin');
    await rawSweep.query(
      `insert into audit_event (dialogue_id, workflow_id, entity_code, actor, at, event, from_state, to_state)
       select w.dialogue_id, w.id, e.code, 'timer:deadline', now(), 'deadline-passed', w.state, 'overdue'
       from entity_workflow w join entity e on e.id = w.entity_id where w.dialogue_id = $1 and w.state = 'invited'`,
      [dialogue.id],
    );
    await rawSweep.query(
      "update entity_workflow set state = 'overdue', updated_at = now(), version = version + 1 where dialogue_id = $1 and state = 'invited'",
      [dialogue.id],
    );
    await rawSweep.query(
      "update timer set status = 'fired', closed_at = now() where kind = 'deadline' and status = 'pending'",
    );
    const rawSweepMs = Date.now() - rawSweepStarted;
    await rawSweep.query('rollback');
    await rawSweep.end();
    log(`overdue sweep of ${n} entities`);
    const sweepStarted = Date.now();
    await advance(stack, new Date(window.last.getTime() + 1000).toISOString(), 3_600_000);
    const sweepMs = Date.now() - sweepStarted;
    const overdue = await count(db, "select count(*) as n from entity_workflow where state = 'overdue'");
    const sweepFired = await count(
      db,
      "select count(*) as n from timer where status = 'fired' and due_at >= $1",
      [window.first],
    );
    add({
      scenario: 'overdue sweep (deadline timers fire through the clock)',
      size,
      unit: 's',
      cascade: seconds(sweepMs),
      raw: seconds(rawSweepMs),
      baseline:
        'one UPDATE of the instances + INSERT…SELECT of the audit rows + UPDATE of the timers, rolled back',
      note: `${overdue} overdue; ${sweepFired} timers fired; mail paused (queued, not composed)`,
    });
  } finally {
    await mailQueue.close();
    await stack.stop();
  }
}

/** A whole dialogue year of `n` entities through the simulation clock. */
async function year(n: number, size: string, redis: PrivateRedis) {
  const entities = syntheticOrganisation(n);
  const stack = await startStack({
    redisUrl: redis.url,
    workers: 1,
    env: { SIMULATION: 'true', TIMER_RATE_LIMIT: '10000' },
  });
  const db = stack.env['DATABASE_URL'] as string;
  const prefix = `${stack.env['QUEUE_PREFIX']}-raw`;
  try {
    await stack.ok('PUT', '/api/simulation/clock', { now: LAUNCH_CLOCK });
    await stack.ok('POST', '/api/dialogues', sampleDialogueInput(YEAR));
    await stack.ok('POST', '/api/entities/import', { entities });
    await stack.ok('POST', `/api/dialogues/${YEAR}/launch`);
    await waitFor(
      async () =>
        (await count(db, 'select count(*) as n from entity_workflow')) === n &&
        (await count(db, "select count(*) as n from timer where status = 'pending' and not synced")) === 0,
      { what: 'the launch', timeoutMs: 3_600_000, intervalMs: 200 },
    );
    log(`simulated year of ${n} entities`);
    // Half submit in November, a quarter in January (overdue), a quarter never: every kind of timer fires.
    let advanceMs = 0;
    const run = async (to: string) => {
      const started = Date.now();
      await advance(stack, to);
      advanceMs += Date.now() - started;
    };
    const submit = async (codes: string[]) => {
      for (let i = 0; i < codes.length; i += 10)
        await Promise.all(
          codes
            .slice(i, i + 10)
            .map((code) => stack.ok('POST', `/api/dialogues/${YEAR}/entities/${code}/statistics`, STATS)),
        );
    };
    await run('2026-11-16T12:00:00Z');
    await submit(entities.filter((_, i) => i % 4 < 2).map((e) => e.code));
    await run('2027-01-20T12:00:00Z');
    await submit(entities.filter((_, i) => i % 4 === 2).map((e) => e.code));
    await run('2027-03-05T00:00:00Z');
    // Composition runs behind the clock (its own queue): this is how far it had got when the advance ended.
    const composed = await count(db, 'select count(*) as n from mail');
    const totals = {
      fired: await count(db, "select count(*) as n from timer where status = 'fired'"),
      skipped: await count(db, "select count(*) as n from timer where status = 'skipped'"),
    };
    add({
      scenario: 'a whole simulated year (clock advanced launch → after the cutoff)',
      size,
      unit: 's',
      cascade: seconds(advanceMs),
      raw: 0,
      baseline: '',
      note: `${totals.fired} timers fired, ${totals.skipped} skipped, ${composed} mails composed when the clock stopped`,
    });
    const yearRow = rows[rows.length - 1];

    // Raw baseline: the same number of jobs through a bare BullMQ worker (same concurrency), one UPDATE each.
    await sql(
      db,
      'create table raw_timer (key varchar(200) primary key, status varchar(20) not null, closed_at timestamptz)',
    );
    await sql(
      db,
      "insert into raw_timer select 'raw-' || g, 'pending', null from generate_series(1, $1::int) g",
      [totals.fired],
    );
    const worker = startScript(path.join(__dirname, 'support', 'raw-worker.js'), {
      DATABASE_URL: db,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: prefix,
      JOBS: String(totals.fired),
    });
    const queue = new Queue('raw-timers', {
      connection: { url: redis.url, maxRetriesPerRequest: null },
      prefix,
    });
    try {
      await waitFor(() => worker.output().includes('ready'), { what: 'the raw worker' });
      const started = Date.now();
      for (let i = 1; i <= totals.fired; i += 1000)
        await queue.addBulk(
          Array.from({ length: Math.min(1000, totals.fired - i + 1) }, (_, k) => ({
            name: 'fire',
            data: {},
            opts: { jobId: `raw-${i + k}` },
          })),
        );
      await waitFor(() => /done \d+/.test(worker.output()), {
        what: 'the raw worker to finish',
        timeoutMs: 600_000,
      });
      yearRow.raw = seconds(Date.now() - started);
      yearRow.ratio = Number((yearRow.cascade / yearRow.raw).toFixed(2));
      yearRow.baseline = `addBulk of ${totals.fired} jobs + bare BullMQ worker (concurrency 5), one UPDATE per job`;
      log(`simulated year (${size}): raw baseline ${yearRow.raw} s`);
      add({
        scenario: 'peak memory, worker (VmHWM, after the year)',
        size,
        unit: 'MiB',
        cascade: Math.round(peakRssMb(stack.processes[1].child.pid)),
        raw: Math.round(peakRssMb(worker.child.pid)),
        baseline: 'the bare BullMQ worker above',
      });
    } finally {
      await worker.stop();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
  } finally {
    await stack.stop();
  }
}

/** Runs one of the standalone benches of this folder to its end and reads the JSON it writes into results/. */
async function standaloneBench<T>(script: string, results: string, env: NodeJS.ProcessEnv = {}): Promise<T> {
  await new Promise<void>((resolve, reject) => {
    const child = ownChild(
      spawn(
        process.execPath,
        [require.resolve('tsx/cli'), '--tsconfig', 'tsconfig.base.json', path.join(__dirname, script)],
        { env: { ...process.env, ...env }, stdio: 'inherit', cwd: path.resolve(__dirname, '../..') },
      ),
      'SIGTERM',
    );
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${script} exited ${code}`))));
  });
  return JSON.parse(fs.readFileSync(path.join(RESULTS, results), 'utf8')) as T;
}

const sizeLabel = (entities: number, full: number) =>
  `${entities.toLocaleString('en')} entities${entities === full ? '' : ' (1/10)'}`;

/** The report compile bench (test/bench/report-compile.bench.ts), on PostgreSQL, folded into the table. */
async function reportCompile() {
  log('report compile');
  const results = await standaloneBench<{ entities: number; cascadeMs: number; rawMs: number }[]>(
    'report-compile.bench.ts',
    'report-compile.json',
    { TEST_DATABASES: 'postgresql' },
  );
  for (const r of results.filter((r) => r.entities >= 1000)) {
    add({
      scenario: 'report compile (draft: read + compile), best of 3',
      size: sizeLabel(r.entities, 10_000),
      unit: 'ms',
      cascade: Number(r.cascadeMs.toFixed(1)),
      raw: Number(r.rawMs.toFixed(1)),
      baseline: 'one SELECT of the same rows',
    });
  }
}

/** The console list bench (test/bench/console-list.bench.ts): a few of its pages folded into the table. */
async function consoleList() {
  log('console list pages');
  const results = await standaloneBench<
    { scenario: string; size: number; cascadeMs: number; rawMs: number }[]
  >('console-list.bench.ts', 'console-list.json');
  const shown = ['first page', 'deep page (the last)', 'filter: state', 'filter: duty station'];
  for (const r of results.filter((r) => shown.includes(r.scenario))) {
    add({
      scenario: `console list of entities over HTTP, ${r.scenario}, median`,
      size: sizeLabel(r.size, 10_000),
      unit: 'ms',
      cascade: Number(r.cascadeMs.toFixed(1)),
      raw: Number(r.rawMs.toFixed(1)),
      baseline: 'a SELECT of the same page on the same database',
    });
  }
}

function printTable() {
  const header = ['scenario', 'size', 'Cascade', 'raw baseline', 'ratio', 'note'];
  const lines = rows.map((r) => [
    r.scenario,
    r.size,
    `${r.cascade} ${r.unit}`,
    `${r.raw} ${r.unit}`,
    `${r.ratio}×`,
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(
    [format(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(format)].join('\n'),
  );
  console.log('\nBaselines (at full size):');
  for (const r of rows.filter((r) => !r.size.includes('1/10'))) console.log(`- ${r.scenario}: ${r.baseline}`);
}

async function main() {
  const started = benchStarted;
  const redis = await startPrivateRedis();
  const sink = await startSmtpSink();
  const wanted = (name: string) => !ONLY || ONLY.includes(name);
  const sizes = (full: number) =>
    [
      [Math.round(full / 10), `${Math.round(full / 10).toLocaleString('en')} entities (1/10)`],
      [full, `${full.toLocaleString('en')} entities`],
    ] as const;
  try {
    for (const [n, size] of sizes(FULL)) {
      if (!wanted('launch')) continue;
      const { workerPeakMb } = await launchAndAfter(n, size, redis, sink);
      log(`worker peak ${workerPeakMb} MiB`);
    }
    for (const [n, size] of sizes(YEAR_FULL)) if (wanted('year')) await year(n, size, redis);
    // The cascade: the 58 entities' generated trees at their real size (~34,800 people) and at 10×.
    if (wanted('cascade'))
      for (const [scale, size] of [
        [1, '58 entities, generated trees (1×)'],
        [CASCADE_SCALE, `58 entities, generated trees (${CASCADE_SCALE}×)`],
      ] as const)
        await cascadeScenario({ add, log, sql, count, advance }, scale, size, redis);
    if (wanted('report')) await reportCompile();
    if (wanted('console')) await consoleList();
    // The longest, last: each row is logged as it is measured, so a run cut short still shows the rest.
    for (const [n, size] of sizes(SWEEP_FULL)) if (wanted('sweep')) await overdueSweep(n, size, redis);
  } finally {
    await sink.close();
    await redis.stop();
  }
  report(started);
}

/** Prints the table and writes it as JSON: at the end, or with what was measured when the run is interrupted. */
function report(started: number) {
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`;
  console.log(
    `\nCascade bench, ${new Date().toISOString()} — ${machine}; ${((Date.now() - started) / 60000).toFixed(1)} min\n`,
  );
  printTable();
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(
    path.join(RESULTS, 'bench.json'),
    JSON.stringify(
      { at: new Date().toISOString(), machine, full: FULL, sweepFull: SWEEP_FULL, yearFull: YEAR_FULL, rows },
      null,
      2,
    ),
  );
}

const benchStarted = Date.now();
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    console.log(`\n${signal}: the run stops here; what it measured so far:`);
    report(benchStarted);
    process.exit(130);
  });

main().catch((error) => {
  console.error(error);
  console.log('\nThe run failed; what it measured before:');
  report(benchStarted);
  process.exit(1);
});
