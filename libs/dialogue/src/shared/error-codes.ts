import { WORKFLOW_ERROR_CODES } from '@cascade/workflow';

/**
 * Every code a domain error, a field issue or a warning may carry. Codes are stable: clients, the pages' and the
 * mails' string tables (`errors.<code>`) key on them, while the English `message` may be reworded. A test checks
 * that each one has a string in every language; a code missing from this list does not compile.
 */
export const ERROR_CODES = [
  // Categories of errors that carry no more precise code.
  'validation-failed',
  'not-found',
  'conflict',
  'forbidden',
  'bad-request',
  'unavailable',
  'internal',
  'too-many-requests',
  'unauthorized',
  // Field checks shared by every form.
  'required',
  'not-text',
  'too-long',
  'too-large',
  'control-characters',
  'non-negative-integer',
  'email',
  'date',
  'date-time',
  'one-of',
  'whole-number-range',
  'unknown-field',
  'invalid-field',
  'list',
  'nesting-too-deep',
  'json-object',
  'body-refused',
  'give-to-or-days',
  // Dialogues, reports and invitations.
  'year-range',
  'languages-missing',
  'unknown-language',
  'unknown-workflow',
  'after-statistics-deadline',
  'dates-missing',
  'dialogue-exists',
  'dialogue-already-launched',
  'dialogue-not-launched',
  'no-entity-to-invite',
  'report-dates-final',
  'report-issued-no-addition',
  'deadline-after-cutoff',
  'entity-already-invited',
  'concurrent-modification',
  'duplicate-key',
  // Entities and their import.
  'entity-object',
  'entity-code',
  'entity-kind',
  'time-zone',
  'duplicate-code',
  'nothing-to-import',
  // CSV files and the reporting tree.
  'csv-body',
  'csv-syntax',
  'csv-empty',
  'column-unnamed',
  'column-twice',
  'column-unknown',
  'column-missing',
  'yes-or-no',
  'duplicate-email',
  'own-manager',
  'manager-not-in-file',
  'reports-make-manager',
  'no-person',
  'reporting-cycle',
  // Statistics and sessions.
  'participated-over-eligible',
  'leaders-over-sessions',
  'leaders-over-managers',
  // Figures that differ from the records: shown beside them until the Focal Point confirms (never refused).
  'staff-differ-from-tree',
  'sessions-differ-from-records',
  'leaders-differ-from-records',
  'confirm-differences',
  'sessions-needed',
  'agency-map',
  'too-many-agencies',
  'agency-name',
  'agency-name-letter',
  'date-between',
  'session-day',
  'future-date',
  'duration',
  'session-format',
  'no-participant',
  'split-parts',
  'split-part',
  'split-first-part',
  'no-such-session',
  'split-same-leader',
  'split-of-mismatch',
  'too-many-lines',
  'not-a-manager',
  // Scheduling a manager's session.
  'web-link',
  'place-or-link',
  'local-time-gap',
  // Token links and requests.
  'token-rejected',
  'token-role-refused',
  'link-revoked',
  'after-deadline',
  'at-least-one',
  'rating',
  'feedback-full',
  'managers-missing',
  'already-decided',
  // Console accounts, mail settings, the simulation.
  'account-exists',
  'last-active-admin',
  'password-too-short',
  'password-mismatch',
  'override-not-allowed',
  'mail-addresses',
  'simulation-disabled',
  'clock-backwards',
  'clock-busy',
  'timers-stuck',
  'already-reminded-today',
  'nothing-to-remind',
  // The workflow engine's refusals.
  ...WORKFLOW_ERROR_CODES,
  // Warnings: accepted, but worth a second look.
  'size-below',
  'size-above',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The values a translation needs (a maximum, a date, an address…), never a sentence. */
export type ErrorParams = Readonly<Record<string, string | number>>;

const KNOWN: ReadonlySet<string> = new Set(ERROR_CODES);

export const isErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && KNOWN.has(code);
