import type { Language } from '../shared/languages';

/** A manager as the imported tree has them. */
export interface TreeManager {
  email: string;
  name: string;
  language: Language;
  managerEmail: string | null;
  directReports: number;
}

/** The managers of a tree (people flagged as managers) with their number of direct reports. */
export function managersOf(
  people: {
    email: string;
    name: string;
    language: Language;
    managerEmail: string | null;
    isManager: boolean;
  }[],
): TreeManager[] {
  const reports = new Map<string, number>();
  for (const p of people)
    if (p.managerEmail) reports.set(p.managerEmail, (reports.get(p.managerEmail) ?? 0) + 1);
  return people
    .filter((p) => p.isManager)
    .map((p) => ({
      email: p.email,
      name: p.name,
      language: p.language,
      managerEmail: p.managerEmail,
      directReports: reports.get(p.email) ?? 0,
    }));
}

/**
 * Whether a manager's turn has come: the top of the tree (the Head of Entity, or anyone whose manager is not in the
 * tree) from the launch, everyone else once their own manager has led a recorded session.
 */
export function turnHasCome(
  manager: { managerEmail: string | null },
  inTree: ReadonlySet<string>,
  sessionsLedBy: ReadonlyMap<string, number>,
): boolean {
  const above = manager.managerEmail;
  return above === null || !inTree.has(above) || (sessionsLedBy.get(above) ?? 0) > 0;
}

export interface TreeSync<E> {
  add: TreeManager[];
  /** Still in the tree: their copy of name, language, manager and team is refreshed. */
  stay: { instance: E; manager: TreeManager }[];
  /** Gone from the tree. */
  leave: E[];
}

/** Pure: which instances a re-import keeps, which it withdraws, and which managers are new. */
export function syncWithTree<E extends { email: string }>(
  instances: E[],
  managers: TreeManager[],
): TreeSync<E> {
  const byEmail = new Map(instances.map((i) => [i.email, i]));
  const add: TreeManager[] = [];
  const stay: TreeSync<E>['stay'] = [];
  for (const manager of managers) {
    const instance = byEmail.get(manager.email);
    if (instance) {
      stay.push({ instance, manager });
      byEmail.delete(manager.email);
    } else add.push(manager);
  }
  return { add, stay, leave: [...byEmail.values()] };
}
