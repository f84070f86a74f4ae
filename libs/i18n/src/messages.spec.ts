import { compiledMessageCount, formatMessage, interpolate, isIcuMessage } from './messages';

describe('interpolate', () => {
  it('fills placeholders with the values verbatim: a year stays 2027, not "2,027"', () => {
    expect(interpolate('Leadership Dialogue {year}: {topic}', { year: 2027, topic: 'Gifts' })).toBe(
      'Leadership Dialogue 2027: Gifts',
    );
  });

  it('leaves escaping to the renderer: markup in a value comes back as it was given', () => {
    expect(interpolate('Dear {name},', { name: '<b>Ana & Bo</b>' })).toBe('Dear <b>Ana & Bo</b>,');
  });

  it('does not read placeholders inside a value', () => {
    expect(interpolate('{a} and {b}', { a: '{b}', b: 'x' })).toBe('{b} and x');
  });

  it('refuses a placeholder without a value, or with undefined', () => {
    expect(() => interpolate('Dear {name},', {})).toThrow('string placeholder {name} was not given');
    expect(() => interpolate('Dear {name},', { name: undefined })).toThrow(/\{name\}/);
    expect(interpolate('Dear {name},', { name: null })).toBe('Dear null,');
  });
});

describe('formatMessage', () => {
  const days = '{count, plural, one {# day} other {# days}}';
  const jours = '{count, plural, one {# jour} other {# jours}}';
  const dias = '{count, plural, one {# día} other {# días}}';

  it('tells ICU messages from plain ones', () => {
    expect(isIcuMessage(days)).toBe(true);
    expect(isIcuMessage('{role, select, head {Head} other {Someone}}')).toBe(true);
    expect(isIcuMessage('Dear {name},')).toBe(false);
  });

  it.each([
    [0, '0 days', '0 jour', '0 días'],
    [1, '1 day', '1 jour', '1 día'],
    [2, '2 days', '2 jours', '2 días'],
    [5, '5 days', '5 jours', '5 días'],
    [21, '21 days', '21 jours', '21 días'],
  ])('chooses the plural form of %d by each language’s rules', (count, en, fr, es) => {
    expect(formatMessage('en', days, { count })).toBe(en);
    expect(formatMessage('fr', jours, { count })).toBe(fr); // French puts 0 with 1
    expect(formatMessage('es', dias, { count })).toBe(es);
  });

  it('prefers an exact =0 form, and formats # as a number of the language', () => {
    const late = '{count, plural, =0 {none late} one {# late} other {# late}}';
    expect(formatMessage('en', late, { count: 0 })).toBe('none late');
    expect(formatMessage('en', late, { count: 12345 })).toBe('12,345 late');
    expect(formatMessage('fr', late, { count: 12345 })).toBe('12\u202f345 late');
    expect(formatMessage('es', late, { count: 12345 })).toBe('12.345 late');
  });

  it('selects, and fills plain arguments verbatim inside an ICU message', () => {
    const msg = '{role, select, head {Head of {entity}} other {Focal point of {entity}}} since {year}';
    expect(formatMessage('en', msg, { role: 'head', entity: 'DPPA', year: 2027 })).toBe(
      'Head of DPPA since 2027',
    );
    expect(formatMessage('en', msg, { role: 'x', entity: 'OCHA', year: 2027 })).toBe(
      'Focal point of OCHA since 2027',
    );
  });

  it('keeps apostrophes of prose and angle brackets as text', () => {
    const msg = "{count, plural, =0 {aucune entité n'est <b>en retard</b>} other {# en retard}}";
    expect(formatMessage('fr', msg, { count: 0 })).toBe("aucune entité n'est <b>en retard</b>");
  });

  it('names a missing value, an unknown plural form and a missing other', () => {
    expect(() => formatMessage('en', days, {})).toThrow('string placeholder {count} was not given');
    expect(() => formatMessage('en', '{count, plural, one {x} few {y}}', { count: 1 })).toThrow(
      /MISSING_OTHER_CLAUSE/,
    );
    expect(() => formatMessage('en', '{count, plural, one {x} lots {y} other {z}}', { count: 1 })).toThrow(
      "unknown plural form 'lots'",
    );
  });

  it('compiles each message once per language', () => {
    const msg = '{count, plural, one {# unique} other {# uniques}}';
    formatMessage('en', msg, { count: 1 });
    const after = compiledMessageCount();
    for (let i = 0; i < 5; i++) formatMessage('en', msg, { count: i });
    expect(compiledMessageCount()).toBe(after);
    formatMessage('fr', msg, { count: 1 });
    expect(compiledMessageCount()).toBe(after + 1);
  });
});
