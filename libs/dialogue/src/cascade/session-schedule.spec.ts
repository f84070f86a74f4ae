import { ValidationFailed } from '../shared/errors';
import { checkSchedule, type ScheduleInput } from './session-schedule';

const NEW_YORK = {
  timeZone: 'America/New_York',
  now: new Date('2026-10-01T12:00:00Z'),
  lastDay: '2027-03-31',
  defaultMinutes: 90,
  defaultLanguage: 'fr' as const,
};

/** The [field, code, params] of each problem `input` has (none: an empty list). */
function problems(input: ScheduleInput, context = NEW_YORK) {
  try {
    checkSchedule(input, context);
    return [];
  } catch (error) {
    if (!(error instanceof ValidationFailed)) throw error;
    return error.issues.map((i) => [i.field, i.code, i.params ?? {}]);
  }
}

describe("checking a manager's schedule", () => {
  it("reads the local time in the manager's zone, with the definition's length and the manager's language", () => {
    expect(checkSchedule({ startsAt: '2026-10-14T10:30', place: ' Room 4 ' }, NEW_YORK)).toEqual({
      startsAt: new Date('2026-10-14T14:30:00Z'),
      minutes: 90,
      place: 'Room 4',
      url: null,
      language: 'fr',
    });
    // After the clocks went back (EST, UTC-5).
    expect(
      checkSchedule({ startsAt: '2026-11-03T10:30', url: 'https://x.org/m' }, NEW_YORK).startsAt,
    ).toEqual(new Date('2026-11-03T15:30:00Z'));
  });

  it('names a wall time that a clock change skips (02:30 on 14 March 2027 in New York), with the zone', () => {
    expect(problems({ startsAt: '2027-03-14T02:30', place: 'Room 4' })).toEqual([
      ['startsAt', 'local-time-gap', { zone: 'America/New_York' }],
    ]);
    // The same wall time exists in Geneva that day (Europe changes on 28 March).
    expect(
      problems({ startsAt: '2027-03-14T02:30', place: 'Room 4' }, { ...NEW_YORK, timeZone: 'Europe/Zurich' }),
    ).toEqual([]);
  });

  it.each(['2026-02-30T10:00', '2026-10-14T24:00', '2026-10-14 10:30', '14/10/2026 10:30', 'T', ''])(
    'refuses %p as a date and time',
    (startsAt) => {
      expect(problems({ startsAt, place: 'Room 4' })).toEqual([['startsAt', 'date-time', {}]]);
    },
  );

  it('refuses a time not after now or after the report cutoff, giving the window', () => {
    const window = { from: '2026-10-01', to: '2027-03-31' };
    expect(problems({ startsAt: '2026-10-01T08:00', place: 'Room 4' })).toEqual([
      ['startsAt', 'date-between', window],
    ]);
    expect(problems({ startsAt: '2027-04-01T09:00', place: 'Room 4' })).toEqual([
      ['startsAt', 'date-between', window],
    ]);
    expect(problems({ startsAt: '2027-03-31T23:59', place: 'Room 4' })).toEqual([]);
  });

  it('names every other problem at once: length, an overlong place, a link that is not a web link, language', () => {
    expect(
      problems({
        startsAt: '2026-10-14T10:30',
        minutes: 5,
        place: 'x'.repeat(301),
        url: 'javascript:alert(1)',
        language: 'de',
      }),
    ).toEqual([
      ['minutes', 'whole-number-range', { min: 15, max: 480 }],
      ['place', 'too-long', { max: 300 }],
      ['url', 'web-link', {}],
      ['language', 'one-of', { values: 'ar, zh, en, fr, ru, es' }],
    ]);
  });

  it('wants a place, an online link or both', () => {
    expect(problems({ startsAt: '2026-10-14T10:30', place: '  ', url: null })).toEqual([
      ['place', 'place-or-link', {}],
    ]);
  });
});
