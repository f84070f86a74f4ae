import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import {
  endOfLocalDay,
  nextDigest,
  plan,
  type HolidayCalendar,
  type InstanceSnapshot,
  type PlannedTimer,
  type WorkflowDefinition,
} from '@cascade/workflow';
import type { Dialogue } from '../dialogue/dialogue.entity';
import { Timer, TIMER_STATUSES, type TimerStatus } from './timer.entity';
import { OrgEntity } from '../entity/org-entity.entity';
import { Clock } from '@cascade/clock';
import { ValidationFailed } from '../shared/errors';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { findDialogue } from '../workflow-instance/instance-lookup';
import { WorkflowRegistry } from '../workflow-instance/workflow-registry';
import { snapshotOf } from '../workflow-instance/snapshot';
import { holidaysAt, movedByHolidays } from '../holidays/moved-by-holidays';
import { digestCalendar } from './timer-planner';
import { loadStationCalendars, type StationCalendars } from '../holidays/station-calendars';

export interface PlanRow {
  /** The timer row's key, which is also its BullMQ job id; null when projected. */
  key: string | null;
  entity: string | null;
  entityName: string | null;
  timeZone: string;
  timer: string;
  kind: string;
  dueAt: Date;
  localDueAt: string;
  mailTemplate: string | null;
  recipients: string[];
  event: string | null;
  escalationLevel: number | null;
  /** A row's status, or `projected` before launch. */
  status: TimerStatus | 'projected';
  /** For projected escalations: they only happen if the entity is overdue. */
  condition: string | null;
  /** When it fired, was skipped or cancelled (by the clock of that moment). */
  closedAt: Date | null;
  outcome: string | null;
  /** The date the timer's rule gave, when a holiday of the duty station moved it; else null. */
  movedFrom: string | null;
  /** Why, e.g. "moved from Friday 25 December: Christmas Day, New York". */
  movedBecause: string | null;
  /** The holidays that moved it and where, e.g. "Christmas Day, New York" (for the console's own wording). */
  movedFor: string | null;
}

export interface DialoguePlan {
  year: number;
  launched: boolean;
  /** Before launch: the launch instant the projection assumes. */
  asOf: Date;
  timers: PlanRow[];
}

export interface PlanQuery {
  entity?: string;
  /** After launch, which rows: `pending` (default) or any status, or `all`. */
  status?: string;
  /** Before launch: project as if launched at this instant (default now). */
  launchAt?: Date;
  /**
   * The reader's language for `movedFor` (the holidays' names, where the library has them in it; the console
   * passes its account's). `movedBecause` stays the API's English sentence.
   */
  language?: string;
}

type PlanStatusFilter = TimerStatus | 'all';

const IF_OVERDUE = 'only if no statistics by the deadline';

/**
 * Every timer of a year, per entity: after launch the timer rows themselves; before launch, the projection of
 * what launching would plan (with the escalation chain that an overdue entity would get).
 */
