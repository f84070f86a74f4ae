import type { EntityManager } from '@mikro-orm/core';
import { step, type StepResult, type WorkflowDefinition, type WorkflowEvent } from '@cascade/workflow';
import { enqueueInOutbox, JobName } from '@cascade/scheduling';
import { AuditEvent } from '../audit/audit-event.entity';
import type { Dialogue } from '../dialogue/dialogue.entity';
import { ManagerCascade } from '../cascade/manager-cascade';
import { TimerPlanner } from '../timers/timer-planner';
import type { EntityWorkflow } from './entity-workflow.entity';
import { snapshotOf } from './snapshot';
import type { WorkflowRegistry } from './workflow-registry';

export { snapshotOf } from './snapshot';

export interface ApplyOptions {
  /** A timer firing late passes its due time, so the timers after it are planned from there (see TimerPlanner). */
  catchUpFrom?: Date;
}

/**
 * Applies workflow events to instances inside the caller's transaction: asks the pure engine for each
 * decision, then writes its consequences — the new state, the audit row, the outbox rows of its mails and, for
 * a `replan` effect, the instance's timer rows. The instances, their dialogue and entity must be loaded, and
 * the instances must already have an id.
 */
export class WorkflowTransitions {
  private readonly planner = new TimerPlanner();
  /** What an entity's events mean for its managers (their turns, their year's end). */
  readonly cascade: ManagerCascade;

  constructor(private readonly registry: WorkflowRegistry) {
    this.cascade = new ManagerCascade(registry);
  }

  definitionOf(dialogue: Dialogue): WorkflowDefinition {
    return this.registry.get(dialogue.workflowId, dialogue.workflowVersion);
  }

  async apply(
    em: EntityManager,
    instance: EntityWorkflow,
    event: WorkflowEvent,
    actor: string,
    now: Date,
    details: Record<string, unknown> | null = null,
    options: ApplyOptions = {},
  ): Promise<StepResult> {
    const [result] = await this.applyToAll(em, [instance], event, actor, now, () => details, options);
    return result;
  }

  /** The same event for many instances (launch, report), re-planning them with one query. */
  async applyToAll(
    em: EntityManager,
    instances: EntityWorkflow[],
    event: WorkflowEvent,
    actor: string,
    now: Date,
    detailsOf: (instance: EntityWorkflow) => Record<string, unknown> | null = () => null,
    options: ApplyOptions = {},
  ): Promise<StepResult[]> {
    const toReplan: EntityWorkflow[] = [];
    const results = instances.map((instance) => {
      const result = this.record(em, instance, event, actor, now, detailsOf(instance));
      if (result.effects.some((effect) => effect.type === 'replan')) toReplan.push(instance);
      return result;
    });
    await this.planner.replan(em, toReplan, (i) => this.definitionOf(i.dialogue), now, {
      catchUpFrom: options.catchUpFrom,
      reason: `re-planned after ${event.type}`,
    });
    await this.followInCascade(em, instances, results, actor, now);
    return results;
  }

  /** An invitation starts the entity's managers' cascade; a final state ends it. */
  private async followInCascade(
    em: EntityManager,
    instances: EntityWorkflow[],
    results: StepResult[],
    actor: string,
    now: Date,
  ): Promise<void> {
    const invited = instances.filter((_, i) => results[i].event === 'invite');
    await this.cascade.entitiesInvited(em, invited, now, actor);
    const ended = instances.filter((instance, i) => {
      const { from, to } = results[i];
      return from !== to && this.definitionOf(instance.dialogue).states[to]?.final === true;
    });
    await this.cascade.entitiesEnded(em, ended, now, actor);
  }

  private record(
    em: EntityManager,
    instance: EntityWorkflow,
    event: WorkflowEvent,
    actor: string,
    now: Date,
    details: Record<string, unknown> | null,
  ): StepResult {
    const dialogue = instance.dialogue;
    const result = step(this.definitionOf(dialogue), snapshotOf(instance), event, now);
    // The version before this change makes the mail keys unique per transition and stable across retries.
    const transitionKey = `${instance.id}.${instance.version ?? 0}.${result.event}`;
    instance.state = result.to;
    instance.escalationLevel = result.escalationLevel;
    instance.updatedAt = now;
    instance.eventsRecorded += 1;
    if (event.type === 'invite' && !instance.invitedAt) instance.invitedAt = now;
    if (event.type === 'grant-extension' && event.newDeadline) instance.extendedDeadline = event.newDeadline;
    em.persist(
      em.create(AuditEvent, {
        dialogue,
        workflow: instance,
        entityCode: instance.entity.code,
        actor,
        at: now,
        event: result.event,
        fromState: result.from,
        toState: result.to,
        reason: event.reason ?? null,
        details,
      }),
    );
    for (const effect of result.effects) {
      if (effect.type !== 'mail') continue;
      enqueueInOutbox(
        em,
        JobName.SendMail,
        {
          workflowId: instance.id,
          template: effect.template,
          audience: [...effect.to],
          at: now.toISOString(),
        },
        `mail.${transitionKey}.${effect.template}`,
        now,
      );
    }
    return result;
  }
}
