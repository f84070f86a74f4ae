import { DateTime } from 'luxon';
import { INTL_LOCALE, type Language } from './languages';

export type DateStyle = 'long' | 'full' | 'medium';

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_STYLES: readonly string[] = ['long', 'full', 'medium'];

type Formatter = Intl.DateTimeFormat | Intl.NumberFormat;
const formatters = new Map<string, Formatter>();

// Building an Intl formatter costs far more than using one; a render uses the same few again and again.
function cached<T extends Formatter>(key: string, make: () => T): T {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make()));
  return f as T;
}

/** A number, or a numeric string; anything else is a bug in the data. */
export function toNumber(value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new Error(`not a number: ${JSON.stringify(value)}`);
  return n;
}

/** True for '2027-12-31': a day of a calendar, which has no time of day and no zone. */
export function isCalendarDate(value: unknown): value is string {
  return typeof value === 'string' && CALENDAR_DATE.test(value);
}

/**
 * A calendar date ('2027-12-31') is a day in the entity's own calendar and is shown as is (in UTC); an instant
 * (a Date or an ISO string with a time) is shown as it is in `timeZone`.
 */
function toInstant(value: unknown, timeZone: string): { instant: Date; zone: string; day: boolean } {
  if (value instanceof Date && !Number.isNaN(value.getTime()))
    return { instant: value, zone: timeZone, day: false };
  if (isCalendarDate(value)) {
    const day = DateTime.fromISO(value, { zone: 'utc' });
    if (day.isValid) return { instant: day.toJSDate(), zone: 'UTC', day: true };
  } else if (typeof value === 'string') {
    const dt = DateTime.fromISO(value, { setZone: true });
    if (dt.isValid) return { instant: dt.toJSDate(), zone: timeZone, day: false };
  }
  throw new Error(`not a date: ${JSON.stringify(value)}`);
}

export interface DateOptions {
  /** The zone instants are shown in. */
  timeZone: string;
  style?: DateStyle;
  /** Also show an instant's time of day (a calendar date has none, and stays a day). */
  time?: 'short';
}

/** A date in the language: `long` (31 December 2027), `full` (with the weekday) or `medium`. */
export function formatDate(value: unknown, lang: Language, options: DateOptions): string {
  const style = options.style ?? 'long';
  if (!DATE_STYLES.includes(style)) throw new Error(`unknown date format '${style}'`);
  const { instant, zone, day } = toInstant(value, options.timeZone);
  const locale = INTL_LOCALE[lang];
  const time = options.time && !day ? options.time : undefined;
  return cached(
    `d|${locale}|${zone}|${style}|${time ?? ''}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: style, timeStyle: time, timeZone: zone }),
  ).format(instant);
}

/** Day, time and zone of an instant in `timeZone` ("1 February 2027 at 04:00 GMT+4:30"). */
export function formatDateTime(value: unknown, lang: Language, timeZone: string): string {
  if (isCalendarDate(value)) throw new Error(`'${value}' has no time of day`);
  const { instant } = toInstant(value, timeZone);
  const locale = INTL_LOCALE[lang];
  const options: Intl.DateTimeFormatOptions = {
    ...{ day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' },
    ...{ timeZone, timeZoneName: 'short' },
  };
  return cached(`dt|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, options)).format(instant);
}

/** A number with the language's digit grouping. */
export function formatNumber(value: unknown, lang: Language): string {
  const locale = INTL_LOCALE[lang];
  return cached(`n|${locale}`, () => new Intl.NumberFormat(locale)).format(toNumber(value));
}

/** A ratio (0..1) as a percentage with at most `digits` fraction digits. */
export function formatPercent(ratio: unknown, lang: Language, digits: number): string {
  const locale = INTL_LOCALE[lang];
  return cached(
    `p|${locale}|${digits}`,
    () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }),
  ).format(toNumber(ratio));
}
