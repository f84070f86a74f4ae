import { EntityManager, LockMode, OptimisticLockError } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { GuardRefused, InvalidTransition, plan, step, type HolidayCalendar } from '@cascade/workflow';
import { loadStationCalendars } from '../holidays/station-calendars';
import { enqueueInOutbox, JobName } from '@cascade/scheduling';
import { Timer } from './timer.entity';
import { Dialogue } from '../dialogue/dialogue.entity';
import { Clock } from '@cascade/clock';
import { ConcurrentModification } from '../shared/errors';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { snapshotOf } from '../workflow-instance/snapshot';
import { WorkflowRegistry } from '../workflow-instance/workflow-registry';
import { WorkflowTransitions } from '../workflow-instance/workflow-transitions';
import { fireManagerTimers } from '../cascade/manager-timer-firing';
import { fireManagersDigest, MANAGERS_DIGEST } from '../cascade/managers-digest';
import { laggingEntities } from './lagging-entities';
import { TimerPlanner, type TimerOwner } from './timer-planner';

export type FiringOutcome =
  /** `together`: the other entities' timers this firing performed in the same transaction. */
  | { status: 'fired'; note?: string; together?: number }
  | { status: 'skipped'; reason: string; together?: number }
  /** Nothing to do: the row is unknown, already closed, or another worker claimed it first. */
  | { status: 'ignored'; reason: string };

export interface FiringOptions {
  /**
   * At most this many timers in one transaction: the job's own and, claimed with it, other entities' timers of
   * the same workflow timer due at the same instant. Their own jobs then find them closed. 1: the job's alone.
   */
  batch?: number;
  /**
   * PostgreSQL: claim the others with FOR UPDATE SKIP LOCKED, so that workers firing the same instant share it
   * out instead of queueing behind each other's row locks. SQLite has one writer at a time and needs none.
   */
  skipLocked?: boolean;
}

type EntityOutcome = Exclude<FiringOutcome, { status: 'ignored' }>;

