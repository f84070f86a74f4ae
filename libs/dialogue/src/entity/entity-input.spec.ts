import { unknownJsonFields, validateEntity } from './entity-input';

const entity = {
  code: 'DPPA',
  name: 'Department of Political and Peacebuilding Affairs',
  kind: 'department',
  dutyStation: 'New York',
  timeZone: 'America/New_York',
  language: 'en',
};

describe('validateEntity', () => {
  it.each([null, 5, 'DPPA', [entity]])('names a row that is not an entity (%p) instead of failing', (raw) => {
    expect(validateEntity(raw as never, 3).issues).toEqual([
      {
        field: 'entity',
        code: 'entity-object',
        message: "must be an object with the entity's fields",
        row: 3,
      },
    ]);
  });

  it('takes a Head given as 0 or false as a wrong value, not as no Head', () => {
    expect(validateEntity({ ...entity, headName: 0 }).issues.map((i) => i.field)).toEqual([
      'head_name',
      'head_email',
    ]);
  });

  it('refuses a count the database cannot hold', () => {
    expect(validateEntity({ ...entity, staff: '99999999999' }).issues).toEqual([
      {
        field: 'illustrative_staff',
        code: 'too-large',
        message: 'must be at most 1000000',
        params: { max: 1000000 },
      },
    ]);
  });
});

describe('unknownJsonFields', () => {
  it('names the fields a JSON row has that an entity does not, with the row', () => {
    expect(
      unknownJsonFields(
        JSON.parse(
          '{"code":"X","headEmial":"h@x.org","__proto__":1,"focalPoints":[{"name":"A","mail":"a"}]}',
        ),
        2,
      ),
    ).toEqual([
      { row: 2, field: 'headEmial', code: 'unknown-field', message: 'is not a field of an entity' },
      { row: 2, field: '__proto__', code: 'unknown-field', message: 'is not a field of an entity' },
      {
        row: 2,
        field: 'focal_points[0].mail',
        code: 'unknown-field',
        message: 'is not a field of a Focal Point',
      },
    ]);
  });
});
