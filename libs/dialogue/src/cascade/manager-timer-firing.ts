import type { EntityManager } from '@mikro-orm/core';
import { GuardRefused, InvalidTransition, plan, step, type HolidayCalendar } from '@cascade/workflow';
import { loadStationCalendars } from '../holidays/station-calendars';
import { enqueueInOutbox, JobName } from '@cascade/scheduling';
import type { Timer } from '../timers/timer.entity';
import { managerSnapshotOf } from './manager-snapshot';
import type { ManagerTransitions } from './manager-transitions';
import { ManagerWorkflow } from './manager-workflow.entity';

export type ManagerTimerOutcome = { status: 'fired' } | { status: 'skipped'; reason: string };

/**
 * Performs claimed manager timers (all of one workflow timer and instant, one per manager): each only if the
 * manager's current plan still has it, so a session scheduled or held since cancels its reminder even when the
 * cancellation did not reach Redis in time.
 */
export async function fireManagerTimers(
  em: EntityManager,
  transitions: ManagerTransitions,
  timers: Timer[],
  now: Date,
): Promise<Map<number, ManagerTimerOutcome>> {
  const managers = await em.find(
    ManagerWorkflow,
    { id: { $in: timers.map((t) => t.managerId as number) } },
    { populate: ['workflow', 'workflow.dialogue', 'workflow.entity'] },
  );
  const managerOf = new Map(managers.map((m) => [m.id, m]));
  const calendarOf = await loadStationCalendars(
    em,
    managers.map((m) => m.workflow.entity.dutyStation),
  );
  const outcomes = new Map<number, ManagerTimerOutcome>();
  const due: { timer: Timer; manager: ManagerWorkflow }[] = [];
  for (const timer of timers) {
    const manager = managerOf.get(timer.managerId as number);
    if (!manager) throw new Error(`timer ${timer.key}: no manager instance ${timer.managerId}`);
    const refusal = refusalOf(
      transitions,
      manager,
      timer,
      now,
      calendarOf(manager.workflow.entity.dutyStation),
    );
    if (refusal) outcomes.set(timer.id, { status: 'skipped', reason: refusal });
    else due.push({ timer, manager });
  }
  const [first] = due;
  if (first?.timer.event) {
    await transitions.applyToAll(
      em,
      due.map((d) => d.manager),
      { type: first.timer.event },
      `timer:${first.timer.timerId}`,
      now,
      { dueAt: first.timer.dueAt.toISOString() },
      { catchUpFrom: first.timer.dueAt },
    );
  }
  for (const { timer, manager } of due) {
    if (timer.mail) {
      enqueueInOutbox(
        em,
        JobName.SendMail,
        {
          managerId: manager.id,
          template: timer.mail.template,
          audience: [...timer.mail.to],
          timerKey: timer.key,
          at: timer.dueAt.toISOString(),
        },
        `mail.timer.${timer.key}`,
        now,
      );
    }
    outcomes.set(timer.id, { status: 'fired' });
  }
  return outcomes;
}

function refusalOf(
  transitions: ManagerTransitions,
  manager: ManagerWorkflow,
  timer: Timer,
  now: Date,
  holidays: HolidayCalendar,
) {
  const definition = transitions.definitionOf(manager.workflow.dialogue);
  const snapshot = { ...managerSnapshotOf(manager), holidays };
  const current = plan(definition, snapshot, new Date(timer.dueAt.getTime() - 1));
  if (!current.some((t) => t.timerId === timer.timerId && t.dueAt.getTime() === timer.dueAt.getTime())) {
    return `obsolete: ${manager.email} of ${manager.workflow.entity.code} is ${manager.state}`;
  }
  if (!timer.event) return null;
  try {
    step(definition, snapshot, { type: timer.event }, now);
    return null;
  } catch (error) {
    if (error instanceof GuardRefused || error instanceof InvalidTransition) return error.message;
    throw error;
  }
}
