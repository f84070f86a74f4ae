/** Managers in a subtree (the manager and everyone below) and how many of them have held their session. */
export interface SubtreeProgress {
  managers: number;
  held: number;
}

const ENGAGED = new Set(['held']);
const OUT = new Set(['withdrawn']);

/**
 * Pure: each manager's subtree progress, from the managers' reporting lines. Linear: every manager adds itself
 * to each manager above it (depth is at most a handful of levels), with a guard against a cycle in stale data.
 */
export function subtreeProgress(
  managers: readonly { email: string; managerEmail: string | null; state: string }[],
): Map<string, SubtreeProgress> {
  const present = managers.filter((m) => !OUT.has(m.state));
  const above = new Map(present.map((m) => [m.email, m.managerEmail]));
  const progress = new Map(present.map((m) => [m.email, { managers: 0, held: 0 }]));
  for (const m of present) {
    const held = ENGAGED.has(m.state) ? 1 : 0;
    const seen = new Set<string>();
    for (
      let at: string | null | undefined = m.email;
      at && progress.has(at) && !seen.has(at);
      at = above.get(at)
    ) {
      seen.add(at);
      const p = progress.get(at) as SubtreeProgress;
      p.managers += 1;
      p.held += held;
    }
  }
  return progress;
}
