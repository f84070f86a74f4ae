/** The source document's advice on the size of a session, from the manager's team as the tree has it. */
export type SessionAdvice =
  | { kind: 'split'; directReports: number; sessions: number; maxSize: number }
  | {
      kind: 'joint';
      directReports: number;
      secondReportingOfficer: { name: string; email: string } | null;
      units: { name: string; email: string }[];
    }
  | { kind: 'single'; directReports: number };

export interface AdviceParameters {
  /** More direct reports than this: several sessions, all led by the manager. */
  splitAbove: number;
  /** Fewer than this: a joint session with the units of their second reporting officer. */
  jointBelow: number;
}

export interface TreeNeighbourhood {
  directReports: number;
  /** Their own manager (the second reporting officer of their team), if in the tree. */
  secondReportingOfficer: { name: string; email: string } | null;
  /** The other managers who report to the same second reporting officer: the units a joint session would join. */
  peerManagers: { name: string; email: string }[];
}

/**
 * Pure: `split` into as few sessions as keep each within `splitAbove`; `joint` with the units under the same
 * second reporting officer when the team is small; otherwise one session.
 */
export function sessionAdvice(tree: TreeNeighbourhood, p: AdviceParameters): SessionAdvice {
  const n = tree.directReports;
  if (n > p.splitAbove) {
    const sessions = Math.ceil(n / p.splitAbove);
    return { kind: 'split', directReports: n, sessions, maxSize: Math.ceil(n / sessions) };
  }
  if (n < p.jointBelow) {
    return {
      kind: 'joint',
      directReports: n,
      secondReportingOfficer: tree.secondReportingOfficer,
      units: tree.peerManagers,
    };
  }
  return { kind: 'single', directReports: n };
}
