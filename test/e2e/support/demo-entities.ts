import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

/** The 58 real entities, each with a Head and one Focal Point speaking the entity's language. */
export function entitiesWithPeople() {
  const rows = parse(
    fs.readFileSync(path.resolve(__dirname, '../../../libs/persistence/seed/entities.csv'), 'utf8'),
    { columns: true },
  ) as Record<string, string>[];
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
