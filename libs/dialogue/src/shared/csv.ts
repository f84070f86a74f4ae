import { parse } from 'csv-parse/sync';
import { ValidationFailed, type FieldIssue } from './errors';

export interface CsvRow {
  /** The line in the file where the row starts: the header is line 1, blank lines count. */
  row: number;
  cell(column: string): string | undefined;
}

const LINE_BREAK = /\r\n|\r|\n/g;
const breaks = (text: string) => text.match(LINE_BREAK)?.length ?? 0;

/**
 * Reads a CSV with a header row (columns matched case-insensitively). A malformed file, a missing required
 * column, an unknown one or one given twice is refused with the line and column named.
 *
 * Rows are named by the line they start on, as an editor shows it: blank lines count, a quoted cell may span
 * lines. The parser's own line numbers are not used (it counts a CRLF inside a quoted cell as two lines): lines
 * are counted here up to the byte offsets it reports.
 */
export function readCsv(text: string, required: string[], optional: string[] = []): CsvRow[] {
  const bytes = Buffer.from(text, 'utf8');
  /** The line of the first non-blank character at or after `offset` (a record's start). */
  const lineAt = (offset: number) => {
    const before = bytes.subarray(0, offset).toString('utf8');
    const after = bytes.subarray(offset).toString('utf8');
    return 1 + breaks(before) + breaks(/^\s*/.exec(after)?.[0] ?? '');
  };
  const options = { skip_empty_lines: true, trim: true, bom: true, relax_column_count: false, info: true };
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    records = parse(bytes, options) as unknown as typeof records;
  } catch (error) {
    // The row at fault starts where the last good record ended (read again up to it: the error's own offsets
    // do not say).
    const good = (error as { records?: number }).records ?? 0;
    const before = good > 0 ? (parse(bytes, { ...options, to: good }) as unknown as typeof records) : [];
    // Its message's own "at line N" is the parser's count: left out, the row says where.
    const message = (error as Error).message.replace(/ (?:at|on) line \d+/, '');
    throw new ValidationFailed([
      { field: 'csv', code: 'csv-syntax', message, row: lineAt(before.at(-1)?.info.bytes ?? 0) },
    ]);
  }
  // Each record's lines, walking the file once: where it starts (after blank lines) and how many it spans.
  let end = 0;
  let linesBefore = 0;
  const starts = records.map(({ info }) => {
    const segment = bytes.subarray(end, info.bytes).toString('utf8');
    const start = 1 + linesBefore + breaks(/^\s*/.exec(segment)?.[0] ?? '');
    linesBefore += breaks(segment);
    end = info.bytes;
    return start;
  });
  const [header, ...rows] = records;
  if (!header)
    throw new ValidationFailed([{ field: 'csv', code: 'csv-empty', message: 'the file is empty' }]);
  const headerLine = starts[0];
  const columns = header.record.map((h) => h.toLowerCase());
  const issues: FieldIssue[] = [];
  columns.forEach((c, i) => {
    if (c === '')
      issues.push({
        field: `column ${i + 1}`,
        code: 'column-unnamed',
        message: 'has no name',
        row: headerLine,
      });
    else if (columns.indexOf(c) !== i)
      issues.push({ field: c, code: 'column-twice', message: 'is given twice', row: headerLine });
    else if (!required.includes(c) && !optional.includes(c))
      issues.push({ field: c, code: 'column-unknown', message: 'unknown column', row: headerLine });
  });
  for (const c of required.filter((c) => !columns.includes(c))) {
    issues.push({
      field: c,
      code: 'column-missing',
      message: 'column is missing from the header',
      row: headerLine,
    });
  }
  if (issues.length) throw new ValidationFailed(issues);
  return rows.map((entry, i) => ({
    row: starts[i + 1],
    cell: (name: string) => {
      const i = columns.indexOf(name);
      return i < 0 ? undefined : entry.record[i];
    },
  }));
}
