import Holidays from 'date-holidays';
import type { HolidayCalendar } from '@cascade/workflow';
import { regionOf } from './duty-station-regions';

/** One change the Ethics Office makes to a duty station's library holidays. */
export interface HolidayOverride {
  date: string;
  name: string;
  effect: 'add' | 'remove';
}

/**
 * Library holidays per station, year and language: the library computes a year's list in milliseconds, but timers
 * ask often.
 */
const libraryCache = new Map<string, Map<string, string>>();

/**
 * The public holidays the library knows at the duty station in that year, by local date (substitute days
 * included, as the library reports them); none for a station the table does not place. Named in `language`
 * where the library has the name in it, else in English (the library's own fallback).
 */
export function libraryHolidays(
  dutyStation: string,
  year: number,
  language = 'en',
): ReadonlyMap<string, string> {
  const place = regionOf(dutyStation);
  if (!place) return new Map();
  const cacheKey = `${place.country}-${place.region ?? ''}-${year}-${language}`;
  const cached = libraryCache.get(cacheKey);
  if (cached) return cached;
  const library = new Holidays(place.country, place.region ?? '', {
    types: ['public'],
    languages: [language],
  });
  const days = new Map<string, string>();
  for (const holiday of library.getHolidays(year, language) || []) {
    if (holiday.type !== 'public') continue;
    // The library's `date` is the local calendar day ('YYYY-MM-DD hh:mm:ss'); two holidays may share it.
    const date = holiday.date.slice(0, 10);
    days.set(date, days.has(date) ? `${days.get(date)}, ${holiday.name}` : holiday.name);
  }
  libraryCache.set(cacheKey, days);
  return days;
}

/**
 * The duty station's holiday calendar: the library's public holidays, less those the Ethics Office removes (the
 * UN does not observe them there), plus those it adds (the UN's own list, e.g. Eid where the library has none).
 */
export function stationCalendar(
  dutyStation: string,
  overrides: readonly HolidayOverride[] = [],
): HolidayCalendar {
  const added = new Map(overrides.filter((o) => o.effect === 'add').map((o) => [o.date, o.name]));
  const removed = new Set(overrides.filter((o) => o.effect === 'remove').map((o) => o.date));
  return (date) => {
    const own = added.get(date);
    if (own !== undefined) return own;
    if (removed.has(date)) return null;
    return libraryHolidays(dutyStation, Number(date.slice(0, 4))).get(date) ?? null;
  };
}

/**
 * A holiday's name in the reader's language: the library's name of that day in `language` when the name given is
 * the library's English one (the Ethics Office's own holidays keep the name it typed).
 */
export function holidayNameIn(dutyStation: string, date: string, name: string, language: string): string {
  if (language === 'en') return name;
  const year = Number(date.slice(0, 4));
  if (libraryHolidays(dutyStation, year).get(date) !== name) return name;
  return libraryHolidays(dutyStation, year, language).get(date) ?? name;
}
