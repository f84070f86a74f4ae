import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Dialogue } from '../dialogue/dialogue.entity';
import { NotFound } from '../shared/errors';
import { MailMessage } from './mail-message.entity';

/** Reads of the mail log for the console (one mail, the failed ones of a year). */
@Injectable()
export class MailQueryService {
  constructor(private readonly em: EntityManager) {}

  async byId(id: number | null): Promise<MailMessage> {
    const mail = await this.em.fork().findOne(MailMessage, id ?? 0);
    if (!mail) throw new NotFound('mail', id ?? '?');
    return mail;
  }

  /** How many mails of the year failed, and the latest `limit` of them. */
  async failed(dialogue: Dialogue, limit: number): Promise<{ count: number; latest: MailMessage[] }> {
    const em = this.em.fork();
    const [count, latest] = await Promise.all([
      em.count(MailMessage, { dialogue, status: 'failed' }),
      em.find(MailMessage, { dialogue, status: 'failed' }, { orderBy: { id: 'desc' }, limit }),
    ]);
    return { count, latest };
  }
}
