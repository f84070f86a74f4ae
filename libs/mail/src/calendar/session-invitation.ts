import {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendar,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalAttendeeData,
} from 'ical-generator';
import { DateTime } from 'luxon';
import { FALLBACK_LANGUAGE, type Language, type StringTables } from '@cascade/i18n';
import { checkInvitationInput, type SessionInvitationInput } from './invitation-input';
import { invitationText, shippedStringTables } from './invitation-text';
import { vtimezone } from './vtimezone';

export interface SessionInvitationOptions {
  /** String tables with the `calendar.*` keys; the ones shipped in `templates/_strings` by default. */
  strings?: StringTables;
}

const PRODUCT_ID = { company: 'Cascade', product: 'Leadership Dialogue', language: 'EN' };

/**
 * The `.ics` text (RFC 5545, iMIP-ready) of one version of a session's invitation, in `input.language`:
 * METHOD REQUEST (new or changed, same UID, higher SEQUENCE) or CANCEL (STATUS:CANCELLED). DTSTART and DTEND
 * are the manager's wall times with TZID and a VTIMEZONE for that zone; DTSTAMP is `input.stamp` in UTC. Throws
 * CalendarInvitationInvalid, naming every bad field, before building anything.
 */
export function buildSessionInvitation(
  input: SessionInvitationInput,
  options: SessionInvitationOptions = {},
): string {
  const checked = checkInvitationInput(input);
  const text = invitationText(checked, options.strings ?? shippedStringTables());
  const cancel = checked.method === 'CANCEL';
  const calendar = new ICalCalendar({
    prodId: PRODUCT_ID,
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  // No calendar-wide zone (it would write DTSTAMP as local time): only the generator, which ical-generator calls
  // for each event's zone.
  calendar.timezone({ name: null, generator: (zone) => vtimezone(zone, checked.start) });
  // Luxon values, because ical-generator formats a native Date in the process's own zone once a TZID is set.
  const start = DateTime.fromJSDate(checked.start, { zone: 'utc' });
  calendar.createEvent({
    id: checked.uid,
    sequence: checked.sequence,
    stamp: DateTime.fromJSDate(checked.stamp, { zone: 'utc' }),
    start,
    end: start.plus({ minutes: checked.durationMinutes }),
    timezone: checked.timeZone,
    summary: text.summary,
    description: text.description,
    // Clients show LOCATION where people look for "where": an online-only session puts its link there too.
    location: checked.location ?? checked.url,
    url: checked.url,
    organizer: {
      name: checked.organizer.name,
      email: checked.organizer.email,
      ...(checked.sentBy ? { sentBy: checked.sentBy } : {}),
    },
    attendees: checked.attendees.map((a): ICalAttendeeData => ({
      name: a.name,
      email: a.email,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: !cancel,
    })),
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}

/**
 * One invitation per language its attendees read, each listing the whole team: what to send to each person is
 * the text of their own language. Same UID, SEQUENCE and times in every copy, so they are one event.
 */
export function buildSessionInvitationsByLanguage(
  input: Omit<SessionInvitationInput, 'language'>,
  options: SessionInvitationOptions = {},
): Partial<Record<Language, string>> {
  const languages = new Set((Array.isArray(input.attendees) ? input.attendees : []).map((a) => a?.language));
  // At least one copy, so that bad input is reported by the checks rather than by an empty answer.
  if (languages.size === 0) languages.add(FALLBACK_LANGUAGE);
  const out: Partial<Record<Language, string>> = {};
  for (const language of languages) out[language] = buildSessionInvitation({ ...input, language }, options);
  return out;
}
