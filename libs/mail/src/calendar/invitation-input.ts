import { z } from 'zod';
import { isLanguage, type Language } from '@cascade/i18n';
import { isValidZone } from '@cascade/workflow';
import { CalendarInvitationInvalid, type CalendarFieldIssue } from '../errors';
import { bodySafe, headerSafe } from '../header-safe';

/** REQUEST creates or updates the session in the attendees' calendars; CANCEL removes it. */
export type CalendarMethod = 'REQUEST' | 'CANCEL';
export const CALENDAR_METHODS: readonly CalendarMethod[] = ['REQUEST', 'CANCEL'];

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface SessionAttendee extends CalendarPerson {
  /** The attendee's own language: buildSessionInvitationsByLanguage makes one copy per language present. */
  language: Language;
}

/** A manager's Leadership Dialogue session, as one version of its calendar invitation. */
export interface SessionInvitationInput {
  /** Stable for the life of the session (every update and the cancellation reuse it): `session-42@example.org`. */
  uid: string;
  /** 0 for the first invitation; one more for every later REQUEST or CANCEL of the same uid. */
  sequence: number;
  method: CalendarMethod;
  /** DTSTAMP: when this version was made (the injected clock's now). */
  stamp: Date;
  /** The instant the session starts. */
  start: Date;
  /** The manager's IANA zone: DTSTART and DTEND are written as wall times there, with its VTIMEZONE. */
  timeZone: string;
  /** Defaults to DEFAULT_SESSION_MINUTES (90). */
  durationMinutes?: number;
  /** The language of the invitation's words (summary, description): the recipient's. */
  language: Language;
  /** The language the session is held in, as the manager chose it. */
  sessionLanguage: Language;
  /** The Leadership Dialogue year, named in the summary. */
  year: number;
  /** The manager who leads the session: the ORGANIZER, to whom replies go. */
  organizer: CalendarPerson;
  /** The address that actually sends the mail (MAIL_FROM), as ORGANIZER's SENT-BY, when it is not the organizer. */
  sentBy?: string | null;
  /** The team members invited (REQUEST) or told of the cancellation (CANCEL). */
  attendees: SessionAttendee[];
  /** Where the session is held (a room); at least one of location and url is required. */
  location?: string | null;
  /** The online meeting link (http or https). */
  url?: string | null;
  /** The manager's own words, added to the description as they wrote them. */
  note?: string | null;
}

/** The input after checking: defaults applied and every text cleaned of control characters. */
export type CheckedInvitationInput = Required<
  Omit<SessionInvitationInput, 'location' | 'url' | 'note' | 'sentBy'>
> & {
  location: string | null;
  url: string | null;
  note: string | null;
  sentBy: string | null;
};

/** The length of a Leadership Dialogue session when the manager does not say. */
export const DEFAULT_SESSION_MINUTES = 90;

// A UID is an identifier, not text: a conservative charset keeps it out of reach of escaping and folding quirks.
const UID = /^[A-Za-z0-9][A-Za-z0-9._@:+-]{0,254}$/;
// zod's address rule has no quotes, commas, semicolons, colons or spaces: nothing that could end a mailto value.
const EMAIL = z.email();
const LIMITS = { name: 200, location: 500, url: 2000, note: 2000 } as const;

class Issues {
  readonly list: CalendarFieldIssue[] = [];
  add(field: string, problem: string): void {
    this.list.push({ field, problem });
  }
}

function validDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

function email(issues: Issues, field: string, value: unknown): string {
  if (typeof value !== 'string' || !EMAIL.safeParse(value).success) {
    issues.add(field, 'is not an e-mail address');
    return '';
  }
  return value;
}

/** A one-line text: line breaks and other controls become spaces (ical-generator escapes the rest). */
function line(issues: Issues, field: string, value: unknown, max: number, required: boolean): string | null {
  if (value === undefined || value === null || value === '') {
    if (required) issues.add(field, 'is required');
    return null;
  }
  if (typeof value !== 'string') {
    issues.add(field, 'is not text');
    return null;
  }
  const clean = headerSafe(value);
  if (required && !clean) issues.add(field, 'is empty');
  if (clean.length > max) issues.add(field, `is longer than ${max} characters`);
  return clean || null;
}

