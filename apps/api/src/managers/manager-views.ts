import { toLocalIso } from '@cascade/workflow';
import type { ManagerWorkflow, Timer } from '@cascade/dialogue';
import { timerView } from '../instances/views';

/** A manager's instance as the API shows it (its entity instance, with the entity, must be loaded). */
export const managerView = (m: ManagerWorkflow) => ({
  email: m.email,
  name: m.name,
  language: m.language,
  managerEmail: m.managerEmail,
  directReports: m.directReports,
  state: m.state,
  turnAt: m.turnAt,
  sessionsLed: m.sessionsLed,
  session:
    m.state === 'scheduled' && m.sessionStartsAt
      ? {
          startsAt: m.sessionStartsAt,
          localStartsAt: toLocalIso(m.sessionStartsAt, m.workflow.entity.timeZone),
          minutes: m.sessionMinutes,
          place: m.sessionPlace,
          url: m.sessionUrl,
          language: m.sessionLanguage ?? m.language,
        }
      : null,
  calendarSequence: m.calendarSequence,
  excuseReason: m.excuseReason,
  updatedAt: m.updatedAt,
  version: m.version,
});

/** A manager's timer on their timeline: when, what it sends, and what became of it. */
export const managerTimerView = (t: Timer) => ({
  ...timerView(t),
  status: t.status,
  closedAt: t.closedAt,
  outcome: t.outcome,
});
