import { DateTime } from 'luxon';
import type { WorkflowDefinition } from './definition.schema';
import { addDays, atLocalSendTime, endOfLocalDay, localDateOf, toLocalIso } from './local-time';

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
export function nextDigest(def: WorkflowDefinition, after: Date, reportCutoff: string): PlannedDigest | null {
  const digest = def.digest;
  if (!digest) return null;
  const sendAt = { localTime: digest.localTime, workingDays: digest.workingDaysOnly ? WORKING_WEEK : WEEK };
  const stop = endOfLocalDay(reportCutoff, digest.timeZone);
  let date = localDateOf(after, digest.timeZone);
  // At most a week of days can pass before a send slot after `after` (working days are never all off).
  for (let i = 0; i < 9; i++) {
    const dueAt = atLocalSendTime(date, digest.timeZone, sendAt);
    if (dueAt >= stop) return null;
    if (dueAt > after) {
      return {
        dueAt,
        localDueAt: toLocalIso(dueAt, digest.timeZone),
        template: digest.template,
        to: [...digest.to],
      };
    }
    date = addDays(DateTime.fromJSDate(dueAt, { zone: digest.timeZone }).toISODate() as string, 1);
  }
  return null;
}
