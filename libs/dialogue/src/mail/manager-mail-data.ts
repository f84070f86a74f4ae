import { localDateOf, type WorkflowDefinition } from '@cascade/workflow';
import { sessionAdvice } from '../cascade/session-advice';
import type { ManagerMailFacts } from '../cascade/manager-mail-facts';
import { daysBetween } from '../shared/dates';
import { INTL_LOCALE } from '@cascade/i18n';
import type { Dialogue } from '../dialogue/dialogue.entity';
import { PERSONAL_LINK, type Recipient } from './mail-data';
import { frozenSessionOf, type FrozenSession } from '../cascade/session-calendar';

/** Templates whose recipient gets their own leader page link. */
const WITH_LEADER_LINK = new Set(['manager-your-turn', 'manager-reminder', 'session-record-reminder']);

/**
 * The variables of the manager workflow's templates (libs/mail/templates/<template>/sample.json), as of the
 * composing instant: the manager, their team's size advice, the scheduled session, the feedback link.
 */
export function managerMailData(
  template: string,
  facts: { dialogue: Dialogue; now: Date; frozen: Record<string, unknown> },
  cascade: ManagerMailFacts,
  definition: WorkflowDefinition,
  recipient: Recipient,
): Record<string, unknown> {
  const { manager } = cascade;
  const { entity } = manager.workflow;
  const lang = recipient.language;
  const materials = facts.dialogue.materials;
  const turnOn = manager.turnAt ? localDateOf(manager.turnAt, entity.timeZone) : null;
  const today = localDateOf(facts.now, entity.timeZone);
  const advice = sessionAdvice(
    {
      directReports: manager.directReports,
      secondReportingOfficer: cascade.boss && { name: cascade.boss.name, email: cascade.boss.email },
      peerManagers: cascade.peers.map((p) => ({ name: p.name, email: p.email })),
    },
    {
      splitAbove: definition.parameters['splitAbove'] ?? 25,
      jointBelow: definition.parameters['jointBelow'] ?? 10,
    },
  );
  // The session as it was decided (frozen in the payload), not as it may have changed since.
  const session = (facts.frozen['session'] as FrozenSession | undefined) ?? frozenSessionOf(manager);
  const sessionLanguage = session.language ?? manager.language;
  return {
    recipient: { name: recipient.name, role: recipient.role },
    dialogue: { year: facts.dialogue.year, topic: facts.dialogue.topic[lang] },
    entity: { code: entity.code, name: entity.name },
    manager: { name: manager.name, email: manager.email },
    deadline: manager.workflow.effectiveDeadline,
    portalUrl: WITH_LEADER_LINK.has(template) ? PERSONAL_LINK : null,
    consoleUrl: null,
    turnOn,
    daysSinceTurn: turnOn ? Math.max(0, daysBetween(turnOn, today)) : null,
    sessionMinutes: definition.parameters['sessionMinutes'] ?? 90,
    materials: {
      leadersGuide: materials.leadersGuide[lang],
      participantsGuide: materials.participantsGuide[lang],
      presentation: materials.presentation[lang],
    },
    advice: {
      kind: advice.kind,
      directReports: advice.directReports,
      sessions: advice.kind === 'split' ? advice.sessions : null,
      maxSize: advice.kind === 'split' ? advice.maxSize : null,
      secondReportingOfficer: advice.kind === 'joint' ? advice.secondReportingOfficer : null,
      units: advice.kind === 'joint' ? advice.units : [],
    },
    session: {
      startsAt: session.startsAt,
      minutes: session.minutes,
      place: session.place,
      url: session.url,
      language: sessionLanguage,
      languageName: languageName(sessionLanguage, INTL_LOCALE[lang]),
      heldOn: cascade.latestSession?.heldOn ?? null,
    },
    update: session.sequence > 0,
    feedbackUrl: template === 'session-feedback' ? PERSONAL_LINK : null,
  };
}

/** A language's name as the recipient calls it ("anglais" for a French reader). */
function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
