/**
 * How fast the console lists entities (Entities per year) at 1,000 and 10,000 entities on PostgreSQL: the built
 * api, logged in over HTTP like a browser, asks for the first page, the last page, a page filtered by each filter
 * the Ethics Office uses (state, escalation level, kind, duty station), and the first view of a filter (when the
 * console counts its total), beside a raw SELECT of the same page (and, for the first view, its count) on the
 * same database. Prints a table and writes test/bench/results/console-list.json.
 * Run: npx tsx --tsconfig tsconfig.base.json test/bench/console-list.bench.ts (build the apps first).
 * BENCH_CONSOLE_SIZES=1000 narrows a run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { DialogueService, EntityImportService, InvitationService } from '@cascade/dialogue';
import {
  freePort,
  openTestOrm,
  runBuilt,
  sampleDialogueInput,
  startBuilt,
  TEST_REDIS_URL,
  clearQueuePrefix,
  uniqueQueuePrefix,
  waitFor,
  WORKFLOWS_DIR,
  syntheticOrganisation,
  type RunningProcess,
} from '@cascade/testing';

const SIZES = (process.env['BENCH_CONSOLE_SIZES'] ?? '1000,10000').split(',').map(Number);
const RUNS = 11;
const PER_PAGE = 10;
const YEAR = 2026;
const ADMIN = { email: 'bench@cascade.local', password: 'bench-console-password-42' };
const STATES = ['invited', 'cascading', 'overdue', 'stats-submitted'];
const RESULTS = path.resolve(__dirname, 'results');

interface Row {
  scenario: string;
  size: number;
  cascadeMs: number;
  rawMs: number;
}

const log = (message: string) =>
  process.stderr.write(`[console-list ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const elapsed = async (work: () => Promise<unknown>) => {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
};
const round = (ms: number) => Number(ms.toFixed(2));

/** A logged-in browser, as far as the console can tell: the session cookie, and this site's Origin on writes. */
class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  async request(method: string, url: string, body?: URLSearchParams) {
    const headers: Record<string, string> = { origin: this.base };
    if (this.cookies.size) headers['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(this.base + url, {
      method,
      headers,
      body: body?.toString(),
      redirect: 'manual',
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const index = pair.indexOf('=');
      this.cookies.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
    }
    return { status: response.status, text: await response.text() };
  }

  async login(account: { email: string; password: string }) {
    const answer = await this.request('POST', '/admin/login', new URLSearchParams(account));
    if (answer.status !== 302)
      throw new Error(`login refused: ${answer.status} ${answer.text.slice(0, 200)}`);
  }

  /** One page of the list as the console's list screen asks for it: its records' ids and the total. */
  async page(query: Record<string, string>): Promise<{ ids: number[]; total: number }> {
    const answer = await this.request(
      'GET',
      `/admin/api/resources/EntityWorkflow/actions/list?${new URLSearchParams(query)}`,
    );
    if (answer.status !== 200) throw new Error(`list: ${answer.status} ${answer.text.slice(0, 300)}`);
    const body = JSON.parse(answer.text) as { records: { id: string }[]; meta: { total: number } };
    return { ids: body.records.map((r) => Number(r.id)), total: body.meta.total };
  }
}

interface Scenario {
  name: string;
  query: Record<string, string>;
  /** The same page in SQL: the instances with their entity's columns, in the console's order (by id). */
  where: string;
  params: unknown[];
  offset: number;
}

/**
 * Seeds `n` invited entities (timers planned, as after a launch; 7 timers each), spread evenly over four states
 * and four escalation levels.
 */
async function seed(n: number) {
  const db = await openTestOrm('postgresql', new Date('2026-10-30T12:00:00Z'));
  const { orm, clock, registry } = db;
  const dialogues = new DialogueService(orm.em, clock, registry);
  const dialogue = await dialogues.create(sampleDialogueInput(YEAR), 'bench');
  await new EntityImportService(orm.em, clock).importJson(syntheticOrganisation(n), 'bench');
  await dialogues.launch(YEAR, 'bench');
  await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, 'bench', 1000);
  const connection = orm.em.getConnection();
  await connection.execute(
    `update entity_workflow set state = (array['${STATES.join("','")}'])[id % ${STATES.length} + 1],
            escalation_level = (id / ${STATES.length}) % 4`,
  );
  // What the launch left for Redis (the invitations' jobs, the timers' mirror) is not this bench's business: the
  // api would hand it to BullMQ while the pages are timed.
  await connection.execute('delete from outbox');
  await connection.execute('update timer set synced = true');
  await connection.execute('analyze');
  return db;
}

