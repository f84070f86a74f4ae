import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { MailRenderer, messageIdFor, type RenderedMail } from '@cascade/mail';
import { enqueueInOutbox, JobName, type SendMailPayload } from '@cascade/scheduling';
import { AuditEvent } from '../audit/audit-event.entity';
import { Dialogue } from '../dialogue/dialogue.entity';
import { Clock } from '@cascade/clock';
import { isLanguage, type Language } from '../shared/languages';
import { StatisticsSubmission } from '../statistics/statistics-submission.entity';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { loadManagerMailFacts, type ManagerMailFacts } from '../cascade/manager-mail-facts';
import { WorkflowRegistry } from '../workflow-instance/workflow-registry';
import { mailData, type MailFacts, type Recipient } from './mail-data';
import { managerMailData } from './manager-mail-data';
import { frozenSessionOf, sessionCalendarFor, type FrozenSession } from '../cascade/session-calendar';
import { MailMessage } from './mail-message.entity';
import { MailSettings } from './mail-settings';

/** What a decided mail is composed from: the template sent (a late entity's invitation is its welcome), facts, recipients. */
interface MailRead {
  template: string;
  facts: MailFacts;
  recipients: Recipient[];
}

/** A decided mail composed for each of its recipients, before anything is written. */
export interface MailDraft extends MailRead {
  mails: { recipient: Recipient; rendered: RenderedMail }[];
}

/** A decided mail read but not yet rendered: what the console's preview checks before rendering it. */
export interface MailPreview extends MailRead {
  render(): MailDraft['mails'];
}

/**
 * Turns a decided mail (a transition's or a timer's: template + audience) into one rendered row per recipient,
 * each in the recipient's language and time zone, and queues their delivery — in one transaction, once per
 * cause: composing the same cause again (a retried job) finds its rows and writes nothing.
 */
