import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Clock } from '@cascade/clock';
import { enqueueInOutbox, JobName } from '@cascade/scheduling';
import { localDateOf } from '@cascade/workflow';
import { AuditEvent } from '../audit/audit-event.entity';
import type { Actor } from '../shared/actor';
import { Conflict } from '../shared/errors';
import { findInstance } from '../workflow-instance/instance-lookup';
import { WorkflowRegistry } from '../workflow-instance/workflow-registry';
import { currentReminder, type Reminder } from './current-reminder';

/** The audit trail's name for a reminder sent from the console. */
export const REMIND_NOW_EVENT = 'remind-now';

export class AlreadyRemindedToday extends Conflict {
  constructor(code: string, day: string) {
    super(`${code} was already reminded today (${day}); try again tomorrow`, 'already-reminded-today', {
      code,
      day,
    });
  }
}

export class NothingToRemind extends Conflict {
  constructor(code: string, state: string) {
    super(`${code} is ${state}: it owes nothing to be reminded of`, 'nothing-to-remind', { code, state });
  }
}

export interface ReminderSent extends Reminder {
  code: string;
  /** The entity's local day it was sent on: the next one is allowed the day after. */
  day: string;
}

/**
 * Sends an entity its current reminder now, from the console: queued through the outbox in the same transaction
 * as its audit row, and composed by the mail worker as of the click, like a timer's mail as of its due time. At most once per
 * entity per local day of the entity, so a double click or two people at once cannot flood a Focal Point.
 */
@Injectable()
export class RemindNowService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly registry: WorkflowRegistry,
  ) {}

  async remindNow(year: number, code: string, actor: Actor): Promise<ReminderSent> {
    let day = '';
    try {
      return await this.remindIn(year, code, actor, (d) => (day = d));
    } catch (error) {
      // Two reminders of the same day at once (two clicks, two people): the outbox key lets one through.
      if (error instanceof UniqueConstraintViolationException && day)
        throw new AlreadyRemindedToday(code, day);
      throw error;
    }
  }

  private remindIn(
    year: number,
    code: string,
    actor: Actor,
    dayIs: (day: string) => void,
  ): Promise<ReminderSent> {
    return this.em.fork().transactional(async (em) => {
      const instance = await findInstance(em, year, code);
      const now = this.clock.now();
      const day = localDateOf(now, instance.entity.timeZone);
      dayIs(day);
      const { workflowId, workflowVersion } = instance.dialogue;
      const reminder = currentReminder(this.registry.get(workflowId, workflowVersion), instance, day);
      if (!reminder) throw new NothingToRemind(code, instance.state);
      const last = await em.findOne(
        AuditEvent,
        { workflow: instance, event: REMIND_NOW_EVENT },
        { orderBy: { at: 'desc', id: 'desc' } },
      );
      // `>=`, not `===`: a clock set back (the simulation's) must not allow a second reminder for a day.
      if (last && localDateOf(last.at, instance.entity.timeZone) >= day)
        throw new AlreadyRemindedToday(code, day);
      // The key is the entity's day: two transactions that both passed the check collide on it, and one fails.
      enqueueInOutbox(
        em,
        JobName.SendMail,
        {
          workflowId: instance.id,
          template: reminder.template,
          audience: reminder.audience,
          at: now.toISOString(),
        },
        `mail.remind-now.${instance.id}.${day}`,
        now,
      );
      em.persist(
        em.create(AuditEvent, {
          dialogue: instance.dialogue,
          workflow: instance,
          entityCode: code,
          actor,
          at: now,
          event: REMIND_NOW_EVENT,
          details: { template: reminder.template, to: reminder.audience, day },
        }),
      );
      return { code, day, ...reminder };
    });
  }
}
