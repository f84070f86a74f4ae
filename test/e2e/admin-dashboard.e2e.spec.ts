import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, testDrivers, waitFor, watchPage } from '@cascade/testing';
import { ADMIN, ConsoleClient, createConsoleAccount, VIEWER } from './support/console';
import { entitiesWithPeople } from './support/demo-entities';
import { startMailStack, type MailStack } from './support/mail';

const YEAR = new Date().getUTCFullYear();
const ENTITIES = entitiesWithPeople().slice(0, 4);
const ARTIFACTS = path.resolve(__dirname, 'artifacts');

/** Whether a canvas has anything drawn on it: some pixel that is not fully transparent. */
const canvasDrawn = (page: Page, selector: string) =>
  page.$eval(selector, (canvas) => {
    const c = canvas as unknown as {
      width: number;
      height: number;
      getContext(kind: '2d'): { getImageData(...args: number[]): { data: Uint8ClampedArray } };
    };
    const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
    return false;
  });

describe.each(testDrivers())('the dashboard in Chromium (%s)', (driver) => {
  let stack: MailStack;
  let browser: Browser;
  let page: Page;
  let watched: { take(): string[] };

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    stack = await startMailStack(driver, { year: YEAR, entities: ENTITIES, workers: 1 });
    await createConsoleAccount(stack, ADMIN, 'admin');
    await createConsoleAccount(stack, VIEWER, 'viewer');
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    watched = watchPage(page, new URL(stack.base).origin);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('before the launch, shows the entities launching will invite and their invitations', async () => {
    await page.goto(`${stack.base}/admin`);
    await page.waitForURL(/\/admin\/login$/);
    await page.fill('input[name=email]', ADMIN.email);
    await page.fill('input[name=password]', ADMIN.password);
    await page.click('button:has-text("Login")');
    await page.waitForSelector('[data-testid="table-launch-invitations"]');
    const facts = (await page.textContent('[data-testid=console-facts]')) ?? '';
    expect(facts).toContain('Entities launching will invite');
    expect(facts).toContain(String(ENTITIES.length));
    const invitations = (await page.textContent('[data-testid="table-launch-invitations"]')) ?? '';
    for (const e of ENTITIES) expect(invitations).toContain(e.code);
  });

  it('once launched, draws its charts (Chart.js served by Cascade) and progress bars, with no console error', async () => {
    expect((await stack.call('POST', `/api/dialogues/${YEAR}/launch`)).status).toBe(202);
    await waitFor(() => stack.sink.received.length >= ENTITIES.length * 2, {
      what: 'the invitations of the launch',
      timeoutMs: 60000,
    });
    const chartJs = page.waitForResponse((r) => r.url().endsWith('/admin/assets/chart.umd.min.js'));
    await page.reload();
    expect((await chartJs).status()).toBe(200);
    await page.waitForSelector('[data-testid=dashboard-charts][data-drawn=yes]');
    for (const id of ['states-over-time', 'participation-by-kind']) {
      const selector = `[data-testid=chart-${id}] canvas`;
      await page.waitForFunction((s) => {
        const doc = (globalThis as unknown as { document: { querySelector(q: string): unknown } }).document;
        return !!doc.querySelector(s);
      }, selector);
      expect([id, await canvasDrawn(page, selector)]).toEqual([id, true]);
    }
    const bars = await page.$$('[role=progressbar]');
    expect(bars.length).toBeGreaterThan(0);
    expect(await bars[0].getAttribute('aria-valuemax')).not.toBeNull();
    await page.screenshot({ path: path.join(ARTIFACTS, `dashboard-${driver}-charts.png`), fullPage: true });
    expect(watched.take()).toEqual([]);
  });

  it('runs a bulk action through AdminJS: each entity done or refused with why; a viewer refused', async () => {
    const admin = new ConsoleClient(stack.base);
    await admin.login(ADMIN);
    const [first, second] = ENTITIES.map((e) => e.code);
    const ids: string[] = [];
    for (const code of [first, second]) ids.push((await admin.list('EntityWorkflow', { code }))[0].id);
    const reminded = await admin.act(`EntityWorkflow/actions/remindNow`, { code: first, year: String(YEAR) });
    expect(reminded.success).toContain(first);

    const viewer = new ConsoleClient(stack.base);
    await viewer.login(VIEWER);
    const refused = await viewer.post(
      `/admin/api/resources/EntityWorkflow/bulk/bulkRemind?recordIds=${ids.join(',')}`,
    );
    expect(refused.status).toBe(403);

    const summary = await admin.act(`EntityWorkflow/bulk/bulkRemind?recordIds=${ids.join(',')}`);
    expect(summary.title).toBe('Remind: 1 done, 1 refused');
    expect(summary.warnings).toEqual([
      expect.stringContaining(`${first}: ${first} was already reminded today`),
    ]);
    const audit = await admin.list('AuditEvent', { event: 'remind-now' });
    expect(audit.map((a) => a.params['entityCode']).sort()).toEqual([first, second].sort());
  });

  it('runs a bulk action clicked in Chromium: rows ticked in the list, the form sent, each entity done or refused with why', async () => {
    // The entity reminded in the test above may not be reminded again today: refused; the two others are reminded.
    const [first, , third, fourth] = ENTITIES.map((e) => e.code);
    await page.goto(`${stack.base}/admin/resources/EntityWorkflow`);
    await page.waitForSelector('table tbody tr');
    // The list is drawn, then AdminJS's answer re-draws it: tick the boxes once it has settled.
    await page.waitForLoadState('networkidle');
    for (const code of [first, third, fourth]) {
      const cell = page.locator('td[data-property-name=code]', { hasText: new RegExp(`^${code}$`) });
      const row = page.locator('tbody tr', { has: cell });
      await row.getByRole('checkbox', { name: 'Select this row' }).click({ force: true });
      await page.locator('tbody tr.selected', { has: cell }).waitFor();
    }
    const remind = page.locator('[data-testid=action-bulkRemind]');
    expect((await remind.textContent())?.trim()).toBe('Remind');
    await remind.click();
    const bulk = page.locator('[data-testid=bulk-action]');
    await bulk.locator('button[type=submit]').click();
    await bulk.getByRole('heading', { name: 'Remind: 2 done, 1 refused' }).waitFor();
    const summary = (await bulk.textContent()) ?? '';
    expect(summary).toContain(`${first} was already reminded today`);
    const admin = new ConsoleClient(stack.base);
    await admin.login(ADMIN);
    const audit = await admin.list('AuditEvent', { event: 'remind-now' });
    const reminded = audit.map((a) => a.params['entityCode']);
    expect(reminded.filter((code) => code === first)).toHaveLength(1);
    expect(reminded).toEqual(expect.arrayContaining([third, fourth]));
    await page.screenshot({
      path: path.join(ARTIFACTS, `dashboard-${driver}-bulk-remind.png`),
      fullPage: true,
    });
    expect(watched.take()).toEqual([]);
  });
});
