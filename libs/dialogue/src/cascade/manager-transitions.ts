import type { EntityManager } from '@mikro-orm/core';
import { step, type StepResult, type WorkflowDefinition, type WorkflowEvent } from '@cascade/workflow';
import { enqueueInOutbox, JobName } from '@cascade/scheduling';
import { AuditEvent } from '../audit/audit-event.entity';
import type { Dialogue } from '../dialogue/dialogue.entity';
import { TimerPlanner } from '../timers/timer-planner';
import type { WorkflowRegistry } from '../workflow-instance/workflow-registry';
import { managerSnapshotOf } from './manager-snapshot';
import { frozenSessionOf } from './session-calendar';
import type { ManagerWorkflow } from './manager-workflow.entity';

/**
 * Applies the manager workflow's events inside the caller's transaction, as WorkflowTransitions does for
 * entities: the engine decides, this writes the state, the audit row (on the entity's trail, naming the manager),
 * the outbox rows of the mails and the manager's timers. Instances must have ids, their entity instance, dialogue
 * and entity loaded.
 */
export class ManagerTransitions {
  private readonly planner = new TimerPlanner();

  constructor(private readonly registry: WorkflowRegistry) {}

  definitionOf(dialogue: Dialogue): WorkflowDefinition {
    return this.registry.get(dialogue.managerWorkflowId, dialogue.managerWorkflowVersion);
  }

  async applyToAll(
    em: EntityManager,
    managers: ManagerWorkflow[],
    event: WorkflowEvent,
    actor: string,
    now: Date,
    details: Record<string, unknown> | null = null,
    options: { catchUpFrom?: Date } = {},
  ): Promise<StepResult[]> {
    const replan: ManagerWorkflow[] = [];
    const results = managers.map((manager) => {
      const result = this.record(em, manager, event, actor, now, details);
      if (result.effects.some((e) => e.type === 'replan')) replan.push(manager);
      return result;
    });
    await this.replan(em, replan, now, `re-planned after ${event.type}`, options.catchUpFrom);
    return results;
  }

  /** The manager's timers as their facts say now (after a change of facts that is not an event). */
  replan(em: EntityManager, managers: ManagerWorkflow[], now: Date, reason: string, catchUpFrom?: Date) {
    return this.planner.replanSubjects(
      em,
      'managerId',
      managers.map((m) => ({
        id: m.id,
        dialogueId: m.workflow.dialogue.id,
        definition: this.definitionOf(m.workflow.dialogue),
        snapshot: managerSnapshotOf(m),
        dutyStation: m.workflow.entity.dutyStation,
      })),
      now,
      { reason, catchUpFrom },
    );
  }

  private record(
    em: EntityManager,
    manager: ManagerWorkflow,
    event: WorkflowEvent,
    actor: string,
    now: Date,
    details: Record<string, unknown> | null,
  ): StepResult {
    const instance = manager.workflow;
    const result = step(this.definitionOf(instance.dialogue), managerSnapshotOf(manager), event, now);
    const transitionKey = `m${manager.id}.${manager.version ?? 0}.${result.event}`;
    manager.state = result.to;
    manager.escalationLevel = result.escalationLevel;
    manager.updatedAt = now;
    manager.eventsRecorded += 1;
    em.persist(
      em.create(AuditEvent, {
        dialogue: instance.dialogue,
        workflow: instance,
        managerId: manager.id,
        entityCode: instance.entity.code,
        actor,
        at: now,
        event: `manager:${result.event}`,
        fromState: result.from,
        toState: result.to,
        reason: event.reason ?? null,
        details: { manager: manager.email, ...(details ?? {}) },
      }),
    );
    for (const effect of result.effects) {
      if (effect.type !== 'mail') continue;
      enqueueInOutbox(
        em,
        JobName.SendMail,
        {
          managerId: manager.id,
          template: effect.template,
          audience: [...effect.to],
          at: now.toISOString(),
          // The session as decided now: a later change must not rewrite this mail (nor its calendar file).
          data: { session: frozenSessionOf(manager) },
        },
        `mail.${transitionKey}.${effect.template}`,
        now,
      );
    }
    return result;
  }
}
