import { DateTime, IANAZone } from 'luxon';

export interface SendAt {
  localTime: string; // 'HH:mm'
  workingDays: number[]; // ISO weekdays, 1 = Monday … 7 = Sunday
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// Newer ICU (Node 22 and later) also takes a UTC offset such as '+01:00' as a time zone. An entity's zone must be an
// IANA name, so that its dates follow daylight saving, and so that the same input is valid on every Node version.
const UTC_OFFSET = /^[+-]/;

export function isValidZone(zone: string): boolean {
  return !UTC_OFFSET.test(zone) && IANAZone.isValidZone(zone);
}

export function isIsoDate(date: string): boolean {
  return ISO_DATE.test(date) && DateTime.fromISO(date, { zone: 'utc' }).isValid;
}

function startOfLocalDate(date: string, zone: string): DateTime {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date 'YYYY-MM-DD': '${date}'`);
  const dt = DateTime.fromISO(date, { zone });
  if (!dt.isValid) throw new RangeError(`Invalid time zone '${zone}'`);
  return dt;
}

/** Calendar arithmetic in UTC so that adding days never depends on a zone's DST. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate() as string;
}

export function localDateOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate() as string;
}

/**
 * The public holidays of one place: the holiday's name for a local date 'YYYY-MM-DD', or null on an ordinary day.
 * The engine only asks; who decides (a holiday library, the Ethics Office's own list) is the caller's business.
 */
export type HolidayCalendar = (localDate: string) => string | null;

export const NO_HOLIDAYS: HolidayCalendar = () => null;

export interface HolidayOnTheWay {
  date: string;
  name: string;
}

/** A send slot, and when holidays pushed it: the date it was meant for and the holidays it stepped over. */
export interface LocalSendSlot {
  dueAt: Date;
  movedFrom: { date: string; holidays: HolidayOnTheWay[] } | null;
}

/** Enough for a long run of holidays and weekends (the longest official break is well under three weeks). */
const MAX_DAYS_SKIPPED = 31;

/**
 * The local send time on that date, moved forward to the next working day that is not a holiday of the calendar,
 * with the holidays that moved it.
 */
export function localSendSlot(
  date: string,
  zone: string,
  sendAt: SendAt,
  holidays: HolidayCalendar = NO_HOLIDAYS,
): LocalSendSlot {
  const [hour, minute] = sendAt.localTime.split(':').map(Number);
  let day = startOfLocalDate(date, zone);
  const skipped: HolidayOnTheWay[] = [];
  // Bounded: a week always contains a working day when the list is non-empty (enforced by the loader), and a
  // calendar that called a whole month a holiday is a data error not worth looping forever over.
  for (let i = 0; i < MAX_DAYS_SKIPPED; i++) {
    if (!sendAt.workingDays.includes(day.weekday)) {
      day = day.plus({ days: 1 });
      continue;
    }
    const localDate = day.toISODate() as string;
    const holiday = holidays(localDate);
    if (holiday === null) break;
    skipped.push({ date: localDate, name: holiday });
    day = day.plus({ days: 1 });
  }
  return {
    dueAt: day.set({ hour, minute, second: 0, millisecond: 0 }).toJSDate(),
    movedFrom: skipped.length > 0 ? { date, holidays: skipped } : null,
  };
}

/** The local send time on that date, moved forward to the next working day (and holiday-free day) when it is not one. */
export function atLocalSendTime(
  date: string,
  zone: string,
  sendAt: SendAt,
  holidays: HolidayCalendar = NO_HOLIDAYS,
): Date {
  return localSendSlot(date, zone, sendAt, holidays).dueAt;
}

/** The end of a local calendar day, i.e. the first instant of the next local day. */
export function endOfLocalDay(date: string, zone: string): Date {
  return startOfLocalDate(addDays(date, 1), zone).toJSDate();
}

/** ISO string with the zone's offset at that instant, e.g. '2026-12-24T09:00:00-05:00'. */
export function toLocalIso(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISO({ suppressMilliseconds: true }) as string;
}

/** Whole calendar days from `from` to `to` (both 'YYYY-MM-DD'). */
export function daysBetween(from: string, to: string): number {
  return Math.round(
    DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days,
  );
}
