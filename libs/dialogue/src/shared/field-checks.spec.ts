import { FieldChecks, MAX_COUNT } from './field-checks';

describe('FieldChecks', () => {
  it('refuses blank text as missing, and control characters (NUL cannot be stored by PostgreSQL)', () => {
    const check = new FieldChecks(4);
    expect(check.text('name', ' \t ')).toBe(false);
    expect(check.text('reason', 'a\u0000b')).toBe(false);
    expect(check.text('comment', 'line one\nline two\ttab')).toBe(true);
    expect(check.text('note', '   ', { required: false })).toBe(false);
    expect(check.issues).toEqual([
      { field: 'name', code: 'required', message: 'is required', row: 4 },
      { field: 'reason', code: 'control-characters', message: 'must not contain control characters', row: 4 },
    ]);
  });

  it('says a missing count is required, and names anything else that is not a count', () => {
    const check = new FieldChecks();
    expect(check.nonNegativeInteger('eligibleStaff', undefined)).toBe(false);
    expect(check.nonNegativeInteger('sessionsHeld', null)).toBe(false);
    expect(check.nonNegativeInteger('managersLed', Number.NaN)).toBe(false);
    expect(check.nonNegativeInteger('nonStaffParticipants', 0)).toBe(true);
    expect(check.issues.map((i) => [i.field, i.code])).toEqual([
      ['eligibleStaff', 'required'],
      ['sessionsHeld', 'required'],
      ['managersLed', 'non-negative-integer'],
    ]);
  });

  it('bounds counts below the 32-bit columns', () => {
    const check = new FieldChecks();
    expect(check.nonNegativeInteger('staff', MAX_COUNT)).toBe(true);
    expect(check.nonNegativeInteger('staff', 3_000_000_000)).toBe(false);
    expect(check.nonNegativeInteger('id', 3_000_000, { max: 2 ** 31 - 1 })).toBe(true);
    expect(check.issues).toEqual([
      {
        field: 'staff',
        code: 'too-large',
        message: `must be at most ${MAX_COUNT}`,
        params: { max: MAX_COUNT },
      },
    ]);
  });

  it('takes agency names that start with a letter, and refuses formulas and other non-names by code', () => {
    const check = new FieldChecks();
    // A space typed before a name is a slip, not a formula (the Annex E prefill merges ' UNDP' with 'UNDP').
    for (const name of ['UNDP', 'UN-Habitat', 'Organisation météo', '国际', 'Équipe 2', ' UNDP'])
      expect([name, check.agencyName('otherAgencyParticipants', name)]).toEqual([name, true]);
    for (const name of [
      '=HYPERLINK("http://x")',
      '+1',
      '-2',
      '@SUM(A1)',
      '1UN',
      "'UNDP",
      ' =SUM(A1)',
      '(UNDP)',
    ])
      expect([name, check.agencyName('otherAgencyParticipants', name)]).toEqual([name, false]);
    expect(check.agencyName('otherAgencyParticipants', ' ')).toBe(false);
    expect(check.issues.map((i) => [i.field, i.code, i.params?.['agency']])).toEqual([
      ...['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', '1UN', "'UNDP", ' =SUM(A1)', '(UNDP)'].map(
        (agency) => ['otherAgencyParticipants', 'agency-name-letter', agency],
      ),
      ['otherAgencyParticipants', 'agency-name', ' '],
    ]);
  });
});
