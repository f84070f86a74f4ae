import { buildSessionInvitation, type CalendarMethod } from '@cascade/mail';
import { isLanguage, type Language } from '../shared/languages';
import type { ManagerWorkflow } from './manager-workflow.entity';

/** The scheduled session as it was when its mail was decided: frozen into the mail's payload. */
export interface FrozenSession {
  startsAt: string | null;
  minutes: number | null;
  place: string | null;
  url: string | null;
  language: string | null;
  sequence: number;
}

export function frozenSessionOf(manager: ManagerWorkflow): FrozenSession {
  return {
    startsAt: manager.sessionStartsAt?.toISOString() ?? null,
    minutes: manager.sessionMinutes,
    place: manager.sessionPlace,
    url: manager.sessionUrl,
    language: manager.sessionLanguage,
    sequence: manager.calendarSequence,
  };
}

const METHOD_OF: Readonly<Record<string, CalendarMethod>> = {
  'session-invitation': 'REQUEST',
  'session-cancelled': 'CANCEL',
};

/**
 * The `.ics` a team member's mail carries for the templates that invite to a session or cancel it: one UID per
 * manager's session for the whole year, so that every change (a higher SEQUENCE) replaces the earlier one in the
 * attendee's calendar and a cancellation removes it.
 */
export function sessionCalendarFor(
  template: string,
  manager: ManagerWorkflow,
  session: FrozenSession,
  attendee: { name: string; address: string; language: Language },
  context: { now: Date; uidDomain: string },
): { method: CalendarMethod; content: string } | null {
  const method = METHOD_OF[template];
  if (!method || !session.startsAt) return null;
  const { entity, dialogue } = manager.workflow;
  const content = buildSessionInvitation({
    uid: `leadership-dialogue-${dialogue.year}-m${manager.id}@${context.uidDomain}`,
    sequence: session.sequence,
    method,
    stamp: context.now,
    start: new Date(session.startsAt),
    timeZone: entity.timeZone,
    durationMinutes: session.minutes ?? undefined,
    language: attendee.language,
    sessionLanguage: isLanguage(session.language) ? session.language : manager.language,
    year: dialogue.year,
    organizer: { name: manager.name, email: manager.email },
    attendees: [{ name: attendee.name, email: attendee.address, language: attendee.language }],
    location: session.place,
    url: session.url,
  });
  return { method, content };
}
