import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { accommodatedDeadline, localDateOf } from '@cascade/workflow';
import { Dialogue } from '../dialogue/dialogue.entity';
import { applyEntityInput } from '../entity/entity-import.service';
import { validateEntity, type RawEntity } from '../entity/entity-input';
import { OrgEntity } from '../entity/org-entity.entity';
import type { Actor } from '../shared/actor';
import { Clock } from '@cascade/clock';
import { refreshPlannerStatistics } from '../shared/planner-statistics';
import { daysBetween, isCalendarDay } from '../shared/dates';
import { Conflict, DialogueNotLaunched, NotFound, ValidationFailed } from '../shared/errors';
import { EntityWorkflow } from './entity-workflow.entity';
import { findDialogue } from './instance-lookup';
import { WorkflowRegistry } from './workflow-registry';
import { WorkflowTransitions } from './workflow-transitions';

export interface LateEntityInput extends RawEntity {
  /** An explicit deadline instead of the accommodated one; never after the report cutoff. */
  deadline?: string;
}

export interface FanOutOptions {
  /**
   * Refresh the query planner's statistics of the tables the fan-out grows whenever they have doubled, and at
   * the end, as autovacuum would if it were on and had caught up. PostgreSQL only. Without it, plans are made
   * for the tables of a dialogue not launched yet: at 700,000 pending timers the reconciler's page query took
   * 0.5–1.9 s (a bitmap scan and a sort of every pending row) instead of under a millisecond.
   */
  refreshStatistics?: boolean;
}

/** The tables a launch grows by one row or more per entity. */
const FAN_OUT_TABLES = ['entity_workflow', 'timer', 'audit_event', 'outbox'] as const;
/** Below this the tables are small enough for any plan. */
const FIRST_ANALYZE_AT = 1000;

@Injectable()
export class InvitationService {
  private readonly transitions: WorkflowTransitions;

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    registry: WorkflowRegistry,
  ) {
    this.transitions = new WorkflowTransitions(registry);
  }

  /**
   * The launch fan-out: creates and invites an instance for every entity that has none yet, one transaction
   * per batch. Safe to run again after a crash: entities already invited are skipped.
   */
  async inviteAll(
    dialogueId: number,
    actor: Actor,
    batchSize = 250,
    { refreshStatistics = false }: FanOutOptions = {},
  ): Promise<number> {
    const dialogue = await this.em.fork().findOne(Dialogue, dialogueId);
    if (!dialogue) throw new NotFound('dialogue', dialogueId);
    if (!dialogue.launchedAt) throw new DialogueNotLaunched(dialogue.year);
    let invited = 0;
    let analyzeAt = FIRST_ANALYZE_AT;
    const analyzeIfDue = async (done: boolean) => {
      if (!refreshStatistics || invited === 0 || (!done && invited < analyzeAt)) return;
      await refreshPlannerStatistics(this.em, FAN_OUT_TABLES);
      analyzeAt = 2 * invited;
    };
    for (;;) {
      const count = await this.em.transactional(async (em) => {
        const ids: { id: number }[] = await em
          .getConnection()
          .execute(
            'select e.id from entity e where not exists (select 1 from entity_workflow w where w.entity_id = e.id and w.dialogue_id = ?) order by e.id limit ?',
            [dialogueId, batchSize],
            'all',
            em.getTransactionContext(),
          );
        const pendingEntities = await em.find(
          OrgEntity,
          { id: { $in: ids.map((row) => row.id) } },
          { orderBy: { id: 'asc' } },
        );
        if (pendingEntities.length === 0) return 0;
        const dialogueInTx = await em.findOneOrFail(Dialogue, dialogueId);
        await this.inviteEntities(
          em,
          dialogueInTx,
          pendingEntities,
          actor,
          () => dialogueInTx.statisticsDeadline,
        );
        return pendingEntities.length;
      });
      invited += count;
      const done = count < batchSize;
      await analyzeIfDue(done);
      if (done) return invited;
    }
  }

  /** Adds an entity left off the list (or new) to a launched dialogue and invites it at once. */
  async addLateEntity(
    year: number,
    input: LateEntityInput,
    actor: Actor,
  ): Promise<{ instance: EntityWorkflow; accommodatedDeadline: string }> {
    const { input: entityInput, issues } = validateEntity(input);
    if (input.deadline !== undefined && !isCalendarDay(input.deadline)) {
      issues.push({ field: 'deadline', code: 'date', message: 'must be a date YYYY-MM-DD' });
    }
    if (!entityInput || issues.length > 0) throw new ValidationFailed(issues);

    return this.em.transactional(async (em) => {
      const dialogue = await findDialogue(em, year);
      if (!dialogue.launchedAt) throw new DialogueNotLaunched(year);
      if (dialogue.reportIssuedAt)
        throw new Conflict(
          `the ${year} report has been issued; no entity can be added`,
          'report-issued-no-addition',
          { year },
        );
      if (input.deadline && input.deadline > dialogue.reportCutoff) {
        throw new ValidationFailed([
          {
            field: 'deadline',
            code: 'deadline-after-cutoff',
            message: `must not be after the report cutoff ${dialogue.reportCutoff}; grant an extension instead`,
            params: { date: dialogue.reportCutoff },
          },
        ]);
      }
      const now = this.clock.now();
      let entity: OrgEntity | null = await em.findOne(
        OrgEntity,
        { code: entityInput.code },
        { populate: ['focalPoints'] },
      );
      if (entity && (await em.count(EntityWorkflow, { dialogue, entity }))) {
        throw new Conflict(
          `entity ${entityInput.code} is already part of the ${year} dialogue`,
          'entity-already-invited',
          { code: entityInput.code, year },
        );
      }
      if (!entity) {
        entity = em.create(OrgEntity, { code: entityInput.code, createdAt: now } as OrgEntity);
      }
      applyEntityInput(em, entity, entityInput);
      em.persist(entity);
      const zone = entity.timeZone;
      const deadline =
        input.deadline ??
        accommodatedDeadline(this.transitions.definitionOf(dialogue), {
          invitedAt: now,
          originalRunwayDays: daysBetween(
            localDateOf(dialogue.launchedAt, zone),
            dialogue.statisticsDeadline,
          ),
          reportCutoff: dialogue.reportCutoff,
          timeZone: zone,
        });
      const [instance] = await this.inviteEntities(em, dialogue, [entity], actor, () => deadline, true);
      return { instance: instance as EntityWorkflow, accommodatedDeadline: deadline };
    });
  }

  private async inviteEntities(
    em: EntityManager,
    dialogue: Dialogue,
    entities: OrgEntity[],
    actor: Actor,
    deadlineOf: (entity: OrgEntity) => string,
    lateAdded = false,
  ): Promise<EntityWorkflow[]> {
    const now = this.clock.now();
    const definition = this.transitions.definitionOf(dialogue);
    const instances = entities.map((entity) =>
      em.create(EntityWorkflow, {
        dialogue,
        entity,
        state: definition.initial,
        escalationLevel: 0,
        invitedAt: null,
        deadline: deadlineOf(entity),
        extendedDeadline: null,
        lateAdded,
        sessionsRecorded: 0,
        statisticsSubmittedAt: null,
        updatedAt: now,
      } as EntityWorkflow),
    );
    em.persist(instances);
    await em.flush(); // ids are needed for the audit rows and the mail keys
    await this.transitions.applyToAll(em, instances, { type: 'invite' }, actor, now, (instance) => ({
      deadline: instance.deadline,
      ...(lateAdded ? { lateAdded: true } : {}),
    }));
    return instances;
  }
}
