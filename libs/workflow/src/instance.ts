import type { Audience } from './definition.schema';

/** Dates: `effectiveDeadline` and `reportCutoff` are calendar dates 'YYYY-MM-DD' meaning the end of that day in `timeZone`. */
export interface InstanceSnapshot {
  state: string;
  escalationLevel: number;
  /** IANA zone of the entity's duty station. */
  timeZone: string;
  invitedAt: Date | null;
  effectiveDeadline: string;
  reportCutoff: string;
  sessionsRecorded: number;
  statisticsSubmitted: boolean;
}

export interface WorkflowEvent {
  type: string;
  reason?: string;
  targetState?: string;
  newDeadline?: string;
}

export type { Audience };
