import type { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';

/** States in which the entity still owes its statistics, so a reminder has something to ask for. */
export const REMINDABLE_STATES: readonly string[] = ['invited', 'cascading', 'overdue'];

export interface Reminder {
  template: 'reminder' | 'overdue-notice';
  audience: string[];
}

/**
 * The mail the entity's reminder timers would send it now: before its deadline, the Focal Points' reminder; once
 * past it (or escalated), the overdue notice to the Focal Points and the Head. The Ethics Office's own escalation
 * mail is left out: reminding the office of an entity is not reminding the entity. Null when nothing is owed.
 */
export function currentReminder(
  instance: Pick<EntityWorkflow, 'state' | 'escalationLevel' | 'effectiveDeadline'>,
  today: string,
): Reminder | null {
  if (!REMINDABLE_STATES.includes(instance.state)) return null;
  if (instance.escalationLevel > 0 || today > instance.effectiveDeadline) {
    return { template: 'overdue-notice', audience: ['focal-points', 'head-of-entity'] };
  }
  return { template: 'reminder', audience: ['focal-points'] };
}
