import fs from 'node:fs';
import path from 'node:path';
import { freePort, sampleDialogueInput, startStack, waitFor, type Stack } from '@cascade/testing';
import { ENTITIES_CSV } from './support/demo-entities';

const YEAR = new Date().getUTCFullYear();
const METRICS_TOKEN = 'e2e-metrics-token-0123456789abcdef';

/** The value of one Prometheus sample line (`name{labels} value`), or undefined when the line is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelPart = line.slice(name.length).split(' ')[0];
    if (wanted.every((w) => labelPart.includes(w))) return Number(line.split(' ').at(-1));
  }
  return undefined;
}

/**
 * Operating Cascade: liveness and readiness of the api and the worker, and the Prometheus metrics of both, as a
 * deployment's monitoring would read them (issue 20, points 1 and 3).
 */
describe('metrics and health of the built api and worker (sqlite)', () => {
  let stack: Stack;
  let workerBase: string;

  beforeAll(async () => {
    const workerPort = await freePort();
    workerBase = `http://127.0.0.1:${workerPort}`;
    stack = await startStack({
      driver: 'sqlite',
      workers: 1,
      env: { METRICS_TOKEN, WORKER_METRICS_PORT: String(workerPort) },
    });
    await waitFor(async () => (await fetch(`${workerBase}/health/live`).catch(() => null))?.ok, {
      what: 'the worker’s health port',
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('answers liveness and readiness, naming each dependency', async () => {
    const live = await fetch(`${stack.base}/health/live`);
    expect([live.status, await live.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(`${stack.base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ok',
      checks: {
        database: { status: 'up' },
        migrations: { status: 'up' },
        redis: { status: 'up' },
        queues: { status: 'up' },
      },
    });
    // The first address answers as readiness, for monitors set up before.
    expect((await fetch(`${stack.base}/health`)).status).toBe(200);
    // Browsers ask every site for its tab icon: one answer for the console, the token-link pages and the report.
    const icon = await fetch(`${stack.base}/favicon.ico`);
    expect([icon.status, icon.headers.get('content-type')]).toEqual([
      200,
      expect.stringContaining('image/svg+xml'),
    ]);

    const workerReady = await fetch(`${workerBase}/health/ready`);
    expect([workerReady.status, await workerReady.json()]).toEqual([
      200,
      { status: 'ok', checks: { database: { status: 'up' }, redis: { status: 'up' } } },
    ]);
  });

  it('refuses the metrics without the token, on the api and on the worker', async () => {
    expect((await fetch(`${stack.base}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${stack.base}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status,
    ).toBe(401);
    expect((await fetch(`${workerBase}/metrics`)).status).toBe(401);
  });

  it('counts requests by route pattern, timers, mails, the outbox and the queues on the api; jobs and the reconciler on the worker', async () => {
    expect((await stack.call('POST', '/api/dialogues', sampleDialogueInput(YEAR))).status).toBe(201);
    expect(
      (await stack.call('POST', '/api/entities/import', ENTITIES_CSV, { contentType: 'text/csv' })).status,
    ).toBe(201);
    expect((await stack.call('POST', `/api/dialogues/${YEAR}/launch`)).status).toBe(202);
    await waitFor(
      async () =>
        (await stack.call<{ state: string }>('GET', `/api/dialogues/${YEAR}/launch`)).body.state ===
        'invited',
      { what: 'the launch to invite every entity' },
    );
    const secretPath = '/p/this-is-not-a-token-but-must-never-be-a-label';
    await fetch(`${stack.base}${secretPath}`);

    const scrape = async (base: string) => {
      const response = await fetch(`${base}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      return response.text();
    };
    const api = await scrape(stack.base);
    expect(
      sample(api, 'cascade_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/dialogues/:year/launch',
        status: '202',
      }),
    ).toBe(1);
    expect(
      sample(api, 'cascade_http_request_duration_seconds_count', { route: '/p/:token' }),
    ).toBeGreaterThan(0);
    expect(api).not.toContain('this-is-not-a-token');
    // 58 entities, each with its reminders planned.
    expect(sample(api, 'cascade_timers', { kind: 'reminder', status: 'pending' })).toBeGreaterThanOrEqual(58);
    for (const queue of ['lifecycle', 'mail', 'timers'])
      expect([queue, sample(api, 'cascade_queue_jobs', { queue, state: 'delayed' })]).toEqual([
        queue,
        expect.any(Number),
      ]);
    expect(sample(api, 'cascade_outbox_pending')).toEqual(expect.any(Number));
    expect(sample(api, 'cascade_outbox_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(api, 'cascade_api_process_resident_memory_bytes')).toBeGreaterThan(0);

    const worker = await waitFor(
      async () => {
        const text = await scrape(workerBase);
        return (sample(text, 'cascade_jobs_finished_total', {
          queue: 'lifecycle',
          job: 'launch-dialogue',
          outcome: 'completed',
        }) ?? 0) >= 1
          ? text
          : null;
      },
      { what: 'the launch job counted by the worker' },
    );
    expect(
      sample(worker as string, 'cascade_job_processing_seconds_count', { queue: 'lifecycle' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(worker as string, 'cascade_job_wait_seconds_count', { queue: 'lifecycle' }),
    ).toBeGreaterThanOrEqual(1);
    // Every series the compose file's Grafana dashboard draws is one the api or the worker publishes.
    const dashboard = JSON.parse(
      fs.readFileSync(
        path.resolve(__dirname, '../../docker/grafana/dashboards/cascade-operations.json'),
        'utf8',
      ),
    ) as { panels: { targets: { expr: string }[] }[] };
    const drawn = new Set(
      dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/cascade_[a-z_]+/g) ?? [])),
    );
    expect(drawn.size).toBeGreaterThan(10);
    const published = `${api}\n${worker as string}`;
    // (A labelled gauge with no row yet, e.g. mails before the first one, is declared by its HELP line.)
    expect([...drawn].filter((name) => !new RegExp(`^(# HELP )?${name}[{ ]`, 'm').test(published))).toEqual(
      [],
    );
    // The only worker holds the reconciler's lease and has made its first pass.
    expect(sample(worker as string, 'cascade_timer_reconciler_lease_held')).toBe(1);
    expect(sample(worker as string, 'cascade_timer_reconciler_last_pass_timestamp_seconds')).toBeGreaterThan(
      Date.now() / 1000 - 600,
    );
  });
});
