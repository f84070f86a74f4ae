import fs from 'node:fs';
import { launchChromium, testDrivers, watchPage } from '@cascade/testing';
import type { Browser } from 'playwright-core';
import ExcelJS from 'exceljs';
import {
  ADMIN,
  ConsoleClient,
  createConsoleAccount,
  FRENCH_VIEWER,
  logInInBrowser,
  VIEWER,
} from './support/console';
import { entitiesWithPeople } from './support/demo-entities';
import { startMailStack, type MailStack } from './support/mail';

const YEAR = new Date().getUTCFullYear();
/** Names a spreadsheet would evaluate, each on an entity of its own (codes FXA…FXD). */
const PAYLOADS = ['=HYPERLINK("http://x")', '+1', '-1', '@x'];
const PLAIN = entitiesWithPeople().slice(0, 3);
const HOSTILE = PAYLOADS.map((name, i) => ({ ...PLAIN[0], code: `FX${'ABCD'[i]}`, name }));
const ENTITIES = [...PLAIN, ...HOSTILE];

/** A download as bytes, with its status and type. */
async function download(client: ConsoleClient, path: string) {
  const headers = { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  const response = await fetch(client.base + path, { headers, redirect: 'manual' });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

/** The first sheet of an xlsx as rows of cell values (the header first). */
async function sheetOf(bytes: Buffer): Promise<ExcelJS.CellValue[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: ExcelJS.CellValue[][] = [];
  workbook.worksheets[0].eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return rows;
}

describe.each(testDrivers())('exports of the console’s lists (%s)', (driver) => {
  let stack: MailStack;
  let viewer: ConsoleClient;
  let french: ConsoleClient;

  beforeAll(async () => {
    stack = await startMailStack(driver, { year: YEAR, entities: ENTITIES, workers: 1 });
    await createConsoleAccount(stack, ADMIN, 'admin');
    await createConsoleAccount(stack, VIEWER, 'viewer');
    await createConsoleAccount(stack, FRENCH_VIEWER, 'viewer', 'fr');
    viewer = new ConsoleClient(stack.base);
    french = new ConsoleClient(stack.base);
    expect((await viewer.login(VIEWER)).status).toBe(302);
    expect((await french.login(FRENCH_VIEWER)).status).toBe(302);
  });

  afterAll(() => stack?.stop());

  it('gives a viewer the whole entity list as CSV, its columns labelled, formula payloads neutralised', async () => {
    const answer = await download(viewer, '/admin/export/OrgEntity?format=csv');
    expect(answer.status).toBe(200);
    expect(answer.type).toContain('text/csv');
    const lines = answer.bytes.toString('utf8').trim().split('\n');
    expect(lines[0].split(',').slice(0, 3)).toEqual(['Code', 'Name', 'Kind']);
    expect(lines).toHaveLength(1 + ENTITIES.length);
    const codes = lines.slice(1).map((line) => line.split(',')[0]);
    expect(codes.sort()).toEqual(ENTITIES.map((e) => e.code).sort());
    expect(answer.bytes.toString('utf8')).toContain(`"'=HYPERLINK(""http://x"")"`);
    for (const payload of ['+1', '-1', '@x'])
      expect(lines.some((l) => l.startsWith(`FX`) && l.includes(`,'${payload},`))).toBe(true);
  });

  it('gives the list with its search as xlsx: only the rows found, every payload kept as text', async () => {
    const answer = await download(viewer, '/admin/export/OrgEntity?format=xlsx&filters.search=fx');
    expect(answer.status).toBe(200);
    expect(answer.type).toContain('spreadsheetml');
    const [header, ...rows] = await sheetOf(answer.bytes);
    expect(header.slice(0, 2)).toEqual(['Code', 'Name']);
    expect(rows.map((r) => r[0]).sort()).toEqual(['FXA', 'FXB', 'FXC', 'FXD']);
    expect(rows.map((r) => r[1]).sort()).toEqual(PAYLOADS.map((p) => `'${p}`).sort());
  });

  it('labels the columns in the account’s language and keeps dates as dates in xlsx', async () => {
    const entities = await sheetOf((await download(french, '/admin/export/OrgEntity?format=xlsx')).bytes);
    expect(entities[0].slice(0, 3)).toEqual(['Code', 'Nom', 'Type']);
    const audit = await sheetOf((await download(viewer, '/admin/export/AuditEvent?format=xlsx')).bytes);
    const when = audit[0].indexOf('When');
    expect(when).toBeGreaterThanOrEqual(0);
    expect(audit.length).toBeGreaterThan(1);
    for (const row of audit.slice(1)) expect(row[when]).toBeInstanceOf(Date);
  });

  it('refuses an unknown format naming the field, an admin-only list to a viewer, and anyone logged out', async () => {
    const pdf = await download(viewer, '/admin/export/OrgEntity?format=pdf');
    expect(pdf.status).toBe(400);
    expect(pdf.bytes.toString()).toContain('format');
    expect((await download(viewer, '/admin/export/AdminUser?format=csv')).status).toBe(403);
    expect((await download(viewer, '/admin/export/NoSuchList?format=csv')).status).toBe(404);
    const anonymous = await fetch(`${stack.base}/admin/export/OrgEntity?format=csv`, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
  });

  it('puts Export CSV and Export Excel on a list in Chromium; the file has the rows the list shows as searched', async () => {
    const browser: Browser = await launchChromium();
    try {
      const context = await browser.newContext({
        viewport: { width: 1400, height: 1000 },
        acceptDownloads: true,
      });
      const page = await context.newPage();
      const watched = watchPage(page, new URL(stack.base).origin);
      await logInInBrowser(page, stack.base, FRENCH_VIEWER);
      await page.goto(`${stack.base}/admin/resources/OrgEntity?filters.search=fx`);
      const csvButton = page.locator('[data-testid=list-export] a[data-export=csv]');
      await csvButton.waitFor();
      // In the account's language, and carrying the list's search.
      expect((await csvButton.textContent())?.trim()).toBe('Exporter en CSV');
      expect(await csvButton.getAttribute('href')).toBe(
        '/admin/export/OrgEntity?filters.search=fx&format=csv',
      );
      const [csv] = await Promise.all([page.waitForEvent('download'), csvButton.click()]);
      const text = fs.readFileSync((await csv.path()) as string, 'utf8');
      const codes = text
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[0]);
      expect(codes.sort()).toEqual(['FXA', 'FXB', 'FXC', 'FXD']);
      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        page.click('[data-testid=list-export] a[data-export=xlsx]'),
      ]);
      const [header, ...rows] = await sheetOf(fs.readFileSync((await xlsx.path()) as string));
      expect(header.slice(0, 2)).toEqual(['Code', 'Nom']);
      expect(rows.map((r) => r[0]).sort()).toEqual(['FXA', 'FXB', 'FXC', 'FXD']);
      // A record's page has no export.
      const [entity] = await viewer.list('OrgEntity', {}, 1);
      await page.goto(`${stack.base}/admin/resources/OrgEntity/records/${entity.id}/show`);
      await page.waitForSelector('section');
      expect(await page.locator('[data-testid=list-export]').count()).toBe(0);
      expect(watched.take()).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
