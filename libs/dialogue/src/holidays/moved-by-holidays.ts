import { DateTime } from 'luxon';
import type { PlannedTimer } from '@cascade/workflow';

/**
 * Why a timer is not on the day its rule says, in the words the plan preview shows:
 * "moved from Friday 25 December: Christmas Day, New York". Null when no holiday moved it.
 */
export function movedByHolidays(movedFrom: PlannedTimer['movedFrom'], dutyStation: string): string | null {
  if (!movedFrom) return null;
  const day = DateTime.fromISO(movedFrom.date, { zone: 'utc' }).setLocale('en').toFormat('cccc d LLLL');
  return `moved from ${day}: ${holidaysAt(movedFrom, dutyStation)}`;
}

/** The holidays that moved a timer, and where: "Christmas Day, New York". Null when none did. */
export function holidaysAt(movedFrom: PlannedTimer['movedFrom'], dutyStation: string): string | null {
  if (!movedFrom) return null;
  return [...new Set(movedFrom.holidays.map((h) => h.name)), dutyStation].join(', ');
}
