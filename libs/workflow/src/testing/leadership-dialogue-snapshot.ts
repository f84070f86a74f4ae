import type { InstanceSnapshot } from '../instance';

/** An entity instance as the specs describe it: the leadership-dialogue facts beside the state, flat. */
export interface LeadershipDialogueInstance {
  state: string;
  escalationLevel: number;
  timeZone: string;
  invitedAt: Date | null;
  effectiveDeadline: string;
  reportCutoff: string;
  sessionsRecorded: number;
  statisticsSubmitted: boolean;
}

export function leadershipDialogueSnapshot(i: LeadershipDialogueInstance): InstanceSnapshot {
  const { state, escalationLevel, timeZone, ...facts } = i;
  return { state, escalationLevel, timeZone, facts };
}
