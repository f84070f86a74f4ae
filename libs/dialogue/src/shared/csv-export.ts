import { stringify } from 'csv-stringify/sync';

/** A cell of an exported CSV: numbers stay numbers, everything else is text. */
export type CsvCell = string | number;

/**
 * The first characters that make a spreadsheet read a cell as a formula (OWASP's list: `=`, `+`, `-`, `@`, tab,
 * carriage return), and the quote that marks a neutralised cell, so that reading one back is never ambiguous.
 */
const FORMULA_START = /^[=+\-@\t\r']/;

/**
 * A text cell a spreadsheet shows as text: one that starts like a formula gets a `'` in front (`=HYPERLINK(…)`
 * becomes `'=HYPERLINK(…)`); quoting alone does not stop Excel or LibreOffice from evaluating it. A cell that
 * already starts with `'` gets one more, so the rule is undone exactly: a text cell starting with `'` had one `'`
 * added. Numbers are left alone: `-3` must stay a number, and a number is never a formula.
 */
export function spreadsheetSafe(cell: CsvCell): CsvCell {
  return typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * Every CSV export writes through here (the lint forbids csv-stringify elsewhere): a header of `columns`, then
 * the rows, each text cell made spreadsheet-safe. A long export written page by page asks for the header with
 * its first page only (`header: false` after).
 */
export function writeCsv(
  columns: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  { header = true }: { header?: boolean } = {},
): string {
  return stringify(
    rows.map((row) => row.map(spreadsheetSafe)),
    { header, columns: columns.map((c) => String(spreadsheetSafe(c))) },
  );
}
