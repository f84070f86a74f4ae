import type { EntityManager } from '@mikro-orm/core';
import type { HolidayCalendar } from '@cascade/workflow';
import { DutyStationHoliday } from './duty-station-holiday.entity';
import { stationCalendar, type HolidayOverride } from './station-calendar';

/** The holiday calendar of each duty station asked for, as of the caller's transaction. */
export type StationCalendars = (dutyStation: string) => HolidayCalendar;

// The Ethics Office's changes already read in a unit of work, per station: a firing checks its timers against the
// calendars and then re-plans with them in the same transaction, which must not read the table twice.
const readIn = new WeakMap<EntityManager, Map<string, HolidayOverride[]>>();

async function overridesIn(em: EntityManager, stations: string[]): Promise<Map<string, HolidayOverride[]>> {
  let known = readIn.get(em);
  if (!known) readIn.set(em, (known = new Map()));
  const missing = stations.filter((station) => !known.has(station));
  if (missing.length > 0) {
    for (const station of missing) known.set(station, []);
    for (const row of await em.find(DutyStationHoliday, { dutyStation: { $in: missing } }))
      known.get(row.dutyStation)?.push({ date: row.date, name: row.name, effect: row.effect });
  }
  return known;
}

/**
 * Reads the Ethics Office's changes for these duty stations (one query, none for stations this unit of work has
 * read already). Every place that plans timers (the planner, the firing check, the preview) reads them the same
 * way, so they agree on every slot.
 */
export async function loadStationCalendars(
  em: EntityManager,
  dutyStations: Iterable<string>,
): Promise<StationCalendars> {
  const overridesOf = await overridesIn(em, [...new Set(dutyStations)]);
  const calendars = new Map<string, HolidayCalendar>();
  return (dutyStation) => {
    let calendar = calendars.get(dutyStation);
    if (!calendar) {
      calendar = stationCalendar(dutyStation, overridesOf.get(dutyStation) ?? []);
      calendars.set(dutyStation, calendar);
    }
    return calendar;
  };
}

/** After the unit of work changes the holiday table itself: its next plans read the table again. */
export function forgetStationCalendars(em: EntityManager): void {
  readIn.delete(em);
}
