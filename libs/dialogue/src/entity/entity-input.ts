import { isLanguage, LANGUAGES, type Language } from '../shared/languages';
import { isValidZone } from '@cascade/workflow';
import { FieldChecks } from '../shared/field-checks';
import type { FieldIssue } from '../shared/errors';
import { NAME_LANGUAGES, nameColumn, type NameLanguage } from './entity-names';

export interface PersonInput {
  name: string;
  email: string;
  language: Language;
}

export interface EntityInput {
  code: string;
  name: string;
  /**
   * The names in other languages that the import gives: a name sets it, null clears it (its readers get the
   * English name); a language left out (undefined, or no `names` at all) keeps what is stored.
   */
  names?: Partial<Record<NameLanguage, string | null>>;
  kind: string;
  dutyStation: string;
  timeZone: string;
  language: Language;
  staff: number | null;
  head: { name: string; email: string } | null;
  focalPoints: PersonInput[];
}

/** One entity as given by an import (CSV columns or JSON fields, already mapped to these names). */
export interface RawEntity {
  code?: unknown;
  name?: unknown;
  /** `{fr: '…', es: '…'}`; from a CSV, the `name_<language>` columns it has. */
  names?: unknown;
  kind?: unknown;
  dutyStation?: unknown;
  timeZone?: unknown;
  language?: unknown;
  staff?: unknown;
  headName?: unknown;
  headEmail?: unknown;
  focalPoints?: unknown;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,29}$/;
const KIND = /^[a-z][a-z-]{1,49}$/;

/** "Name <email>" entries separated by "|" — how a CSV cell lists several Focal Points. */
export function parseFocalPointCell(cell: string, language: unknown): unknown[] {
  return cell
    .split('|')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(.*?)\s*<([^>]+)>$/.exec(part);
      return match ? { name: match[1], email: match[2], language } : { name: part, email: part, language };
    });
}

const JSON_FIELDS = new Set([
  'code',
  'name',
  'names',
  'kind',
  'dutyStation',
  'timeZone',
  'language',
  'staff',
  'headName',
  'headEmail',
  'focalPoints',
]);
const PERSON_FIELDS = new Set(['name', 'email', 'language']);

/**
 * Fields of a JSON import row that the import does not know. Refused like an unknown field of any other request:
 * a misspelt `headEmail` must not import an entity without its Head.
 */
export function unknownJsonFields(raw: unknown, row: number): FieldIssue[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  const issues: FieldIssue[] = Object.keys(raw)
    .filter((key) => !JSON_FIELDS.has(key))
    .map((field) => ({ row, field, code: 'unknown-field', message: 'is not a field of an entity' }));
  const focalPoints = (raw as RawEntity).focalPoints;
  if (Array.isArray(focalPoints)) {
    focalPoints.forEach((fp: unknown, i) => {
      if (typeof fp !== 'object' || fp === null || Array.isArray(fp)) return;
      for (const key of Object.keys(fp).filter((k) => !PERSON_FIELDS.has(k))) {
        issues.push({
          row,
          field: `focal_points[${i}].${key}`,
          code: 'unknown-field',
          message: 'is not a field of a Focal Point',
        });
      }
    });
  }
  return issues;
}