async function measure(n: number): Promise<Row[]> {
  log(`seeding ${n} entities`);
  const db = await seed(n);
  const url = db.database.config.driver === 'postgresql' ? db.database.config.url : '';
  const prefix = uniqueQueuePrefix();
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    PORT: String(port),
    DATABASE_URL: url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    ADMIN_API_KEY: 'bench-admin-key--0123456789abcdef',
    WORKFLOWS_DIR,
  };
  let api: RunningProcess | undefined;
  const sql = new Client({ connectionString: url });
  await sql.connect();
  try {
    await runBuilt('cli', { ...env, ADMIN_PASSWORD: ADMIN.password }, [
      'admin:create',
      '--email',
      ADMIN.email,
      '--role',
      'admin',
    ]);
    const running = startBuilt('api', env);
    api = running;
    const base = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${base}/health`).catch(() => null))?.status === 200, {
      what: 'the api to answer /health',
      timeoutMs: 30000,
    }).catch((error: Error) => {
      throw new Error(`${error.message}\n${running.output()}`);
    });
    const browser = new Browser(base);
    await browser.login(ADMIN);
    // A fresh process is slow on its first requests (AdminJS, the JIT, the connection pool): warm it up on a
    // filter the scenarios do not use, so that a first view measures the count, not the warm-up.
    for (let i = 0; i < 5; i++) await browser.page({ 'filters.escalationLevel': '3', page: String(i + 1) });

    const last = Math.ceil(n / PER_PAGE);
    const scenarios: Scenario[] = [
      { name: 'first page', query: {}, where: 'true', params: [], offset: 0 },
      {
        name: 'deep page (the last)',
        query: { page: String(last) },
        where: 'true',
        params: [],
        offset: (last - 1) * PER_PAGE,
      },
      {
        name: 'filter: state',
        query: { 'filters.state': 'overdue' },
        where: 'w.state = $1',
        params: ['overdue'],
        offset: 0,
      },
      {
        name: 'filter: escalation level',
        query: { 'filters.escalationLevel': '2' },
        where: 'w.escalation_level = $1',
        params: [2],
        offset: 0,
      },
      {
        name: 'filter: kind',
        query: { 'filters.kind': 'department' },
        where: 'e.kind = $1',
        params: ['department'],
        offset: 0,
      },
      {
        name: 'filter: duty station',
        query: { 'filters.dutyStation': 'Geneva' },
        where: 'e.duty_station = $1',
        params: ['Geneva'],
        offset: 0,
      },
      {
        name: 'filter: state, page 5',
        query: { 'filters.state': 'overdue', page: '5' },
        where: 'w.state = $1',
        params: ['overdue'],
        offset: 4 * PER_PAGE,
      },
    ];
    const rawPage = (s: Scenario) =>
      sql.query(
        `select w.id, w.state, w.escalation_level, w.deadline, w.extended_deadline, w.late_added,
                e.code, e.name, e.kind, e.duty_station
           from entity_workflow w join entity e on e.id = w.entity_id
          where ${s.where} order by w.id limit ${PER_PAGE} offset ${s.offset}`,
        s.params,
      );
    const rawCount = (s: Scenario) =>
      sql.query(
        `select count(*) from entity_workflow w join entity e on e.id = w.entity_id where ${s.where}`,
        s.params,
      );

    const rows: Row[] = [];
    for (const s of scenarios) {
      // The first view of a filter: the console counts the total once (and keeps it a while).
      let first: { ids: number[]; total: number } = { ids: [], total: 0 };
      const coldMs = await elapsed(async () => (first = await browser.page(s.query)));
      const coldRawMs = await elapsed(async () => {
        await rawPage(s);
        await rawCount(s);
      });
      const expected = {
        ids: (await rawPage(s)).rows.map((r: { id: number }) => Number(r.id)),
        total: Number((await rawCount(s)).rows[0].count),
      };
      if (JSON.stringify(first) !== JSON.stringify(expected)) {
        throw new Error(
          `${s.name}: the console said ${JSON.stringify(first)}, SQL ${JSON.stringify(expected)}`,
        );
      }
      const cascade: number[] = [];
      const raw: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        cascade.push(await elapsed(() => browser.page(s.query)));
        raw.push(await elapsed(() => rawPage(s)));
      }
      if (s.name === 'first page' || s.name === 'filter: state') {
        rows.push({
          scenario: `${s.name}, first view (total counted)`,
          size: n,
          cascadeMs: round(coldMs),
          rawMs: round(coldRawMs),
        });
      }
      rows.push({ scenario: s.name, size: n, cascadeMs: round(median(cascade)), rawMs: round(median(raw)) });
      log(`${n} ${s.name}: cascade ${round(median(cascade))} ms, raw ${round(median(raw))} ms`);
    }
    return rows;
  } finally {
    await sql.end();
    await api?.stop();
    await clearQueuePrefix(prefix).catch(() => undefined);
    await db.close();
  }
}

async function main() {
  const rows: Row[] = [];
  for (const n of SIZES) rows.push(...(await measure(n)));
  console.log(
    `console list of Entities (per year), ${PER_PAGE} per page, over HTTP (median of ${RUNS}; first views once), against a raw SELECT of the same page`,
  );
  console.table(
    rows.map((r) => ({
      scenario: r.scenario,
      entities: r.size,
      'cascade ms': r.cascadeMs,
      'raw select ms': r.rawMs,
      ratio: Number((r.cascadeMs / r.rawMs).toFixed(1)),
    })),
  );
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, 'console-list.json'), JSON.stringify(rows, null, 2));
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
