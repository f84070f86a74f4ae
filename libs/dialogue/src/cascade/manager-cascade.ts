import type { EntityManager } from '@mikro-orm/core';
import type { Language } from '../shared/languages';
import type { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import type { WorkflowRegistry } from '../workflow-instance/workflow-registry';
import { Person } from '../org/person.entity';
import { managersOf, syncWithTree, turnHasCome, type TreeManager } from './cascade-order';
import { planManagersDigests } from './managers-digest';
import { ManagerTransitions } from './manager-transitions';
import { ManagerWorkflow } from './manager-workflow.entity';

export interface TreeSyncSummary {
  added: number;
  kept: number;
  withdrawn: number;
  rejoined: number;
  /** Managers whose turn came with this import. */
  turns: number;
}

type Row = { workflow_id: number; email: string; n: number };

const ENDED = new Set(['withdrawn', 'closed']);
/** States from which a manager who led no session yet is still expected to. */
const AWAITING_TURN = 'waiting';

/**
 * Drives the managers' cascade from what happens to the entity, inside the caller's transaction: the tree's
 * import makes, keeps and withdraws manager instances; the launch gives the top of each tree its turn; a recorded
 * session marks its leader's session held and gives each of their direct reports who manage a team their turn; an
 * entity's year ending closes its managers.
 */
export class ManagerCascade {
  readonly transitions: ManagerTransitions;

  constructor(registry: WorkflowRegistry) {
    this.transitions = new ManagerTransitions(registry);
  }

  async syncTree(
    em: EntityManager,
    instance: EntityWorkflow,
    people: {
      email: string;
      name: string;
      language: Language;
      managerEmail: string | null;
      isManager: boolean;
    }[],
    now: Date,
    actor: string,
  ): Promise<TreeSyncSummary> {
    const existing = await em.find(ManagerWorkflow, { workflow: instance });
    const sync = syncWithTree(existing, managersOf(people));
    const rejoining: ManagerWorkflow[] = [];
    for (const { instance: manager, manager: tree } of sync.stay) {
      Object.assign(manager, {
        name: tree.name,
        language: tree.language,
        managerEmail: tree.managerEmail,
        directReports: tree.directReports,
      });
      if (manager.state === 'withdrawn') rejoining.push(manager);
    }
    const added = sync.add.map((tree) => newManager(em, instance, tree, now));
    em.persist(added);
    await em.flush(); // the new instances' ids key their audit rows, mails and timers
    const leaving = sync.leave.filter((m) => !ENDED.has(m.state));
    const why = { source: 'reporting tree import' };
    await this.transitions.applyToAll(em, leaving, { type: 'leave-tree' }, actor, now, why);
    await this.transitions.applyToAll(em, rejoining, { type: 'rejoin-tree' }, actor, now, why);
    const turns = await this.giveTurns(em, [instance], now, actor);
    return {
      added: added.length,
      kept: sync.stay.length,
      withdrawn: leaving.length,
      rejoined: rejoining.length,
      turns,
    };
  }

  /**
   * The launch (or a late addition) invited these entities: the top of each imported tree is asked, and the zones
   * of the entities with a tree get the weekly managers' digest to their Focal Points.
   */
  async entitiesInvited(
    em: EntityManager,
    instances: EntityWorkflow[],
    now: Date,
    actor: string,
  ): Promise<number> {
    await this.adoptStoredTrees(em, instances, now);
    return this.giveTurns(em, instances, now, actor);
  }

  /**
   * Entities whose tree was imported before their instance of this year existed (the demo seeds trees before the
   * launch; a tree is kept from one year to the next) get their managers' instances from it now.
   */
  private async adoptStoredTrees(em: EntityManager, instances: EntityWorkflow[], now: Date): Promise<void> {
    if (instances.length === 0) return;
    const [people, managed] = await Promise.all([
      em.find(Person, { entity: { $in: instances.map((i) => i.entity.id) } }, { orderBy: { id: 'asc' } }),
      em.find(ManagerWorkflow, { workflow: { $in: instances.map((i) => i.id) } }, { fields: ['workflow'] }),
    ]);
    if (people.length === 0) return;
    const hasManagers = new Set(managed.map((m) => m.workflow.id));
    const byEntity = new Map<number, Person[]>();
    for (const p of people) byEntity.set(p.entity.id, [...(byEntity.get(p.entity.id) ?? []), p]);
    for (const instance of instances) {
      const tree = byEntity.get(instance.entity.id);
      if (!tree || hasManagers.has(instance.id)) continue;
      em.persist(managersOf(tree).map((manager) => newManager(em, instance, manager, now)));
    }
    await em.flush();
  }

  /**
   * A session led by `leaderEmail` was recorded: their own instance counts it, and each manager reporting to them
   * whose turn had not come is asked now.
   */
  async sessionRecorded(
    em: EntityManager,
    instance: EntityWorkflow,
    leaderEmail: string,
    now: Date,
    actor: string,
  ): Promise<void> {
    const email = leaderEmail.toLowerCase();
    // One read for both: the leader's own instance and the managers reporting to them who wait for their turn.
    const concerned = await em.find(ManagerWorkflow, {
      workflow: instance,
      state: { $nin: [...ENDED] },
      $or: [{ email }, { managerEmail: email, turnAt: null }],
    });
    const leader = concerned.find((m) => m.email === email);
    if (leader) {
      leader.sessionsLed += 1;
      await this.transitions.applyToAll(em, [leader], { type: 'record-session' }, actor, now);
    }
    const reports = concerned.filter((m) => m.email !== email);
    await this.turnCame(em, reports, now, actor, { after: `session led by ${email}` });
  }

  /** The entities' year ended (report issued, cutoff passed, withdrawn): their managers are closed with them. */
  async entitiesEnded(
    em: EntityManager,
    instances: EntityWorkflow[],
    now: Date,
    actor: string,
  ): Promise<void> {
    if (instances.length === 0) return;
    const open = await em.find(ManagerWorkflow, {
      workflow: { $in: instances.map((i) => i.id) },
      state: { $ne: 'closed' },
    });
    await this.transitions.applyToAll(em, open, { type: 'close-year' }, actor, now);
  }

  /** Gives every waiting manager of these (invited) entities whose turn has come their turn. */
  private async giveTurns(em: EntityManager, instances: EntityWorkflow[], now: Date, actor: string) {
    const invited = instances.filter((i) => i.invitedAt !== null);
    if (invited.length === 0) return 0;
    const waiting = await em.find(ManagerWorkflow, {
      workflow: { $in: invited.map((i) => i.id) },
      state: AWAITING_TURN,
      turnAt: null,
    });
    if (waiting.length === 0) return 0;
    const withTree = invited.filter((i) => waiting.some((m) => m.workflow.id === i.id));
    await this.planDigests(em, withTree, now);
    const ids = invited.map((i) => i.id);
    const marks = ids.map(() => '?').join(',');
    const read = (sql: string) =>
      em
        .getConnection()
        .execute<{ workflow_id: number; email: string; n: number }[]>(
          sql,
          ids,
          'all',
          em.getTransactionContext(),
        );
    // Plain reads of two columns: the instances themselves are not needed, only who is in the tree and who led.
    const [inTreeRows, ledRows] = await Promise.all([
      read(
        `select workflow_id, email, 1 as n from manager_workflow where workflow_id in (${marks}) and state <> 'withdrawn'`,
      ),
      read(
        `select workflow_id, leader_email as email, count(*) as n from session where workflow_id in (${marks}) group by workflow_id, leader_email`,
      ),
    ]);
    const key = (workflowId: number, email: string) => `${workflowId} ${email}`;
    const inTree = new Set((inTreeRows as Row[]).map((r) => key(Number(r.workflow_id), r.email)));
    const led = new Map(
      (ledRows as Row[]).map((r) => [key(Number(r.workflow_id), r.email), Number(r.n)] as const),
    );
    const due = waiting.filter((m) => {
      const above = m.managerEmail === null ? null : key(m.workflow.id, m.managerEmail);
      return turnHasCome({ managerEmail: above }, inTree, led);
    });
    await this.turnCame(em, due, now, actor, { after: 'launch or import' });
    return due.length;
  }

  /** The weekly managers' digest of each duty station these entities are at (kept if already planned). */
  private async planDigests(em: EntityManager, instances: EntityWorkflow[], now: Date): Promise<void> {
    if (instances.length === 0) return;
    const dialogue = instances[0].dialogue;
    const stations = instances.map(({ entity }) => ({
      dutyStation: entity.dutyStation,
      timeZone: entity.timeZone,
    }));
    const definition = this.transitions.definitionOf(dialogue);
    await planManagersDigests(em, dialogue, definition, stations, now, now, 'planned again');
  }

  private async turnCame(
    em: EntityManager,
    managers: ManagerWorkflow[],
    now: Date,
    actor: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    for (const manager of managers) manager.turnAt = now;
    await this.transitions.applyToAll(em, managers, { type: 'turn-comes' }, actor, now, details);
  }
}

function newManager(
  em: EntityManager,
  instance: EntityWorkflow,
  tree: TreeManager,
  now: Date,
): ManagerWorkflow {
  return em.create(ManagerWorkflow, {
    ...tree,
    workflow: instance,
    state: 'waiting',
    escalationLevel: 0,
    turnAt: null,
    sessionsLed: 0,
    calendarSequence: 0,
    eventsRecorded: 0,
    updatedAt: now,
  } as ManagerWorkflow);
}
