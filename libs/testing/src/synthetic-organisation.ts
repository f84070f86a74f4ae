import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

/** The real entity list: kinds, duty stations, time zones and languages come from here, never from made-up rows. */
const REAL = parse(fs.readFileSync(path.resolve(__dirname, '../../persistence/seed/entities.csv'), 'utf8'), {
  columns: true,
}) as Record<string, string>[];

export const REAL_ENTITY_COUNT = REAL.length;

/**
 * `n` entities for the JSON import, made by cycling the real list: each copy keeps the model's kind, duty station,
 * zone and language and gets a Head and one Focal Point of its own (two invitations per entity).
 */
export function syntheticOrganisation(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const model = REAL[i % REAL.length];
    const code = n <= REAL.length ? model['code'] : `${model['code'].slice(0, 20)}-${i}`;
    const domain = `${code.toLowerCase()}.example.org`;
    return {
      code,
      name: n <= REAL.length ? model['name'] : `${model['name']} (${i})`,
      kind: model['kind'],
      dutyStation: model['duty_station'],
      timeZone: model['timezone'],
      language: model['language'],
      headName: `Head of ${code}`,
      headEmail: `head@${domain}`,
      focalPoints: [
        { name: `Focal Point of ${code}`, email: `focal@${domain}`, language: model['language'] },
      ],
    };
  });
}
