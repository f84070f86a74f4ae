import { endOfLocalDay, isIsoDate } from './local-time';
import type { InstanceSnapshot, WorkflowEvent } from './instance';

export interface GuardContext {
  instance: InstanceSnapshot;
  event: WorkflowEvent;
  now: Date;
}

/** `null` when the guard passes, otherwise why it refused (shown to people). */
export type GuardCheck = (ctx: GuardContext) => string | null;

export interface Guard {
  check: GuardCheck;
  /** Depends on the event payload, so it cannot be judged before the payload is known (see availableEvents). */
  usesPayload: boolean;
}

export const GUARDS: Readonly<Record<string, Guard>> = {
  'has-sessions': {
    usesPayload: false,
    check: ({ instance }) => (instance.sessionsRecorded > 0 ? null : 'no session has been recorded'),
  },
  'no-sessions': {
    usesPayload: false,
    check: ({ instance }) =>
      instance.sessionsRecorded === 0 ? null : `${instance.sessionsRecorded} session(s) already recorded`,
  },
  'no-statistics': {
    usesPayload: false,
    check: ({ instance }) => (instance.statisticsSubmitted ? 'statistics have been submitted' : null),
  },
  'deadline-in-future': {
    usesPayload: true,
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
    check: ({ instance }) =>
      instance.effectiveDeadline <= instance.reportCutoff
        ? null
        : `the deadline ${instance.effectiveDeadline} is after the report cutoff ${instance.reportCutoff}`,
  },
  'deadline-beyond-cutoff': {
    usesPayload: false,
    check: ({ instance }) =>
      instance.effectiveDeadline > instance.reportCutoff
        ? null
        : `the deadline ${instance.effectiveDeadline} is within the report cutoff ${instance.reportCutoff}`,
  },
  'reason-given': {
    usesPayload: true,
    check: ({ event }) => (event.reason && event.reason.trim() !== '' ? null : 'a reason is required'),
  },
};

export const GUARD_NAMES = Object.keys(GUARDS);

export function isKnownGuard(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(GUARDS, name);
}
