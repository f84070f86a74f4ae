import type { CascadeProgress, SessionSummary } from '@cascade/dialogue';
import { sessionSizeNotice } from '@cascade/dialogue';
import { localizeIssue } from './issue-messages';
import type { Translate } from './page-input';

export function progressModel(progress: CascadeProgress) {
  return {
    managers: progress.managers,
    managersWhoLed: progress.managersWhoLed,
    ratio: progress.ratio,
    hasTree: progress.tree.length > 0,
  };
}

/** The stored English warning, said again by its code (the same rule gives the same code for the same size). */
function sizeWarning(participants: number, stored: string, t: Translate): string {
  const notice = sessionSizeNotice(participants);
  return notice ? localizeIssue(notice, t) : stored;
}

export function sessionsModel(sessions: SessionSummary[], t: Translate) {
  return sessions.map((s) => ({
    ...s,
    leader: s.leaderName ?? s.leaderEmail,
    agencies: Object.entries(s.otherAgencyParticipants).map(([agency, count]) => ({ agency, count })),
    warning: s.sizeWarning ? sizeWarning(s.participants, s.sizeWarning, t) : null,
  }));
}
