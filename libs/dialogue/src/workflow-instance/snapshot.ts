import type { InstanceSnapshot } from '@cascade/workflow';
import type { EntityWorkflow } from './entity-workflow.entity';

/**
 * The facts workflows/leadership-dialogue.v*.yaml declares, read from an instance (its dialogue and entity must be
 * loaded).
 */
export function snapshotOf(instance: EntityWorkflow): InstanceSnapshot {
  return {
    state: instance.state,
    escalationLevel: instance.escalationLevel,
    timeZone: instance.entity.timeZone,
    facts: {
      invitedAt: instance.invitedAt,
      effectiveDeadline: instance.effectiveDeadline,
      reportCutoff: instance.dialogue.reportCutoff,
      sessionsRecorded: instance.sessionsRecorded,
      statisticsSubmitted: instance.statisticsSubmittedAt !== null,
    },
  };
}
