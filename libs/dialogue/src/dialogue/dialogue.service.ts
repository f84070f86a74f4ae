import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { enqueueInOutbox, JobName } from '@cascade/scheduling';
import { AuditEvent } from '../audit/audit-event.entity';
import { OrgEntity } from '../entity/org-entity.entity';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { findDialogue } from '../workflow-instance/instance-lookup';
import { TimerPlanner } from '../timers/timer-planner';
import { WorkflowRegistry } from '../workflow-instance/workflow-registry';
import type { Actor } from '../shared/actor';
import { Clock } from '@cascade/clock';
import { isCalendarDay } from '../shared/dates';
import { Conflict, DialogueAlreadyLaunched, NotFound, ValidationFailed } from '../shared/errors';
import { FieldChecks } from '../shared/field-checks';
import { FALLBACK_LANGUAGE, isLanguage, LANGUAGES, type Translated } from '../shared/languages';
import { Dialogue, type Materials } from './dialogue.entity';
import { launchStatusOf, type LaunchStatus } from './launch-status';

export const DEFAULT_WORKFLOW = 'leadership-dialogue';
/** The managers' workflow every year runs beside its entity workflow (its latest version is pinned at creation). */
export const MANAGER_WORKFLOW = 'manager-session';

export interface CreateDialogueInput {
  year: number;
  topic: Translated;
  materials: Materials;
  statisticsDeadline?: string;
  reportCutoff?: string;
  workflowId?: string;
}

export interface DialogueDatesInput {
  statisticsDeadline?: string;
  reportCutoff?: string;
  reason?: string;
}

export interface DialogueSummary {
  year: number;
  launchedAt: Date | null;
  reportIssuedAt: Date | null;
  entities: number;
  byState: Record<string, number>;
}

/** The defaults of the brief: statistics by 31 December, report at the end of the following February. */
export function defaultDates(year: number): { statisticsDeadline: string; reportCutoff: string } {
  return {
    statisticsDeadline: `${year}-12-31`,
    reportCutoff: DateTime.fromObject({ year: year + 1, month: 2 }, { zone: 'UTC' })
      .endOf('month')
      .toISODate() as string,
  };
}

/** English is required (every reader falls back to it); the other languages are given when they exist. */
function checkTranslated(check: FieldChecks, field: string, value: unknown, max: number): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    check.fail(field, 'languages-missing', `must give at least en, and any of ${LANGUAGES.join(', ')}`, {
      languages: LANGUAGES.join(', '),
    });
    return;
  }
  const given = value as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!isLanguage(key))
      check.fail(`${field}.${key}`, 'unknown-language', `is not one of ${LANGUAGES.join(', ')}`, {
        languages: LANGUAGES.join(', '),
      });
  }
  for (const language of LANGUAGES) {
    // A language left out, null or '' is not given (its readers fall back); one that is given must be a text.
    const absent = given[language] === undefined || given[language] === null || given[language] === '';
    if (language !== FALLBACK_LANGUAGE && absent) continue;
    check.text(`${field}.${language}`, given[language], { max });
  }
}

/** Keeps the languages that were given, so that a missing one falls back instead of reading as empty. */
function translated(value: Translated): Translated {
  return Object.fromEntries(
    LANGUAGES.filter((language) => typeof value[language] === 'string' && value[language] !== '').map(
      (language) => [language, value[language]],
    ),
  ) as Translated;
}

