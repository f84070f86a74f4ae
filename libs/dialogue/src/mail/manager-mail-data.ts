import { localDateOf, type WorkflowDefinition } from '@cascade/workflow';
import { sessionAdvice } from '../cascade/session-advice';
import type { ManagerMailFacts } from '../cascade/manager-mail-facts';
import { daysBetween } from '../shared/dates';
import type { Dialogue } from '../dialogue/dialogue.entity';
import { PERSONAL_LINK, type Recipient } from './mail-data';
import { materialsData } from './materials-data';
import { isLanguage, languageName, pickTranslation } from '../shared/languages';
import { frozenSessionOf, type FrozenSession } from '../cascade/session-calendar';
import { entityNameIn } from '../entity/entity-names';

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
    dialogue: {
      year: facts.dialogue.year,
      topic: pickTranslation(facts.dialogue.topic, [lang, entity.language]).value,
    },
    entity: { code: entity.code, name: entityNameIn(entity, lang) },
    manager: { name: manager.name, email: manager.email },
    deadline: manager.workflow.effectiveDeadline,
    portalUrl: WITH_LEADER_LINK.has(template) ? PERSONAL_LINK : null,
    consoleUrl: null,
    turnOn,
    daysSinceTurn: turnOn ? Math.max(0, daysBetween(turnOn, today)) : null,
    sessionMinutes: definition.parameters['sessionMinutes'] ?? 90,
    materials: materialsData(materials, [lang, entity.language]),
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
      languageName: isLanguage(sessionLanguage) ? languageName(sessionLanguage, lang) : sessionLanguage,
      heldOn: cascade.latestSession?.heldOn ?? null,
    },
    update: session.sequence > 0,
    feedbackUrl: template === 'session-feedback' ? PERSONAL_LINK : null,
  };
}
