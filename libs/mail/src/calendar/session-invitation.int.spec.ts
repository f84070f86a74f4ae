import type { SmtpConfig } from '@cascade/config';
import { calendarPartsOf, readCalendar, startSmtpSink, type SmtpSink } from '@cascade/testing';
import { messageIdFor } from '../message-id';
import { SmtpMailer } from '../smtp-mailer';
import type { SessionAttendee, SessionInvitationInput } from './invitation-input';
import { buildSessionInvitation, buildSessionInvitationsByLanguage } from './session-invitation';

const FROM = { name: 'Ethics Office', address: 'ethics@example.org' };
const TEAM: SessionAttendee[] = [
  { name: 'Jean Martin', email: 'jean.martin@example.org', language: 'fr' },
  { name: 'Lucía Pérez', email: 'lucia.perez@example.org', language: 'es' },
  { name: 'Grace Otieno', email: 'grace.otieno@example.org', language: 'en' },
];

function session(patch: Partial<SessionInvitationInput> = {}): Omit<SessionInvitationInput, 'language'> {
  return {
    uid: 'session-7@cascade.example.org',
    sequence: 0,
    method: 'REQUEST',
    stamp: new Date('2026-12-01T09:00:00Z'),
    start: new Date('2027-01-14T07:00:00Z'),
    timeZone: 'Africa/Nairobi',
    sessionLanguage: 'en',
    year: 2027,
    organizer: { name: 'Amina Diallo', email: 'amina.diallo@example.org' },
    sentBy: FROM.address,
    attendees: TEAM,
    location: 'UNON, Block M, room 214',
    url: 'https://meet.example.org/ld-2027-amina',
    ...patch,
  };
}

function configFor(port: number): SmtpConfig {
  return { host: '127.0.0.1', port, secure: false, ignoreTLS: true, from: FROM };
}

