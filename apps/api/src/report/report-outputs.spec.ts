import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { loadConfig } from '@cascade/config';
import { compileReport, type EntityFacts } from '@cascade/dialogue';
import { REPORT_CSV_COLUMNS, reportCsv } from './report-csv';
import { reportHtml } from './report-document';
import { reportPdf } from './report-pdf';

const cutoffEndsAt = new Date('2027-03-01T05:00:00Z');
const fact = (
  code: string,
  kind: string,
  stats: [number, number] | null,
  extra: Partial<EntityFacts> = {},
): EntityFacts => ({
  code,
  name: `Entity ${code}`,
  kind,
  state: stats ? 'reported' : 'not-completed',
  effectiveDeadline: '2026-12-31',
  extendedDeadline: null,
  lateAdded: false,
  cutoffEndsAt,
  statistics: stats
    ? {
        eligibleStaff: stats[0],
        staffParticipated: stats[1],
        sessionsHeld: 4,
        managersLed: 3,
        nonStaffParticipants: 2,
        otherAgencyParticipants: { UNDP: 1 },
        revision: 1,
        firstSubmittedAt: new Date('2026-12-10T12:00:00Z'),
      }
    : null,
  managersInTree: 4,
  managersWhoLed: 3,
  headConfirmed: true,
  ...extra,
});

const content = compileReport(
  [
    fact('DPPA', 'department', [100, 80]),
    fact('UNOG', 'office', [50, 25]),
    fact('ECA', 'regional-commission', null),
    fact('HOSTILE', 'office', [10, 10], { name: '<script>alert(1)</script> & Co' }),
    fact('UNAMA', 'political-mission', [30, 30], {
      extendedDeadline: '2027-03-31',
      effectiveDeadline: '2027-03-31',
    }),
  ],
  {
    year: 2026,
    reportCutoff: '2027-02-28',
    compiledAt: new Date('2027-03-01T12:00:00Z'),
    history: [
      { code: 'DPPA', at: new Date('2026-11-01T12:00:00Z'), to: 'invited' },
      { code: 'DPPA', at: new Date('2026-12-10T12:00:00Z'), to: 'stats-submitted' },
    ],
    launchedAt: new Date('2026-11-01T12:00:00Z'),
    previousYear: null,
    previousVersion: null,
  },
);

describe('report outputs', () => {
  it('CSV: the documented columns, one row per entity, subtotals per kind and the total of completed entities', () => {
    const rows = parse(reportCsv(content), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual([...REPORT_CSV_COLUMNS]);
    expect(rows.map((r) => r['code'])).toEqual([
      'DPPA',
      'ECA',
      'HOSTILE',
      'UNAMA',
      'UNOG',
      'SUBTOTAL:department',
      'SUBTOTAL:office',
      'SUBTOTAL:political-mission',
      'SUBTOTAL:regional-commission',
      'TOTAL',
    ]);
    const total = rows.at(-1) as Record<string, string>;
    // UNAMA's extension is past the cutoff: not included; ECA never submitted.
    expect(total).toMatchObject({
      eligible_staff: '160',
      staff_participated: '115',
      participation_rate: '0.7188',
    });
    expect(total['status']).toBe('3 completed');
    expect(rows.find((r) => r['code'] === 'UNAMA')).toMatchObject({
      status: 'not-included',
      extension_until: '2027-03-31',
    });
    expect(rows.find((r) => r['code'] === 'DPPA')).toMatchObject({
      participation_rate: '0.8000',
      cascade_completion: '0.7500',
    });
  });

  it('CSV: text that a spreadsheet would run as a formula gets a quote in front, in every row it reaches', () => {
    const agency = '=HYPERLINK("http://x")';
    const formula = fact('FORMULA', 'office', [10, 5], { name: '=HYPERLINK("http://x")' });
    // An issued report keeps the agencies of its day, before names had to start with a letter.
    const statistics = formula.statistics as NonNullable<EntityFacts['statistics']>;
    formula.statistics = { ...statistics, otherAgencyParticipants: { [agency]: 1 } };
    const stored = compileReport([formula], {
      year: 2026,
      reportCutoff: '2027-02-28',
      compiledAt: new Date('2027-03-01T12:00:00Z'),
      history: [],
      launchedAt: null,
      previousYear: null,
      previousVersion: null,
    });
    const csv = reportCsv(stored);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r['code'], r['name'], r['other_agency_participants']])).toEqual([
      ['FORMULA', `'=HYPERLINK("http://x")`, `'=HYPERLINK("http://x"):1`],
      ['SUBTOTAL:office', 'All office entities', `'=HYPERLINK("http://x"):1`],
      ['TOTAL', 'All entities', `'=HYPERLINK("http://x"):1`],
    ]);
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('HTML: printable, escaped, with both charts and the draft marked', () => {
    const html = reportHtml(content);
    expect(html).toContain('DRAFT, not issued');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toMatch(/<canvas id="by-kind"/);
    expect(html).toMatch(/<canvas id="over-time"/);
    expect(html).toContain('@media print');
    const issued = reportHtml(content, {
      version: 2,
      issuedAt: new Date('2027-03-02T10:00:00Z'),
      issuedBy: 'ethics@un',
    });
    expect(issued).toContain('version 2, issued 2027-03-02 by ethics@un');
  });

  it('PDF: rendered by headless Chromium with its charts; the text says what the report says', async () => {
    const pdf = await reportPdf(
      reportHtml(content, { version: 1, issuedAt: new Date('2027-03-01T12:00:00Z'), issuedBy: 'ethics@un' }),
      loadConfig({ CHROMIUM_PATH: process.env['CHROMIUM_PATH'] }).report,
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cascade-report-')), 'report.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Leadership Dialogue 2026');
    expect(text).toMatch(/3\s*\/\s*5/);
    expect(text).toContain('Entity DPPA');
    expect(text).toContain('not-included');
    expect(text).toContain('71.9 %');
  }, 60_000);
});
