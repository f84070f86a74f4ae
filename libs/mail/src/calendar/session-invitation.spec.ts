import { loadStringTables } from '@cascade/i18n';
import { readCalendar } from '@cascade/testing';
import path from 'node:path';
import { CalendarInvitationInvalid } from '../errors';
import { TEMPLATES_DIR } from '../templates-dir';
import type { SessionInvitationInput } from './invitation-input';
import { buildSessionInvitation, buildSessionInvitationsByLanguage } from './session-invitation';

const STAMP = new Date('2026-12-01T09:00:00Z');

function input(patch: Partial<SessionInvitationInput> = {}): SessionInvitationInput {
  return {
    uid: 'session-42@cascade.example.org',
    sequence: 0,
    method: 'REQUEST',
    stamp: STAMP,
    // 10:00 in Nairobi (UTC+3, no daylight saving time).
    start: new Date('2027-01-14T07:00:00Z'),
    timeZone: 'Africa/Nairobi',
    language: 'en',
    sessionLanguage: 'en',
    year: 2027,
    organizer: { name: 'Amina Diallo', email: 'amina.diallo@example.org' },
    attendees: [
      { name: 'Lucía Pérez', email: 'lucia.perez@example.org', language: 'es' },
      { name: 'Jean Martin', email: 'jean.martin@example.org', language: 'fr' },
    ],
    location: 'UNON, Block M, room 214',
    ...patch,
  };
}

/** Unfolded content lines (RFC 5545 3.1), to look at properties as written. */
function lines(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n');
}

function issuesOf(patch: Partial<SessionInvitationInput> | Record<string, unknown>): string[] {
  try {
    buildSessionInvitation({ ...input(), ...patch } as SessionInvitationInput);
  } catch (error) {
    expect(error).toBeInstanceOf(CalendarInvitationInvalid);
    return (error as CalendarInvitationInvalid).issues.map((i) => i.field);
  }
  throw new Error('the input was accepted');
}

