import { parse } from 'csv-parse/sync';
import { spreadsheetSafe, writeCsv } from './csv-export';

describe('CSV exports', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+1+1', `'+1+1`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    [`'already quoted`, `''already quoted`],
    ['Office of Legal Affairs', 'Office of Legal Affairs'],
    ['UNDP:1 =X:2', 'UNDP:1 =X:2'],
    ['', ''],
    ['2026-12-31', '2026-12-31'],
  ])('neutralises the text %p as %p', (text, safe) => {
    expect(spreadsheetSafe(text)).toBe(safe);
  });

  it('leaves numbers alone, negative ones included', () => {
    expect([spreadsheetSafe(-3), spreadsheetSafe(0), spreadsheetSafe(12.5)]).toEqual([-3, 0, 12.5]);
  });

  it('writes every text cell of every row safe, numbers as numbers, and a reader gets the original back', () => {
    const cells = ['=cmd|"/c calc"!A1', '-1', 'plain', `'quoted`, '@x', '+y', '\tz'];
    const csv = writeCsv(['text', 'number'], [...cells.map((c, i) => [c, -i]), ['last', 7]]);
    const rows = parse(csv, { columns: true }) as { text: string; number: string }[];
    for (const row of rows) expect(row.text).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows.map((r) => r.number)).toEqual(['0', '-1', '-2', '-3', '-4', '-5', '-6', '7']);
    // README: a text cell that starts with ' had one ' added.
    const original = (cell: string) => (cell.startsWith("'") ? cell.slice(1) : cell);
    expect(rows.map((r) => original(r.text))).toEqual([...cells, 'last']);
  });

  it('writes a long export page by page: the header with the first page only, the same rule on every page', () => {
    const first = writeCsv(['code', 'name'], [['A', '=1+1']]);
    const next = writeCsv(['code', 'name'], [['B', '@x']], { header: false });
    expect(first + next).toBe(
      writeCsv(
        ['code', 'name'],
        [
          ['A', '=1+1'],
          ['B', '@x'],
        ],
      ),
    );
    expect(next).toBe("B,'@x\n");
  });
});
