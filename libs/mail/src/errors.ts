export class UnknownTemplate extends Error {
  constructor(
    readonly template: string,
    known: readonly string[],
  ) {
    super(`Unknown mail template '${template}' (known: ${known.join(', ')})`);
    this.name = 'UnknownTemplate';
  }
}

export class UnknownLanguage extends Error {
  constructor(
    readonly language: string,
    known: readonly string[],
  ) {
    super(`Unknown mail language '${language}' (known: ${known.join(', ')})`);
    this.name = 'UnknownLanguage';
  }
}

/** The templates folder is incomplete or unreadable: raised once, at load, listing every problem. */
export class MailTemplatesInvalid extends Error {
  constructor(
    readonly directory: string,
    readonly problems: string[],
  ) {
    super(`Mail templates in ${directory} are invalid:\n` + problems.map((p) => `  ${p}`).join('\n'));
    this.name = 'MailTemplatesInvalid';
  }
}

/** A template referenced data it was not given (strict mode), or failed while rendering. */
export class MailRenderError extends Error {
  constructor(
    readonly template: string,
    readonly language: string,
    readonly part: string,
    readonly reason: string,
  ) {
    super(`Cannot render mail '${template}' (${language}, ${part}): ${reason}`);
    this.name = 'MailRenderError';
  }
}

/**
 * A message the SMTP server did not accept. `permanent` tells the caller not to retry: the server answered
 * 5xx (or the message itself is unsendable); anything else — 4xx, refused or dropped connections, timeouts — may
 * succeed later.
 */
export class MailDeliveryError extends Error {
  readonly permanent: boolean;
  /** The SMTP reply code, when the server answered (550, 451…). */
  readonly responseCode: number | undefined;
  /** The server's reply line, when it answered. */
  readonly response: string | undefined;
  /** nodemailer's error code (EENVELOPE, ESOCKET, ETIMEDOUT…). */
  readonly code: string | undefined;

  constructor(
    message: string,
    details: { permanent: boolean; responseCode?: number; response?: string; code?: string; cause?: unknown },
  ) {
    super(message, { cause: details.cause });
    this.name = 'MailDeliveryError';
    this.permanent = details.permanent;
    this.responseCode = details.responseCode;
    this.response = details.response;
    this.code = details.code;
  }
}

/** One field of a calendar invitation's input that cannot be used, and why. */
export interface CalendarFieldIssue {
  field: string;
  problem: string;
}

/**
 * The input of a calendar invitation is unusable: raised before anything is built, listing every bad field, so
 * a caller's bug (or a form that let bad input through) is named rather than turned into a broken `.ics`.
 */
export class CalendarInvitationInvalid extends Error {
  constructor(readonly issues: CalendarFieldIssue[]) {
    super(`Calendar invitation input is invalid: ${issues.map((i) => `${i.field} ${i.problem}`).join('; ')}`);
    this.name = 'CalendarInvitationInvalid';
  }
}