describe('session invitations over SMTP, read back by an independent parser', () => {
  let sink: SmtpSink;
  let mailer: SmtpMailer;

  beforeEach(async () => {
    sink = await startSmtpSink();
    mailer = new SmtpMailer(configFor(sink.port));
  });
  afterEach(async () => {
    await mailer.close();
    await sink.close();
  });

  /** Sends every team member the copy of their language, as the scheduling service will. */
  async function sendToTeam(input: Omit<SessionInvitationInput, 'language'>, version: string): Promise<void> {
    const copies = buildSessionInvitationsByLanguage(input);
    for (const person of input.attendees) {
      await mailer.send({
        to: { name: person.name, address: person.email },
        subject: `Leadership Dialogue session (${version})`,
        html: '<p>Your invitation is attached.</p>',
        text: 'Your invitation is attached.\n',
        messageId: messageIdFor(`${input.uid}.${version}.${person.email}`, 'example.org'),
        language: person.language,
        calendar: { content: copies[person.language] ?? '' },
      });
    }
  }

  function receivedBy(email: string) {
    const mails = sink.received.filter((m) => m.rcptTo.includes(email));
    return mails.map((m) => ({ mail: m, parts: calendarPartsOf(m) }));
  }

  it('delivers a request, then its cancellation: same UID, higher SEQUENCE, each in the reader’s language', async () => {
    await sendToTeam(session(), 'request');
    await sendToTeam(session({ method: 'CANCEL', sequence: 1 }), 'cancel');
    expect(sink.received).toHaveLength(6);

    const [request, cancel] = receivedBy('jean.martin@example.org');
    expect(request.parts.method).toBe('REQUEST');
    expect(request.mail.raw.toString()).toMatch(
      /^Content-Type: text\/calendar; charset=utf-8; method=REQUEST\r$/m,
    );
    expect(request.parts.attachment).toMatchObject({
      filename: 'invite.ics',
      contentType: 'application/ics',
    });
    expect(request.parts.attachment?.content).toBe(request.parts.alternative);

    const asked = readCalendar(request.parts.alternative);
    expect(asked).toMatchObject({
      method: 'REQUEST',
      uid: 'session-7@cascade.example.org',
      sequence: 0,
      status: 'CONFIRMED',
      startLocal: '2027-01-14T10:00:00',
      startZone: 'Africa/Nairobi',
      durationMinutes: 90,
      location: 'UNON, Block M, room 214',
      url: 'https://meet.example.org/ld-2027-amina',
      summary: 'Dialogue sur le leadership 2027 : séance avec Amina Diallo',
      organizer: { name: 'Amina Diallo', email: 'amina.diallo@example.org', sentBy: 'ethics@example.org' },
    });
    expect(asked.start.toISOString()).toBe('2027-01-14T07:00:00.000Z');
    expect(asked.end.toISOString()).toBe('2027-01-14T08:30:00.000Z');
    expect(asked.attendees.map((a) => [a.email, a.rsvp, a.partstat])).toEqual(
      TEAM.map((t) => [t.email, 'TRUE', 'NEEDS-ACTION']),
    );
    expect(asked.description).toContain('En ligne : https://meet.example.org/ld-2027-amina');

    expect(cancel.parts.method).toBe('CANCEL');
    expect(cancel.mail.raw.toString()).toMatch(
      /^Content-Type: text\/calendar; charset=utf-8; method=CANCEL\r$/m,
    );
    const cancelled = readCalendar(cancel.parts.alternative);
    expect(cancelled).toMatchObject({
      method: 'CANCEL',
      uid: asked.uid,
      sequence: 1,
      status: 'CANCELLED',
      summary: 'Annulée : Dialogue sur le leadership 2027, séance avec Amina Diallo',
    });
    expect(cancelled.start).toEqual(asked.start);

    const [spanish] = receivedBy('lucia.perez@example.org');
    const es = readCalendar(spanish.parts.alternative);
    expect(es.summary).toBe('Diálogo sobre Liderazgo 2027: sesión con Amina Diallo');
    expect(es.description).toContain('La sesión se celebra en inglés.');
    expect(es.uid).toBe(asked.uid);
    const [english] = receivedBy('grace.otieno@example.org');
    expect(readCalendar(english.parts.alternative).summary).toBe(
      'Leadership Dialogue 2027: session with Amina Diallo',
    );
  });

  it.each([
    // Summer in New York is EDT (UTC−4): 10:00 there is 14:00Z.
    ['America/New_York', '2027-07-15T14:00:00Z', '2027-07-15T10:00:00'],
    // Winter in Geneva (whose IANA zone is Europe/Zurich) is CET (UTC+1): 10:00 there is 09:00Z.
    ['Europe/Zurich', '2027-12-15T09:00:00Z', '2027-12-15T10:00:00'],
  ])('keeps the wall time of %s across the wire (%s)', async (timeZone, instant, wall) => {
    const content = buildSessionInvitation({
      ...session({ timeZone, start: new Date(instant), durationMinutes: 60, location: null }),
      language: 'en',
    });
    await mailer.send({
      to: { name: 'Grace Otieno', address: 'grace.otieno@example.org' },
      subject: 'Leadership Dialogue session',
      html: '<p>Invitation</p>',
      text: 'Invitation\n',
      messageId: messageIdFor(`zone.${timeZone}`, 'example.org'),
      calendar: { content, filename: 'leadership-dialogue.ics' },
    });
    const [{ parts }] = receivedBy('grace.otieno@example.org');
    expect(parts.attachment?.filename).toBe('leadership-dialogue.ics');
    const read = readCalendar(parts.alternative);
    expect(read.timezones).toEqual([timeZone]);
    expect(read.startZone).toBe(timeZone);
    expect(read.startLocal).toBe(wall);
    expect(read.start.toISOString()).toBe(new Date(instant).toISOString());
    expect(read.durationMinutes).toBe(60);
    // Online only: the link is the place too.
    expect(read.location).toBe('https://meet.example.org/ld-2027-amina');
  });

  it('delivers hostile text as text: no extra attendee reaches the calendar', async () => {
    const content = buildSessionInvitation({
      ...session({
        location: 'Room 5;\r\nATTENDEE:mailto:evil@x.org',
        note: 'Agenda, part 1; part 2\r\nATTENDEE:mailto:evil@x.org',
      }),
      language: 'es',
    });
    await mailer.send({
      to: { name: 'Lucía Pérez', address: 'lucia.perez@example.org' },
      subject: 'Sesión',
      html: '<p>Invitación</p>',
      text: 'Invitación\n',
      messageId: messageIdFor('hostile', 'example.org'),
      calendar: { content },
    });
    const [{ parts }] = receivedBy('lucia.perez@example.org');
    const read = readCalendar(parts.alternative);
    expect(read.attendees.map((a) => a.email)).toEqual(TEAM.map((t) => t.email));
    expect(read.location).toBe('Room 5; ATTENDEE:mailto:evil@x.org');
    expect(read.description).toContain('Agenda, part 1; part 2\nATTENDEE:mailto:evil@x.org');
  });
});