/** Validates one entity; `row` is the line of the source file, used in every issue. */
export function validateEntity(raw: RawEntity, row?: number): { input?: EntityInput; issues: FieldIssue[] } {
  const check = new FieldChecks(row);
  // A JSON import may send anything as a row: refuse it by name instead of reading fields of null.
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    check.fail('entity', 'entity-object', "must be an object with the entity's fields");
    return { issues: check.issues };
  }
  if (check.text('code', raw.code, { max: 30 }) && !CODE.test(raw.code)) {
    check.fail('code', 'entity-code', 'letters, digits and dashes only (at most 30)');
  }
  check.text('name', raw.name, { max: 300 });
  const names = checkNames(check, raw.names);
  if (check.text('kind', raw.kind, { max: 50 }) && !KIND.test(raw.kind)) {
    check.fail('kind', 'entity-kind', 'lower-case words joined by dashes, e.g. political-mission');
  }
  check.text('duty_station', raw.dutyStation, { max: 100 });
  if (check.text('timezone', raw.timeZone, { max: 64 }) && !isValidZone(raw.timeZone)) {
    check.fail('timezone', 'time-zone', `'${raw.timeZone}' is not an IANA time zone`, {
      zone: String(raw.timeZone),
    });
  }
  if (!isLanguage(raw.language))
    check.fail('language', 'one-of', `must be one of ${LANGUAGES.join(', ')}`, {
      values: LANGUAGES.join(', '),
    });

  let staff: number | null = null;
  if (raw.staff !== undefined && raw.staff !== null && raw.staff !== '') {
    const value = typeof raw.staff === 'string' && /^\d+$/.test(raw.staff) ? Number(raw.staff) : raw.staff;
    if (check.nonNegativeInteger('illustrative_staff', value)) staff = value;
  }

  const head = checkHead(check, raw);
  const focalPoints = checkFocalPoints(check, raw);

  if (check.issues.length > 0) return { issues: check.issues };
  return {
    issues: [],
    input: {
      code: (raw.code as string).toUpperCase(),
      name: raw.name as string,
      ...(names ? { names } : {}),
      kind: raw.kind as string,
      dutyStation: raw.dutyStation as string,
      timeZone: raw.timeZone as string,
      language: raw.language as Language,
      staff,
      head,
      focalPoints,
    },
  };
}

/**
 * The names in other languages, checked as the English one (text, at most 300 characters, no control
 * characters); each issue names the CSV column (`name_fr`), in JSON too, as every other field. Blank or null
 * clears a name; `names: null` clears them all.
 */
function checkNames(check: FieldChecks, value: unknown): EntityInput['names'] {
  if (value === undefined) return undefined;
  if (value === null) return Object.fromEntries(NAME_LANGUAGES.map((l) => [l, null]));
  if (typeof value !== 'object' || Array.isArray(value)) {
    check.fail(
      'names',
      'json-object',
      `must be an object of names by language (${NAME_LANGUAGES.join(', ')})`,
    );
    return undefined;
  }
  const given = value as Record<string, unknown>;
  for (const key of Object.keys(given).filter((k) => !(NAME_LANGUAGES as string[]).includes(k))) {
    check.fail(`names.${key}`, 'unknown-language', `is not one of ${NAME_LANGUAGES.join(', ')}`, {
      languages: NAME_LANGUAGES.join(', '),
    });
  }
  const names: NonNullable<EntityInput['names']> = {};
  for (const language of NAME_LANGUAGES) {
    const name = given[language];
    if (name === undefined) continue;
    if (name === null || (typeof name === 'string' && name.trim() === '')) names[language] = null;
    else if (check.text(nameColumn(language), name, { max: 300 })) names[language] = name as string;
  }
  return names;
}

// Any given value counts (a 0 or false is a wrong value, not an absent one); only empty means "no Head".
const given = (value: unknown) => value !== undefined && value !== null && value !== '';

function checkHead(check: FieldChecks, raw: RawEntity): EntityInput['head'] {
  if (!given(raw.headName) && !given(raw.headEmail)) return null;
  const nameOk = check.text('head_name', raw.headName, { max: 200 });
  const emailOk = check.email('head_email', raw.headEmail);
  return nameOk && emailOk
    ? { name: raw.headName as string, email: (raw.headEmail as string).toLowerCase() }
    : null;
}

function checkFocalPoints(check: FieldChecks, raw: RawEntity): PersonInput[] {
  const focalPoints: PersonInput[] = [];
  if (raw.focalPoints === undefined || raw.focalPoints === null) return focalPoints;
  if (!Array.isArray(raw.focalPoints)) {
    check.fail('focal_points', 'list', 'must be a list');
    return focalPoints;
  }
  raw.focalPoints.forEach((fp: Record<string, unknown>, i) => {
    const field = `focal_points[${i}]`;
    const nameOk = check.text(`${field}.name`, fp?.['name'], { max: 200 });
    const emailOk = check.email(`${field}.email`, fp?.['email']);
    const language = fp?.['language'] ?? raw.language;
    if (!isLanguage(language))
      check.fail(`${field}.language`, 'one-of', `must be one of ${LANGUAGES.join(', ')}`, {
        values: LANGUAGES.join(', '),
      });
    else if (nameOk && emailOk) {
      focalPoints.push({
        name: fp['name'] as string,
        email: (fp['email'] as string).toLowerCase(),
        language,
      });
    }
  });
  return focalPoints;
}
