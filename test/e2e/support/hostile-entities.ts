import fc from 'fast-check';
import { badValue, missing, rule, type At, type Mutation } from './hostile-cases';
import {
  badCount,
  badEmail,
  badEnum,
  badText,
  email,
  MAX_COUNT,
  notAString,
  text,
  tooLong,
  words,
} from './hostile-values';

/** The entities an import or a late addition may describe, and what makes one of them wrong. */

export const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export const KINDS = ['office', 'department', 'political-mission', 'regional-commission', 'fund'];
export const ZONES = [
  'Europe/Zurich',
  'America/New_York',
  'Asia/Tokyo',
  'Africa/Nairobi',
  'UTC',
  'Pacific/Chatham',
];

/** Codes that are free (neither HST nor HSB of the fixture), in any case: the import upper-cases them. */
const FREE_CODE = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9-]{2,12}$/)
  .filter((c) => !['HST', 'HSB'].includes(c.toUpperCase()));

export function freeCode(): fc.Arbitrary<string> {
  return FREE_CODE;
}

export const BAD_CODES = ['', ' ', 'A B', 'A_B', '-AB', 'ÉCOLE', 'A/B', 'a.b', '東京', 'AB\u0000', 'AB;DROP'];
const BAD_KINDS = ['Office', 'political mission', 'a', 'x1', 'office_1', 'OFFICE', '-office', 'bureau!'];
export const BAD_ZONES = [
  'Mars/Olympus',
  'UTC+25',
  '+01:00',
  'Europe/Zurich ',
  'Etc/GMT+15',
  'Z',
  'Europe\\Zurich',
];

export type EntityBody = {
  code: string;
  name: string;
  kind: string;
  dutyStation: string;
  timeZone: string;
  language: string;
  staff?: number;
  headName?: string;
  headEmail?: string;
  focalPoints?: { name: string; email: string; language?: string }[];
};

/** A valid entity: every optional part present or not, the Head's name and address together. */
export function validEntity(code: fc.Arbitrary<string> = freeCode()): fc.Arbitrary<EntityBody> {
  return fc
    .tuple(
      fc.record({
        code,
        name: text(60),
        kind: fc.constantFrom(...KINDS),
        dutyStation: text(40),
        timeZone: fc.constantFrom(...ZONES),
        language: fc.constantFrom(...LANGUAGES),
      }),
      fc.option(fc.integer({ min: 0, max: MAX_COUNT }), { nil: undefined }),
      fc.option(fc.tuple(text(60), email()), { nil: undefined }),
      fc.option(
        fc.array(
          fc.record(
            { name: text(60), email: email(), language: fc.constantFrom(...LANGUAGES) },
            { requiredKeys: ['name', 'email'] },
          ),
          { minLength: 1, maxLength: 3 },
        ),
        { nil: undefined },
      ),
    )
    .map(([entity, staff, head, focalPoints]) => ({
      ...entity,
      ...(staff === undefined ? {} : { staff }),
      ...(head ? { headName: head[0], headEmail: head[1] } : {}),
      ...(focalPoints ? { focalPoints } : {}),
    }));
}

/**
 * What makes one entity wrong, field by field, with the domain's names for the fields (`duty_station`,
 * `illustrative_staff`, `focal_points[0].email`). `via` says who reads the row: the late-entity DTO first
 * (`dto`), or only the import's own checks (`import`), which take a count as digits and ignore an empty one.
 */
export function entityMutations(
  via: 'dto' | 'import',
  row?: number,
  prefix?: string,
): fc.Arbitrary<Mutation>[] {
  const at: At = { prefix };
  const f = (also: string[] = []) => ({ row, also });
  const staff =
    via === 'import'
      ? badCount(0, MAX_COUNT, { nullable: true }).filter(
          (v) => v !== '' && !(typeof v === 'string' && /^\d+$/.test(v)),
        )
      : badCount(0, MAX_COUNT, { nullable: true });
  return [
    badValue('code', fc.oneof(notAString(), tooLong(30), fc.constantFrom(...BAD_CODES)), f(), at),
    badValue('name', badText(300), f(), at),
    badValue('kind', fc.oneof(badText(50), fc.constantFrom(...BAD_KINDS)), f(), at),
    badValue('dutyStation', badText(100), f(), at),
    badValue('timeZone', fc.oneof(badText(64), fc.constantFrom(...BAD_ZONES)), f(), at),
    // A bad language also leaves the Focal Points without one (theirs defaults to the entity's).
    badValue('language', badEnum(LANGUAGES), { row, touched: ['focal_points'] }, at),
    badValue('staff', staff, f(['illustrative_staff']), at),
    ...['code', 'name', 'kind', 'dutyStation', 'timeZone'].map((field) => missing(field, f(), at)),
    missing('language', { row, touched: ['focal_points'] }, at),
    // A Head is a name and an address: a bad one of the two, or an address without a name.
    rule(
      { field: 'headName', row },
      fc.tuple(badText(200), email()).map(([name, address]) => ({ headName: name, headEmail: address })),
      at,
    ),
    rule(
      { field: 'headEmail', row },
      fc.tuple(text(60), badEmail()).map(([name, address]) => ({ headName: name, headEmail: address })),
      at,
    ),
    badValue(
      'focalPoints',
      fc.oneof(
        fc.oneof(words(20), fc.integer(), fc.constant({ name: 'A', email: 'a@example.org' })),
        fc.array(fc.oneof(fc.constant(null), fc.integer(), words(10), fc.constant([])), {
          minLength: 1,
          maxLength: 2,
        }),
      ),
      f(['focal_points']),
      at,
    ),
    rule(
      { field: 'focalPoints.0.name', row },
      fc.tuple(badText(200), email()).map(([name, address]) => ({ focalPoints: [{ name, email: address }] })),
      at,
    ),
    rule(
      { field: 'focalPoints.0.email', row },
      fc.tuple(text(60), badEmail()).map(([name, address]) => ({ focalPoints: [{ name, email: address }] })),
      at,
    ),
    rule(
      { field: 'focalPoints.0.language', row },
      fc
        .tuple(
          text(60),
          email(),
          badEnum(LANGUAGES).filter((l) => l !== null),
        )
        .map(([name, address, language]) => ({ focalPoints: [{ name, email: address, language }] })),
      at,
    ),
  ];
}
