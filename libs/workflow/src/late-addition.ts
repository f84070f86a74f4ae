import type { WorkflowDefinition } from './definition.schema';
import { addDays, localDateOf } from './local-time';

export interface LateAdditionInput {
  invitedAt: Date;
  /** Days the entities invited at launch had between invitation and deadline. */
  originalRunwayDays?: number;
  reportCutoff: string;
  timeZone: string;
}

/**
 * The deadline of an entity added late: the same runway as the others (or the configured one) so it is not
 * prejudiced by the error, but never past the report cutoff — only a deliberate extension may go beyond it.
 */
export function accommodatedDeadline(def: WorkflowDefinition, input: LateAdditionInput): string {
  const runway =
    def.lateAddition.runwayDays ?? input.originalRunwayDays ?? def.lateAddition.fallbackRunwayDays;
  const deadline = addDays(localDateOf(input.invitedAt, input.timeZone), runway);
  return deadline < input.reportCutoff ? deadline : input.reportCutoff;
}
