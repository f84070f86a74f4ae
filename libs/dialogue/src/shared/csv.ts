import { parse } from 'csv-parse/sync';
import { ValidationFailed } from './errors';

export interface CsvRow {
  /** The line in the file: the header is line 1. */
  row: number;
  cell(column: string): string | undefined;
}

/**
 * Reads a CSV with a header row (columns matched case-insensitively). A malformed file, a missing required
 * column or an unknown one is refused with the line and column named.
 */
export function readCsv(text: string, required: string[], optional: string[] = []): CsvRow[] {
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, bom: true, relax_column_count: false });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ValidationFailed([
      { field: 'csv', message: (error as Error).message, ...(line ? { row: line } : {}) },
    ]);
  }
  const [header, ...rows] = records;
  if (!header) throw new ValidationFailed([{ field: 'csv', message: 'the file is empty' }]);
  const columns = header.map((h) => h.toLowerCase());
  const missing = required.filter((c) => !columns.includes(c));
  const unknown = columns.filter((c) => !required.includes(c) && !optional.includes(c));
  if (missing.length || unknown.length) {
    throw new ValidationFailed([
      ...missing.map((c) => ({ field: c, message: 'column is missing from the header', row: 1 })),
      ...unknown.map((c) => ({ field: c, message: 'unknown column', row: 1 })),
    ]);
  }
  return rows.map((cells, index) => ({
    row: index + 2,
    cell: (name: string) => {
      const i = columns.indexOf(name);
      return i < 0 ? undefined : cells[i];
    },
  }));
}
