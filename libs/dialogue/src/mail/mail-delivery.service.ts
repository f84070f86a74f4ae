import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { MailDeliveryError, SmtpMailer } from '@cascade/mail';
import { AccessTokenService } from '../portal/access-token.service';
import type { TokenRole } from '../portal/portal.types';
import { Clock } from '@cascade/clock';
import { isLanguage } from '../shared/languages';
import { PERSONAL_LINK } from './mail-data';
import { MailMessage } from './mail-message.entity';
import { SessionRecord } from '../session/session-record.entity';
import { MailSettings } from './mail-settings';

export type DeliveryOutcome = 'sent' | 'failed' | 'ignored' | 'no-smtp';

/**
 * Sends one mail row over SMTP and records the answer. A row is sent at most once, except in the window
 * between the server's acceptance and the row's update; its stable Message-ID lets that duplicate be recognised.
 * Temporary failures (connection, 4xx) throw so the job retries with backoff; a permanent one (5xx) or the last
 * attempt marks the row failed with the server's answer.
 */
@Injectable()
export class MailDeliveryService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly tokens: AccessTokenService,
    private readonly settings: MailSettings,
    // The explicit token: a `SmtpMailer | null` parameter type would reach Nest's metadata as Object.
    @Optional() @Inject(SmtpMailer) private readonly mailer: SmtpMailer | null = null,
  ) {}

  async deliver(mailId: number, { lastAttempt = false } = {}): Promise<DeliveryOutcome> {
    const em = this.em.fork();
    const mail = await em.findOne(MailMessage, mailId);
    if (!mail || mail.status !== 'queued') return 'ignored';
    if (!this.mailer) {
      await em.nativeUpdate(MailMessage, { id: mail.id }, { lastError: 'no SMTP server configured' });
      return 'no-smtp';
    }
    const link =
      mail.text.includes(PERSONAL_LINK) || mail.html.includes(PERSONAL_LINK)
        ? await this.linkFor(mail)
        : null;
    const personal = (body: string) => (link ? body.replaceAll(PERSONAL_LINK, link) : body);
    try {
      await this.mailer.send({
        to: { name: mail.recipientName, address: mail.recipientAddress },
        subject: mail.subject,
        html: personal(mail.html),
        text: personal(mail.text),
        messageId: mail.messageId,
        language: mail.language,
        ...(mail.calendar
          ? { calendar: { content: mail.calendar, filename: 'leadership-dialogue.ics' } }
          : {}),
      });
    } catch (error) {
      const permanent = error instanceof MailDeliveryError && error.permanent;
      const answer =
        error instanceof MailDeliveryError ? (error.response ?? error.message) : (error as Error).message;
      await em.nativeUpdate(
        MailMessage,
        { id: mail.id },
        {
          attempts: mail.attempts + 1,
          lastError: answer.slice(0, 2000),
          ...(permanent || lastAttempt ? { status: 'failed' } : {}),
        },
      );
      if (permanent || lastAttempt) return 'failed';
      throw error;
    }
    await em.nativeUpdate(
      MailMessage,
      { id: mail.id, status: 'queued' },
      { status: 'sent', sentAt: this.clock.now(), attempts: mail.attempts + 1, lastError: null },
    );
    return 'sent';
  }

  /**
   * A new token link for the recipient, made at sending time so the token is never stored. A retried delivery
   * makes another one; both stay valid until the cutoff (revoking is for an admin, who re-issues on purpose).
   */
  private async linkFor(mail: MailMessage): Promise<string | null> {
    const subject = tokenSubjectOf(mail);
    if (!mail.workflow || !subject) return null;
    const token = await this.em.fork().transactional(async (em) => {
      const instance = await em.findOneOrFail(MailMessage, mail.id, {
        populate: ['workflow', 'workflow.dialogue', 'workflow.entity'],
      });
      const workflow = instance.workflow as NonNullable<MailMessage['workflow']>;
      const language = isLanguage(mail.language) ? mail.language : workflow.entity.language;
      const session =
        subject.role === 'participants'
          ? await em.findOneOrFail(SessionRecord, mail.linkSessionId as number)
          : null;
      return this.tokens.issue(
        em,
        workflow,
        subject.role === 'participants'
          ? { role: 'participants', language, session }
          : { role: subject.role, email: mail.recipientAddress, name: mail.recipientName, language },
        this.clock.now(),
        `mail #${mail.id}`,
      );
    });
    return `${this.settings.publicUrl}/p/${token}`;
  }
}

/**
 * Which link a mail's recipient gets: a Focal Point's or Head's page, a manager's leader page, or (for a team
 * member after a session) the session's anonymous feedback form.
 */
function tokenSubjectOf(mail: MailMessage): { role: TokenRole } | null {
  const role = mail.recipientRole;
  if (role === 'focal-point' || role === 'head-of-entity') return { role };
  if (role === 'manager') return { role: 'leader' };
  if (role === 'team-member' && mail.linkSessionId !== null) return { role: 'participants' };
  return null;
}
