/**
 * Domain errors. The HTTP layer maps each class to a status code in one filter; the message always names the
 * field or the rule that was broken.
 */
export abstract class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldIssue {
  field: string;
  message: string;
  /** For imports: the line of the file (the header is line 1). */
  row?: number;
}

/** The request was understood but breaks a rule (422). */
export class ValidationFailed extends DomainError {
  constructor(readonly issues: FieldIssue[]) {
    super(
      issues
        .slice(0, 20)
        .map((i) => (i.row ? `row ${i.row}, ` : '') + `${i.field}: ${i.message}`)
        .join('; ') + (issues.length > 20 ? `; … and ${issues.length - 20} more` : ''),
    );
  }
}

/** Something named in the request does not exist (404). */
export class NotFound extends DomainError {
  constructor(
    readonly what: string,
    readonly key: string | number,
  ) {
    super(`${what} '${key}' not found`);
  }
}

/** The request conflicts with the current state (409). */
export class Conflict extends DomainError {}

export class DialogueAlreadyLaunched extends Conflict {
  constructor(year: number) {
    super(`the ${year} dialogue has already been launched`);
  }
}

export class DialogueNotLaunched extends Conflict {
  constructor(year: number) {
    super(`the ${year} dialogue has not been launched yet`);
  }
}

export class ConcurrentModification extends Conflict {
  constructor(what: string) {
    super(`${what} was changed by someone else meanwhile; reload and try again`);
  }
}
