import { DateTime } from 'luxon';
import { LOCAL_ZONE, type WorkflowDefinition } from './definition.schema';
import {
  addDays,
  endOfLocalDay,
  localDateOf,
  localSendSlot,
  NO_HOLIDAYS,
  toLocalIso,
  type HolidayCalendar,
  type LocalSendSlot,
} from './local-time';

export interface PlannedDigest {
  dueAt: Date;
  localDueAt: string;
  template: string;
  to: string[];
  /** Set when holidays of the recipients' calendar pushed the slot: the date meant, and the holidays passed. */
  movedFrom?: NonNullable<LocalSendSlot['movedFrom']>;
}

const WEEK = [1, 2, 3, 4, 5, 6, 7];
const WORKING_WEEK = [1, 2, 3, 4, 5];

/**
 * The next digest strictly after `after`, at the digest's local time in its zone (the next working day when
 * the definition asks for working days only), or null when the definition has no digest or the next slot falls
 * after the end of the report cutoff day.
 */
export function nextDigest(
  def: WorkflowDefinition,
  after: Date,
  reportCutoff: string,
  /** The zone of a `local` digest's recipients. */
  localZone?: string,
  /** The public holidays of the recipients' place: a working-days digest skips them like a weekend. */
  holidays: HolidayCalendar = NO_HOLIDAYS,
): PlannedDigest | null {
  const digest = def.digest;
  if (!digest) return null;
  const zone = digest.timeZone === LOCAL_ZONE ? localZone : digest.timeZone;
  if (!zone) throw new Error(`${def.id} v${def.version}: a local digest needs the recipients' zone`);
  // The days a digest is meant for (a weekly one: its weekday), and the days it may be sent on when a holiday or
  // a weekend is in the way: a weekly digest due on a holiday Monday goes on Tuesday, not a week later.
  const meantFor = digest.weekdays ?? (digest.workingDaysOnly ? WORKING_WEEK : WEEK);
  const sendAt = { localTime: digest.localTime, workingDays: digest.workingDaysOnly ? WORKING_WEEK : WEEK };
  const stop = endOfLocalDay(reportCutoff, zone);
  // Only a digest limited to working days (or weekdays) waits for the end of a holiday; a daily one is daily.
  const off = digest.workingDaysOnly || digest.weekdays ? holidays : NO_HOLIDAYS;
  let date = localDateOf(after, zone);
  // A week of days to reach a meant day, and some more for the run of holidays a slot may be moved past.
  for (let i = 0; i < 14; i++, date = addDays(date, 1)) {
    if (!meantFor.includes(DateTime.fromISO(date, { zone }).weekday)) continue;
    const { dueAt, movedFrom } = localSendSlot(date, zone, sendAt, off);
    if (dueAt >= stop) return null;
    if (dueAt > after) {
      return {
        dueAt,
        localDueAt: toLocalIso(dueAt, zone),
        template: digest.template,
        to: [...digest.to],
        ...(movedFrom ? { movedFrom } : {}),
      };
    }
  }
  return null;
}
