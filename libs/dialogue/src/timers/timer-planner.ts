import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import {
  nextDigest,
  NO_HOLIDAYS,
  plan,
  plansTimersIn,
  type HolidayCalendar,
  type InstanceSnapshot,
  type WorkflowDefinition,
} from '@cascade/workflow';
import { Timer } from './timer.entity';
import type { Dialogue } from '../dialogue/dialogue.entity';
import type { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { snapshotOf } from '../workflow-instance/snapshot';
import { loadStationCalendars } from '../holidays/station-calendars';

export interface ReplanOptions {
  /**
   * Plan as if it were this instant: a timer firing late (after an outage) plans what follows it from its own
   * due time, so the steps it missed are created and fire at once, in order, instead of being lost.
   */
  catchUpFrom?: Date;
  /** Recorded on cancelled rows. */
  reason: string;
}

/** The public holidays the dialogue's digest skips: those of the duty station its definition names, if any. */
export async function digestCalendar(
  em: EntityManager,
  definition: WorkflowDefinition,
): Promise<HolidayCalendar> {
  const station = definition.digest?.dutyStation;
  if (!station) return NO_HOLIDAYS;
  return (await loadStationCalendars(em, [station]))(station);
}

/** The column naming a timer row's instance. */
export type TimerOwner = 'workflowId' | 'managerId';

export interface PlannedSubject {
  id: number;
  dialogueId: number;
  definition: WorkflowDefinition;
  snapshot: InstanceSnapshot;
  /** Whose public holidays no mail may fall on. */
  dutyStation: string;
}

const slotOf = (timerId: string, dueAt: Date) => `${timerId}@${dueAt.getTime()}`;

/**
 * A BullMQ job id (no ':') naming the slot, unique per row: the same slot planned again after a cancellation
 * (a deadline moved away and back) gets a new row and so a new job, never a finished job's id.
 */
export function timerKey(scope: string, timerId: string, dueAt: Date): string {
  return `${scope}.${timerId}.${dueAt.getTime()}.${randomBytes(4).toString('hex')}`;
}

/**
 * Turns the workflow's plan into timer rows inside the caller's transaction: rows still planned are kept,
 * rows no longer planned are cancelled, new ones are added. Redis follows after commit (TimerMirror).
 */
export class TimerPlanner {
  async replan(
    em: EntityManager,
    instances: EntityWorkflow[],
    definitionOf: (instance: EntityWorkflow) => WorkflowDefinition,
    now: Date,
    options: ReplanOptions,
  ): Promise<void> {
    const subjects = instances.map((instance) => ({
      id: instance.id,
      dialogueId: instance.dialogue.id,
      definition: definitionOf(instance),
      snapshot: snapshotOf(instance),
      dutyStation: instance.entity.dutyStation,
    }));
    await this.replanSubjects(em, 'workflowId', subjects, now, options);
  }

  /**
   * The same for instances of any definition: `column` says which instance a row belongs to (an entity's or a
   * manager's), and the snapshot is what that definition's facts say now.
   */
  async replanSubjects(
    em: EntityManager,
    column: TimerOwner,
    subjects: PlannedSubject[],
    now: Date,
    options: ReplanOptions,
  ): Promise<void> {
    if (subjects.length === 0) return;
    const pending = await em.find(Timer, {
      [column]: { $in: subjects.map((s) => s.id) },
      status: 'pending',
    });
    const pendingOf = new Map<number, Timer[]>();
    for (const timer of pending) {
      const owner = timer[column] as number;
      const list = pendingOf.get(owner) ?? [];
      list.push(timer);
      pendingOf.set(owner, list);
    }
    const scope = column === 'workflowId' ? 'w' : 'm';
    // A state without timers (submitted, final) plans nothing: its duty station's holidays need not be read.
    const dated = subjects.filter((s) => plansTimersIn(s.definition, s.snapshot.state));
    const calendarOf = await loadStationCalendars(
      em,
      dated.map((s) => s.dutyStation),
    );
    for (const subject of subjects) {
      const existing = pendingOf.get(subject.id) ?? [];
      const createFrom = options.catchUpFrom ?? now;
      // Rows already due but not yet fired stay if the new plan still has them; nothing new is created in the past.
      const keepFrom = Math.min(createFrom.getTime(), ...existing.map((t) => t.dueAt.getTime() - 1));
      const desired = plansTimersIn(subject.definition, subject.snapshot.state)
        ? plan(
            subject.definition,
            { ...subject.snapshot, holidays: calendarOf(subject.dutyStation) },
            new Date(keepFrom),
          )
        : [];
      const unmatched = new Map(existing.map((t) => [slotOf(t.timerId, t.dueAt), t]));
      for (const planned of desired) {
        if (unmatched.delete(slotOf(planned.timerId, planned.dueAt))) continue;
        if (planned.dueAt.getTime() <= createFrom.getTime()) continue;
        em.persist(
          em.create(Timer, {
            key: timerKey(`${scope}${subject.id}`, planned.timerId, planned.dueAt),
            dialogueId: subject.dialogueId,
            workflowId: column === 'workflowId' ? subject.id : null,
            managerId: column === 'managerId' ? subject.id : null,
            timerId: planned.timerId,
            kind: planned.kind,
            dueAt: planned.dueAt,
            localDueAt: planned.localDueAt,
            mail: planned.mail ? { template: planned.mail.template, to: [...planned.mail.to] } : null,
            event: planned.event ?? null,
            escalationLevel: planned.escalationLevel ?? null,
            status: 'pending',
            synced: false,
            createdAt: now,
            closedAt: null,
            outcome: null,
          }),
        );
      }
      for (const obsolete of unmatched.values()) cancel(obsolete, now, options.reason);
    }
  }

  /** Keeps exactly one pending digest for the dialogue: the next slot after `after`, if any before the cutoff. */
  async planDigest(
    em: EntityManager,
    dialogue: Dialogue,
    definition: WorkflowDefinition,
    after: Date,
    now: Date,
    reason: string,
  ): Promise<Timer | null> {
    const next = dialogue.reportIssuedAt
      ? null
      : nextDigest(definition, after, dialogue.reportCutoff, undefined, await digestCalendar(em, definition));
    const pending = await em.find(Timer, {
      dialogueId: dialogue.id,
      workflowId: null,
      managerId: null,
      timerId: 'digest',
      status: 'pending',
    });
    let kept: Timer | null = null;
    for (const timer of pending) {
      if (next && !kept && timer.dueAt.getTime() === next.dueAt.getTime()) kept = timer;
      else cancel(timer, now, reason);
    }
    if (kept || !next) return kept;
    const timer = em.create(Timer, {
      key: timerKey(`d${dialogue.id}`, 'digest', next.dueAt),
      dialogueId: dialogue.id,
      workflowId: null,
      managerId: null,
      timerId: 'digest',
      kind: 'digest',
      dueAt: next.dueAt,
      localDueAt: next.localDueAt,
      mail: { template: next.template, to: next.to },
      event: null,
      escalationLevel: null,
      status: 'pending',
      synced: false,
      createdAt: now,
      closedAt: null,
      outcome: null,
    });
    em.persist(timer);
    return timer;
  }
}

export function cancel(timer: Timer, now: Date, reason: string): void {
  timer.status = 'cancelled';
  timer.synced = false;
  timer.closedAt = now;
  timer.outcome = reason.slice(0, 300);
}
