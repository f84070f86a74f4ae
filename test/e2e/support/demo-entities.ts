import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

/** The seed list of the 58 real entities, as the CSV import takes it. */
export const ENTITIES_CSV = fs.readFileSync(
  path.resolve(__dirname, '../../../libs/persistence/seed/entities.csv'),
  'utf8',
);

/** The entity codes of the seed list, in its order. */
export const ENTITY_CODES = ENTITIES_CSV.trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',')[0]);

/** The 58 real entities, each with a Head and one Focal Point speaking the entity's language. */
export function entitiesWithPeople() {
  const rows = parse(ENTITIES_CSV, { columns: true }) as Record<string, string>[];
  return rows.map((row) => {
    const domain = `${row['code'].toLowerCase()}.example.org`;
    return {
      code: row['code'],
      name: row['name'],
      kind: row['kind'],
      dutyStation: row['duty_station'],
      timeZone: row['timezone'],
      language: row['language'],
      headName: `Head of ${row['code']}`,
      headEmail: `head@${domain}`,
      focalPoints: [
        { name: `Focal Point of ${row['code']}`, email: `focal@${domain}`, language: row['language'] },
      ],
    };
  });
}
