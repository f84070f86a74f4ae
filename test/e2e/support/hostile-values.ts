import fc from 'fast-check';

/**
 * Generators of hostile values, each labelled by what makes it wrong. "Valid" generators give what the api must
 * accept (printable text in any script, in-range numbers), so that a refusal can only come from the fault put in.
 */

/** The control characters the api refuses in text (tab and line breaks are text). */
export const CONTROL = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\u0008',
  '\u000b',
  '\u000c',
  '\u001b',
  '\u001f',
  '\u007f',
];

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Printable text of any script (emoji, combining marks, right-to-left…), never blank, at most `max` units. */
export function text(max = 40, min = 1): fc.Arbitrary<string> {
  return fc
    .string({ unit: 'grapheme', minLength: min, maxLength: Math.min(12, max) })
    .filter((s) => s.trim() !== '' && s.length <= max && !NOT_CONTROL.test(s));
}

/** Plain words: for values that also travel in CSV cells and URLs without changing meaning. */
export function words(max = 40): fc.Arbitrary<string> {
  return fc
    .array(
      fc.constantFrom('Alpha', 'Bêta', 'Gamma', 'Δέλτα', 'Ωmega', 'Ñandú', '東京', 'Zürich', 'O’Neil', 'Ça'),
      {
        minLength: 1,
        maxLength: 3,
      },
    )
    .map((w) => w.join(' ').slice(0, max));
}

/** Valid text with one control character slipped in somewhere. */
export function withControl(max = 40): fc.Arbitrary<string> {
  return fc.tuple(text(Math.max(1, max - 1)), fc.constantFrom(...CONTROL), fc.nat()).map(([s, c, at]) => {
    // Between code points, never inside a surrogate pair.
    const points = Array.from(s);
    const i = at % (points.length + 1);
    return [...points.slice(0, i), c, ...points.slice(i)].join('');
  });
}

/** Longer than `max` UTF-16 units: just over the limit, well over it, or huge (up to 300 000). */
export function tooLong(max: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: max + 1, max: max + 50 }) },
        { weight: 2, arbitrary: fc.integer({ min: max * 2, max: max * 20 + 100 }) },
        { weight: 1, arbitrary: fc.integer({ min: 100_000, max: 300_000 }) },
      ),
      fc.constantFrom('x', 'é', '東', 'ab ', '\u05d0'),
    )
    .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));
}

/** A value nested `depth` levels deep, as objects or arrays. */
export function deeplyNested(): fc.Arbitrary<unknown> {
  return fc.tuple(fc.integer({ min: 9, max: 2000 }), fc.boolean()).map(([depth, arrays]) => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
    return value;
  });
}

/** Values of the wrong JSON type for a string field. */
export function notAString(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant([]),
    fc.array(text(10), { minLength: 1, maxLength: 3 }),
    fc.dictionary(words(10), text(10), { maxKeys: 3 }),
    deeplyNested(),
  );
}

/** A required text field: missing-like, wrong type, too long, or with control characters. */
export function badText(max: number, { nullable = false } = {}): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 2, arbitrary: notAString() },
    { weight: 2, arbitrary: tooLong(max) },
    { weight: 2, arbitrary: withControl(Math.min(max, 40)) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t \n', '\u00a0\u3000', ...(nullable ? [] : [null])) },
  );
}

/** An optional text field: only wrong types, too long, control characters (empty and null mean "none"). */
export function badOptionalText(max: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    notAString().filter((v) => v !== null),
    tooLong(max),
    withControl(Math.min(max, 40)),
  );
}

export const MAX_COUNT = 1_000_000;

/** Not a count from `min` to `max`: negative, fractional, too large, a string, another type. */
export function badCount(min = 0, max = MAX_COUNT, { nullable = false } = {}): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.integer({ min: -2_000_000_000, max: min - 1 }),
    fc.integer({ min: max + 1, max: 2 ** 53 - 1 }),
    fc.constantFrom(
      2 ** 31,
      2 ** 31 - 1 > max ? 2 ** 31 - 1 : max + 1,
      1e21,
      1e300,
      -1e300,
      Number.MAX_SAFE_INTEGER + 2,
    ),
    fc.double({ min: min - 100, max: max + 100, noNaN: true }).filter((d) => !Number.isInteger(d)),
    fc.integer({ min, max }).map(String),
    fc.constantFrom(
      '',
      'abc',
      '1e3',
      '٣',
      '１２',
      'NaN',
      'Infinity',
      true,
      false,
      [],
      {},
      [1],
      ...(nullable ? [] : [null]),
    ),
  );
}

