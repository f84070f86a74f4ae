import { DateTime } from 'luxon';
import type { PlannedTimer } from '@cascade/workflow';

/**
 * Why a timer is not on the day its rule says, in the words the plan preview shows:
 * "moved from Friday 25 December: Christmas Day, New York". Null when no holiday moved it.
 */
export function movedByHolidays(movedFrom: PlannedTimer['movedFrom'], dutyStation: string): string | null {
  if (!movedFrom) return null;
  const day = DateTime.fromISO(movedFrom.date, { zone: 'utc' }).setLocale('en').toFormat('cccc d LLLL');
  const names = [...new Set(movedFrom.holidays.map((h) => h.name))].join(', ');
  return `moved from ${day}: ${names}, ${dutyStation}`;
}
