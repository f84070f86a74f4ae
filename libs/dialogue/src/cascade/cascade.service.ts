import { EntityManager, OptimisticLockError } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Clock } from '@cascade/clock';
import type { WorkflowEvent } from '@cascade/workflow';
import { AuditEvent } from '../audit/audit-event.entity';
import type { Actor } from '../shared/actor';
import { ConcurrentModification, NotFound } from '../shared/errors';
import { FieldChecks } from '../shared/field-checks';
import { Timer } from '../timers/timer.entity';
import { findInstance } from '../workflow-instance/instance-lookup';
import { WorkflowRegistry } from '../workflow-instance/workflow-registry';
import { ManagerCascade } from './manager-cascade';
import { ManagerWorkflow } from './manager-workflow.entity';
import { checkSchedule, type ScheduleInput } from './session-schedule';

/** The managers' cascade as people act on it: a manager schedules, an admin or Focal Point excuses. */
@Injectable()
export class CascadeService {
  private readonly cascade: ManagerCascade;

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    registry: WorkflowRegistry,
  ) {
    this.cascade = new ManagerCascade(registry);
  }

  /** The manager's instance with its entity's, or NotFound naming the address. */
  async manager(year: number, code: string, email: string, em = this.em.fork()): Promise<ManagerWorkflow> {
    const instance = await findInstance(em, year, code);
    const manager = await em.findOne(ManagerWorkflow, {
      workflow: instance,
      email: String(email).toLowerCase(),
    });
    if (!manager) throw new NotFound(`manager of ${code}'s reporting tree`, String(email));
    return manager;
  }

  /** Every event on the manager and their timers, oldest first. */
  async timeline(year: number, code: string, email: string) {
    const em = this.em.fork();
    const manager = await this.manager(year, code, email, em);
    const [events, timers] = await Promise.all([
      em.find(AuditEvent, { managerId: manager.id }, { orderBy: { id: 'asc' } }),
      em.find(Timer, { managerId: manager.id }, { orderBy: { dueAt: 'asc', id: 'asc' } }),
    ]);
    return { manager, events, timers };
  }

  /**
   * Schedules the manager's session, or changes it: the team's calendar invitations go out (updated ones carry a
   * higher sequence, so calendars replace the earlier one).
   */
  async schedule(year: number, code: string, email: string, input: ScheduleInput, actor: Actor) {
    return this.change(year, code, email, actor, (manager, now) => {
      const { entity, dialogue } = manager.workflow;
      const definition = this.cascade.transitions.definitionOf(dialogue);
      const schedule = checkSchedule(input, {
        timeZone: entity.timeZone,
        now,
        lastDay: dialogue.reportCutoff,
        defaultMinutes: definition.parameters['sessionMinutes'] ?? 90,
        defaultLanguage: manager.language,
      });
      const rescheduling = manager.state === 'scheduled';
      Object.assign(manager, {
        sessionStartsAt: schedule.startsAt,
        sessionMinutes: schedule.minutes,
        sessionPlace: schedule.place,
        sessionUrl: schedule.url,
        sessionLanguage: schedule.language,
        calendarSequence: rescheduling ? manager.calendarSequence + 1 : manager.calendarSequence,
      });
      return { type: rescheduling ? 'reschedule' : 'schedule' };
    });
  }

  /** Cancels the scheduled session; the team's invitations are cancelled. */
  async cancelSession(year: number, code: string, email: string, actor: Actor) {
    return this.change(year, code, email, actor, (manager) => {
      manager.calendarSequence += 1;
      return { type: 'cancel-session' };
    });
  }

  /** Records why the manager holds no session this year (an admin or a Focal Point). */
  async excuse(year: number, code: string, email: string, reason: unknown, actor: Actor) {
    const check = new FieldChecks();
    check.text('reason', reason, { max: 2000 });
    check.throwIfAny();
    return this.change(year, code, email, actor, (manager) => {
      // A scheduled session is cancelled with the excuse: the cancellation is the invitation's next version.
      if (manager.state === 'scheduled') manager.calendarSequence += 1;
      manager.excuseReason = String(reason).trim();
      return { type: 'excuse', reason: String(reason).trim() };
    });
  }

  async reinstate(year: number, code: string, email: string, reason: unknown, actor: Actor) {
    const check = new FieldChecks();
    check.text('reason', reason, { max: 2000 });
    check.throwIfAny();
    return this.change(year, code, email, actor, (manager) => {
      manager.excuseReason = null;
      return { type: 'reinstate', reason: String(reason).trim() };
    });
  }

  /** One event on one manager, in one transaction; the engine refuses what the state does not allow. */
  private async change(
    year: number,
    code: string,
    email: string,
    actor: Actor,
    prepare: (manager: ManagerWorkflow, now: Date) => WorkflowEvent,
  ): Promise<ManagerWorkflow> {
    try {
      return await this.em.fork().transactional(async (em) => {
        const manager = await this.manager(year, code, email, em);
        const now = this.clock.now();
        const event = prepare(manager, now);
        await this.cascade.transitions.applyToAll(em, [manager], event, actor, now);
        return manager;
      });
    } catch (error) {
      if (error instanceof OptimisticLockError) throw new ConcurrentModification(`manager ${email}`);
      throw error;
    }
  }
}
