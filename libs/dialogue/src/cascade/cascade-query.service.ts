import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Clock } from '@cascade/clock';
import { localDateOf } from '@cascade/workflow';
import { daysBetween } from '../shared/dates';
import { NotFound, ValidationFailed } from '../shared/errors';
import { findInstance } from '../workflow-instance/instance-lookup';
import { WorkflowRegistry } from '../workflow-instance/workflow-registry';
import { managerStandingOf, type ManagerStanding } from './manager-standing';
import { ManagerWorkflow } from './manager-workflow.entity';
import { subtreeProgress, type SubtreeProgress } from './subtree-progress';
import { branchOf, treeOrder } from './tree-order';

export interface ManagerRow {
  /** The manager's instance (the console links to its timeline). */
  id: number;
  name: string;
  email: string;
  managerEmail: string | null;
  language: string;
  state: string;
  directReports: number;
  turnOn: string | null;
  sessionsLed: number;
  sessionStartsAt: Date | null;
  /** Why an admin or a Focal Point excused them, while `excused`. */
  excuseReason: string | null;
  /** Days since the turn came, when the manager is lagging (their turn came longer ago than the definition says). */
  laggingDays: number | null;
  subtree: SubtreeProgress;
  /** Levels below the top of the tree (0: the Head of Entity, or a manager whose own manager is outside it). */
  depth: number;
}

export interface ManagerListQuery {
  state?: string;
  /** Part of a name or an address. */
  q?: string;
  lagging?: boolean;
  /** Only this manager's branch: the manager and everyone below them. */
  under?: string;
  /** By name (the default), or the tree's order: each manager followed by their branch, teams by name. */
  order?: 'name' | 'tree';
  offset?: number;
  limit?: number;
}

export interface ManagerList {
  /** The states of the pinned manager workflow, in the definition's order (what `state` may filter on). */
  states: string[];
  total: number;
  /** Every manager of the entity, by state (withdrawn included). */
  byState: Record<string, number>;
  /** Every manager of the entity who is lagging, whatever the filters. */
  lagging: number;
  /** The definition's number: a manager whose turn came longer ago than this, still without a session, lags. */
  laggingAfterDays: number;
  managers: ManagerRow[];
}

/** How far the cascade has come in one entity: its managers (withdrawn ones aside) and those who led a session. */
export interface EntityEngagement {
  /** The entity's instance of the year. */
  workflowId: number;
  code: string;
  name: string;
  managers: number;
  engaged: number;
}

const MAX_PAGE = 500;

/**
 * Reads the managers' cascade of one entity: a page of its managers (filtered, searched) with their subtree's
 * progress, and the counts by state. The whole entity's managers are read once (a few thousand short rows at
 * most) because subtree progress needs all of them; only the page is returned.
 */
