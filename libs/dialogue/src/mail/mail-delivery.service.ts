import { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { MailDeliveryError, SmtpMailer } from '@cascade/mail';
import { Clock } from '../shared/clock';
import { MailMessage } from './mail-message.entity';

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
    try {
      await this.mailer.send({
        to: { name: mail.recipientName, address: mail.recipientAddress },
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        messageId: mail.messageId,
        language: mail.language,
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
}