/** Any YYYY-MM-DD calendar day from `from` to `to` (both inclusive, as dates). */
export function day(from: string, to: string): fc.Arbitrary<string> {
  return fc
    .date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
}

/** Not a YYYY-MM-DD calendar day: wrong format, impossible day, another type. */
export function badDay({ nullable = false } = {}): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(
      '2026-02-30',
      '2027-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-12-00',
      '2026-1-5',
      '26-01-01',
      '2026/12/01',
      '01-12-2026',
      '2026-12-01T00:00:00Z',
      ' 2026-12-01',
      '2026-12-01\n',
      '２０２６-１２-０１',
      '+02026-12-01',
      '2026-W48',
      '20261201',
      'tomorrow',
      '',
      ...(nullable ? [] : [null]),
    ),
    fc.integer({ min: 0, max: 9999 }).map((y) => `${String(y).padStart(4, '0')}-02-30`),
    fc.integer(),
    fc.constant([]),
    withControl(12),
    text(12).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
  );
}

/** Not an instant JavaScript and ISO 8601 agree on. */
export function badInstant(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(
      '2026-02-30T00:00:00Z',
      '2026-04-31T12:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-01-01T25:00:00Z',
      '2026-01-01T00:60:00Z',
      '2026-W01',
      '20260101',
      '+275760-09-13T00:00:00.001Z',
      'next monday',
      '',
      'NaN',
    ),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    withControl(20),
  );
}

/** Addresses both the DTOs and the domain refuse. */
export function badEmail(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(
      'plainaddress',
      'a@',
      '@example.org',
      'a b@example.org',
      'a@example',
      'a@@example.org',
      '<a@example.org>',
      'a@exa mple.org',
      'a@.',
      'Name <a@example.org>',
    ),
    tooLong(260).map((s) => `${s.replace(/[^a-z]/g, 'x')}@example.org`),
    withControl(10).map((s) => `${s}@example.org`),
    notAString(),
  );
}

// Built once: a regular expression's arbitrary is slow to build.
const EMAIL = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9.]{0,10}[a-z0-9]$/),
    fc.constantFrom('example.org', 'un.example.org'),
  )
  .filter(([local]) => !local.includes('..'))
  .map(([local, domain]) => `${local}@${domain}`);

/** A valid address (lower case, so that it reads back the same). */
export function email(): fc.Arbitrary<string> {
  return EMAIL;
}

/** Not one of `values`: near misses (case, spaces), other words, other types. */
export function badEnum(values: readonly string[]): fc.Arbitrary<unknown> {
  return fc
    .oneof(
      fc.constantFrom(...values).map((v) => v.toUpperCase()),
      fc.constantFrom(...values).map((v) => ` ${v}`),
      fc.constantFrom(...values).map((v) => `${v}\u0000`),
      text(12),
      fc.constantFrom('', 'null', 'undefined', 'de', 'pt', 'zh-CN'),
      notAString(),
    )
    .filter((v) => !values.includes(v as string));
}

/** Keys no request of this API has, including the ones that reach an object's prototype. */
const KEYS = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'id',
    'isAdmin',
    'state_',
    '$where',
    'toString',
    'valueOf',
  ),
  fc.stringMatching(/^[a-z][a-zA-Z]{2,12}$/),
  text(12),
);

export function unknownKey(known: readonly string[]): fc.Arbitrary<string> {
  return KEYS.filter((k) => !known.includes(k));
}

/** Any JSON value at all (for fields that take none, and for junk bodies). */
export function anyJson(): fc.Arbitrary<unknown> {
  return fc.jsonValue({ maxDepth: 3 });
}