/** A display name for a CN parameter, which cannot hold a double quote at all (RFC 5545 3.2). */
function displayName(issues: Issues, field: string, value: unknown): string {
  return (line(issues, field, value, LIMITS.name, true) ?? '').replace(/"/g, "'");
}

function meetingUrl(issues: Issues, value: unknown): string | null {
  const text = line(issues, 'url', value, LIMITS.url, false);
  if (text === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    issues.add('url', 'is not a link');
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    issues.add('url', 'is not an http or https link');
    return null;
  }
  // URL is a URI value, which ical-generator escapes like text (`\,` `\;`) and parsers then read literally:
  // percent-encoded, the same link survives.
  return parsed.href.replace(/,/g, '%2C').replace(/;/g, '%3B');
}

function integerIn(issues: Issues, field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    issues.add(field, `is not a whole number from ${min} to ${max}`);
    return min;
  }
  return value;
}

function attendees(issues: Issues, value: unknown): SessionAttendee[] {
  if (!Array.isArray(value) || value.length === 0) {
    issues.add('attendees', 'must name at least one person');
    return [];
  }
  const seen = new Set<string>();
  return value.map((a: Partial<SessionAttendee> | null, i) => {
    const field = `attendees[${i}]`;
    const address = email(issues, `${field}.email`, a?.email);
    if (address && seen.has(address.toLowerCase())) issues.add(`${field}.email`, 'appears twice');
    seen.add(address.toLowerCase());
    if (!isLanguage(a?.language)) issues.add(`${field}.language`, 'is not a language of Cascade');
    return {
      name: displayName(issues, `${field}.name`, a?.name),
      email: address,
      language: a?.language as Language,
    };
  });
}

/** Checks every field, cleans the texts and applies defaults; throws CalendarInvitationInvalid naming each fault. */
export function checkInvitationInput(input: SessionInvitationInput): CheckedInvitationInput {
  const issues = new Issues();
  if (typeof input.uid !== 'string' || !UID.test(input.uid))
    issues.add('uid', 'must be 1-255 letters, digits or . _ @ : + - (starting with a letter or digit)');
  const sequence = integerIn(issues, 'sequence', input.sequence, 0, 2 ** 31 - 1);
  if (!CALENDAR_METHODS.includes(input.method)) issues.add('method', 'must be REQUEST or CANCEL');
  if (!validDate(input.stamp)) issues.add('stamp', 'is not a date');
  if (!validDate(input.start)) issues.add('start', 'is not a date');
  if (typeof input.timeZone !== 'string' || !isValidZone(input.timeZone))
    issues.add('timeZone', 'is not an IANA time zone');
  const durationMinutes = integerIn(
    issues,
    'durationMinutes',
    input.durationMinutes ?? DEFAULT_SESSION_MINUTES,
    1,
    24 * 60,
  );
  if (!isLanguage(input.language)) issues.add('language', 'is not a language of Cascade');
  if (!isLanguage(input.sessionLanguage)) issues.add('sessionLanguage', 'is not a language of Cascade');
  const year = integerIn(issues, 'year', input.year, 2000, 9999);
  const organizer = {
    name: displayName(issues, 'organizer.name', input.organizer?.name),
    email: email(issues, 'organizer.email', input.organizer?.email),
  };
  const sentBy = input.sentBy ? email(issues, 'sentBy', input.sentBy) : null;
  const location = line(issues, 'location', input.location, LIMITS.location, false);
  const url = meetingUrl(issues, input.url);
  if (location === null && url === null && !issues.list.some((i) => i.field === 'url'))
    issues.add('location', 'or url is required: a session needs a place or an online link');
  if (input.note !== undefined && input.note !== null && typeof input.note !== 'string')
    issues.add('note', 'is not text');
  const note = typeof input.note === 'string' ? bodySafe(input.note).trim() || null : null;
  if (note && note.length > LIMITS.note) issues.add('note', `is longer than ${LIMITS.note} characters`);
  const people = attendees(issues, input.attendees);
  if (issues.list.length > 0) throw new CalendarInvitationInvalid(issues.list);
  return {
    ...input,
    sequence,
    durationMinutes,
    year,
    organizer,
    sentBy,
    attendees: people,
    location,
    url,
    note,
  };
}
