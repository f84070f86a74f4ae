/** A manager's place in the tree's order: how many levels below the top of their branch. */
export interface Placed<T> {
  manager: T;
  depth: number;
}

/**
 * Pure: the managers in the tree's order, each followed by their branch (depth first), siblings in the order they
 * come in. The top is anyone whose own manager is not among them (the Head of Entity, a manager reporting outside
 * the tree). Managers caught in a reporting cycle of stale data have no top: they follow, each as a top of what of
 * the cycle is left, so that nobody is lost.
 */
export function treeOrder<T extends { email: string; managerEmail: string | null }>(
  managers: readonly T[],
): Placed<T>[] {
  const known = new Set(managers.map((m) => m.email));
  const teams = new Map<string, T[]>();
  const tops: T[] = [];
  for (const m of managers) {
    if (m.managerEmail && m.managerEmail !== m.email && known.has(m.managerEmail)) {
      teams.set(m.managerEmail, [...(teams.get(m.managerEmail) ?? []), m]);
    } else tops.push(m);
  }
  const placed: Placed<T>[] = [];
  const seen = new Set<string>();
  const visit = (top: T) => {
    // An explicit stack: a deep or cyclic tree never overflows the call stack.
    const stack: Placed<T>[] = [{ manager: top, depth: 0 }];
    while (stack.length > 0) {
      const next = stack.pop() as Placed<T>;
      if (seen.has(next.manager.email)) continue;
      seen.add(next.manager.email);
      placed.push(next);
      const team = teams.get(next.manager.email) ?? [];
      for (let i = team.length - 1; i >= 0; i--) stack.push({ manager: team[i], depth: next.depth + 1 });
    }
  };
  for (const top of tops) visit(top);
  for (const m of managers) if (!seen.has(m.email)) visit(m);
  return placed;
}

/** Pure: the branch of `email` within a tree order — the manager and everyone below them; empty if absent. */
export function branchOf<T extends { email: string }>(
  ordered: readonly Placed<T>[],
  email: string,
): Placed<T>[] {
  const start = ordered.findIndex((p) => p.manager.email === email);
  if (start < 0) return [];
  let end = start + 1;
  while (end < ordered.length && ordered[end].depth > ordered[start].depth) end++;
  return ordered.slice(start, end);
}
