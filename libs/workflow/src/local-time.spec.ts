import {
  addDays,
  atLocalSendTime,
  daysBetween,
  endOfLocalDay,
  isIsoDate,
  isValidZone,
  localDateOf,
  toLocalIso,
} from './local-time';

const SEND_AT = { localTime: '09:00', workingDays: [1, 2, 3, 4, 5] };
const at = (date: string, zone: string) => atLocalSendTime(date, zone, SEND_AT).toISOString();
const end = (date: string, zone: string) => endOfLocalDay(date, zone).toISOString();

describe('atLocalSendTime', () => {
  it.each([
    // New York: DST starts Sun 8 Mar 2026, ends Sun 1 Nov 2026
    ['2026-03-06', 'America/New_York', '2026-03-06T14:00:00.000Z'],
    ['2026-03-07', 'America/New_York', '2026-03-09T13:00:00.000Z'], // Saturday → Monday, now EDT
    ['2026-10-31', 'America/New_York', '2026-11-02T14:00:00.000Z'], // Saturday → Monday, now EST
    // Zurich: DST starts Sun 29 Mar 2026, ends Sun 25 Oct 2026
    ['2026-03-27', 'Europe/Zurich', '2026-03-27T08:00:00.000Z'],
    ['2026-03-28', 'Europe/Zurich', '2026-03-30T07:00:00.000Z'],
    ['2026-10-23', 'Europe/Zurich', '2026-10-23T07:00:00.000Z'],
    ['2026-10-26', 'Europe/Zurich', '2026-10-26T08:00:00.000Z'],
    // Santiago: DST ends Sun 5 Apr 2026, starts Sun 6 Sep 2026 (southern hemisphere)
    ['2026-04-03', 'America/Santiago', '2026-04-03T12:00:00.000Z'],
    ['2026-04-04', 'America/Santiago', '2026-04-06T13:00:00.000Z'],
    ['2026-09-04', 'America/Santiago', '2026-09-04T13:00:00.000Z'],
    ['2026-09-05', 'America/Santiago', '2026-09-07T12:00:00.000Z'],
    // Kabul: +04:30, no DST
    ['2026-12-24', 'Asia/Kabul', '2026-12-24T04:30:00.000Z'],
    ['2026-06-24', 'Asia/Kabul', '2026-06-24T04:30:00.000Z'],
  ])('%s in %s → %s', (date, zone, expected) => {
    expect(at(date, zone)).toBe(expected);
  });

  it('honours another local time and working week', () => {
    const sendAt = { localTime: '08:15', workingDays: [7, 1, 2, 3, 4] }; // Sunday–Thursday
    expect(atLocalSendTime('2026-12-25', 'Asia/Kabul', sendAt).toISOString()).toBe(
      '2026-12-27T03:45:00.000Z',
    );
  });

  it('refuses malformed dates and zones', () => {
    expect(() => at('2026-13-01', 'Europe/Zurich')).toThrow(RangeError);
    expect(() => at('2026-12-01', 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('isValidZone', () => {
  it('takes IANA names only, not the UTC offsets newer ICU also accepts, on every Node version', () => {
    for (const zone of ['Europe/Zurich', 'America/Port-au-Prince', 'Etc/GMT+5', 'UTC'])
      expect(isValidZone(zone)).toBe(true);
    for (const zone of ['+01:00', '-05:00', '+0100', 'Mars/Olympus', 'Europe/Zurich ', ''])
      expect(isValidZone(zone)).toBe(false);
  });
});

describe('endOfLocalDay', () => {
  it.each([
    ['2026-03-07', 'America/New_York', '2026-03-08T05:00:00.000Z'],
    ['2026-03-08', 'America/New_York', '2026-03-09T04:00:00.000Z'], // 23-hour day
    ['2026-10-24', 'Europe/Zurich', '2026-10-24T22:00:00.000Z'],
    ['2026-10-25', 'Europe/Zurich', '2026-10-25T23:00:00.000Z'], // 25-hour day
    ['2026-09-05', 'America/Santiago', '2026-09-06T04:00:00.000Z'], // next day starts at 01:00
    ['2026-04-04', 'America/Santiago', '2026-04-05T04:00:00.000Z'], // 23:00–24:00 happens twice
    ['2026-12-31', 'Asia/Kabul', '2026-12-31T19:30:00.000Z'],
  ])('%s in %s ends at %s', (date, zone, expected) => {
    expect(end(date, zone)).toBe(expected);
  });
});

describe('date helpers', () => {
  it('adds calendar days independent of DST', () => {
    expect(addDays('2026-03-01', 30)).toBe('2026-03-31');
    expect(addDays('2026-12-31', -30)).toBe('2026-12-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('reads the local date of an instant', () => {
    expect(localDateOf(new Date('2027-01-10T03:00:00Z'), 'America/New_York')).toBe('2027-01-09');
    expect(localDateOf(new Date('2027-01-10T03:00:00Z'), 'Asia/Kabul')).toBe('2027-01-10');
  });

  it('formats local ISO with the offset', () => {
    expect(toLocalIso(new Date('2026-12-24T04:30:00Z'), 'Asia/Kabul')).toBe('2026-12-24T09:00:00+04:30');
  });

  it('validates calendar dates and counts days', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-1')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(daysBetween('2026-10-01', '2026-12-31')).toBe(91);
  });
});
