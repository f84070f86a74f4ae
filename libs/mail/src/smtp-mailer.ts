import {
  createTransport,
  type NodemailerError,
  type SMTPPoolOptions,
  type SMTPPoolSentMessageInfo,
  type Transporter,
} from 'nodemailer';
import { MailDeliveryError } from './errors';
import { headerSafe } from './header-safe';
import { MESSAGE_ID } from './message-id';
import type { MailAddress, SmtpConfig } from '@cascade/config';

export interface OutgoingMail {
  to: MailAddress;
  subject: string;
  html: string;
  text: string;
  /** `<key@domain>`, from messageIdFor(): the same logical mail keeps the same id across retries. */
  messageId: string;
  /** Sets Content-Language, so clients and filters know the language without guessing. */
  language?: string;
  headers?: Record<string, string>;
  /** A calendar invitation (buildSessionInvitation's text) to carry with the message; see CalendarPart. */
  calendar?: CalendarPart;
}

/**
 * An `.ics` to send as clients expect an invitation (iMIP, RFC 6047): a `text/calendar; method=…` part beside the
 * text and HTML, which Outlook, Gmail and Apple Mail turn into accept/decline buttons, and the same file attached
 * for the others. The method of the Content-Type is read from the file's own METHOD line, so the two cannot
 * disagree.
 */
export interface CalendarPart {
  content: string;
  /** The attachment's name: letters, digits, dot, dash or underscore, ending in .ics. Default `invite.ics`. */
  filename?: string;
}

const CALENDAR_FILENAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,60}\.ics$/;
const CALENDAR_METHOD = /^METHOD:(REQUEST|CANCEL)\r?$/m;

/** nodemailer's icalEvent for a calendar part, or a permanent error when it is not one. */
function icalEvent(part: CalendarPart): { method: string; content: string; filename: string } {
  const filename = part.filename ?? 'invite.ics';
  const method = typeof part.content === 'string' ? CALENDAR_METHOD.exec(part.content)?.[1] : undefined;
  if (!method || !part.content.startsWith('BEGIN:VCALENDAR')) {
    throw new MailDeliveryError('the calendar part is not a VCALENDAR with METHOD REQUEST or CANCEL', {
      permanent: true,
      code: 'EMESSAGE',
    });
  }
  if (!CALENDAR_FILENAME.test(filename)) {
    throw new MailDeliveryError(`'${filename}' is not a calendar file name`, {
      permanent: true,
      code: 'EMESSAGE',
    });
  }
  // `content` only, never nodemailer's `path`/`href`, which would read a file or fetch a URL.
  return { method, content: part.content, filename };
}

export interface SentMail {
  accepted: string[];
  response: string;
  messageId: string;
}

const HEADER_NAME = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

// Failures of the connection itself: the message may well be accepted on a later attempt.
const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ESOCKET',
  'ETIMEDOUT',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPROTOCOL',
  'ETLS',
]);

/** Sorts a nodemailer failure into "retry later" and "will never succeed as is". */
export function toDeliveryError(error: unknown): MailDeliveryError {
  // Duck-typed: an Error from another realm (Jest's sandbox, say) fails instanceof but has the same fields.
  const e = (
    typeof error === 'object' && error !== null ? error : new Error(String(error))
  ) as NodemailerError;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const code = e.code;
  let permanent: boolean;
  // 503 is "bad sequence of commands": the session's fault, not the message's, so a new one may succeed.
  if (responseCode !== undefined)
    permanent = responseCode >= 500 && responseCode < 600 && responseCode !== 503;
  else if (code && (TRANSIENT_CODES.has(code) || TRANSIENT_CODES.has(e.originalCode ?? '')))
    permanent = false;
  // A message nodemailer refuses to build (EMESSAGE) or address (EENVELOPE without a server reply) fails the
  // same way every time.
  else permanent = code === 'EMESSAGE' || code === 'EENVELOPE';
  return new MailDeliveryError(String(e.message ?? error), {
    permanent,
    responseCode,
    response: e.response,
    code,
    cause: error,
  });
}

/**
 * Sends through a pool of SMTP connections: a few long-lived connections carry many messages, and
 * `rateLimitPerSecond` keeps a burst (a launch invites every Focal Point at once) under the relay's limits.
 */
export class SmtpMailer {
  private readonly transport: Transporter<SMTPPoolSentMessageInfo, SMTPPoolOptions>;
  private readonly from: MailAddress;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(config: SmtpConfig) {
    this.from = { name: headerSafe(config.from.name), address: config.from.address };
    const options: SMTPPoolOptions & { pool: true } = {
      pool: true,
      host: config.host,
      port: config.port,
      secure: config.secure,
      requireTLS: config.requireTLS ?? false,
      ignoreTLS: config.ignoreTLS ?? false,
      auth: config.auth ? { user: config.auth.user, pass: config.auth.pass } : undefined,
      maxConnections: config.maxConnections ?? 5,
      tls: { rejectUnauthorized: config.tlsRejectUnauthorized ?? true },
      ...(config.rateLimitPerSecond ? { rateDelta: 1000, rateLimit: config.rateLimitPerSecond } : {}),
    };
    this.transport = createTransport(options);
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    if (!MESSAGE_ID.test(mail.messageId)) {
      throw new MailDeliveryError(`'${mail.messageId}' is not a Message-ID`, {
        permanent: true,
        code: 'EMESSAGE',
      });
    }
    const headers: Record<string, string> = {
      // RFC 3834: tells out-of-office responders not to answer a machine.
      'Auto-Submitted': 'auto-generated',
      ...(mail.language ? { 'Content-Language': headerSafe(mail.language) } : {}),
    };
    for (const [name, value] of Object.entries(mail.headers ?? {})) {
      if (!HEADER_NAME.test(name)) {
        throw new MailDeliveryError(`'${name}' is not a header name`, { permanent: true, code: 'EMESSAGE' });
      }
      headers[name] = headerSafe(value);
    }
    const calendar = mail.calendar ? icalEvent(mail.calendar) : undefined;
    const sending = this.transport.sendMail({
      from: this.from,
      to: { name: headerSafe(mail.to.name), address: mail.to.address },
      subject: headerSafe(mail.subject),
      html: mail.html,
      text: mail.text,
      messageId: mail.messageId,
      headers,
      ...(calendar ? { icalEvent: calendar } : {}),
    });
    this.inFlight.add(sending);
    try {
      const info = await sending;
      return {
        accepted: [...info.accepted],
        response: info.response,
        messageId: info.messageId,
      };
    } catch (error) {
      throw toDeliveryError(error);
    } finally {
      this.inFlight.delete(sending);
    }
  }

  /** Opens a connection and authenticates: for a health check at boot, not before every send. */
  async verify(): Promise<void> {
    try {
      await this.transport.verify();
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  /**
   * Waits for the sends already started, then closes the pooled connections: nodemailer would otherwise fail
   * the messages still queued behind the rate limit.
   */
  async close(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    this.transport.close();
  }
}