/**
 * Performs timers: claims the job's row, re-reads the instance, and does what the timer says only if the current
 * plan still contains it. The claim is a conditional update inside the transaction, so two workers handed the
 * same timer (a duplicated job, a stalled job run twice) perform its effect once. When a deadline passes for a
 * whole time zone, thousands of entities' timers are due at one instant: one job claims a batch of them and
 * fires them in one transaction, which costs a fraction of one transaction each.
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

  async fire(key: string, options: FiringOptions = {}): Promise<FiringOutcome> {
    try {
      return await this.em.fork().transactional((em) => this.fireIn(em, key, options));
    } catch (error) {
      if (!(error instanceof OptimisticLockError)) throw error;
      // One entity of the batch changed under it (a submission): the job's own timer goes alone at once, and
      // the others are left to their own jobs.
      if ((options.batch ?? 1) > 1) return this.fire(key, { ...options, batch: 1 });
      // Another change to the instance won the race: the job retries and re-checks against the new state.
      throw new ConcurrentModification(`timer ${key}'s entity`);
    }
  }

  private async fireIn(em: EntityManager, key: string, options: FiringOptions): Promise<FiringOutcome> {
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
    if (timer.workflowId === null && timer.managerId === null) {
      const outcome = await this.fireDigest(em, timer, now);
      await recordOutcome(em, timer, outcome);
      return outcome;
    }
    const others = await this.claimSameSlot(em, timer, now, options);
    const outcomes =
      timer.managerId !== null
        ? await fireManagerTimers(em, this.transitions.cascade.transitions, [timer, ...others], now)
        : await this.fireForEntities(em, [timer, ...others], now);
    for (const fired of [timer, ...others])
      await recordOutcome(em, fired, outcomes.get(fired.id) as EntityOutcome);
    const own = outcomes.get(timer.id) as EntityOutcome;
    return others.length > 0 ? { ...own, together: others.length } : own;
  }

  /** Claims up to `batch - 1` other pending timers of the same slot, one per instance. */
  private async claimSameSlot(
    em: EntityManager,
    timer: Timer,
    now: Date,
    { batch = 1, skipLocked = false }: FiringOptions,
  ): Promise<Timer[]> {
    if (batch <= 1) return [];
    const owner: TimerOwner = timer.managerId !== null ? 'managerId' : 'workflowId';
    const candidates = await em.find(
      Timer,
      {
        status: 'pending',
        dialogueId: timer.dialogueId,
        timerId: timer.timerId,
        dueAt: timer.dueAt,
        [owner]: { $ne: null },
      },
      {
        orderBy: { id: 'asc' },
        limit: batch - 1,
        ...(skipLocked ? { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE } : {}),
      },
    );
    const instances = new Set([timer[owner]]);
    const others = candidates.filter((t) => !instances.has(t[owner]) && instances.add(t[owner]));
    if (others.length === 0) return [];
    // The rows are locked by this transaction (PostgreSQL) or the database by its writer (SQLite): all of them
    // are still pending, which the count checks rather than assumes. Unsynced, so that the mirror removes their
    // jobs from Redis after commit; a job already running finds its row closed.
    const updated = await em.nativeUpdate(
      Timer,
      { id: { $in: others.map((t) => t.id) }, status: 'pending' },
      { status: 'fired', closedAt: now, synced: false },
    );
    if (updated !== others.length) {
      throw new Error(`claimed ${updated} of ${others.length} timers locked for ${timer.key}`);
    }
    return others;
  }

  /** The timers are claimed, all of one dialogue and one workflow timer, at most one per instance. */
  private async fireForEntities(
    em: EntityManager,
    timers: Timer[],
    now: Date,
  ): Promise<Map<number, EntityOutcome>> {
    const instances = await em.find(
      EntityWorkflow,
      { id: { $in: timers.map((t) => t.workflowId as number) } },
      { populate: ['dialogue', 'entity'] },
    );
    const instanceOf = new Map(instances.map((i) => [i.id, i]));
    const calendarOf = await loadStationCalendars(
      em,
      instances.map((i) => i.entity.dutyStation),
    );
    const outcomes = new Map<number, EntityOutcome>();
    const due: { timer: Timer; instance: EntityWorkflow }[] = [];
    for (const timer of timers) {
      const instance = instanceOf.get(timer.workflowId as number);
      if (!instance) throw new Error(`timer ${timer.key}: no workflow instance ${timer.workflowId}`);
      const refusal = this.refusal(instance, timer, now, calendarOf(instance.entity.dutyStation));
      if (refusal) outcomes.set(timer.id, { status: 'skipped', reason: refusal });
      else due.push({ timer, instance });
    }
    const [first] = due;
    if (first?.timer.event) {
      const timerOf = new Map(due.map(({ timer, instance }) => [instance.id, timer]));
      await this.transitions.applyToAll(
        em,
        due.map(({ instance }) => instance),
        { type: first.timer.event },
        `timer:${first.timer.timerId}`,
        now,
        (instance) => {
          const timer = timerOf.get(instance.id) as Timer;
          return { timer: timer.key, dueAt: timer.dueAt.toISOString() };
        },
        { catchUpFrom: first.timer.dueAt },
      );
    }
    for (const { timer, instance } of due) {
      if (timer.mail) {
        enqueueInOutbox(
          em,
          JobName.SendMail,
          {
            workflowId: instance.id,
            template: timer.mail.template,
            audience: [...timer.mail.to],
            timerKey: timer.key,
            at: timer.dueAt.toISOString(),
            ...(timer.escalationLevel !== null ? { data: { escalationLevel: timer.escalationLevel } } : {}),
          },
          `mail.timer.${timer.key}`,
          now,
        );
      }
      outcomes.set(timer.id, { status: 'fired' });
    }
    return outcomes;
  }

  /** Why the timer must not act on the instance now, or null. Pure: nothing is written before all are checked. */
  private refusal(
    instance: EntityWorkflow,
    timer: Timer,
    now: Date,
    holidays: HolidayCalendar,
  ): string | null {
    const definition = this.transitions.definitionOf(instance.dialogue);
    // The row is the plan of its time; the instance may have moved on since (a missed cancellation, a race).
    const snapshot = { ...snapshotOf(instance), holidays };
    const current = plan(definition, snapshot, new Date(timer.dueAt.getTime() - 1));
    if (!current.some((t) => t.timerId === timer.timerId && t.dueAt.getTime() === timer.dueAt.getTime())) {
      return `obsolete: ${instance.entity.code} is ${instance.state}, deadline ${instance.effectiveDeadline}`;
    }
    if (!timer.event) return null;
    try {
      step(definition, snapshotOf(instance), { type: timer.event }, now);
      return null;
    } catch (error) {
      if (error instanceof GuardRefused || error instanceof InvalidTransition) return error.message;
      throw error;
    }
  }

  private async fireDigest(em: EntityManager, timer: Timer, now: Date): Promise<EntityOutcome> {
    const dialogue = await em.findOneOrFail(Dialogue, timer.dialogueId);
    if (dialogue.reportIssuedAt) return { status: 'skipped', reason: 'the report is issued' };
    if (timer.timerId === MANAGERS_DIGEST) {
      const managers = this.transitions.cascade.transitions.definitionOf(dialogue);
      const entities = await fireManagersDigest(em, timer, dialogue, managers, now);
      return entities > 0 ? { status: 'fired' } : { status: 'fired', note: 'no manager lagging: no mail' };
    }
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
          at: timer.dueAt.toISOString(),
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

async function recordOutcome(em: EntityManager, timer: Timer, outcome: EntityOutcome): Promise<void> {
  if (outcome.status === 'fired' && !outcome.note) return;
  await em.nativeUpdate(
    Timer,
    { id: timer.id },
    {
      status: outcome.status,
      outcome: (outcome.status === 'skipped' ? outcome.reason : (outcome.note as string)).slice(0, 300),
    },
  );
}
