import type { EntityManager } from '@mikro-orm/core';
import { Person } from '../org/person.entity';
import { SessionRecord } from '../session/session-record.entity';
import { ManagerWorkflow } from './manager-workflow.entity';

export interface PersonRef {
  name: string;
  email: string;
  language: string;
}

/** What a manager workflow's mail is about, read in the composing transaction. */
export interface ManagerMailFacts {
  manager: ManagerWorkflow;
  /** Their own manager (the team's second reporting officer), when in the tree. */
  boss: PersonRef | null;
  /** The other managers reporting to the same boss: the units a joint session would join. */
  peers: PersonRef[];
  /** Their direct reports, the session's team: read only for mails to the team. */
  team: PersonRef[];
  /** The manager's latest recorded session: the one whose feedback link goes to the team. */
  latestSession: SessionRecord | null;
}

const ref = (p: { name: string; email: string; language: string }): PersonRef => ({
  name: p.name,
  email: p.email,
  language: p.language,
});

export async function loadManagerMailFacts(
  em: EntityManager,
  managerId: number,
  audience: string[],
): Promise<ManagerMailFacts | null> {
  const manager = await em.findOne(ManagerWorkflow, managerId, {
    populate: ['workflow', 'workflow.dialogue', 'workflow.entity', 'workflow.entity.focalPoints'],
  });
  if (!manager) return null;
  const instance = manager.workflow;
  const [above, team, latestSession] = await Promise.all([
    manager.managerEmail
      ? em.find(
          ManagerWorkflow,
          {
            workflow: instance,
            $or: [{ email: manager.managerEmail }, { managerEmail: manager.managerEmail }],
            state: { $ne: 'withdrawn' },
          },
          { orderBy: { name: 'asc' } },
        )
      : Promise.resolve([] as ManagerWorkflow[]),
    audience.includes('team')
      ? em.find(
          Person,
          { entity: instance.entity, managerEmail: manager.email },
          { orderBy: { name: 'asc' } },
        )
      : Promise.resolve([] as Person[]),
    em.findOne(
      SessionRecord,
      { workflow: instance, leaderEmail: manager.email },
      { orderBy: { id: 'desc' } },
    ),
  ]);
  const boss = above.find((m) => m.email === manager.managerEmail);
  return {
    manager,
    boss: boss ? ref(boss) : null,
    peers: above.filter((m) => m.email !== manager.managerEmail && m.id !== manager.id).map(ref),
    team: team.map(ref),
    latestSession,
  };
}
