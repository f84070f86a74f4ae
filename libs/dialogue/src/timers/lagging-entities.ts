import type { EntityManager } from '@mikro-orm/core';
import type { WorkflowDefinition } from '@cascade/workflow';
import { localDateOf } from '@cascade/workflow';
import type { Dialogue } from '../dialogue/dialogue.entity';
import { daysBetween } from '../shared/dates';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';

export interface LaggingEntity {
  code: string;
  name: string;
  state: string;
  escalationLevel: number;
  effectiveDeadline: string;
  /** Whole days since the effective deadline in the entity's zone; 0 while it is not yet passed. */
  daysOverdue: number;
  /** Whole days since the invitation, for entities chased because no session is recorded. */
  daysSinceInvitation: number | null;
}

/**
 * Who the daily digest lists: entities overdue, and entities still without any session once the Head of Entity
 * has been nudged (the definition's nudge offset), most escalated first.
 */
export async function laggingEntities(
  em: EntityManager,
  dialogue: Dialogue,
  definition: WorkflowDefinition,
  now: Date,
): Promise<LaggingEntity[]> {
  const nudge = definition.timers.find((t) => t.kind === 'nudge' && t.anchor === 'invitation');
  const nudgeStates = nudge ? nudge.activeIn : [];
  const candidates = await em.find(
    EntityWorkflow,
    { dialogue, state: { $in: ['overdue', ...nudgeStates] } },
    { populate: ['entity'] },
  );
  const lagging: LaggingEntity[] = [];
  for (const instance of candidates) {
    const today = localDateOf(now, instance.entity.timeZone);
    const invitedDays = instance.invitedAt
      ? daysBetween(localDateOf(instance.invitedAt, instance.entity.timeZone), today)
      : null;
    const overdue = instance.state === 'overdue';
    if (!overdue && (!nudge || invitedDays === null || invitedDays < nudge.offsetDays)) continue;
    lagging.push({
      code: instance.entity.code,
      name: instance.entity.name,
      state: instance.state,
      escalationLevel: instance.escalationLevel,
      effectiveDeadline: instance.effectiveDeadline,
      daysOverdue: Math.max(0, daysBetween(instance.effectiveDeadline, today)),
      daysSinceInvitation: invitedDays,
    });
  }
  return lagging.sort(
    (a, b) =>
      b.escalationLevel - a.escalationLevel || b.daysOverdue - a.daysOverdue || a.code.localeCompare(b.code),
  );
}
