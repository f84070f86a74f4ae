import type { InstanceSnapshot } from '@cascade/workflow';
import { localDateOf } from '@cascade/workflow';
import type { ManagerWorkflow } from './manager-workflow.entity';

/**
 * The facts workflows/manager-session.v*.yaml declares, read from a manager's instance (its entity instance, with
 * the dialogue and entity, must be loaded). Managers follow their entity's duty-station zone.
 */
export function managerSnapshotOf(manager: ManagerWorkflow): InstanceSnapshot {
  const { entity, dialogue } = manager.workflow;
  return {
    state: manager.state,
    escalationLevel: manager.escalationLevel,
    timeZone: entity.timeZone,
    facts: {
      turnAt: manager.turnAt,
      sessionOn: manager.sessionStartsAt ? localDateOf(manager.sessionStartsAt, entity.timeZone) : null,
      reportCutoff: dialogue.reportCutoff,
      sessionsLed: manager.sessionsLed,
    },
  };
}
