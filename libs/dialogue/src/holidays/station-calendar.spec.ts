import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDefinition, plan } from '@cascade/workflow';
import { DUTY_STATION_REGIONS, regionOf } from './duty-station-regions';
import { libraryHolidays, stationCalendar, type HolidayOverride } from './station-calendar';

const definition = parseDefinition(
  readFileSync(join(__dirname, '../../../../workflows/leadership-dialogue.v1.yaml'), 'utf8'),
  'leadership-dialogue.v1.yaml',
);
const SEED_STATIONS = readFileSync(join(__dirname, '../../../persistence/seed/entities.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',')[3]);

const invited = (
  timeZone: string,
  effectiveDeadline: string,
  dutyStation: string,
  added: readonly HolidayOverride[] = [],
) => ({
  state: 'invited',
  escalationLevel: 0,
  timeZone,
  holidays: stationCalendar(dutyStation, added),
  facts: {
    invitedAt: new Date(`${Number(effectiveDeadline.slice(0, 4)) - 1}-11-02T06:00:00Z`),
    effectiveDeadline,
    reportCutoff: `${Number(effectiveDeadline.slice(0, 4)) + 1}-02-28`,
    sessionsRecorded: 0,
    statisticsSubmitted: false,
  },
});

describe('duty-station holiday calendars (date-holidays 3.37.0 and the Ethics Office list)', () => {
  it('places every seed duty station the library knows, and leaves the others to the Ethics Office list', () => {
    for (const station of SEED_STATIONS) {
      const place = regionOf(station);
      if (place) expect(libraryHolidays(station, 2026).size).toBeGreaterThan(0);
    }
    expect(regionOf('New York')).toEqual({ country: 'US', region: 'NY' });
    expect(regionOf('Geneva')).toEqual({ country: 'CH', region: 'GE' });
    expect(regionOf('Beirut')).toBeNull(); // no Lebanon in the library
    expect(libraryHolidays('Beirut', 2026).size).toBe(0);
    expect(libraryHolidays('Atlantis', 2026).size).toBe(0); // an unknown station: no holidays, no error
    expect(Object.keys(DUTY_STATION_REGIONS).length).toBeGreaterThanOrEqual(20);
  });

  it('Christmas Day in New York, and the library substitute day when it falls on a Saturday (2027)', () => {
    expect(stationCalendar('New York')('2026-12-25')).toBe('Christmas Day');
    expect(stationCalendar('New York')('2027-12-24')).toBe('Christmas Day (substitute day)');
    expect(stationCalendar('New York')('2026-12-24')).toBeNull();
  });

  it('Independence Day in Nairobi: Jamhuri Day on Sunday 12 December 2027 moves the 7-day reminder past its substitute Monday', () => {
    expect(stationCalendar('Nairobi')('2027-12-12')).toBe('Jamhuri Day');
    expect(stationCalendar('Nairobi')('2027-12-13')).toBe('Jamhuri Day (substitute day)');
    // Deadline Monday 20 December 2027: the 7-day reminder was due on Monday 13, the substitute day.
    const reminder = plan(
      definition,
      invited('Africa/Nairobi', '2027-12-20', 'Nairobi'),
      new Date('2027-11-03T00:00:00Z'),
    ).find((t) => t.timerId === 'reminder-7');
    expect(reminder?.localDueAt).toBe('2027-12-14T09:00:00+03:00');
    expect(reminder?.movedFrom).toEqual({
      date: '2027-12-13',
      holidays: [{ date: '2027-12-13', name: 'Jamhuri Day (substitute day)' }],
    });
  });

  it('Lunar New Year in Bangkok: not a public holiday of Thailand in the library, so the Ethics Office adds it as the UN list does', () => {
    expect(stationCalendar('Bangkok')('2026-02-17')).toBeNull();
    const added = [{ date: '2026-02-17', name: 'Lunar New Year', effect: 'add' }] as const;
    expect(stationCalendar('Bangkok', added)('2026-02-17')).toBe('Lunar New Year');
    // Deadline Tuesday 24 February 2026: the 7-day reminder falls on Tuesday 17, Lunar New Year.
    const timers = plan(
      definition,
      invited('Asia/Bangkok', '2026-02-24', 'Bangkok', added),
      new Date('2025-11-03T00:00:00Z'),
    );
    expect(timers.find((t) => t.timerId === 'reminder-7')?.localDueAt).toBe('2026-02-18T09:00:00+07:00');
  });

  it('Eid al-Fitr in Beirut comes only from the Ethics Office list; a removal hides a library holiday', () => {
    const eid = [
      { date: '2026-03-20', name: 'Eid al-Fitr', effect: 'add' },
      { date: '2026-12-25', name: 'Christmas Day', effect: 'remove' },
    ] as const;
    expect(stationCalendar('Beirut')('2026-03-20')).toBeNull();
    expect(stationCalendar('Beirut', eid)('2026-03-20')).toBe('Eid al-Fitr');
    expect(
      stationCalendar('Geneva', [{ date: '2026-12-25', name: 'Christmas Day', effect: 'remove' }])(
        '2026-12-25',
      ),
    ).toBeNull();
    expect(stationCalendar('Geneva')('2026-12-25')).toBe('Christmas Day');
  });
});
