import { factOf } from '../facts';
import { endOfLocalDay, isIsoDate } from '../local-time';
import type { GuardSet } from './guard';

const { count, flag, date } = factOf;

/** The entity workflow's guards (workflows/leadership-dialogue.v*.yaml). */
export const LEADERSHIP_DIALOGUE_GUARDS: GuardSet = {
  'has-sessions': {
    usesPayload: false,
    reads: { sessionsRecorded: 'count' },
    check: ({ instance }) =>
      count(instance, 'sessionsRecorded') > 0 ? null : 'no session has been recorded',
  },
  'no-sessions': {
    usesPayload: false,
    reads: { sessionsRecorded: 'count' },
    check: ({ instance }) => {
      const n = count(instance, 'sessionsRecorded');
      return n === 0 ? null : `${n} session(s) already recorded`;
    },
  },
  'no-statistics': {
    usesPayload: false,
    reads: { statisticsSubmitted: 'flag' },
    check: ({ instance }) =>
      flag(instance, 'statisticsSubmitted') ? 'statistics have been submitted' : null,
  },
  'deadline-in-future': {
    usesPayload: true,
    reads: {},
    check: ({ instance, event, now }) => {
      const d = event.newDeadline;
      if (d === undefined || !isIsoDate(d))
        return `new deadline must be a date 'YYYY-MM-DD', got '${d ?? ''}'`;
      return endOfLocalDay(d, instance.timeZone).getTime() > now.getTime()
        ? null
        : `new deadline ${d} is not in the future`;
    },
  },
  'deadline-within-cutoff': {
    usesPayload: false,
    reads: { effectiveDeadline: 'date', reportCutoff: 'date' },
    check: ({ instance }) => {
      const [deadline, cutoff] = [date(instance, 'effectiveDeadline'), date(instance, 'reportCutoff')];
      return deadline !== null && cutoff !== null && deadline <= cutoff
        ? null
        : `the deadline ${deadline} is after the report cutoff ${cutoff}`;
    },
  },
  'deadline-beyond-cutoff': {
    usesPayload: false,
    reads: { effectiveDeadline: 'date', reportCutoff: 'date' },
    check: ({ instance }) => {
      const [deadline, cutoff] = [date(instance, 'effectiveDeadline'), date(instance, 'reportCutoff')];
      return deadline !== null && cutoff !== null && deadline > cutoff
        ? null
        : `the deadline ${deadline} is within the report cutoff ${cutoff}`;
    },
  },
};
