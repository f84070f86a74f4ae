import { readEntityCsv } from './entity-csv';
import { validateEntity } from './entity-input';
import { entityNameIn, NAME_LANGUAGES, nameColumn } from './entity-names';

const entity = {
  code: 'DPPA',
  name: 'Department of Political and Peacebuilding Affairs',
  kind: 'department',
  dutyStation: 'New York',
  timeZone: 'America/New_York',
  language: 'en',
};

describe('entity names in other languages', () => {
  it('takes every official language but English, each as a name_<code> column', () => {
    expect(NAME_LANGUAGES).toEqual(['ar', 'zh', 'fr', 'ru', 'es']);
    expect(NAME_LANGUAGES.map(nameColumn)).toEqual(['name_ar', 'name_zh', 'name_fr', 'name_ru', 'name_es']);
  });

  it('reads the name in the reader’s language, else the English one', () => {
    const dppa = { name: entity.name, names: { fr: 'Département des affaires politiques', es: '' } };
    expect(entityNameIn(dppa, 'fr')).toBe('Département des affaires politiques');
    expect(entityNameIn(dppa, 'es')).toBe(entity.name);
    expect(entityNameIn(dppa, 'zh')).toBe(entity.name);
    expect(entityNameIn({ name: entity.name, names: null }, 'fr')).toBe(entity.name);
  });

  it('reads only the name columns a file has, an empty cell as clearing', () => {
    const csv = 'code,name,kind,duty_station,timezone,language,name_fr\nDPPA,D,department,NY,UTC,en,\n';
    expect(readEntityCsv(csv)[0].raw.names).toEqual({ fr: '' });
    const without = 'code,name,kind,duty_station,timezone,language\nDPPA,D,department,NY,UTC,en\n';
    expect(readEntityCsv(without)[0].raw).not.toHaveProperty('names');
  });

  it('checks a name as the English one, naming its column', () => {
    const { issues } = validateEntity(
      { ...entity, names: { fr: 'a'.repeat(301), es: 'x\u0000y', ru: [] } },
      7,
    );
    expect(issues.map((i) => [i.row, i.field, i.code])).toEqual([
      [7, 'name_fr', 'too-long'],
      [7, 'name_ru', 'not-text'],
      [7, 'name_es', 'control-characters'],
    ]);
    expect(validateEntity({ ...entity, names: { fr: 'Département', es: ' ' } }).input?.names).toEqual({
      fr: 'Département',
      es: null,
    });
    expect(validateEntity(entity).input).not.toHaveProperty('names');
  });
});
