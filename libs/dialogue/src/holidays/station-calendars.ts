import type { EntityManager } from '@mikro-orm/core';
import type { HolidayCalendar } from '@cascade/workflow';
import { DutyStationHoliday } from './duty-station-holiday.entity';
import { stationCalendar, type HolidayOverride } from './station-calendar';

/** The holiday calendar of each duty station asked for, as of the caller's transaction. */
export type StationCalendars = (dutyStation: string) => HolidayCalendar;

/**
 * Reads the Ethics Office's changes for these duty stations in one query. Every place that plans timers (the
 * planner, the firing check, the preview) reads them the same way, so they agree on every slot.
 */
export async function loadStationCalendars(
  em: EntityManager,
  dutyStations: Iterable<string>,
): Promise<StationCalendars> {
  const stations = [...new Set(dutyStations)];
  const rows =
    stations.length === 0 ? [] : await em.find(DutyStationHoliday, { dutyStation: { $in: stations } });
  const overridesOf = new Map<string, HolidayOverride[]>();
  for (const row of rows) {
    const list = overridesOf.get(row.dutyStation) ?? [];
    list.push({ date: row.date, name: row.name, effect: row.effect });
    overridesOf.set(row.dutyStation, list);
  }
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
