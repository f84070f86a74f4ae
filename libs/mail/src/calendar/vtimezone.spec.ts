import { IANAZone } from 'luxon';
import { readCalendar } from '@cascade/testing';
import { offsetChanges, utcOffset, vtimezone } from './vtimezone';

/** A one-event calendar whose DTSTART is `local` in `zone`: ical.js resolves it from the VTIMEZONE alone. */
function instantOf(zone: string, local: string, around = new Date('2027-06-01T00:00:00Z')): string {
  const ics = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    vtimezone(zone, around),
    'BEGIN:VEVENT',
    'UID:t@example.org',
    'DTSTAMP:20270101T000000Z',
    `DTSTART;TZID=${zone}:${local}`,
    'DURATION:PT1H',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');
  return readCalendar(ics).start.toISOString();
}

describe('utcOffset', () => {
  it.each([
    [180, '+0300'],
    [-300, '-0500'],
    [-210, '-0330'],
    [345, '+0545'],
    [0, '+0000'],
  ])('%d minutes → %s', (minutes, text) => {
    expect(utcOffset(minutes)).toBe(text);
  });
});

describe('offsetChanges', () => {
  it('finds New York’s 2027 changes to the minute', () => {
    const zone = IANAZone.create('America/New_York');
    const changes = offsetChanges(
      zone,
      Date.parse('2027-01-01T00:00:00Z'),
      Date.parse('2028-01-01T00:00:00Z'),
    );
    expect(changes.map((c) => [new Date(c.at).toISOString(), c.from, c.to])).toEqual([
      ['2027-03-14T07:00:00.000Z', -300, -240],
      ['2027-11-07T06:00:00.000Z', -240, -300],
    ]);
  });

  it('finds a half-hour change (Lord Howe Island)', () => {
    const zone = IANAZone.create('Australia/Lord_Howe');
    const changes = offsetChanges(
      zone,
      Date.parse('2027-01-01T00:00:00Z'),
      Date.parse('2028-01-01T00:00:00Z'),
    );
    expect(changes.map((c) => [c.from, c.to])).toEqual([
      [660, 630],
      [630, 660],
    ]);
  });

  it('finds none in a zone without daylight saving time', () => {
    const zone = IANAZone.create('Africa/Nairobi');
    expect(
      offsetChanges(zone, Date.parse('2026-01-01T00:00:00Z'), Date.parse('2029-01-01T00:00:00Z')),
    ).toEqual([]);
  });
});

describe('vtimezone', () => {
  it('gives a zone without changes a single STANDARD observance', () => {
    expect(vtimezone('Africa/Nairobi', new Date('2027-01-14T07:00:00Z')).split('\r\n')).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:Africa/Nairobi',
      'BEGIN:STANDARD',
      'DTSTART:20260101T000000',
      'TZOFFSETFROM:+0300',
      'TZOFFSETTO:+0300',
      'TZNAME:GMT+3',
      'END:STANDARD',
      'END:VTIMEZONE',
    ]);
  });

  it('writes each onset as the wall time before it, DAYLIGHT or STANDARD', () => {
    const text = vtimezone('Europe/Zurich', new Date('2027-12-15T09:00:00Z'));
    expect(text).toContain(
      ['BEGIN:DAYLIGHT', 'DTSTART:20270328T020000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200'].join('\r\n'),
    );
    expect(text).toContain(
      ['BEGIN:STANDARD', 'DTSTART:20271031T030000', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100'].join('\r\n'),
    );
    // From the year before to the year after: 2026, 2027 and 2028, two changes each.
    expect(text.match(/^BEGIN:(STANDARD|DAYLIGHT)$/gm)).toHaveLength(7);
  });

  it('lets an independent parser place wall times on either side of a change', () => {
    expect(instantOf('America/New_York', '20270314T013000')).toBe('2027-03-14T06:30:00.000Z');
    expect(instantOf('America/New_York', '20270314T030000')).toBe('2027-03-14T07:00:00.000Z');
    expect(instantOf('America/New_York', '20270715T100000')).toBe('2027-07-15T14:00:00.000Z');
    expect(instantOf('America/New_York', '20271215T100000')).toBe('2027-12-15T15:00:00.000Z');
    expect(instantOf('Europe/Zurich', '20270115T100000')).toBe('2027-01-15T09:00:00.000Z');
    expect(instantOf('Europe/Zurich', '20270715T100000')).toBe('2027-07-15T08:00:00.000Z');
    expect(instantOf('Australia/Lord_Howe', '20270115T100000')).toBe('2027-01-14T23:00:00.000Z');
    expect(instantOf('Australia/Lord_Howe', '20270715T100000')).toBe('2027-07-14T23:30:00.000Z');
    expect(instantOf('Asia/Kathmandu', '20270715T100000')).toBe('2027-07-15T04:15:00.000Z');
  });

  it('is what places the time: without it the parser reads a floating time', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//test//EN',
      'BEGIN:VEVENT',
      'UID:t@example.org',
      'DTSTAMP:20270101T000000Z',
      'DTSTART;TZID=America/New_York:20270715T100000',
      'DURATION:PT1H',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    expect(readCalendar(ics).startZone).toBeNull();
    expect(instantOf('America/New_York', '20270715T100000')).toBe('2027-07-15T14:00:00.000Z');
  });

  it('covers the year before to the year after the session', () => {
    const text = vtimezone('America/Bogota', new Date('2028-03-01T00:00:00Z'));
    expect(text).toContain('DTSTART:20270101T000000');
    expect(vtimezone('America/Bogota', new Date('2027-03-01T00:00:00Z'))).toContain(
      'DTSTART:20260101T000000',
    );
  });

  it('refuses a name that is not an IANA zone', () => {
    expect(() => vtimezone('Europe/Geneva', new Date())).toThrow(RangeError);
  });
});
