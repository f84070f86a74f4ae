import type { ErrorCode, ErrorParams } from './error-codes';

/**
 * Domain errors. `classifyError` maps each to a category and a status code in one place; the `code` is stable
 * (pages and mails translate `errors.<code>` with the `params`), and the English message always names the field
 * or the rule that was broken.
 */
export abstract class DomainError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldIssue {
  field: string;
  /** Stable: what a page translates (`errors.<code>`), whatever the English message says. */
  code: ErrorCode;
  message: string;
  /** The values the translation needs (max, date, email…). */
  params?: ErrorParams;
  /** For imports: the line of the file (the header is line 1). */
  row?: number;
}

/** Accepted, but worth a second look (a session outside the ideal size): coded like an issue, never refused. */
export interface DomainWarning {
  code: ErrorCode;
  message: string;
  params: ErrorParams;
}

/** The request was understood but breaks a rule (422). */
export class ValidationFailed extends DomainError {
  constructor(readonly issues: FieldIssue[]) {
    super(
      issues
        .slice(0, 20)
        .map((i) => (i.row ? `row ${i.row}, ` : '') + `${i.field}: ${i.message}`)
        .join('; ') + (issues.length > 20 ? `; … and ${issues.length - 20} more` : ''),
      'validation-failed',
    );
  }
}

/** Something named in the request does not exist (404). */
export class NotFound extends DomainError {
  constructor(
    readonly what: string,
    readonly key: string | number,
  ) {
    super(`${what} '${key}' not found`, 'not-found', { what, key });
  }
}

/** The request conflicts with the current state (409). */
export class Conflict extends DomainError {}

export class DialogueAlreadyLaunched extends Conflict {
  constructor(year: number) {
    super(`the ${year} dialogue has already been launched`, 'dialogue-already-launched', { year });
  }
}

export class DialogueNotLaunched extends Conflict {
  constructor(year: number) {
    super(`the ${year} dialogue has not been launched yet`, 'dialogue-not-launched', { year });
  }
}

export class ConcurrentModification extends Conflict {
  constructor(what: string) {
    super(`${what} was changed by someone else meanwhile; reload and try again`, 'concurrent-modification', {
      what,
    });
  }
}
