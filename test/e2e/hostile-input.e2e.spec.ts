import fs from 'node:fs';
import fc from 'fast-check';
import { testDrivers, type TestDriver } from '@cascade/testing';
import { openSnapshotReader, snapshotChanges, type SnapshotReader } from './support/db-snapshot';
import { apiSurfaces } from './support/hostile-api';
import { cascadeSurfaces } from './support/hostile-cascade';
import { judgeJson, send, type HostileCase } from './support/hostile-cases';
import { consoleSurfaces } from './support/hostile-console';
import { csvSurfaces } from './support/hostile-csv';
import { startHostileFixture, type HostileFixture } from './support/hostile-fixture';
import { csrfTokens, formSurfaces, judgePage } from './support/hostile-forms';
import { notJsonSurface, pathSurfaces, querySurfaces } from './support/hostile-requests';

/**
 * Hostile input (issue 8): thousands of malformed requests at every public endpoint, token-link form and import.
 * Each must get a 4xx naming the field (or the CSV line and column) at fault, never a 5xx or a 2xx, and the
 * database must be exactly as it was: every table's row count and content digest compared before and after each
 * property.
 *
 * `HOSTILE_SEED=<n>` replays a run (fast-check prints the seed and path of a failure); `HOSTILE_RUNS=<factor>`
 * scales the number of cases (2 doubles them, 0.2 for a quick look); `HOSTILE_SHRINK=1` lets fast-check shrink a
 * failure to its smallest case (slow with big files); `HOSTILE_TRACE=<file>` appends every request and its status.
 */

const SEED = process.env['HOSTILE_SEED'] === undefined ? undefined : Number(process.env['HOSTILE_SEED']);
const SCALE = Number(process.env['HOSTILE_RUNS'] ?? '1');
const SHRINK = process.env['HOSTILE_SHRINK'] === '1';
const TRACE = process.env['HOSTILE_TRACE'];
const trace = (line: string) => TRACE && fs.appendFileSync(TRACE, `${line}\n`);

/**
 * Cases per property on PostgreSQL; SQLite (the same code above a different database) runs a fifth of them.
 * Tuned so that the suite stays within about two minutes on a loaded 2-core machine.
 */
const RUNS: [string, number][] = [
  ['POST /api/dialogues', 100],
  ['PATCH /api/dialogues/:year', 60],
  ['POST /api/entities/import (JSON)', 120],
  ['POST /api/entities/import (CSV)', 150],
  ['POST /api/dialogues/:year/entities (late entity)', 100],
  ['POST .../:code/sessions', 60],
  ['POST .../:code/statistics', 80],
  ['POST .../:code/withdraw', 40],
  ['POST .../:code/override', 50],
  ['POST .../:code/extension', 50],
  ['POST .../:code/org-tree (CSV)', 150],
  ['POST .../:code/tokens', 60],
  ['POST /api/extension-requests/:id/grant', 40],
  ['POST /api/extension-requests/:id/refuse', 30],
  ['POST /api/scenario-proposals/:id/decision', 40],
  ['POST /api/questions/:id/answer', 30],
  ['POST .../managers/:email/schedule', 80],
  ['POST .../managers/:email/excuse', 30],
  ['POST .../managers/:email/reinstate', 20],
  ['PUT /api/simulation/clock', 30],
  ['POST /api/simulation/advance', 50],
  ['POST /api/portal/:token/statistics', 80],
  ['POST /api/portal/:token/extension-requests', 50],
  ['POST /api/portal/:token/scenario-proposals', 40],
  ['POST /api/portal/:token/seminar-requests', 50],
  ['POST /api/portal/:token/leader-links', 40],
  ['POST /api/portal/:token/sessions', 120],
  ['POST /api/portal/:token/feedback', 50],
  ['POST /api/portal/:token/confirmation', 15],
  ['POST /api/portal/:token/schedule', 80],
  ['POST /api/portal/:token/excuse', 30],
  ['path parameters of the admin API', 200],
  ['path parameters of the token-link API', 80],
  ['query parameters of the read endpoints', 100],
  ['bodies that are not JSON', 150],
  ['POST /p/:token/statistics', 60],
  ['POST /p/:token/extension', 30],
  ['POST /p/:token/scenario', 30],
  ['POST /p/:token/seminar', 30],
  ['POST /p/:token/leader-link', 25],
  ['POST /p/:token/participants-link', 15],
  ['POST /p/:token/session', 70],
  ['POST /p/:token/feedback', 30],
  ['POST /p/:token/confirm', 10],
  ['POST /p/:token/schedule', 60],
  ['POST /p/:token/excuse', 25],
  ['console API: unknown resources, records and actions', 120],
];

function runsFor(driver: TestDriver, runs: number): number {
  return Math.max(1, Math.round(runs * SCALE * (driver === 'postgresql' ? 1 : 0.2)));
}