@Injectable()
export class PlanPreviewService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly registry: WorkflowRegistry,
  ) {}

  async forDialogue(year: number, query: PlanQuery = {}): Promise<DialoguePlan> {
    const status = query.status ?? 'pending';
    if (status !== 'all' && !(TIMER_STATUSES as readonly string[]).includes(status)) {
      throw new ValidationFailed([
        {
          field: 'status',
          code: 'one-of',
          message: `must be all or one of ${TIMER_STATUSES.join(', ')}`,
          params: { values: ['all', ...TIMER_STATUSES].join(', ') },
        },
      ]);
    }
    const em = this.em.fork();
    const dialogue = await findDialogue(em, year);
    const definition = this.registry.get(dialogue.workflowId, dialogue.workflowVersion);
    if (dialogue.launchedAt) {
      const timers = await this.plannedRows(
        em,
        dialogue,
        definition,
        status as PlanStatusFilter,
        query.entity,
        query.language,
      );
      return { year, launched: true, asOf: this.clock.now(), timers };
    }
    const launchAt = query.launchAt ?? this.clock.now();
    const timers = await this.projectedRows(em, dialogue, definition, launchAt, query.entity, query.language);
    return { year, launched: false, asOf: launchAt, timers };
  }

  /** After launch: the timer rows themselves. */
  private async plannedRows(
    em: EntityManager,
    dialogue: Dialogue,
    definition: WorkflowDefinition,
    status: PlanStatusFilter,
    entityCode: string | undefined,
    language = 'en',
  ): Promise<PlanRow[]> {
    const instances = await em.find(
      EntityWorkflow,
      { dialogue, ...(entityCode ? { entity: { code: entityCode } } : {}) },
      { populate: ['entity'] },
    );
    const byId = new Map(instances.map((i) => [i.id, i]));
    const calendarOf = await loadStationCalendars(
      em,
      instances.map((i) => i.entity.dutyStation),
    );
    const movedOf = holidayMoves(definition, instances, calendarOf);
    const timers = await em.find(
      Timer,
      {
        dialogueId: dialogue.id,
        // The managers' timers belong to their own timelines; this is the entities' and the digest's plan.
        managerId: null,
        ...(status === 'all' ? {} : { status: status as TimerStatus }),
        ...(entityCode ? { workflowId: { $in: [...byId.keys()] } } : {}),
      },
      { orderBy: { dueAt: 'asc', id: 'asc' } },
    );
    return timers.map((t) => {
      const instance = t.workflowId === null ? null : byId.get(t.workflowId);
      const moved = instance ? movedOf.get(`${instance.id}:${t.timerId}@${t.dueAt.getTime()}`) : undefined;
      return {
        key: t.key,
        entity: instance?.entity.code ?? null,
        entityName: instance?.entity.name ?? null,
        timeZone: instance?.entity.timeZone ?? definition.digest?.timeZone ?? 'UTC',
        timer: t.timerId,
        kind: t.kind,
        dueAt: t.dueAt,
        localDueAt: t.localDueAt,
        mailTemplate: t.mail?.template ?? null,
        recipients: t.mail?.to ?? [],
        event: t.event,
        escalationLevel: t.escalationLevel,
        status: t.status,
        condition: null,
        closedAt: t.closedAt,
        outcome: t.outcome,
        movedFrom: moved?.movedFrom?.date ?? null,
        movedBecause: instance ? movedByHolidays(moved?.movedFrom, instance.entity.dutyStation) : null,
        movedFor: instance ? holidaysAt(moved?.movedFrom, instance.entity.dutyStation, language) : null,
      };
    });
  }

  /** Before launch: what launching at `launchAt` would plan, with the escalations an overdue entity would get. */
  private async projectedRows(
    em: EntityManager,
    dialogue: Dialogue,
    definition: WorkflowDefinition,
    launchAt: Date,
    entityCode: string | undefined,
    language = 'en',
  ): Promise<PlanRow[]> {
    const entities = await em.find(OrgEntity, entityCode ? { code: entityCode } : {}, {
      orderBy: { code: 'asc' },
    });
    const rows: PlanRow[] = [];
    const office = definition.digest?.dutyStation ?? null;
    const digest = nextDigest(
      definition,
      new Date(launchAt.getTime() - 1),
      dialogue.reportCutoff,
      undefined,
      await digestCalendar(em, definition),
    );
    if (digest && !entityCode) {
      rows.push({
        key: null,
        entity: null,
        entityName: null,
        timeZone: definition.digest?.timeZone ?? 'UTC',
        timer: 'digest',
        kind: 'digest',
        dueAt: digest.dueAt,
        localDueAt: digest.localDueAt,
        mailTemplate: digest.template,
        recipients: digest.to,
        event: null,
        escalationLevel: null,
        status: 'projected',
        condition: 'then every working day until the report cutoff',
        closedAt: null,
        outcome: null,
        movedFrom: digest.movedFrom?.date ?? null,
        movedBecause: office ? movedByHolidays(digest.movedFrom, office) : null,
        movedFor: office ? holidaysAt(digest.movedFrom, office, language) : null,
      });
    }
    const calendarOf = await loadStationCalendars(
      em,
      entities.map((e) => e.dutyStation),
    );
    for (const entity of entities) {
      rows.push(
        ...projectedForEntity(
          definition,
          dialogue,
          entity,
          launchAt,
          calendarOf(entity.dutyStation),
          language,
        ),
      );
    }
    return rows.sort(
      (a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.entity ?? '').localeCompare(b.entity ?? ''),
    );
  }
}

function projectedForEntity(
  definition: WorkflowDefinition,
  dialogue: Dialogue,
  entity: OrgEntity,
  launchAt: Date,
  holidays: HolidayCalendar,
  language: string,
): PlanRow[] {
  const invited: InstanceSnapshot = {
    state: 'invited',
    escalationLevel: 0,
    timeZone: entity.timeZone,
    holidays,
    facts: {
      invitedAt: launchAt,
      effectiveDeadline: dialogue.statisticsDeadline,
      reportCutoff: dialogue.reportCutoff,
      sessionsRecorded: 0,
      statisticsSubmitted: false,
    },
  };
  const row = (t: PlannedTimer, condition: string | null): PlanRow => ({
    key: null,
    entity: entity.code,
    entityName: entity.name,
    timeZone: entity.timeZone,
    timer: t.timerId,
    kind: t.kind,
    dueAt: t.dueAt,
    localDueAt: t.localDueAt,
    mailTemplate: t.mail?.template ?? null,
    recipients: t.mail?.to ?? [],
    event: t.event ?? null,
    escalationLevel: t.escalationLevel ?? null,
    status: 'projected',
    condition,
    closedAt: null,
    outcome: null,
    movedFrom: t.movedFrom?.date ?? null,
    movedBecause: movedByHolidays(t.movedFrom, entity.dutyStation),
    movedFor: holidaysAt(t.movedFrom, entity.dutyStation, language),
  });
  const deadlineEnd = endOfLocalDay(dialogue.statisticsDeadline, entity.timeZone);
  return [
    ...plan(definition, invited, launchAt).map((t) => row(t, null)),
    ...plan(definition, { ...invited, state: 'overdue' }, deadlineEnd)
      .filter((t) => t.kind === 'escalation')
      .map((t) => row(t, IF_OVERDUE)),
  ];
}

/**
 * After launch, a row keeps only its slot; what moved it is read again from the instance's plan of its whole open
 * period (from its invitation), keyed by instance, timer and slot.
 */
function holidayMoves(
  definition: WorkflowDefinition,
  instances: EntityWorkflow[],
  calendarOf: StationCalendars,
): Map<string, PlannedTimer> {
  const out = new Map<string, PlannedTimer>();
  for (const instance of instances) {
    if (!instance.invitedAt) continue;
    const snapshot = { ...snapshotOf(instance), holidays: calendarOf(instance.entity.dutyStation) };
    for (const t of plan(definition, snapshot, new Date(instance.invitedAt.getTime() - 1))) {
      if (t.movedFrom) out.set(`${instance.id}:${t.timerId}@${t.dueAt.getTime()}`, t);
    }
  }
  return out;
}
