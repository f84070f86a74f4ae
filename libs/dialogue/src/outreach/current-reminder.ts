import type { WorkflowDefinition } from '@cascade/workflow';
import type { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';

export interface Reminder {
  template: string;
  audience: string[];
}

/**
 * The mail the entity's own timers would send it now, as its workflow defines them: before its deadline, its
 * reminder timers' mail; once past it (or escalated), the first escalation step's notice. Later escalation steps
 * write to the Ethics Office, and reminding the office of an entity is not reminding the entity. Null when the
 * entity's state has no such timer (it owes nothing).
 */
export function currentReminder(
  definition: WorkflowDefinition,
  instance: Pick<EntityWorkflow, 'state' | 'escalationLevel' | 'effectiveDeadline'>,
  today: string,
): Reminder | null {
  const reminder = definition.timers.find(
    (timer) => timer.kind === 'reminder' && timer.mail && timer.activeIn.includes(instance.state),
  )?.mail;
  const escalation = definition.escalation;
  const owes = !!reminder || !!escalation?.activeIn.includes(instance.state);
  if (!owes) return null;
  const late = instance.escalationLevel > 0 || today > instance.effectiveDeadline;
  const mail = late && escalation ? escalation.steps[0].mail : reminder;
  return mail ? { template: mail.template, audience: [...mail.to] } : null;
}
