import { parse } from 'csv-parse/sync';
import { ValidationFailed } from '../shared/errors';
import { parseFocalPointCell, type RawEntity } from './entity-input';

const REQUIRED_COLUMNS = ['code', 'name', 'kind', 'duty_station', 'timezone', 'language'];
const OPTIONAL_COLUMNS = ['illustrative_staff', 'head_name', 'head_email', 'focal_points'];

/**
 * Reads the entity list in the format of the Ethics Office's spreadsheet export (see README): a header row,
 * then one entity per line. Returns each entity with the line it came from.
 */
export function readEntityCsv(text: string): { row: number; raw: RawEntity }[] {
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
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  const unknown = columns.filter((c) => !REQUIRED_COLUMNS.includes(c) && !OPTIONAL_COLUMNS.includes(c));
  if (missing.length || unknown.length) {
    throw new ValidationFailed([
      ...missing.map((c) => ({ field: c, message: 'column is missing from the header', row: 1 })),
      ...unknown.map((c) => ({ field: c, message: 'unknown column', row: 1 })),
    ]);
  }
  return rows.map((cells, index) => {
    const cell = (name: string) => {
      const i = columns.indexOf(name);
      return i < 0 ? undefined : cells[i];
    };
    const focalPoints = cell('focal_points');
    return {
      row: index + 2,
      raw: {
        code: cell('code'),
        name: cell('name'),
        kind: cell('kind'),
        dutyStation: cell('duty_station'),
        timeZone: cell('timezone'),
        language: cell('language'),
        staff: cell('illustrative_staff'),
        headName: cell('head_name') || undefined,
        headEmail: cell('head_email') || undefined,
        focalPoints: focalPoints ? parseFocalPointCell(focalPoints, cell('language')) : undefined,
      },
    };
  });
}
