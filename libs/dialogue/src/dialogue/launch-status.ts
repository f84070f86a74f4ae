import type { EntityManager } from '@mikro-orm/core';
import { AuditEvent } from '../audit/audit-event.entity';
import { MAIL_STATUSES, MailMessage, type MailStatus } from '../mail/mail-message.entity';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import type { Dialogue } from './dialogue.entity';

/**
 * How far a launch has got: the entities it set out to invite (as many as were listed when it was decided),
 * those invited so far by the worker, and their invitation mails per delivery status. `inviting` until every one
 * of them is invited; late additions are invited on their own and are not counted here.
 */
export interface LaunchStatus {
  year: number;
  state: 'not-launched' | 'inviting' | 'invited';
  launchedAt: Date | null;
  entitiesToInvite: number;
  invited: number;
  /** invited / entitiesToInvite, 0..1 (1 when there was nothing to invite). */
  progress: number;
  invitationMails: Record<MailStatus, number>;
}

export async function launchStatusOf(em: EntityManager, dialogue: Dialogue): Promise<LaunchStatus> {
  const mails = Object.fromEntries(MAIL_STATUSES.map((s) => [s, 0])) as Record<MailStatus, number>;
  if (!dialogue.launchedAt) {
    return {
      year: dialogue.year,
      state: 'not-launched',
      launchedAt: null,
      entitiesToInvite: 0,
      invited: 0,
      progress: 0,
      invitationMails: mails,
    };
  }
  const [decision, invited, ...byStatus] = await Promise.all([
    em.findOne(AuditEvent, { dialogue, event: 'launch', workflow: null }, { orderBy: { id: 'desc' } }),
    em.count(EntityWorkflow, { dialogue, lateAdded: false, invitedAt: { $ne: null } }),
    ...MAIL_STATUSES.map((status) => em.count(MailMessage, { dialogue, template: 'invitation', status })),
  ]);
  MAIL_STATUSES.forEach((status, i) => (mails[status] = byStatus[i]));
  const entitiesToInvite = Number((decision?.details as { entities?: number } | null)?.entities ?? invited);
  return {
    year: dialogue.year,
    state: invited >= entitiesToInvite ? 'invited' : 'inviting',
    launchedAt: dialogue.launchedAt,
    entitiesToInvite,
    invited,
    progress: entitiesToInvite === 0 ? 1 : Math.min(1, invited / entitiesToInvite),
    invitationMails: mails,
  };
}