@Injectable()
export class MailComposer {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly renderer: MailRenderer,
    private readonly settings: MailSettings,
    private readonly registry: WorkflowRegistry,
  ) {}

  async compose(payload: SendMailPayload, source: string): Promise<MailMessage[]> {
    return this.em.fork().transactional(async (em) => {
      const existing = await em.find(MailMessage, { source }, { orderBy: { id: 'asc' } });
      if (existing.length > 0) return existing;
      const draft = await this.draft(em, payload);
      if (!draft) return [];
      const { template, facts } = draft;
      const rows: MailMessage[] = [];
      for (const { recipient, rendered } of draft.mails) {
        const row = em.create(MailMessage, {
          key: `${source}#${recipient.address}`,
          source,
          dialogue: facts.dialogue,
          workflow: facts.instance,
          entityCode: facts.instance?.entity.code ?? null,
          template,
          language: recipient.language,
          recipientRole: recipient.role,
          recipientName: recipient.name,
          recipientAddress: recipient.address,
          subject: rendered.subject,
          html: rendered.html,
          text: rendered.text,
          messageId: '',
          status: 'queued',
          attempts: 0,
          lastError: null,
          createdAt: facts.now,
          sentAt: null,
          timerKey: payload.timerKey ?? null,
          resentFrom: null,
          linkSessionId: template === 'session-feedback' ? (facts.cascade?.latestSession?.id ?? null) : null,
          ...this.calendarOf(template, facts, recipient),
        });
        em.persist(row);
        rows.push(row);
      }
      await em.flush(); // the ids name the Message-IDs and the delivery jobs
      for (const row of rows) {
        row.messageId = messageIdFor(`cascade.mail.${row.id}`, this.settings.messageIdDomain);
        enqueueInOutbox(em, JobName.DeliverMail, { mailId: row.id }, `deliver.${row.id}`, facts.now);
      }
      return rows;
    });
  }

  /**
   * What a decision would send, written nowhere: the facts and recipients, read in a fork of its own that is
   * never flushed, and the rendering on demand (`render`), so that the console's preview can first check that the
   * facts its template is about exist. `language` renders every copy in that language instead of each
   * recipient's (the recipients keep theirs, to be shown).
   */
  async preview(payload: SendMailPayload, language?: Language): Promise<MailPreview | null> {
    const read = await this.read(this.em.fork(), payload);
    return read && { ...read, render: () => this.render(read, language) };
  }

  /** The template actually sent, the facts read for it and one rendering per recipient; null when its subject is gone. */
  private async draft(em: EntityManager, payload: SendMailPayload): Promise<MailDraft | null> {
    const read = await this.read(em, payload);
    return read && { ...read, mails: this.render(read) };
  }

  private async read(em: EntityManager, payload: SendMailPayload): Promise<MailRead | null> {
    const facts = await this.factsOf(em, payload);
    if (!facts) return null;
    // The workflow says "invitation" for every invite; a late addition gets the welcome that explains its dates.
    const template =
      payload.template === 'invitation' && facts.instance?.lateAdded
        ? 'late-entity-welcome'
        : payload.template;
    return { template, facts, recipients: this.recipientsOf(payload.audience, facts) };
  }

  private render({ template, facts, recipients }: MailRead, language?: Language): MailDraft['mails'] {
    return recipients.map((recipient) => {
      const reader = language ? { ...recipient, language } : recipient;
      const rendered = this.renderer.render(template, reader.language, this.dataOf(template, facts, reader), {
        timeZone: recipient.timeZone,
      });
      return { recipient, rendered };
    });
  }

  private calendarOf(template: string, facts: MailFacts, recipient: Recipient) {
    if (!facts.cascade) return {};
    const manager = facts.cascade.manager;
    const session = (facts.frozen['session'] as FrozenSession | undefined) ?? frozenSessionOf(manager);
    const calendar = sessionCalendarFor(template, manager, session, recipient, {
      now: facts.now,
      uidDomain: this.settings.messageIdDomain,
    });
    return calendar ? { calendar: calendar.content, calendarMethod: calendar.method } : {};
  }

  private dataOf(template: string, facts: MailFacts, recipient: Recipient): Record<string, unknown> {
    if (!facts.cascade) return mailData(template, facts, recipient);
    const { dialogue } = facts;
    const definition = this.registry.get(dialogue.managerWorkflowId, dialogue.managerWorkflowVersion);
    return managerMailData(template, facts, facts.cascade, definition, recipient);
  }

  private async factsOf(em: EntityManager, payload: SendMailPayload): Promise<MailFacts | null> {
    // As of the cause: a mail composed late (a backed-up queue, a simulation that moved on) says what was true then.
    const now = payload.at ? new Date(payload.at) : this.clock.now();
    const frozen = payload.data ?? {};
    if (payload.managerId !== undefined) {
      const cascade = await loadManagerMailFacts(em, payload.managerId, payload.audience);
      if (!cascade) return null;
      const instance = cascade.manager.workflow;
      const base = { dialogue: instance.dialogue, instance, now, frozen };
      return { ...base, statistics: null, extensionReason: null, cascade };
    }
    if (payload.workflowId === undefined) {
      const dialogue =
        payload.dialogueId === undefined ? null : await em.findOne(Dialogue, payload.dialogueId);
      return dialogue
        ? { dialogue, instance: null, now, statistics: null, extensionReason: null, frozen, cascade: null }
        : null;
    }
    const instance = await em.findOne(EntityWorkflow, payload.workflowId, {
      populate: ['dialogue', 'entity', 'entity.focalPoints'],
    });
    if (!instance) return null;
    const [statistics, extension] = await Promise.all([
      payload.template === 'statistics-received'
        ? em.findOne(StatisticsSubmission, { workflow: instance }, { orderBy: { revision: 'desc' } })
        : null,
      payload.template.startsWith('extension-')
        ? em.findOne(
            AuditEvent,
            {
              workflow: instance,
              event: payload.template === 'extension-refused' ? 'refuse-extension' : 'grant-extension',
            },
            { orderBy: { id: 'desc' } },
          )
        : null,
    ]);
    return {
      dialogue: instance.dialogue,
      instance,
      now,
      statistics,
      extensionReason: extension?.reason ?? null,
      frozen,
      cascade: null,
    };
  }

  private recipientsOf(audience: string[], facts: MailFacts): Recipient[] {
    const recipients: Recipient[] = [];
    const entity = facts.instance?.entity;
    for (const who of audience) {
      if (who === 'focal-points' && entity) {
        for (const fp of entity.focalPoints.getItems()) {
          recipients.push({
            name: fp.name,
            address: fp.email,
            language: isLanguage(fp.language) ? fp.language : entity.language,
            role: 'focal-point',
            timeZone: entity.timeZone,
          });
        }
      }
      if (who === 'head-of-entity' && entity?.headEmail) {
        recipients.push({
          name: entity.headName ?? '',
          address: entity.headEmail,
          language: entity.language,
          role: 'head-of-entity',
          timeZone: entity.timeZone,
        });
      }
      // A named person the decision froze into the mail (the leader whose session's question was answered).
      const person = facts.frozen['recipient'] as
        { email: string; name: string; language: string } | undefined;
      if (who === 'session-leader' && entity && person) {
        recipients.push({
          name: person.name,
          address: person.email,
          language: isLanguage(person.language) ? person.language : entity.language,
          role: 'leader',
          timeZone: entity.timeZone,
        });
      }
      if (facts.cascade && entity) recipients.push(...managerRecipients(who, facts.cascade, entity.timeZone));
      if (who === 'ethics-office') {
        for (const office of this.settings.ethicsOffice) {
          recipients.push({
            name: office.name,
            address: office.address,
            language: 'en',
            role: 'ethics-office',
            timeZone: this.settings.ethicsOfficeTimeZone,
          });
        }
      }
    }
    // One mail per address even when a person is both Focal Point and Head.
    return recipients.filter((r, i) => recipients.findIndex((o) => o.address === r.address) === i);
  }
}

/** The manager workflow's audiences: the manager, their own manager, their team. */
function managerRecipients(who: string, cascade: ManagerMailFacts, timeZone: string): Recipient[] {
  const { manager } = cascade;
  const person = (
    p: { name: string; email: string; language: string },
    role: Recipient['role'],
  ): Recipient => ({
    name: p.name,
    address: p.email,
    language: isLanguage(p.language) ? p.language : manager.workflow.entity.language,
    role,
    timeZone,
  });
  if (who === 'manager') return [person(manager, 'manager')];
  if (who === 'managers-manager') return cascade.boss ? [person(cascade.boss, 'manager')] : [];
  if (who === 'team') return cascade.team.map((member) => person(member, 'team-member'));
  return [];
}
