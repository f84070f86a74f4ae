import { localDateOf } from '@cascade/workflow';
import type { Dialogue } from '../dialogue/dialogue.entity';
import type { Language } from '../shared/languages';
import { daysBetween } from '../shared/dates';
import type { StatisticsSubmission } from '../statistics/statistics-submission.entity';
import type { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';

/**
 * Stands for the recipient's personal link in the stored mail: the token is made when the mail is delivered, so
 * it never rests in the database (only its hash does) and the mail log shows where it was.
 */
export const PERSONAL_LINK = 'https://personal-link.invalid/cascade';

export interface Recipient {
  name: string;
  address: string;
  language: Language;
  role: 'focal-point' | 'head-of-entity' | 'leader' | 'ethics-office';
  timeZone: string;
}

/** What the mail's data is built from: read once per composition, in the composing transaction. */
export interface MailFacts {
  dialogue: Dialogue;
  instance: EntityWorkflow | null;
  now: Date;
  statistics: StatisticsSubmission | null;
  extensionReason: string | null;
  /** Facts frozen when the mail was decided (e.g. the digest's lagging entities, the escalation level). */
  frozen: Record<string, unknown>;
}

/**
 * The variables of each template (see libs/mail/templates/<template>/sample.json) for one recipient. Values a
 * template tests with `{{#if}}` are given as null when absent.
 */
export function mailData(template: string, facts: MailFacts, recipient: Recipient): Record<string, unknown> {
  const { dialogue, instance, now } = facts;
  const lang = recipient.language;
  const base: Record<string, unknown> = {
    recipient: { name: recipient.name, role: recipient.role },
    dialogue: { year: dialogue.year, topic: dialogue.topic[lang] },
    portalUrl:
      instance && (recipient.role === 'focal-point' || recipient.role === 'head-of-entity')
        ? PERSONAL_LINK
        : null,
    consoleUrl: null,
  };
  if (!instance) {
    return {
      ...base,
      digestDate: localDateOf(now, recipient.timeZone),
      entities: (facts.frozen['lagging'] as unknown[]) ?? [],
    };
  }
  const entity = instance.entity;
  const today = localDateOf(now, entity.timeZone);
  const deadline = instance.effectiveDeadline;
  const common = { ...base, entity: { code: entity.code, name: entity.name }, deadline };
  switch (template) {
    case 'invitation':
    case 'late-entity-welcome':
      return {
        ...common,
        materials: {
          leadersGuide: dialogue.materials.leadersGuide[lang],
          participantsGuide: dialogue.materials.participantsGuide[lang],
          presentation: dialogue.materials.presentation[lang],
        },
      };
    case 'reminder':
      return {
        ...common,
        daysLeft: Math.max(0, daysBetween(today, deadline)),
        extended: !!instance.extendedDeadline,
      };
    case 'nudge': {
      const invitedOn = instance.invitedAt ? localDateOf(instance.invitedAt, entity.timeZone) : today;
      return { ...common, invitedOn, daysSinceInvitation: daysBetween(invitedOn, today) };
    }
    case 'overdue-notice':
      return { ...common, daysOverdue: Math.max(0, daysBetween(deadline, today)) };
    case 'escalation':
      return {
        ...common,
        daysOverdue: Math.max(0, daysBetween(deadline, today)),
        escalationLevel: (facts.frozen['escalationLevel'] as number | undefined) ?? instance.escalationLevel,
        sessionsRecorded: instance.sessionsRecorded,
        focalPoints: entity.focalPoints.isInitialized()
          ? entity.focalPoints.getItems().map((fp) => ({ name: fp.name, address: fp.email }))
          : [],
      };
    case 'extension-granted':
      return {
        ...common,
        previousDeadline: instance.deadline,
        newDeadline: deadline,
        reason: facts.extensionReason ?? '',
        beyondReportCutoff: deadline > dialogue.reportCutoff,
      };
    case 'extension-refused':
      return { ...common, reason: facts.extensionReason ?? '' };
    case 'statistics-received': {
      const s = facts.statistics;
      return {
        ...common,
        statistics: s
          ? {
              eligibleStaff: s.eligibleStaff,
              staffParticipated: s.staffParticipated,
              sessionsHeld: s.sessionsHeld,
              managersLed: s.managersLed,
              nonStaffParticipants: s.nonStaffParticipants,
              revision: s.revision,
              submittedBy: s.submittedBy,
              submittedAt: s.submittedAt,
            }
          : null,
      };
    }
    case 'question-answered':
      return {
        ...common,
        session: { heldOn: facts.frozen['heldOn'] },
        question: facts.frozen['question'],
        answer: facts.frozen['answer'],
      };
    case 'report-issued':
      return {
        ...common,
        report: { version: facts.frozen['reportVersion'] ?? 1, issuedOn: today },
        listedAsCompleted: instance.state === 'reported',
      };
    default:
      return common;
  }
}
