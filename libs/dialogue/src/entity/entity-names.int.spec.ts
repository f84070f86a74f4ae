import fs from 'node:fs';
import path from 'node:path';
import { openTestOrm, testDrivers, type TestOrm } from '@cascade/testing';
import { ValidationFailed } from '../shared/errors';
import { EntityImportService } from './entity-import.service';
import { entityNameIn } from './entity-names';
import { OrgEntity } from './org-entity.entity';

const SEED_CSV = fs.readFileSync(path.resolve(__dirname, '../../../persistence/seed/entities.csv'), 'utf8');
const ADMIN = 'admin@test';
const HEADER = 'code,name,kind,duty_station,timezone,language';
const DPPA = 'DPPA,Department of Political and Peacebuilding Affairs,department,New York,America/New_York,en';
const DPO = 'DPO,Department of Peace Operations,department,New York,America/New_York,en';
const DPPA_FR = 'Département des affaires politiques et de la consolidation de la paix';
const DPPA_ES = 'Departamento de Asuntos Políticos y de Consolidación de la Paz';

async function issuesOf(work: () => Promise<unknown>): Promise<ValidationFailed['issues']> {
  const error = await work().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationFailed);
  return (error as ValidationFailed).issues;
}

describe.each(testDrivers())('entity names in other languages (%s)', (driver) => {
  let db: TestOrm;
  let imports: EntityImportService;
  const entity = (code: string) => db.orm.em.fork().findOneOrFail(OrgEntity, { code });

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-10-01T12:00:00Z'));
    imports = new EntityImportService(db.orm.em, db.clock);
  });

  afterAll(async () => {
    await db?.close();
  });

  it('imports a CSV without the name columns: no other names, every reader gets the English one', async () => {
    await imports.importCsv(`${HEADER}\n${DPPA}\n`, ADMIN);
    const dppa = await entity('DPPA');
    expect(dppa.names).toBeNull();
    expect(entityNameIn(dppa, 'fr')).toBe('Department of Political and Peacebuilding Affairs');
  });

  it('imports the name columns (any of them, in any case), an empty cell giving none', async () => {
    const csv = `${HEADER},Name_FR,name_es,name_ar\n${DPPA},${DPPA_FR},"${DPPA_ES}",\n${DPO},,,\n`;
    expect(await imports.importCsv(csv, ADMIN)).toEqual({ created: 1, updated: 1, total: 2 });
    const dppa = await entity('DPPA');
    expect(dppa.names).toEqual({ fr: DPPA_FR, es: DPPA_ES });
    expect([entityNameIn(dppa, 'fr'), entityNameIn(dppa, 'es'), entityNameIn(dppa, 'ar')]).toEqual([
      DPPA_FR,
      DPPA_ES,
      'Department of Political and Peacebuilding Affairs',
    ]);
    expect((await entity('DPO')).names).toBeNull();
  });

  it('updates the names on re-import: a new name replaces, an empty cell clears, a column left out keeps', async () => {
    await imports.importCsv(`${HEADER},name_fr,name_es\n${DPPA},Département (nouveau nom),\n`, ADMIN);
    expect((await entity('DPPA')).names).toEqual({ fr: 'Département (nouveau nom)' });
    await imports.importCsv(`${HEADER},name_es\n${DPPA},${DPPA_ES}\n`, ADMIN);
    expect((await entity('DPPA')).names).toEqual({ fr: 'Département (nouveau nom)', es: DPPA_ES });
    await imports.importCsv(`${HEADER}\n${DPPA}\n`, ADMIN);
    expect((await entity('DPPA')).names).toEqual({ fr: 'Département (nouveau nom)', es: DPPA_ES });
    await imports.importCsv(`${HEADER},name_fr,name_es\n${DPPA},,\n`, ADMIN);
    expect((await entity('DPPA')).names).toBeNull();
  });

  it('refuses a bad name naming its row and column, and imports nothing', async () => {
    const before = await entity('DPO');
    const csv = [
      `${HEADER},name_fr,name_es`,
      `${DPO},Département des opérations de paix,Departamento de Operaciones de Paz`,
      '',
      `${DPPA},${'x'.repeat(301)},"Departamento\u0007"`,
    ].join('\n');
    expect(await issuesOf(() => imports.importCsv(csv, ADMIN))).toEqual([
      {
        row: 4,
        field: 'name_fr',
        code: 'too-long',
        message: 'must be at most 300 characters',
        params: { max: 300 },
      },
      {
        row: 4,
        field: 'name_es',
        code: 'control-characters',
        message: 'must not contain control characters',
      },
    ]);
    expect((await entity('DPO')).names).toEqual(before.names);
  });

  it('refuses an unknown name column in the header', async () => {
    expect(await issuesOf(() => imports.importCsv(`${HEADER},name_de\n${DPPA},Abteilung\n`, ADMIN))).toEqual([
      { row: 1, field: 'name_de', code: 'column-unknown', message: 'unknown column' },
    ]);
  });

  it('takes names as JSON {names: {fr, es}}, naming a bad one by its column and an unknown language', async () => {
    await imports.importJson(
      [
        {
          code: 'DPO',
          name: 'Department of Peace Operations',
          names: { fr: 'Département des opérations de paix', ru: 'Департамент операций в пользу мира' },
          kind: 'department',
          dutyStation: 'New York',
          timeZone: 'America/New_York',
          language: 'en',
        },
      ],
      ADMIN,
    );
    expect((await entity('DPO')).names).toEqual({
      fr: 'Département des opérations de paix',
      ru: 'Департамент операций в пользу мира',
    });
    const row = {
      code: 'DPO',
      name: 'Department of Peace Operations',
      kind: 'department',
      dutyStation: 'New York',
      timeZone: 'America/New_York',
      language: 'en',
    };
    expect(
      (await issuesOf(() => imports.importJson([{ ...row, names: { es: 5, en: 'x', de: 'y' } }], ADMIN))).map(
        (i) => [i.row, i.field, i.code],
      ),
    ).toEqual([
      [1, 'names.en', 'unknown-language'],
      [1, 'names.de', 'unknown-language'],
      [1, 'name_es', 'not-text'],
    ]);
    expect(
      (await issuesOf(() => imports.importJson([{ ...row, names: 'Département' }], ADMIN))).map(
        (i) => i.field,
      ),
    ).toEqual(['names']);
    await imports.importJson([{ ...row, names: null }], ADMIN);
    expect((await entity('DPO')).names).toBeNull();
  });

  it('imports the seed list with the French and Spanish names of its 58 entities', async () => {
    expect(await imports.importCsv(SEED_CSV, ADMIN)).toMatchObject({ total: 58 });
    const all = await db.orm.em.fork().find(OrgEntity, {});
    expect(all).toHaveLength(58);
    for (const e of all) expect(Object.keys(e.names ?? {}).sort()).toEqual(['es', 'fr']);
    const dppa = await entity('DPPA');
    expect(dppa.names).toEqual({ fr: DPPA_FR, es: DPPA_ES });
  });
});
