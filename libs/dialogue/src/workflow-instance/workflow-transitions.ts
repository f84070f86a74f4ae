import type { EntityManager } from '@mikro-orm/core';
import {
  step,
  type InstanceSnapshot,
  type StepResult,
  type WorkflowDefinition,
  type WorkflowEvent,
} from '@cascade/workflow';
import { enqueueInOutbox, JobName } from '@cascade/scheduling';
import { AuditEvent } from '../audit/audit-event.entity';
import type { Dialogue } from '../dialogue/dialogue.entity';
import type { EntityWorkflow } from './entity-workflow.entity';
import type { WorkflowRegistry } from './workflow-registry';

export function snapshotOf(instance: EntityWorkflow): InstanceSnapshot {
  return {
    state: instance.state,
    escalationLevel: instance.escalationLevel,
    timeZone: instance.entity.timeZone,
    invitedAt: instance.invitedAt,
    effectiveDeadline: instance.effectiveDeadline,
    reportCutoff: instance.dialogue.reportCutoff,
    sessionsRecorded: instance.sessionsRecorded,
    statisticsSubmitted: instance.statisticsSubmittedAt !== null,
  };
}

/**
 * Applies one workflow event to one instance inside the caller's transaction: asks the pure engine for the
 * decision, then writes its consequences — the new state, the audit row and the outbox rows of its mails.
 * The instance, its dialogue and its entity must be loaded and the instance must already have an id.
 */
export class WorkflowTransitions {
  constructor(private readonly registry: WorkflowRegistry) {}

  definitionOf(dialogue: Dialogue): WorkflowDefinition {
    return this.registry.get(dialogue.workflowId, dialogue.workflowVersion);
  }

  apply(
    em: EntityManager,
    instance: EntityWorkflow,
    event: WorkflowEvent,
    actor: string,
    now: Date,
    details: Record<string, unknown> | null = null,
  ): StepResult {
    const dialogue = instance.dialogue;
    const definition = this.definitionOf(dialogue);
    const result = step(definition, snapshotOf(instance), event, now);
    // The version before this change makes the mail keys unique per transition and stable across retries.
    const transitionKey = `${instance.id}.${instance.version ?? 0}.${result.event}`;

    instance.state = result.to;
    instance.escalationLevel = result.escalationLevel;
    instance.updatedAt = now;
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
      if (effect.type === 'mail') {
        enqueueInOutbox(
          em,
          JobName.SendMail,
          { workflowId: instance.id, template: effect.template, audience: [...effect.to] },
          `mail.${transitionKey}.${effect.template}`,
          now,
        );
      }
      // 'replan' effects are honoured by the timer planner (scheduling issue); nothing else to write here.
    }
    return result;
  }
}