describe('buildSessionInvitation: a request', () => {
  const ics = buildSessionInvitation(input({ sequence: 3 }));
  const read = readCalendar(ics);

  it('is a REQUEST with the session’s UID, SEQUENCE and DTSTAMP in UTC', () => {
    expect(read).toMatchObject({
      method: 'REQUEST',
      uid: 'session-42@cascade.example.org',
      sequence: 3,
      status: 'CONFIRMED',
      stamp: STAMP,
    });
    expect(lines(ics)).toContain('DTSTAMP:20261201T090000Z');
    expect(lines(ics)).toContain('PRODID:-//Cascade//Leadership Dialogue//EN');
  });

  it('starts at the wall time in the manager’s zone, with TZID and that zone’s VTIMEZONE', () => {
    expect(lines(ics)).toContain('DTSTART;TZID=Africa/Nairobi:20270114T100000');
    expect(lines(ics)).toContain('DTEND;TZID=Africa/Nairobi:20270114T113000');
    expect(read.timezones).toEqual(['Africa/Nairobi']);
    expect(read.startZone).toBe('Africa/Nairobi');
    expect(read.start.toISOString()).toBe('2027-01-14T07:00:00.000Z');
    expect(read.durationMinutes).toBe(90);
  });

  it('names the organizer and asks every attendee to reply', () => {
    expect(read.organizer).toEqual({ name: 'Amina Diallo', email: 'amina.diallo@example.org', sentBy: null });
    expect(read.attendees).toEqual([
      {
        name: 'Lucía Pérez',
        email: 'lucia.perez@example.org',
        role: 'REQ-PARTICIPANT',
        partstat: 'NEEDS-ACTION',
        rsvp: 'TRUE',
      },
      {
        name: 'Jean Martin',
        email: 'jean.martin@example.org',
        role: 'REQ-PARTICIPANT',
        partstat: 'NEEDS-ACTION',
        rsvp: 'TRUE',
      },
    ]);
  });

  it('writes CRLF lines of at most 75 octets', () => {
    expect(ics.split('\r\n').join('')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('says who sends the mail on the organizer’s behalf when asked', () => {
    const sent = readCalendar(buildSessionInvitation(input({ sentBy: 'ethics@example.org' })));
    expect(sent.organizer.sentBy).toBe('ethics@example.org');
  });
});

describe('buildSessionInvitation: a cancellation', () => {
  const read = readCalendar(buildSessionInvitation(input({ method: 'CANCEL', sequence: 4 })));

  it('is a CANCEL of the same UID with the higher SEQUENCE and STATUS:CANCELLED, asking no reply', () => {
    expect(read).toMatchObject({
      method: 'CANCEL',
      uid: 'session-42@cascade.example.org',
      sequence: 4,
      status: 'CANCELLED',
    });
    expect(read.attendees.map((a) => a.rsvp)).toEqual(['FALSE', 'FALSE']);
    expect(read.start.toISOString()).toBe('2027-01-14T07:00:00.000Z');
  });

  it('says it is cancelled in the summary and the description', () => {
    expect(read.summary).toBe('Cancelled: Leadership Dialogue 2027, session with Amina Diallo');
    expect(read.description).toMatch(/^Amina Diallo has cancelled this Leadership Dialogue 2027 session\./);
    expect(read.description).not.toContain('Please reply');
  });
});

describe('duration', () => {
  it('is 90 minutes when not given', () => {
    expect(readCalendar(buildSessionInvitation(input())).durationMinutes).toBe(90);
  });

  it('is the given length otherwise', () => {
    const ics = buildSessionInvitation(input({ durationMinutes: 45 }));
    expect(lines(ics)).toContain('DTEND;TZID=Africa/Nairobi:20270114T104500');
    expect(readCalendar(ics).durationMinutes).toBe(45);
  });

  it.each([0, -30, 1.5, 24 * 60 + 1, Number.NaN])('refuses %s minutes', (durationMinutes) => {
    expect(issuesOf({ durationMinutes })).toEqual(['durationMinutes']);
  });
});

describe('languages', () => {
  const cases = [
    [
      'en',
      'Leadership Dialogue 2027: session with Amina Diallo',
      ['When: 14 January 2027 at 10:00 GMT+3 (Africa/Nairobi)', 'Duration: 90 minutes', 'held in French.'],
    ],
    [
      'fr',
      'Dialogue sur le leadership 2027 : séance avec Amina Diallo',
      [
        'Quand : 14 janvier 2027 à 10:00 UTC+3 (Africa/Nairobi)',
        'Durée : 90 minutes',
        'se tient en français.',
      ],
    ],
    [
      'es',
      'Diálogo sobre Liderazgo 2027: sesión con Amina Diallo',
      ['Cuándo: 14 de enero de 2027 a las 10:00 GMT+3 (Africa/Nairobi)', 'Duración: 90 minutos'],
    ],
  ] as const;

  it.each(cases)('writes the summary and description in %s', (language, summary, parts) => {
    const read = readCalendar(buildSessionInvitation(input({ language, sessionLanguage: 'fr' })));
    expect(read.summary).toBe(summary);
    for (const part of parts) expect(read.description).toContain(part);
    expect(read.description).toContain('UNON, Block M, room 214');
  });

  it('names the session’s language in the reader’s language', () => {
    const es = readCalendar(buildSessionInvitation(input({ language: 'es', sessionLanguage: 'en' })));
    expect(es.description).toContain('La sesión se celebra en inglés.');
  });

  it('counts minutes with the language’s plural', () => {
    const one = readCalendar(buildSessionInvitation(input({ language: 'es', durationMinutes: 1 })));
    expect(one.description).toContain('Duración: 1 minuto\n');
  });

  it('reads its words from the tables it is given', () => {
    const strings = loadStringTables(path.join(TEMPLATES_DIR, '_strings'));
    strings.fr = { calendar: { ...(strings.fr['calendar'] as object), summary: 'Séance {year}' } };
    expect(readCalendar(buildSessionInvitation(input({ language: 'fr' }), { strings })).summary).toBe(
      'Séance 2027',
    );
  });

  it('makes one copy per language its attendees read, all one event', () => {
    const { language: _language, ...rest } = input();
    const copies = buildSessionInvitationsByLanguage(rest);
    expect(Object.keys(copies).sort()).toEqual(['es', 'fr']);
    const es = readCalendar(copies.es ?? '');
    const fr = readCalendar(copies.fr ?? '');
    expect(es.summary).toBe('Diálogo sobre Liderazgo 2027: sesión con Amina Diallo');
    expect(fr.summary).toBe('Dialogue sur le leadership 2027 : séance avec Amina Diallo');
    expect([es.uid, es.sequence, es.start]).toEqual([fr.uid, fr.sequence, fr.start]);
    expect(es.attendees).toEqual(fr.attendees);
  });
});

describe('hostile text', () => {
  const hostile = input({
    organizer: {
      name: 'Amina "Boss"; Diallo,\r\nATTENDEE:mailto:evil@x.org',
      email: 'amina.diallo@example.org',
    },
    location: 'Room 5;\r\nATTENDEE:mailto:evil@x.org',
    note: 'Bring notes, pens; and\r\nATTENDEE:mailto:evil@x.org\r\nEND:VEVENT',
    url: 'https://meet.example.org/j/1?pwd=a,b;c',
  });
  const ics = buildSessionInvitation(hostile);
  const read = readCalendar(ics);

  it('adds no attendee, property or component', () => {
    expect(read.attendees.map((a) => a.email)).toEqual([
      'lucia.perez@example.org',
      'jean.martin@example.org',
    ]);
    expect(lines(ics).filter((l) => l.startsWith('ATTENDEE'))).toHaveLength(2);
    expect(lines(ics).filter((l) => l === 'END:VEVENT')).toHaveLength(1);
    expect(ics).not.toContain('\nATTENDEE:mailto:evil');
  });

  it('keeps one-line fields on one line, and the note’s line breaks as text', () => {
    expect(read.location).toBe('Room 5; ATTENDEE:mailto:evil@x.org');
    expect(lines(ics)).toContain('LOCATION:Room 5\\; ATTENDEE:mailto:evil@x.org');
    expect(read.organizer.name).toBe("Amina 'Boss'; Diallo, ATTENDEE:mailto:evil@x.org");
    expect(read.summary).toBe(
      "Leadership Dialogue 2027: session with Amina 'Boss'; Diallo, ATTENDEE:mailto:evil@x.org",
    );
    expect(lines(ics).find((l) => l.startsWith('SUMMARY:'))).toBe(
      "SUMMARY:Leadership Dialogue 2027: session with Amina 'Boss'\\; Diallo\\, ATTENDEE:mailto:evil@x.org",
    );
    expect(read.description).toContain('Bring notes, pens; and\nATTENDEE:mailto:evil@x.org\nEND:VEVENT');
  });

  it('keeps a link with commas and semicolons intact, percent-encoded', () => {
    expect(read.url).toBe('https://meet.example.org/j/1?pwd=a%2Cb%3Bc');
    expect(read.description).toContain('Online: https://meet.example.org/j/1?pwd=a%2Cb%3Bc');
  });
});

describe('place and link', () => {
  it('puts the link in LOCATION too when the session is online only', () => {
    const read = readCalendar(
      buildSessionInvitation(input({ location: null, url: 'https://meet.example.org/x' })),
    );
    expect(read.location).toBe('https://meet.example.org/x');
    expect(read.url).toBe('https://meet.example.org/x');
  });

  it('keeps both when both are given', () => {
    const read = readCalendar(buildSessionInvitation(input({ url: 'https://meet.example.org/x' })));
    expect(read.location).toBe('UNON, Block M, room 214');
    expect(read.url).toBe('https://meet.example.org/x');
    expect(read.description).toContain('Place: UNON, Block M, room 214\nOnline: https://meet.example.org/x');
  });
});

describe('input checks', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['a uid with a line break', { uid: 'a\r\nATTENDEE:x' }, ['uid']],
    ['an empty uid', { uid: '' }, ['uid']],
    ['a negative sequence', { sequence: -1 }, ['sequence']],
    ['a fractional sequence', { sequence: 1.5 }, ['sequence']],
    ['another method', { method: 'PUBLISH' }, ['method']],
    ['an invalid start', { start: new Date('nope') }, ['start']],
    ['a missing stamp', { stamp: undefined }, ['stamp']],
    ['a zone that is not in the database', { timeZone: 'Europe/Geneva' }, ['timeZone']],
    ['an offset instead of a zone', { timeZone: '+03:00' }, ['timeZone']],
    ['an unknown language', { language: 'de' }, ['language']],
    ['an unknown session language', { sessionLanguage: 'de' }, ['sessionLanguage']],
    ['a year that is not one', { year: 27 }, ['year']],
    [
      'an organizer address with a semicolon',
      { organizer: { name: 'A', email: 'a;b@x.org' } },
      ['organizer.email'],
    ],
    ['an organizer without a name', { organizer: { name: ' \r\n', email: 'a@x.org' } }, ['organizer.name']],
    ['a sender that is not an address', { sentBy: 'ethics' }, ['sentBy']],
    ['no place and no link', { location: null, url: null }, ['location']],
    ['a javascript link', { url: 'javascript:alert(1)' }, ['url']],
    ['a link that is not one', { url: 'meet dot org' }, ['url']],
    ['a note that is not text', { note: 42 }, ['note']],
    ['no attendee', { attendees: [] }, ['attendees']],
  ])('refuses %s, naming the field', (_what, patch, fields) => {
    expect(issuesOf(patch)).toEqual(fields);
  });

  it('names every bad field at once, attendees by position', () => {
    const fields = issuesOf({
      sequence: -1,
      timeZone: 'Mars/Olympus',
      attendees: [
        { name: 'A', email: 'a@x.org', language: 'en' },
        { name: '', email: 'A@X.org', language: 'xx' },
      ],
    });
    expect(fields).toEqual([
      'sequence',
      'timeZone',
      'attendees[1].email',
      'attendees[1].language',
      'attendees[1].name',
    ]);
  });

  it('says what is wrong in the message', () => {
    expect(() => buildSessionInvitation(input({ location: null }))).toThrow(
      /location or url is required: a session needs a place or an online link/,
    );
  });
});
