import { readCsv } from '../shared/csv';
import { parseFocalPointCell, type RawEntity } from './entity-input';
import { NAME_LANGUAGES, nameColumn } from './entity-names';

const REQUIRED_COLUMNS = ['code', 'name', 'kind', 'duty_station', 'timezone', 'language'];
const OPTIONAL_COLUMNS = [
  'illustrative_staff',
  'head_name',
  'head_email',
  'focal_points',
  ...NAME_LANGUAGES.map(nameColumn),
];

/**
 * Reads the entity list in the format of the Ethics Office's spreadsheet export (see README): a header row,
 * then one entity per line. Returns each entity with the line it came from.
 */
export function readEntityCsv(text: string): { row: number; raw: RawEntity }[] {
  return readCsv(text, REQUIRED_COLUMNS, OPTIONAL_COLUMNS).map(({ row, cell }) => {
    const focalPoints = cell('focal_points');
    // Only the columns the file has: a name column left out keeps what is stored, an empty cell clears it.
    const names = Object.fromEntries(
      NAME_LANGUAGES.filter((l) => cell(nameColumn(l)) !== undefined).map((l) => [l, cell(nameColumn(l))]),
    );
    return {
      row,
      raw: {
        code: cell('code'),
        name: cell('name'),
        ...(Object.keys(names).length > 0 ? { names } : {}),
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
