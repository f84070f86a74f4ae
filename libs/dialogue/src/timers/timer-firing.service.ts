import { EntityManager, OptimisticLockError } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { GuardRefused, InvalidTransition, plan } from '@cascade/workflow';
import { enqueueInOutbox, JobName, Timer } from '@cascade/scheduling';
import { Dialogue } from '../dialogue/dialogue.entity';
import { Clock } from '../shared/clock';
import { ConcurrentModification } from '../shared/errors';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { snapshotOf } from '../workflow-instance/snapshot';
import { WorkflowRegistry } from '../workflow-instance/workflow-registry';
import { WorkflowTransitions } from '../workflow-instance/workflow-transitions';
import { laggingEntities } from './lagging-entities';
import { TimerPlanner } from './timer-planner';

export type FiringOutcome =
  | { status: 'fired'; note?: string }
  | { status: 'skipped'; reason: string }
  /** Nothing to do: the row is unknown, already closed, or another worker claimed it first. */
  | { status: 'ignored'; reason: string };

/**
 * Performs one timer: claims its row, re-reads the instance, and does what the timer says only if the current
 * plan still contains it. The claim is a conditional update inside the transaction, so two workers handed the
 * same timer (a duplicated job, a stalled job run twice) perform its effect once.
 */
@Injectable()
export class TimerFiringService {
  private readonly transitions: WorkflowTransitions;
  private readonly planner = new TimerPlanner();

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    registry: WorkflowRegistry,
  ) {
    this.transitions = new WorkflowTransitions(registry);
  }

  async fire(key: string): Promise<FiringOutcome> {
    try {
      return await this.em.fork().transactional((em) => this.fireIn(em, key));
    } catch (error) {
      // Another change to the instance won the race: the job retries and re-checks against the new state.
      if (error instanceof OptimisticLockError) throw new ConcurrentModification(`timer ${key}'s entity`);
      throw error;
    }
  }

  private async fireIn(em: EntityManager, key: string): Promise<FiringOutcome> {
    const now = this.clock.now();
    // The claim is the transaction's first statement: on SQLite a write first takes the write lock (waiting for
    // another writer), where a read first would fail to upgrade when another worker claims at the same time.
    const claimed = await em.nativeUpdate(
      Timer,
      { key, status: 'pending' },
      { status: 'fired', closedAt: now, synced: true },
    );
    if (claimed === 0) {
      const row = await em.findOne(Timer, { key });
      return { status: 'ignored', reason: row ? `already ${row.status}` : 'no such timer' };
    }
    const timer = await em.findOneOrFail(Timer, { key });
    const outcome =
      timer.workflowId === null
        ? await this.fireDigest(em, timer, now)
        : await this.fireForEntity(em, timer, now);
    if (outcome.status === 'skipped' || (outcome.status === 'fired' && outcome.note)) {
      await em.nativeUpdate(
        Timer,
        { id: timer.id },
        {
          status: outcome.status,
          outcome: (outcome.status === 'skipped' ? outcome.reason : (outcome.note as string)).slice(0, 300),
        },
      );
    }
    return outcome;
  }

  private async fireForEntity(em: EntityManager, timer: Timer, now: Date): Promise<FiringOutcome> {
    const instance = await em.findOneOrFail(EntityWorkflow, timer.workflowId as number, {
      populate: ['dialogue', 'entity'],
    });
    const definition = this.transitions.definitionOf(instance.dialogue);
    // The row is the plan of its time; the instance may have moved on since (a missed cancellation, a race).
    const current = plan(definition, snapshotOf(instance), new Date(timer.dueAt.getTime() - 1));
    if (!current.some((t) => t.timerId === timer.timerId && t.dueAt.getTime() === timer.dueAt.getTime())) {
      return {
        status: 'skipped',
        reason: `obsolete: ${instance.entity.code} is ${instance.state}, deadline ${instance.effectiveDeadline}`,
      };
    }
    if (timer.event) {
      try {
        await this.transitions.apply(
          em,
          instance,
          { type: timer.event },
          `timer:${timer.timerId}`,
          now,
          { timer: timer.key, dueAt: timer.dueAt.toISOString() },
          { catchUpFrom: timer.dueAt },
        );
      } catch (error) {
        if (error instanceof GuardRefused || error instanceof InvalidTransition) {
          return { status: 'skipped', reason: error.message };
        }
        throw error;
      }
    }
    if (timer.mail) {
      enqueueInOutbox(
        em,
        JobName.SendMail,
        {
          workflowId: instance.id,
          template: timer.mail.template,
          audience: [...timer.mail.to],
          timerKey: timer.key,
          ...(timer.escalationLevel !== null ? { data: { escalationLevel: timer.escalationLevel } } : {}),
        },
        `mail.timer.${timer.key}`,
        now,
      );
    }
    return { status: 'fired' };
  }

  private async fireDigest(em: EntityManager, timer: Timer, now: Date): Promise<FiringOutcome> {
    const dialogue = await em.findOneOrFail(Dialogue, timer.dialogueId);
    if (dialogue.reportIssuedAt) return { status: 'skipped', reason: 'the report is issued' };
    const definition = this.transitions.definitionOf(dialogue);
    const lagging = await laggingEntities(em, dialogue, definition, now);
    if (lagging.length > 0 && timer.mail) {
      enqueueInOutbox(
        em,
        JobName.SendMail,
        {
          dialogueId: dialogue.id,
          template: timer.mail.template,
          audience: [...timer.mail.to],
          timerKey: timer.key,
          data: { lagging },
        },
        `mail.timer.${timer.key}`,
        now,
      );
    }
    // After an outage the missed digests are not replayed: the next one is the next slot from now.
    const after = new Date(Math.max(now.getTime(), timer.dueAt.getTime()));
    await this.planner.planDigest(em, dialogue, definition, after, now, 'superseded by the next digest');
    return lagging.length > 0 ? { status: 'fired' } : { status: 'fired', note: 'nothing lagging: no mail' };
  }
}
