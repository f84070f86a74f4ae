import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Timer } from '../timers/timer.entity';
import type { WorkflowDefinition } from '@cascade/workflow';
import { AuditEvent } from '../audit/audit-event.entity';
import type { Dialogue } from '../dialogue/dialogue.entity';
import { MailMessage } from '../mail/mail-message.entity';
import type { CascadeProgress } from '../portal/portal.types';
import { OrgTreeService } from '../org/org-tree.service';
import { NotFound } from '../shared/errors';
import { laggingEntities, type LaggingEntity } from '../timers/lagging-entities';
import { nextTimers } from '../timers/timer-views';
import { EntityWorkflow } from './entity-workflow.entity';

/** Everything that happened to one instance, newest audit rows and mails first, timers by due date. */
export interface InstanceTimeline {
  audit: AuditEvent[];
  mails: MailMessage[];
  timers: Timer[];
  progress: CascadeProgress;
}

/** The lagging entities of a year, with the next timer of the first ones (by entity code). */
export interface LaggingWithTimers {
  lagging: LaggingEntity[];
  nextTimerOf: Map<string, Timer>;
}

/** Reads of the entity instances of a year for the console: one instance, its timeline, lagging, next timers. */
@Injectable()
export class InstanceQueryService {
  constructor(
    private readonly em: EntityManager,
    private readonly orgTree: OrgTreeService,
  ) {}

  /** The instance with its entity and dialogue. */
  async byId(id: number | null): Promise<EntityWorkflow> {
    const instance = await this.em
      .fork()
      .findOne(EntityWorkflow, id ?? 0, { populate: ['entity', 'dialogue'] });
    if (!instance) throw new NotFound('entity instance', id ?? '?');
    return instance;
  }

  async timeline(instance: EntityWorkflow): Promise<InstanceTimeline> {
    const em = this.em.fork();
    const [audit, mails, timers, progress] = await Promise.all([
      em.find(AuditEvent, { workflow: instance.id }, { orderBy: { id: 'desc' }, limit: 200 }),
      em.find(MailMessage, { workflow: instance.id }, { orderBy: { id: 'desc' }, limit: 200 }),
      em.find(Timer, { workflowId: instance.id }, { orderBy: { dueAt: 'asc' }, limit: 300 }),
      this.orgTree.progressOf(em, instance),
    ]);
    return { audit, mails, timers, progress };
  }

  /** The earliest pending timer of each of these instances (two queries per year they belong to). */
  async nextTimersOf(instances: EntityWorkflow[]): Promise<Map<number, Timer>> {
    const em = this.em.fork();
    const byDialogue = new Map<number, number[]>();
    for (const i of instances) {
      byDialogue.set(i.dialogue.id, [...(byDialogue.get(i.dialogue.id) ?? []), i.id]);
    }
    const next = new Map<number, Timer>();
    for (const [dialogueId, ids] of byDialogue) {
      for (const [id, timer] of await nextTimers(em, dialogueId, ids)) next.set(id, timer);
    }
    return next;
  }

  /** Who is lagging (most escalated first), and the next timer of the first `withTimers` of them. */
  async lagging(
    dialogue: Dialogue,
    definition: WorkflowDefinition,
    now: Date,
    withTimers: number,
  ): Promise<LaggingWithTimers> {
    const em = this.em.fork();
    const lagging = await laggingEntities(em, dialogue, definition, now);
    const shown = lagging.slice(0, withTimers);
    const instances = shown.length
      ? await em.find(
          EntityWorkflow,
          { dialogue, entity: { code: { $in: shown.map((l) => l.code) } } },
          { populate: ['entity'] },
        )
      : [];
    const next = await nextTimers(
      em,
      dialogue.id,
      instances.map((i) => i.id),
    );
    const nextTimerOf = new Map<string, Timer>();
    for (const i of instances) {
      const timer = next.get(i.id);
      if (timer) nextTimerOf.set(i.entity.code, timer);
    }
    return { lagging, nextTimerOf };
  }
}
