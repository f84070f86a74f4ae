import { EntityManager, type ObjectQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { SendMailPayload } from '@cascade/scheduling';
import { mailAudiences } from '@cascade/workflow';
import { Clock } from '@cascade/clock';
import { ManagerWorkflow } from '../cascade/manager-workflow.entity';
import { Dialogue } from '../dialogue/dialogue.entity';
import { Person } from '../org/person.entity';
import { questionAnsweredMail } from '../portal/question-answered-mail';
import { SessionQuestion } from '../portal/requests.entity';
import { entityNameIn } from '../entity/entity-names';
import type { Language } from '../shared/languages';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { WorkflowRegistry } from '../workflow-instance/workflow-registry';
import { MailComposer, type MailDraft, type MailPreview } from './mail-composer.service';

/**
 * Why a template cannot be shown with an entity's data: the fact Cascade would compose it from does not exist
 * for that entity (yet), or the mail is not about one entity at all.
 */
export type MissingFact =
  | 'no-recipients'
  | 'no-managers'
  | 'no-boss'
  | 'no-scheduled-session'
  | 'no-recorded-session'
  | 'no-extension-granted'
  | 'no-extension-refused'
  | 'no-statistics'
  | 'no-answered-question'
  | 'not-added-late'
  | 'no-report-issued'
  | 'frozen-when-decided'
  | 'not-about-an-entity';

export interface EntityMailPreviewRequest {
  template: string;
  language: Language;
  code: string;
  /** The dialogue year; the latest year the entity is in when absent. */
  year?: number;
  /** For a manager's mail: the manager's address; the first manager the mail could be about when absent. */
  manager?: string;
}

export interface PreviewedEntity {
  year: number;
  code: string;
  /** In the preview's language. */
  name: string;
  timeZone: string;
}

export type EntityMailPreview =
  | { kind: 'unknown-entity' }
  | { kind: 'unknown-manager'; entity: PreviewedEntity }
  | { kind: 'missing'; entity: PreviewedEntity; missing: MissingFact }
  | {
      kind: 'ready';
      entity: PreviewedEntity;
      /** The manager the mail is about, for a manager workflow's mail. */
      manager: { name: string; email: string } | null;
      /** The instant it is composed as of (now). */
      asOf: Date;
      draft: MailDraft;
    };

/** Mails whose content the decision that sends them draws up from what it sees then (the managers' digest's list). */
const FROZEN = new Set(['managers-digest']);
/** Mails sent by a service rather than by a workflow's definition, and whom they go to. */
const SENT_BY_SERVICES: Readonly<Record<string, string[]>> = {
  'report-issued': ['focal-points', 'head-of-entity'],
  // The invitation of an entity added late (the composer sends it in the invitation's place).
  'late-entity-welcome': ['focal-points', 'head-of-entity'],
};

/** What a manager's mail needs of the manager, and which managers have it. */
const MANAGER_NEEDS: Readonly<Record<string, { missing: MissingFact; has: ObjectQuery<ManagerWorkflow> }>> = {
  'manager-nudge': { missing: 'no-boss', has: { managerEmail: { $ne: null } } },
  'session-invitation': { missing: 'no-scheduled-session', has: { sessionStartsAt: { $ne: null } } },
  'session-cancelled': { missing: 'no-scheduled-session', has: { sessionStartsAt: { $ne: null } } },
  'session-record-reminder': { missing: 'no-scheduled-session', has: { sessionStartsAt: { $ne: null } } },
  'session-feedback': { missing: 'no-recorded-session', has: { sessionsLed: { $gt: 0 } } },
};

/**
 * A mail as Cascade would compose it now for one entity of a dialogue, for the console's preview: addressed as the
 * workflow addresses it, with the entity's real names and dates, through the real composer — and nothing written
 * (no mail row, no outbox row, no token: personal links stay the composer's placeholder, the token being made only
 * at delivery). A template that needs a fact the entity does not have says which instead of inventing it.
 */
@Injectable()
export class MailPreviewService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly registry: WorkflowRegistry,
    private readonly composer: MailComposer,
  ) {}

  /** The entities a preview may be composed for: those of `year`'s dialogue, or of the latest one, by code. */
  async entities(
    year?: number,
  ): Promise<{ year: number; entities: { code: string; name: string }[] } | null> {
    const em = this.em.fork();
    const [dialogue] = await em.find(Dialogue, year === undefined ? {} : { year }, {
      orderBy: { year: 'desc' },
      limit: 1,
    });
    if (!dialogue) return null;
    const instances = await em.find(
      EntityWorkflow,
      { dialogue },
      { fields: ['entity.code', 'entity.name'], orderBy: { entity: { code: 'asc' } } },
    );
    return {
      year: dialogue.year,
      entities: instances.map(({ entity }) => ({ code: entity.code, name: entity.name })),
    };
  }

  async forEntity(request: EntityMailPreviewRequest): Promise<EntityMailPreview> {
    const em = this.em.fork();
    const instance = await em.findOne(
      EntityWorkflow,
      {
        entity: { code: request.code },
        ...(request.year === undefined ? {} : { dialogue: { year: request.year } }),
      },
      { populate: ['dialogue', 'entity'], orderBy: { dialogue: { year: 'desc' } } },
    );
    if (!instance) return { kind: 'unknown-entity' };
    const { dialogue } = instance;
    const entity: PreviewedEntity = {
      year: dialogue.year,
      code: instance.entity.code,
      name: entityNameIn(instance.entity, request.language),
      timeZone: instance.entity.timeZone,
    };
    const missing = (fact: MissingFact) => ({ kind: 'missing' as const, entity, missing: fact });
    if (FROZEN.has(request.template)) return missing('frozen-when-decided');
    const entityDefinition = this.registry.get(dialogue.workflowId, dialogue.workflowVersion);
    // The entity workflow's digest is the Ethics Office's, of the whole year: no entity's data to show in it.
    if (entityDefinition.digest?.template === request.template) return missing('not-about-an-entity');
    const entityAudiences = mailAudiences(entityDefinition);
    const managerAudiences = mailAudiences(
      this.registry.get(dialogue.managerWorkflowId, dialogue.managerWorkflowVersion),
    );
    const asOf = this.clock.now();
    const at = asOf.toISOString();
    let payload: SendMailPayload;
    let manager: ManagerWorkflow | null = null;
    const managerAudience = managerAudiences.get(request.template);
    const entityAudience = entityAudiences.get(request.template) ?? SENT_BY_SERVICES[request.template];
    if (managerAudience) {
      const chosen = await this.managerFor(em, instance, request);
      if (chosen === 'unknown') return { kind: 'unknown-manager', entity };
      if ('missing' in chosen) return missing(chosen.missing);
      manager = chosen.manager;
      payload = { template: request.template, audience: managerAudience, managerId: manager.id, at };
    } else if (request.template === 'question-answered') {
      const question = await em.findOne(
        SessionQuestion,
        { session: { workflow: instance }, answer: { $ne: null } },
        {
          populate: ['session', 'session.workflow', 'session.workflow.entity'],
          orderBy: { answeredAt: 'desc' },
        },
      );
      if (!question) return missing('no-answered-question');
      const leader = await em.findOne(Person, {
        entity: instance.entity,
        email: question.session.leaderEmail,
      });
      // The latest answer's mail, built as answering it built it (the leader, the session's day, question, answer).
      payload = questionAnsweredMail(question, leader, asOf);
    } else if (entityAudience) {
      payload = { template: request.template, audience: entityAudience, workflowId: instance.id, at };
    } else {
      return missing('not-about-an-entity');
    }
    const read = await this.composer.preview(payload, request.language);
    if (!read) return { kind: 'unknown-entity' };
    const lacking = lackingFact(read);
    if (lacking) return missing(lacking);
    return {
      kind: 'ready',
      entity,
      manager: manager && { name: manager.name, email: manager.email },
      asOf,
      draft: {
        template: read.template,
        facts: read.facts,
        recipients: read.recipients,
        mails: read.render(),
      },
    };
  }

  /** The manager asked for, or the first one (in the tree's import order) the mail could be about. */
  private async managerFor(
    em: EntityManager,
    instance: EntityWorkflow,
    request: EntityMailPreviewRequest,
  ): Promise<{ manager: ManagerWorkflow } | { missing: MissingFact } | 'unknown'> {
    const mine = { workflow: instance, state: { $ne: 'withdrawn' } };
    const need = MANAGER_NEEDS[request.template];
    if (request.manager !== undefined) {
      const manager = await em.findOne(ManagerWorkflow, { ...mine, email: request.manager.toLowerCase() });
      if (!manager) return 'unknown';
      if (need && !(await em.count(ManagerWorkflow, { id: manager.id, ...need.has })))
        return { missing: need.missing };
      return { manager };
    }
    const manager = await em.findOne(ManagerWorkflow, need ? { ...mine, ...need.has } : mine, {
      orderBy: { id: 'asc' },
    });
    if (manager) return { manager };
    if (need && (await em.count(ManagerWorkflow, mine)) > 0) return { missing: need.missing };
    return { missing: 'no-managers' };
  }
}

/** What the composed mail lacked that its template is about, read from the facts the composer gathered. */
function lackingFact({ template, facts, recipients }: MailPreview): MissingFact | null {
  if (recipients.length === 0) return 'no-recipients';
  if (template === 'statistics-received' && !facts.statistics) return 'no-statistics';
  if (template === 'extension-granted' && facts.extensionReason === null) return 'no-extension-granted';
  if (template === 'extension-refused' && facts.extensionReason === null) return 'no-extension-refused';
  if (template === 'late-entity-welcome' && !facts.instance?.lateAdded) return 'not-added-late';
  // Whether the entity is listed as completed is decided by the report's issue: before it, there is no listing.
  if (template === 'report-issued' && !facts.dialogue.reportIssuedAt) return 'no-report-issued';
  return null;
}
