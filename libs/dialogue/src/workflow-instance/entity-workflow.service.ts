import { EntityManager, OptimisticLockError } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { allowedOverrideTargets, type StepResult, type WorkflowEvent } from '@cascade/workflow';
import type { Timer } from '../timers/timer.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { nextTimers } from '../timers/timer-views';
import type { Actor } from '../shared/actor';
import { Clock } from '@cascade/clock';
import { isCalendarDay } from '../shared/dates';
import { ConcurrentModification, ValidationFailed } from '../shared/errors';
import { FieldChecks } from '../shared/field-checks';
import { EntityWorkflow } from './entity-workflow.entity';
import { findDialogue, findInstance, instanceIn, type InstanceTarget } from './instance-lookup';
import { WorkflowRegistry } from './workflow-registry';
import { WorkflowTransitions } from './workflow-transitions';

export interface TransitionOutcome {
  instance: EntityWorkflow;
  result: StepResult;
  warnings: string[];
}

/** Reads instances and applies the administrative events to one of them, each in its own transaction. */
@Injectable()
export class EntityWorkflowService {
  private readonly transitions: WorkflowTransitions;

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly registry: WorkflowRegistry,
  ) {
    this.transitions = new WorkflowTransitions(registry);
  }

  /** The managers' cascade, for the services that record what moves it (sessions, the tree). */
  get cascade() {
    return this.transitions.cascade;
  }

  async list(year: number, filter: { state?: string } = {}): Promise<EntityWorkflow[]> {
    const em = this.em.fork();
    const dialogue = await findDialogue(em, year);
    return em.find(
      EntityWorkflow,
      { dialogue, ...(filter.state ? { state: filter.state } : {}) },
      { populate: ['entity'], orderBy: { entity: { code: 'asc' } } },
    );
  }

  /** The earliest pending timer of each given instance (all of one dialogue's when `all`). */
  nextTimers(instances: EntityWorkflow[], { all = false } = {}): Promise<Map<number, Timer>> {
    if (instances.length === 0) return Promise.resolve(new Map());
    const dialogueId = instances[0].dialogue.id;
    return nextTimers(this.em.fork(), dialogueId, all ? undefined : instances.map((i) => i.id));
  }

  get(year: number, code: string): Promise<EntityWorkflow> {
    return findInstance(this.em.fork(), year, code, { withFocalPoints: true });
  }

  async auditTrail(year: number, code: string): Promise<AuditEvent[]> {
    const em = this.em.fork();
    const instance = await findInstance(em, year, code);
    return em.find(AuditEvent, { workflow: instance }, { orderBy: { id: 'asc' } });
  }

  allowedOverrides(instance: EntityWorkflow): string[] {
    return allowedOverrideTargets(this.transitions.definitionOf(instance.dialogue), instance.state);
  }

  withdraw(year: number, code: string, reason: string, actor: Actor): Promise<TransitionOutcome> {
    checkReason(reason);
    return this.applyEvent({ year, code }, { type: 'withdraw', reason }, actor);
  }

  override(
    year: number,
    code: string,
    targetState: string,
    reason: string,
    actor: Actor,
  ): Promise<TransitionOutcome> {
    checkReason(reason);
    return this.applyEvent({ year, code }, { type: 'override', targetState, reason }, actor);
  }

  /** `alongside` writes in the same transaction (e.g. the Focal Point's request marked granted). */
  async grantExtension(
    year: number,
    code: string,
    newDeadline: string,
    reason: string,
    actor: Actor,
    alongside?: (em: EntityManager, instance: EntityWorkflow, now: Date) => void | Promise<void>,
  ) {
    if (!isCalendarDay(newDeadline)) {
      throw new ValidationFailed([{ field: 'deadline', code: 'date', message: 'must be a date YYYY-MM-DD' }]);
    }
    checkReason(reason);
    return this.applyEvent(
      { year, code },
      { type: 'grant-extension', newDeadline, reason },
      actor,
      (instance) => extensionWarnings(instance, newDeadline),
      alongside,
    );
  }

  /**
   * Loads, applies and commits in one transaction. The instance's version column turns a concurrent change
   * into a ConcurrentModification instead of a lost update. What `mutate` returns joins the audit row's details
   * (a confirmation the actor gave, say), beside the warnings.
   */
  async applyEvent(
    target: InstanceTarget,
    event: WorkflowEvent,
    actor: Actor,
    warningsFor: (instance: EntityWorkflow) => string[] = () => [],
    mutate?: (
      em: EntityManager,
      instance: EntityWorkflow,
      now: Date,
    ) => void | AuditDetails | Promise<void | AuditDetails>,
  ): Promise<TransitionOutcome> {
    try {
      return await this.em.transactional(async (em) => {
        const instance = await instanceIn(em, target);
        const now = this.clock.now();
        const warnings = warningsFor(instance);
        const extra = (await mutate?.(em, instance, now)) ?? null;
        const details = { ...(warnings.length ? { warnings } : {}), ...(extra ?? {}) };
        const result = await this.transitions.apply(
          em,
          instance,
          event,
          actor,
          now,
          Object.keys(details).length ? details : null,
        );
        return { instance, result, warnings };
      });
    } catch (error) {
      if (error instanceof OptimisticLockError) throw new ConcurrentModification(`entity ${target.code}`);
      throw error;
    }
  }
}

/** More of what an audit row says about its event (beside `warnings`), as JSON. */
export type AuditDetails = Record<string, unknown>;

/**
 * The reason an administrative event carries into the audit trail: bounded and free of control characters like
 * every text. A missing one is left to the workflow, which names the events that require it (ReasonRequired).
 */
function checkReason(reason: unknown): void {
  const check = new FieldChecks();
  check.text('reason', reason, { max: 2000, required: false });
  check.throwIfAny();
}

/** An extension past the report cutoff means the entity will not be listed as having completed the dialogue. */
export function extensionWarnings(instance: EntityWorkflow, newDeadline: string): string[] {
  const { reportCutoff, year } = instance.dialogue;
  return newDeadline > reportCutoff
    ? [
        `the extension ends after the report cutoff ${reportCutoff}: ${instance.entity.code} will not be listed among the entities that completed the dialogue in the ${year} report`,
      ]
    : [];
}