describe.each(testDrivers())('hostile input (%s)', (driver) => {
  let fixture: HostileFixture;
  let reader: SnapshotReader;
  let surfaces: Record<string, fc.Arbitrary<HostileCase>>;
  let baseline: Awaited<ReturnType<SnapshotReader['take']>>;
  const counted = new Map<string, number>();

  beforeAll(async () => {
    fixture = await startHostileFixture(driver);
    const { database } = fixture.stack;
    if (!database) throw new Error('the hostile suite reads the database its stack made');
    reader = await openSnapshotReader(database);
    const { tokens, stack } = fixture;
    const csrf: Record<string, Record<string, string>> = {};
    for (const token of [
      tokens.focalPoint,
      tokens.head,
      tokens.leader,
      tokens.manager,
      tokens.participants,
    ]) {
      csrf[token] = await csrfTokens(stack.base, token);
    }
    surfaces = {
      ...apiSurfaces(fixture),
      ...cascadeSurfaces(fixture),
      ...csvSurfaces(fixture),
      ...pathSurfaces(fixture),
      ...querySurfaces(fixture),
      ...notJsonSurface(fixture),
      ...formSurfaces(fixture, csrf),
      ...consoleSurfaces(fixture),
    };
    baseline = await reader.take();
  }, 120000);

  afterAll(async () => {
    try {
      if (reader && baseline) expect(snapshotChanges(baseline, await reader.take())).toEqual([]);
    } finally {
      await reader?.close();
      await fixture?.stack.stop();
      const total = [...counted.values()].reduce((a, b) => a + b, 0);
      console.log(
        `hostile input (${driver}): ${total} cases over ${counted.size} properties\n` +
          [...counted].map(([name, n]) => `  ${String(n).padStart(5)}  ${name}`).join('\n'),
      );
    }
  });

  it('covers every surface it generates for', () => {
    expect(Object.keys(surfaces).sort()).toEqual(RUNS.map(([name]) => name).sort());
  });

  it.each(RUNS)('%s', async (name, runs) => {
    const arbitrary = surfaces[name];
    const before = await reader.take();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(arbitrary, async (hostile) => {
        sent += 1;
        if (!hostile.admin) await fixture.resetRateLimits();
        const started = Date.now();
        const answer = await send(fixture.stack.base, hostile);
        trace(
          `${name} #${sent} ${hostile.method} ${hostile.path.slice(0, 100)} → ${answer.status} in ${Date.now() - started} ms`,
        );
        const problems =
          hostile.answer === 'page'
            ? judgePage(hostile, answer.status, answer.text)
            : judgeJson(hostile, answer.status, answer.json ?? answer.text);
        if (problems.length > 0) {
          const api =
            answer.status >= 500 ? `\napi output:\n${fixture.stack.processes[0].output().slice(-2500)}` : '';
          throw new Error(
            `${problems.join('; ')}\nanswer: ${answer.status} ${answer.text.slice(0, 600)}${api}`,
          );
        }
      }),
      {
        numRuns: runsFor(driver, runs),
        ...(SEED === undefined ? {} : { seed: SEED }),
        // Shrinking replays hundreds of requests with files of thousands of lines: on request only.
        endOnFailure: !SHRINK,
      },
    );
    counted.set(name, (counted.get(name) ?? 0) + sent);
    expect(snapshotChanges(before, await reader.take())).toEqual([]);
  });

  it('refuses bodies over the size limits (10 MB of JSON or CSV, 200 KB of a form), naming the body', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024 + 1);
    const cases: HostileCase[] = [
      {
        surface: 'huge JSON',
        method: 'POST',
        path: `/api/portal/${fixture.tokens.focalPoint}/scenario-proposals`,
        body: JSON.stringify({ title: 'x', description: huge }),
        contentType: 'application/json',
        admin: false,
        answer: 'json',
        faults: [{ field: 'body' }],
      },
      {
        surface: 'huge CSV',
        method: 'POST',
        path: '/api/entities/import',
        body: `code,name,kind,duty_station,timezone,language\n${'A,B,office,Geneva,UTC,en\n'.repeat(450_000)}`,
        contentType: 'text/csv',
        admin: true,
        answer: 'json',
        faults: [{ field: 'body' }],
      },
      {
        surface: 'huge form',
        method: 'POST',
        path: `/p/${fixture.tokens.focalPoint}/scenario`,
        body: new URLSearchParams({ title: 'x', description: 'x'.repeat(210 * 1024) }).toString(),
        contentType: 'application/x-www-form-urlencoded',
        admin: false,
        answer: 'json',
        faults: [{ field: 'body' }],
      },
    ];
    const before = await reader.take();
    for (const hostile of cases) {
      await fixture.resetRateLimits();
      const answer = await send(fixture.stack.base, hostile);
      expect([hostile.surface, answer.status, judgeJson(hostile, answer.status, answer.json)]).toEqual([
        hostile.surface,
        413,
        [],
      ]);
      counted.set('bodies over the size limits', (counted.get('bodies over the size limits') ?? 0) + 1);
    }
    expect(snapshotChanges(before, await reader.take())).toEqual([]);
  });

  it('answers the console API paths the security review found answering 500 with 404, naming what is missing', async () => {
    const cases: [string, string][] = [
      [
        '/admin/api/resources/OrgEntity/actions/doesNotExist',
        "OrgEntity has no resource action 'doesNotExist'",
      ],
      [
        '/admin/api/resources/OrgEntity/records/1/doesNotExist',
        "OrgEntity has no record action 'doesNotExist'",
      ],
      ['/admin/api/resources/NoSuch/actions/list', "the console has no resource 'NoSuch'"],
    ];
    const before = await reader.take();
    for (const [path, message] of cases) {
      for (const method of ['GET', 'POST'] as const) {
        const answer = await send(fixture.stack.base, {
          surface: 'console API',
          method,
          path,
          ...(method === 'POST' ? { body: '{}', contentType: 'application/json' } : {}),
          admin: false,
          headers: fixture.console.headers,
          answer: 'json',
          faults: [],
        });
        expect([method, path, answer.status, (answer.json as { message?: string })?.message]).toEqual([
          method,
          path,
          404,
          message,
        ]);
      }
    }
    expect(snapshotChanges(before, await reader.take())).toEqual([]);
  });
});
