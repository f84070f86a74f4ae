import type { CascadeProgress, SessionSummary } from '@cascade/dialogue';
import { sessionSizeNotice } from '@cascade/dialogue';
import { localizeIssue } from './issue-messages';
import type { Translate } from './page-input';

interface TreeNodeModel {
  name: string;
  email: string;
  sessionsLed: number;
  next: boolean;
  children: TreeNodeModel[];
}

/** The managers as nested lists, from the top of the tree down (people without reports are counted, not shown). */
export function managerTree(progress: CascadeProgress): TreeNodeModel[] {
  const managers = progress.tree.filter((n) => n.isManager);
  const byEmail = new Map<string, TreeNodeModel>();
  for (const m of managers) {
    byEmail.set(m.email, {
      name: m.name,
      email: m.email,
      sessionsLed: m.sessionsLed,
      next: m.next,
      children: [],
    });
  }
  const roots: TreeNodeModel[] = [];
  for (const m of managers) {
    const node = byEmail.get(m.email) as TreeNodeModel;
    const parent = m.managerEmail ? byEmail.get(m.managerEmail) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export function progressModel(progress: CascadeProgress) {
  return {
    managers: progress.managers,
    managersWhoLed: progress.managersWhoLed,
    ratio: progress.ratio,
    hasTree: progress.tree.length > 0,
    next: progress.next,
    tree: managerTree(progress),
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