@Injectable()
export class DialogueService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly registry: WorkflowRegistry,
  ) {}

  private readonly planner = new TimerPlanner();

  private definitionOf(dialogue: Dialogue) {
    return this.registry.get(dialogue.workflowId, dialogue.workflowVersion);
  }

  /** The latest version of a definition the request names; an unknown id is a bad field, not a missing page. */
  private definitionFor(check: FieldChecks, id: unknown) {
    try {
      if (typeof id !== 'string') throw new NotFound('workflow definition', String(id));
      const definition = this.registry.latest(id);
      // A dialogue year runs an entity workflow; the manager workflow comes with it, not instead of it.
      if (definition.subject !== 'entity') throw new NotFound('workflow definition', id);
      return definition;
    } catch (error) {
      if (!(error instanceof NotFound)) throw error;
      check.fail('workflowId', 'unknown-workflow', `no workflow definition '${String(id)}'`, {
        id: String(id),
      });
      return null;
    }
  }

  async create(input: CreateDialogueInput, actor: Actor): Promise<Dialogue> {
    const check = new FieldChecks();
    const yearOk = Number.isInteger(input.year) && input.year >= 2000 && input.year <= 2200;
    if (!yearOk) check.fail('year', 'year-range', 'must be a year between 2000 and 2200');
    // Without a valid year there are no default dates: a date the request did not give is not its fault.
    const defaults = yearOk ? defaultDates(input.year) : null;
    const statisticsDeadline = input.statisticsDeadline ?? defaults?.statisticsDeadline;
    const reportCutoff = input.reportCutoff ?? defaults?.reportCutoff;
    checkTranslated(check, 'topic', input.topic, 300);
    for (const material of ['leadersGuide', 'participantsGuide', 'presentation'] as const) {
      checkTranslated(check, `materials.${material}`, input.materials?.[material], 2000);
    }
    if (statisticsDeadline !== undefined && !isCalendarDay(statisticsDeadline))
      check.fail('statisticsDeadline', 'date', 'must be a date YYYY-MM-DD');
    if (reportCutoff !== undefined && !isCalendarDay(reportCutoff))
      check.fail('reportCutoff', 'date', 'must be a date YYYY-MM-DD');
    else if (
      isCalendarDay(reportCutoff) &&
      isCalendarDay(statisticsDeadline) &&
      reportCutoff <= statisticsDeadline
    ) {
      check.fail('reportCutoff', 'after-statistics-deadline', 'must be after the statistics deadline');
    }
    const definition = this.definitionFor(check, input.workflowId ?? DEFAULT_WORKFLOW);
    if (!definition || check.issues.length > 0) throw new ValidationFailed(check.issues);

    const managers = this.registry.latest(MANAGER_WORKFLOW);
    return this.em.transactional(async (em) => {
      if (await em.count(Dialogue, { year: input.year })) {
        throw new Conflict(`a dialogue for ${input.year} already exists`, 'dialogue-exists', {
          year: input.year,
        });
      }
      const now = this.clock.now();
      const dialogue = em.create(Dialogue, {
        year: input.year,
        topic: translated(input.topic),
        materials: {
          leadersGuide: translated(input.materials.leadersGuide),
          participantsGuide: translated(input.materials.participantsGuide),
          presentation: translated(input.materials.presentation),
        },
        statisticsDeadline: statisticsDeadline as string,
        reportCutoff: reportCutoff as string,
        workflowId: definition.id,
        workflowVersion: definition.version,
        managerWorkflowId: managers.id,
        managerWorkflowVersion: managers.version,
        createdAt: now,
        launchedAt: null,
        reportIssuedAt: null,
      });
      em.persist(dialogue);
      em.persist(
        em.create(AuditEvent, {
          dialogue,
          actor,
          at: now,
          event: 'create-dialogue',
          details: {
            workflow: `${definition.id} v${definition.version}`,
            managerWorkflow: `${managers.id} v${managers.version}`,
            statisticsDeadline,
            reportCutoff,
          },
        }),
      );
      return dialogue;
    });
  }

  list(): Promise<Dialogue[]> {
    return this.em.fork().find(Dialogue, {}, { orderBy: { year: 'desc' } });
  }

  get(year: number): Promise<Dialogue> {
    return findDialogue(this.em.fork(), year);
  }

  async summary(year: number): Promise<DialogueSummary> {
    const em = this.em.fork();
    const dialogue = await findDialogue(em, year);
    const rows: { state: string; count: number | string }[] = await em
      .getConnection()
      .execute('select state, count(*) as count from entity_workflow where dialogue_id = ? group by state', [
        dialogue.id,
      ]);
    const byState = Object.fromEntries(rows.map((r) => [r.state, Number(r.count)]));
    return {
      year,
      launchedAt: dialogue.launchedAt,
      reportIssuedAt: dialogue.reportIssuedAt,
      entities: Object.values(byState).reduce((a, b) => a + b, 0),
      byState,
    };
  }

  /** The launch's progress: the status resource its 202 links to. */
  async launchStatus(year: number): Promise<LaunchStatus> {
    const em = this.em.fork();
    return launchStatusOf(em, await findDialogue(em, year));
  }

  /**
   * Launching only records the decision and queues the fan-out: inviting thousands of entities happens in the
   * worker, in batches, never inside this request.
   */
  async launch(
    year: number,
    actor: Actor,
  ): Promise<{ year: number; launchedAt: Date; entitiesToInvite: number }> {
    return this.em.transactional(async (em) => {
      const dialogue = await findDialogue(em, year);
      if (dialogue.launchedAt) throw new DialogueAlreadyLaunched(year);
      const entities = await em.count(OrgEntity, {});
      if (entities === 0) {
        throw new ValidationFailed([
          {
            field: 'entities',
            code: 'no-entity-to-invite',
            message: 'no entity to invite: import the entity list first',
          },
        ]);
      }
      const now = this.clock.now();
      dialogue.launchedAt = now;
      em.persist(em.create(AuditEvent, { dialogue, actor, at: now, event: 'launch', details: { entities } }));
      enqueueInOutbox(em, JobName.LaunchDialogue, { dialogueId: dialogue.id }, `launch.${dialogue.id}`, now);
      await this.planner.planDigest(em, dialogue, this.definitionOf(dialogue), now, now, 'launch');
      const alreadyInvited = await em.count(EntityWorkflow, { dialogue });
      return { year, launchedAt: now, entitiesToInvite: entities - alreadyInvited };
    });
  }

  /**
   * Moves the year's statistics deadline or report cutoff. Every entity that kept the dialogue's deadline moves
   * with it (late additions and extensions keep their own), and every open instance is re-planned, all in one
   * transaction.
   */
  async changeDates(
    year: number,
    input: DialogueDatesInput,
    actor: Actor,
  ): Promise<{ dialogue: Dialogue; entitiesMoved: number; entitiesReplanned: number }> {
    const check = new FieldChecks();
    if (input.statisticsDeadline === undefined && input.reportCutoff === undefined) {
      check.fail('statisticsDeadline', 'dates-missing', 'give statisticsDeadline, reportCutoff or both');
    }
    if (input.statisticsDeadline !== undefined && !isCalendarDay(input.statisticsDeadline)) {
      check.fail('statisticsDeadline', 'date', 'must be a date YYYY-MM-DD');
    }
    if (input.reportCutoff !== undefined && !isCalendarDay(input.reportCutoff)) {
      check.fail('reportCutoff', 'date', 'must be a date YYYY-MM-DD');
    }
    check.text('reason', input.reason, { max: 2000 });
    check.throwIfAny();
    return this.em.transactional(async (em) => {
      const dialogue = await findDialogue(em, year);
      if (dialogue.reportIssuedAt)
        throw new Conflict(`the ${year} report has been issued; its dates are final`, 'report-dates-final', {
          year,
        });
      const before = { statisticsDeadline: dialogue.statisticsDeadline, reportCutoff: dialogue.reportCutoff };
      const after = {
        statisticsDeadline: input.statisticsDeadline ?? before.statisticsDeadline,
        reportCutoff: input.reportCutoff ?? before.reportCutoff,
      };
      if (after.reportCutoff <= after.statisticsDeadline) {
        throw new ValidationFailed([
          {
            field: 'reportCutoff',
            code: 'after-statistics-deadline',
            message: `must be after the statistics deadline ${after.statisticsDeadline}`,
            params: { date: after.statisticsDeadline },
          },
        ]);
      }
      Object.assign(dialogue, after);
      const now = this.clock.now();
      const definition = this.definitionOf(dialogue);
      const open = (
        await em.find(EntityWorkflow, { dialogue }, { populate: ['entity'], orderBy: { id: 'asc' } })
      ).filter((instance) => !definition.states[instance.state]?.final);
      let moved = 0;
      for (const instance of open) {
        if (!instance.lateAdded && instance.deadline === before.statisticsDeadline) {
          instance.deadline = after.statisticsDeadline;
          moved += 1;
        }
        instance.updatedAt = now;
      }
      await this.planner.replan(em, open, () => definition, now, { reason: 'the dialogue dates changed' });
      if (dialogue.launchedAt) {
        await this.planner.planDigest(em, dialogue, definition, now, now, 'the dialogue dates changed');
      }
      em.persist(
        em.create(AuditEvent, {
          dialogue,
          actor,
          at: now,
          event: 'change-dates',
          reason: input.reason as string,
          details: { before, after, entitiesMoved: moved, entitiesReplanned: open.length },
        }),
      );
      return { dialogue, entitiesMoved: moved, entitiesReplanned: open.length };
    });
  }
}
