import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };
import type { ReceivedMail } from './smtp-sink';

// ical.js publishes ESM types over a CommonJS build; Jest (CommonJS) loads the build, the types come from ESM.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above: `import` would not compile here
const ICAL: typeof ICALModule = require('ical.js');

export interface ReadPerson {
  name: string | null;
  email: string;
}

export interface ReadAttendee extends ReadPerson {
  role: string | null;
  partstat: string | null;
  rsvp: string | null;
}

/** A calendar object as an independent parser (ical.js) reads it: what a calendar client would show. */
export interface ReadCalendar {
  method: string | null;
  /** The VTIMEZONE TZIDs the file defines. */
  timezones: string[];
  uid: string;
  sequence: number | null;
  status: string | null;
  /** DTSTAMP as an instant. */
  stamp: Date;
  /** The start as an instant, resolved with the file's own VTIMEZONE (ical.js knows no zone otherwise). */
  start: Date;
  /** The start as written: wall time `2027-01-14T10:00:00` and the TZID it is in (null for UTC or floating). */
  startLocal: string;
  startZone: string | null;
  end: Date;
  durationMinutes: number;
  summary: string | null;
  description: string | null;
  location: string | null;
  url: string | null;
  organizer: ReadPerson & { sentBy: string | null };
  attendees: ReadAttendee[];
}

function address(value: unknown): string {
  return String(value).replace(/^mailto:/i, '');
}

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** Parses an `.ics` text with ical.js and reads its single VEVENT. Throws if the text does not parse. */
export function readCalendar(ics: string): ReadCalendar {
  const root = new ICAL.Component(ICAL.parse(ics));
  const vevent = root.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('the calendar has no VEVENT');
  const event = new ICAL.Event(vevent);
  const organizer = vevent.getFirstProperty('organizer');
  const start = event.startDate;
  return {
    method: text(root.getFirstPropertyValue('method')),
    timezones: root.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid'))),
    uid: event.uid,
    sequence: event.sequence ?? null,
    status: text(vevent.getFirstPropertyValue('status')),
    stamp: (vevent.getFirstPropertyValue('dtstamp') as ICALModule.Time).toJSDate(),
    start: start.toJSDate(),
    startLocal: start.toString(),
    startZone:
      start.zone && start.zone.tzid !== 'UTC' && start.zone.tzid !== 'floating' ? start.zone.tzid : null,
    end: event.endDate.toJSDate(),
    durationMinutes: event.duration.toSeconds() / 60,
    summary: text(event.summary),
    description: text(event.description),
    location: text(event.location),
    url: text(vevent.getFirstPropertyValue('url')),
    organizer: {
      name: text(organizer?.getParameter('cn')),
      email: address(organizer?.getFirstValue()),
      sentBy: organizer?.getParameter('sent-by') ? address(organizer.getParameter('sent-by')) : null,
    },
    attendees: vevent.getAllProperties('attendee').map((p) => ({
      name: text(p.getParameter('cn')),
      email: address(p.getFirstValue()),
      role: text(p.getParameter('role')),
      partstat: text(p.getParameter('partstat')),
      rsvp: text(p.getParameter('rsvp')),
    })),
  };
}

/** The calendar parts of a received mail: the `text/calendar` alternative (with its method) and the attachment. */
export interface CalendarParts {
  /** The `method` parameter of the text/calendar part's Content-Type. */
  method: string | undefined;
  alternative: string;
  attachment: { filename: string | undefined; contentType: string; content: string } | undefined;
}

/** Finds the invitation in a mail the SMTP sink received; throws when it carries no text/calendar part. */
export function calendarPartsOf(mail: ReceivedMail): CalendarParts {
  const parts = mail.parsed.attachments;
  const alternative = parts.find((a) => a.contentType === 'text/calendar');
  if (!alternative) throw new Error('the mail has no text/calendar part');
  const type = alternative.headers.get('content-type') as { params?: Record<string, string> } | undefined;
  const attached = parts.find(
    (a) => a.contentDisposition === 'attachment' && /\.ics$/.test(a.filename ?? ''),
  );
  return {
    method: type?.params?.['method'],
    alternative: alternative.content.toString('utf8'),
    attachment: attached && {
      filename: attached.filename,
      contentType: attached.contentType,
      content: attached.content.toString('utf8'),
    },
  };
}