@Injectable()
export class CascadeQueryService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly registry: WorkflowRegistry,
  ) {}

  /** One manager's instance with its entity's instance, dialogue and entity. */
  async byId(id: number | null): Promise<ManagerWorkflow> {
    const manager = await this.em
      .fork()
      .findOne(ManagerWorkflow, id ?? 0, { populate: ['workflow', 'workflow.entity', 'workflow.dialogue'] });
    if (!manager) throw new NotFound('manager', id ?? '?');
    return manager;
  }

  async list(year: number, code: string, query: ManagerListQuery = {}): Promise<ManagerList> {
    const em = this.em.fork();
    const instance = await findInstance(em, year, code);
    const { dialogue, entity } = instance;
    const definition = this.registry.get(dialogue.managerWorkflowId, dialogue.managerWorkflowVersion);
    const lagAfter = definition.parameters['laggingAfterDays'] ?? 14;
    const states = Object.keys(definition.states);
    if (query.state !== undefined && !states.includes(query.state)) {
      throw new ValidationFailed([
        {
          field: 'state',
          code: 'one-of',
          message: `must be one of ${states.join(', ')}`,
          params: { values: states.join(', ') },
        },
      ]);
    }
    const managers = await em.find(
      ManagerWorkflow,
      { workflow: instance },
      { orderBy: { name: 'asc', id: 'asc' } },
    );
    const progress = subtreeProgress(managers);
    const today = localDateOf(this.clock.now(), entity.timeZone);
    const byState: Record<string, number> = {};
    for (const m of managers) byState[m.state] = (byState[m.state] ?? 0) + 1;
    const ordered = treeOrder(managers);
    const depthOf = new Map(ordered.map((p) => [p.manager.email, p.depth]));
    const sequence =
      query.under !== undefined
        ? branchOf(ordered, String(query.under).toLowerCase()).map((p) => p.manager)
        : query.order === 'tree'
          ? ordered.map((p) => p.manager)
          : managers;
    const rows = sequence.map((m): ManagerRow => {
      const turnOn = m.turnAt ? localDateOf(m.turnAt, entity.timeZone) : null;
      const since = turnOn ? daysBetween(turnOn, today) : null;
      return {
        id: m.id,
        name: m.name,
        email: m.email,
        managerEmail: m.managerEmail,
        language: m.language,
        state: m.state,
        directReports: m.directReports,
        turnOn,
        sessionsLed: m.sessionsLed,
        sessionStartsAt: m.sessionStartsAt,
        excuseReason: m.state === 'excused' ? m.excuseReason : null,
        laggingDays: m.state === 'your-turn' && since !== null && since > lagAfter ? since : null,
        subtree: progress.get(m.email) ?? { managers: 0, held: 0 },
        depth: depthOf.get(m.email) ?? 0,
      };
    });
    const needle = query.q?.trim().toLowerCase();
    const matching = rows.filter(
      (r) =>
        (!query.state || r.state === query.state) &&
        (!query.lagging || r.laggingDays !== null) &&
        (!needle || r.name.toLowerCase().includes(needle) || r.email.includes(needle)),
    );
    const offset = Math.max(0, Math.floor(query.offset ?? 0));
    const limit = Math.min(MAX_PAGE, Math.max(1, Math.floor(query.limit ?? 50)));
    return {
      states,
      total: matching.length,
      byState,
      lagging: rows.filter((r) => r.laggingDays !== null).length,
      laggingAfterDays: lagAfter,
      managers: matching.slice(offset, offset + limit),
    };
  }

  /**
   * One manager's standing for their own page (state, scheduled session, the advice on its size), or null when the
   * address has no instance in the entity's cascade (not a manager of its imported tree). Reads the manager, then
   * their own manager and peers together.
   */
  async standing(year: number, code: string, email: string): Promise<ManagerStanding | null> {
    const em = this.em.fork();
    const instance = await findInstance(em, year, code);
    const address = String(email).toLowerCase();
    const manager = await em.findOne(ManagerWorkflow, { workflow: instance, email: address });
    if (!manager) return null;
    const neighbours = manager.managerEmail
      ? await em.find(
          ManagerWorkflow,
          {
            workflow: instance,
            $or: [{ email: manager.managerEmail }, { managerEmail: manager.managerEmail }],
          },
          { orderBy: { name: 'asc', id: 'asc' } },
        )
      : [];
    const { dialogue, entity } = instance;
    const definition = this.registry.get(dialogue.managerWorkflowId, dialogue.managerWorkflowVersion);
    return managerStandingOf(manager, neighbours, definition, entity.timeZone);
  }

  /**
   * Managers engaged per entity of the year with an imported tree, by entity code, in one statement: a manager is
   * engaged once a session they led is recorded (still so when the year is closed); withdrawn managers are left out.
   */
  async engagement(dialogueId: number): Promise<EntityEngagement[]> {
    const rows: {
      workflow_id: number | string;
      code: string;
      name: string;
      managers: number | string;
      engaged: number | string;
    }[] = await this.em
      .fork()
      .getConnection()
      .execute(
        `select m.workflow_id, e.code, e.name, count(*) as managers,
             sum(case when m.sessions_led > 0 then 1 else 0 end) as engaged
           from manager_workflow m
           join entity_workflow w on w.id = m.workflow_id
           join entity e on e.id = w.entity_id
           where w.dialogue_id = ? and m.state <> 'withdrawn'
           group by m.workflow_id, e.code, e.name
           order by e.code`,
        [dialogueId],
      );
    return rows.map((r) => ({
      workflowId: Number(r.workflow_id),
      code: r.code,
      name: r.name,
      managers: Number(r.managers),
      engaged: Number(r.engaged),
    }));
  }
}
