import { DateTime } from 'luxon';
import { LOCAL_ZONE, type WorkflowDefinition } from './definition.schema';
import {
  addDays,
  atLocalSendTime,
  endOfLocalDay,
  localDateOf,
  NO_HOLIDAYS,
  toLocalIso,
  type HolidayCalendar,
} from './local-time';

export interface PlannedDigest {
  dueAt: Date;
  localDueAt: string;
  template: string;
  to: string[];
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
  const days = digest.weekdays ?? (digest.workingDaysOnly ? WORKING_WEEK : WEEK);
  const sendAt = { localTime: digest.localTime, workingDays: days };
  const stop = endOfLocalDay(reportCutoff, zone);
  let date = localDateOf(after, zone);
  // Only a digest limited to working days waits for the end of a holiday; a daily one is daily.
  const off = digest.workingDaysOnly || digest.weekdays ? holidays : NO_HOLIDAYS;
  // At most a week of days (and a run of holidays, skipped inside atLocalSendTime) can pass before a slot.
  for (let i = 0; i < 9; i++) {
    const dueAt = atLocalSendTime(date, zone, sendAt, off);
    if (dueAt >= stop) return null;
    if (dueAt > after) {
      return {
        dueAt,
        localDueAt: toLocalIso(dueAt, zone),
        template: digest.template,
        to: [...digest.to],
      };
    }
    date = addDays(DateTime.fromJSDate(dueAt, { zone }).toISODate() as string, 1);
  }
  return null;
}
