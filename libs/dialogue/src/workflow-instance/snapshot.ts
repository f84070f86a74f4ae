import type { InstanceSnapshot } from '@cascade/workflow';
import type { EntityWorkflow } from './entity-workflow.entity';

/** What the pure engine needs to know of an instance (its dialogue and entity must be loaded). */
export function snapshotOf(instance: EntityWorkflow): InstanceSnapshot {
  return {
    state: instance.state,
    escalationLevel: instance.escalationLevel,
    timeZone: instance.entity.timeZone,
    invitedAt: instance.invitedAt,
    effectiveDeadline: instance.effectiveDeadline,
    reportCutoff: instance.dialogue.reportCutoff,
    sessionsRecorded: instance.sessionsRecorded,
    statisticsSubmitted: instance.statisticsSubmittedAt !== null,
  };
}
