import type { ErrorCode, ErrorParams } from './error-codes';
import type { FieldIssue } from './errors';
import { ValidationFailed } from './errors';

/**
 * The largest count of people, sessions or minutes any form takes. Far above any entity's staff, and far below
 * the 32-bit integer columns, so that a typo or a hostile 1e300 is refused by name instead of failing the insert.
 */
export const MAX_COUNT = 1_000_000;

/** Largest row id (the id columns are 32-bit). */
export const MAX_ID = 2_147_483_647;

/**
 * Control characters other than tab and line breaks: never typed by a person, and NUL cannot be stored by
 * PostgreSQL at all, so text carrying them is refused with its field named rather than failing in the database.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** At most this many agencies in one "participants from other agencies" list. */
export const MAX_AGENCIES = 50;

/** An agency name as a key of `otherAgencyParticipants`: a short line of visible text. */
function isAgencyName(name: string): boolean {
  return name.trim() !== '' && name.length <= 100 && !CONTROL_CHARACTERS.test(name);
}

/**
 * Every agency's name starts with a letter (UNDP, UN-Habitat, Organisation météo, 国际): anything else is not a
 * name, and `=…`, `+…`, `-…` or `@…` is what a spreadsheet would run as a formula once the report is exported.
 */
const STARTS_WITH_LETTER = /^\p{L}/u;

/** Collects every problem of an input before refusing it, so one answer names them all. */
export class FieldChecks {
  readonly issues: FieldIssue[] = [];

  constructor(private readonly row?: number) {}

  /** `code` is what pages translate, with `params`; `message` is the API's English. */
  fail(field: string, code: ErrorCode, message: string, params?: ErrorParams): void {
    const issue: FieldIssue = params ? { field, code, message, params } : { field, code, message };
    this.issues.push(this.row === undefined ? issue : { ...issue, row: this.row });
  }

  /** A count; a missing one (undefined, null: an empty box) is `required`, anything else not a count is named. */
  nonNegativeInteger(field: string, value: unknown, { max = MAX_COUNT } = {}): value is number {
    if (value === undefined || value === null) {
      this.fail(field, 'required', 'is required');
      return false;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      this.fail(field, 'non-negative-integer', 'must be a non-negative integer');
      return false;
    }
    if (value > max) {
      this.fail(field, 'too-large', `must be at most ${max}`, { max });
      return false;
    }
    return true;
  }

  /** Text of at most `max` characters; blank (only spaces) counts as missing. */
  text(field: string, value: unknown, { max = 300, required = true } = {}): value is string {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (required) this.fail(field, 'required', 'is required');
      return false;
    }
    if (typeof value !== 'string') {
      this.fail(field, 'not-text', 'must be text');
      return false;
    }
    if (value.length > max) {
      this.fail(field, 'too-long', `must be at most ${max} characters`, { max });
      return false;
    }
    if (CONTROL_CHARACTERS.test(value)) {
      this.fail(field, 'control-characters', 'must not contain control characters');
      return false;
    }
    return true;
  }

  email(field: string, value: unknown, { required = true } = {}): value is string {
    if (!this.text(field, value, { max: 254, required })) return false;
    if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(value)) {
      this.fail(field, 'email', 'must be an email address');
      return false;
    }
    return true;
  }

  /** A key of `otherAgencyParticipants`; the issue names the list and carries the agency for the page. */
  agencyName(field: string, agency: string): boolean {
    if (!isAgencyName(agency)) {
      this.fail(field, 'agency-name', `'${agency}' is not an agency name`, { agency });
      return false;
    }
    // Spaces around a name are a typing slip, not a formula: the first letter is looked for after them.
    if (!STARTS_WITH_LETTER.test(agency.trim())) {
      this.fail(field, 'agency-name-letter', `'${agency}' must start with a letter`, { agency });
      return false;
    }
    return true;
  }

  throwIfAny(): void {
    if (this.issues.length > 0) throw new ValidationFailed(this.issues);
  }
}
