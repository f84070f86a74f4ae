import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { messageIdFor } from '@cascade/mail';
import { enqueueInOutbox, JobName } from '@cascade/scheduling';
import { AuditEvent } from '../audit/audit-event.entity';
import type { Actor } from '../shared/actor';
import { Clock } from '@cascade/clock';
import { NotFound, ValidationFailed } from '../shared/errors';
import { findDialogue } from '../workflow-instance/instance-lookup';
import { MAIL_STATUSES, MailMessage, type MailStatus } from './mail-message.entity';
import { MailSettings } from './mail-settings';

export interface MailQuery {
  entity?: string;
  status?: string;
  /** Newest first; page with the last id seen. */
  beforeId?: number;
  limit?: number;
}

/** The mail log: what was sent, when and to whom; and resending one. */
@Injectable()
export class MailLogService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly settings: MailSettings,
  ) {}

  async list(year: number, query: MailQuery = {}): Promise<MailMessage[]> {
    if (query.status !== undefined && !(MAIL_STATUSES as readonly string[]).includes(query.status)) {
      throw new ValidationFailed([
        {
          field: 'status',
          code: 'one-of',
          message: `must be one of ${MAIL_STATUSES.join(', ')}`,
          params: { values: MAIL_STATUSES.join(', ') },
        },
      ]);
    }
    const em = this.em.fork();
    const dialogue = await findDialogue(em, year);
    const where: FilterQuery<MailMessage> = {
      dialogue,
      ...(query.entity ? { entityCode: query.entity } : {}),
      ...(query.status ? { status: query.status as MailStatus } : {}),
      ...(query.beforeId ? { id: { $lt: query.beforeId } } : {}),
    };
    return em.find(MailMessage, where, {
      orderBy: { id: 'desc' },
      limit: Math.min(query.limit ?? 100, 1000),
    });
  }

  async get(id: number): Promise<MailMessage> {
    const mail = await this.em.fork().findOne(MailMessage, id, { populate: ['dialogue'] });
    if (!mail) throw new NotFound('mail', id);
    return mail;
  }

  /** Sends the same content again as a new mail (its own row, Message-ID and delivery), audited. */
  async resend(id: number, actor: Actor): Promise<MailMessage> {
    return this.em.fork().transactional(async (em) => {
      const original = await em.findOne(MailMessage, id, { populate: ['dialogue', 'workflow'] });
      if (!original) throw new NotFound('mail', id);
      const now = this.clock.now();
      const resends = await em.count(MailMessage, { resentFrom: id });
      const source = `resend.${id}.${resends + 1}`;
      const copy = em.create(MailMessage, {
        key: `${source}#${original.recipientAddress}`,
        source,
        dialogue: original.dialogue,
        workflow: original.workflow,
        entityCode: original.entityCode,
        template: original.template,
        language: original.language,
        recipientRole: original.recipientRole,
        recipientName: original.recipientName,
        recipientAddress: original.recipientAddress,
        subject: original.subject,
        html: original.html,
        text: original.text,
        messageId: '',
        status: 'queued',
        attempts: 0,
        lastError: null,
        createdAt: now,
        sentAt: null,
        timerKey: original.timerKey,
        resentFrom: original.id,
      });
      em.persist(copy);
      await em.flush();
      copy.messageId = messageIdFor(`cascade.mail.${copy.id}`, this.settings.messageIdDomain);
      enqueueInOutbox(em, JobName.DeliverMail, { mailId: copy.id }, `deliver.${copy.id}`, now);
      em.persist(
        em.create(AuditEvent, {
          dialogue: original.dialogue,
          workflow: original.workflow,
          entityCode: original.entityCode,
          actor,
          at: now,
          event: 'resend-mail',
          details: {
            mail: original.id,
            resend: copy.id,
            to: original.recipientAddress,
            template: original.template,
          },
        }),
      );
      return copy;
    });
  }
}
