import { DateTime } from 'luxon';
import type { WorkflowDefinition } from '@cascade/workflow';
import { localDateOf } from '@cascade/workflow';
import type { Language } from '../shared/languages';
import type { ManagerWorkflow } from './manager-workflow.entity';
import { sessionAdvice, type AdviceParameters, type SessionAdvice } from './session-advice';

/** The session a manager has scheduled, as their own page shows it and its change form starts from. */
export interface ScheduledSession {
  startsAt: Date;
  /** 'YYYY-MM-DDTHH:mm' in the manager's zone: what they typed. */
  localStartsAt: string;
  minutes: number;
  place: string | null;
  url: string | null;
  language: Language;
}

/** One manager's place in the cascade: what their own page says at its top, and what the schedule form needs. */
export interface ManagerStanding {
  name: string;
  email: string;
  language: Language;
  state: string;
  /** The local day their turn came; null while they wait. */
  turnOn: string | null;
  /** The local day their session is expected by (their turn plus the definition's lagging delay), while awaited. */
  expectedBy: string | null;
  directReports: number;
  sessionsLed: number;
  excuseReason: string | null;
  /** The entity's duty-station zone: the session's local time is read in it. */
  timeZone: string;
  /** Only while the session is scheduled (a cancelled or held session is not shown as coming). */
  session: ScheduledSession | null;
  /** The definition's default length of a session, in minutes. */
  defaultMinutes: number;
  advice: SessionAdvice;
  /** The definition's numbers behind the advice, for saying it ("10 to 25"). */
  parameters: AdviceParameters;
}

type Person = { name: string; email: string; managerEmail: string | null; state: string };

/** States in which the manager's own session is still awaited. */
const AWAITED = new Set(['your-turn', 'scheduled']);

/** The definition's numbers of the advice and the session's default length (defaults where it has none). */
export function cascadeParameters(definition: WorkflowDefinition) {
  const p = definition.parameters;
  return {
    advice: { splitAbove: p['splitAbove'] ?? 25, jointBelow: p['jointBelow'] ?? 10 },
    sessionMinutes: p['sessionMinutes'] ?? 90,
    laggingAfterDays: p['laggingAfterDays'] ?? 14,
  };
}

/**
 * Pure: the manager's standing from their instance and those of their own manager and peers (the managers with
 * the same manager, whose units a joint session would join); withdrawn managers are left out of the advice.
 */
export function managerStandingOf(
  manager: ManagerWorkflow,
  neighbours: readonly Person[],
  definition: WorkflowDefinition,
  timeZone: string,
): ManagerStanding {
  const { advice: parameters, sessionMinutes, laggingAfterDays } = cascadeParameters(definition);
  const turnOn = manager.turnAt ? localDateOf(manager.turnAt, timeZone) : null;
  const present = neighbours.filter((m) => m.state !== 'withdrawn' && m.email !== manager.email);
  const boss = manager.managerEmail ? present.find((m) => m.email === manager.managerEmail) : undefined;
  const peers = manager.managerEmail
    ? present
        .filter((m) => m.managerEmail === manager.managerEmail)
        .map(({ name, email }) => ({ name, email }))
    : [];
  const start = manager.sessionStartsAt;
  return {
    name: manager.name,
    email: manager.email,
    language: manager.language,
    state: manager.state,
    turnOn,
    // The day after which the manager counts as lagging (and their Focal Point is told): the date to aim for.
    expectedBy:
      turnOn && AWAITED.has(manager.state)
        ? (DateTime.fromISO(turnOn, { zone: 'utc' }).plus({ days: laggingAfterDays }).toISODate() as string)
        : null,
    directReports: manager.directReports,
    sessionsLed: manager.sessionsLed,
    excuseReason: manager.excuseReason,
    timeZone,
    session:
      manager.state === 'scheduled' && start
        ? {
            startsAt: start,
            localStartsAt: DateTime.fromJSDate(start, { zone: timeZone }).toFormat("yyyy-MM-dd'T'HH:mm"),
            minutes: manager.sessionMinutes ?? sessionMinutes,
            place: manager.sessionPlace,
            url: manager.sessionUrl,
            language: manager.sessionLanguage ?? manager.language,
          }
        : null,
    defaultMinutes: sessionMinutes,
    advice: sessionAdvice(
      {
        directReports: manager.directReports,
        secondReportingOfficer: boss ? { name: boss.name, email: boss.email } : null,
        peerManagers: peers,
      },
      parameters,
    ),
    parameters,
  };
}
