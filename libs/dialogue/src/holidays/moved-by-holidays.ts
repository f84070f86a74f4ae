import { DateTime } from 'luxon';
import type { PlannedTimer } from '@cascade/workflow';
import { holidayNameIn } from './station-calendar';

/**
 * Why a timer is not on the day its rule says, in the words the plan preview shows:
 * "moved from Friday 25 December: Christmas Day, New York". Null when no holiday moved it.
 */
export function movedByHolidays(movedFrom: PlannedTimer['movedFrom'], dutyStation: string): string | null {
  if (!movedFrom) return null;
  const day = DateTime.fromISO(movedFrom.date, { zone: 'utc' }).setLocale('en').toFormat('cccc d LLLL');
  return `moved from ${day}: ${holidaysAt(movedFrom, dutyStation)}`;
}

/**
 * The holidays that moved a timer, and where: "Christmas Day, New York" ("Noël, New York" in French: the library's
 * names in the reader's language where it has them). Null when none did.
 */
export function holidaysAt(
  movedFrom: PlannedTimer['movedFrom'],
  dutyStation: string,
  language = 'en',
): string | null {
  if (!movedFrom) return null;
  const names = movedFrom.holidays.map((h) => holidayNameIn(dutyStation, h.date, h.name, language));
  return [...new Set(names), dutyStation].join(', ');
}
