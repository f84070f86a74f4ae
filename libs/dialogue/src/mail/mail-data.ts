import { localDateOf } from '@cascade/workflow';
import type { Dialogue } from '../dialogue/dialogue.entity';
import { pickTranslation, type Language } from '../shared/languages';
import { materialsData } from './materials-data';
import { daysBetween } from '../shared/dates';
import type { StatisticsSubmission } from '../statistics/statistics-submission.entity';
import type { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import type { ManagerMailFacts } from '../cascade/manager-mail-facts';
import { entityNameIn } from '../entity/entity-names';
import type { ReportMailFacts } from '../report/report-mails';

/**
 * Stands for the recipient's personal link in the stored mail: the token is made when the mail is delivered, so
 * it never rests in the database (only its hash does) and the mail log shows where it was.
 */
export const PERSONAL_LINK = 'https://personal-link.invalid/cascade';

export interface Recipient {
  name: string;
  address: string;
  language: Language;
  role: 'focal-point' | 'head-of-entity' | 'leader' | 'ethics-office' | 'manager' | 'team-member';
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
  /** For a manager workflow's mail: the manager, their tree neighbours and latest session. */
  cascade: ManagerMailFacts | null;
}

/**
 * The variables of each template (see libs/mail/templates/<template>/sample.json) for one recipient. Values a
 * template tests with `{{#if}}` are given as null when absent.
 */
export function mailData(template: string, facts: MailFacts, recipient: Recipient): Record<string, unknown> {
  const { dialogue, instance, now } = facts;
  const lang = recipient.language;
  const entityLanguage = instance ? [instance.entity.language] : [];
  const base: Record<string, unknown> = {
    recipient: { name: recipient.name, role: recipient.role },
    dialogue: {
      year: dialogue.year,
      topic: pickTranslation(dialogue.topic, [lang, ...entityLanguage]).value,
    },
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
  // The entity's name as its reader writes it (the UN's official name in their language, else the English one).
  const common = { ...base, entity: { code: entity.code, name: entityNameIn(entity, lang) }, deadline };
  const extra = Object.hasOwn(ENTITY_TEMPLATE_DATA, template) ? ENTITY_TEMPLATE_DATA[template] : undefined;
  return extra ? { ...common, ...extra({ facts, instance, lang, today, deadline }) } : common;
}

/** What one entity mail is about, as of the instant that caused it. */
interface EntityMailContext {
  facts: MailFacts;
  instance: EntityWorkflow;
  lang: Language;
  /** The entity's local day of the cause. */
  today: string;
  /** The effective deadline (the extension's, if any). */
  deadline: string;
}

type TemplateData = (context: EntityMailContext) => Record<string, unknown>;

const materials: TemplateData = ({ facts: { dialogue }, instance, lang }) => ({
  materials: materialsData(dialogue.materials, [lang, instance.entity.language]),
});

const daysOverdue = ({ today, deadline }: EntityMailContext) => Math.max(0, daysBetween(deadline, today));

/** The variables an entity template adds to the common ones (entity, deadline, recipient, dialogue, links). */
const ENTITY_TEMPLATE_DATA: Record<string, TemplateData> = {
  invitation: materials,
  'late-entity-welcome': materials,
  reminder: ({ instance, today, deadline }) => ({
    daysLeft: Math.max(0, daysBetween(today, deadline)),
    extended: !!instance.extendedDeadline,
  }),
  nudge: ({ instance, today }) => {
    const invitedOn = instance.invitedAt ? localDateOf(instance.invitedAt, instance.entity.timeZone) : today;
    return { invitedOn, daysSinceInvitation: daysBetween(invitedOn, today) };
  },
  'overdue-notice': (context) => ({ daysOverdue: daysOverdue(context) }),
  escalation: (context) => {
    const { instance, facts } = context;
    const focalPoints = instance.entity.focalPoints;
    return {
      daysOverdue: daysOverdue(context),
      escalationLevel: (facts.frozen['escalationLevel'] as number | undefined) ?? instance.escalationLevel,
      sessionsRecorded: instance.sessionsRecorded,
      focalPoints: focalPoints.isInitialized()
        ? focalPoints.getItems().map((fp) => ({ name: fp.name, address: fp.email }))
        : [],
    };
  },
  'extension-granted': ({ instance, facts, deadline }) => ({
    previousDeadline: instance.deadline,
    newDeadline: deadline,
    reason: facts.extensionReason ?? '',
    beyondReportCutoff: deadline > facts.dialogue.reportCutoff,
    reportCutoff: facts.dialogue.reportCutoff,
  }),
  'extension-refused': ({ facts }) => ({ reason: facts.extensionReason ?? '' }),
  'statistics-received': ({ facts: { statistics: s } }) => ({
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
  }),
  'question-answered': ({ facts: { frozen } }) => ({
    session: { heldOn: frozen['heldOn'] },
    question: frozen['question'],
    answer: frozen['answer'],
  }),
  'managers-digest': ({ facts: { frozen }, today }) => ({
    digestDate: today,
    managers: frozen['managers'] ?? [],
    counts: frozen['counts'] ?? { managers: 0, held: 0, scheduled: 0, lagging: 0 },
  }),
  // As the issued version lists the entity, whatever its state when the mail is composed.
  'report-issued': ({ facts, instance, today }) => {
    const frozen = facts.frozen as Partial<ReportMailFacts>;
    return {
      report: {
        version: frozen.reportVersion ?? 1,
        issuedOn: frozen.reportIssuedAt
          ? localDateOf(new Date(frozen.reportIssuedAt), instance.entity.timeZone)
          : today,
      },
      listedAsCompleted: frozen.listedAsCompleted ?? instance.state === 'reported',
    };
  },
};
