import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Clock } from '@cascade/clock';
import { AuditEvent } from '../audit/audit-event.entity';
import { ManagerTransitions } from '../cascade/manager-transitions';
import { digestCovers, MANAGERS_DIGEST, planManagersDigests } from '../cascade/managers-digest';
import { ManagerWorkflow } from '../cascade/manager-workflow.entity';
import { Dialogue } from '../dialogue/dialogue.entity';
import { OrgEntity } from '../entity/org-entity.entity';
import { FieldChecks } from '../shared/field-checks';
import { NotFound } from '../shared/errors';
import { isCalendarDay } from '../shared/dates';
import { TimerPlanner } from '../timers/timer-planner';
import { Timer } from '../timers/timer.entity';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { WorkflowRegistry } from '../workflow-instance/workflow-registry';
import { DutyStationHoliday, HOLIDAY_EFFECTS, type HolidayEffect } from './duty-station-holiday.entity';
import { forgetStationCalendars } from './station-calendars';
import { DUTY_STATION_REGIONS, regionOf } from './duty-station-regions';
import { libraryHolidays } from './station-calendar';

export interface HolidayChangeInput {
  date?: unknown;
  name?: unknown;
  effect?: unknown;
}

export interface StationHolidays {
  dutyStation: string;
  /** The library's place for the station, or null when only the Ethics Office's list applies there. */
  region: string | null;
  /** The Ethics Office's changes, by date. */
  changes: DutyStationHoliday[];
}

export interface HolidayChangeResult {
  holiday: DutyStationHoliday;
  entitiesReplanned: number;
  managersReplanned: number;
}

/**
 * The Ethics Office's own holidays per duty station: each change is audited and, in the same transaction,
 * re-plans the open instances of the station, so that the timer rows (which Redis follows) leave the new holiday.
 */
@Injectable()
export class DutyStationHolidaysService {
  private readonly planner = new TimerPlanner();
  private readonly managers: ManagerTransitions;

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly registry: WorkflowRegistry,
  ) {
    this.managers = new ManagerTransitions(registry);
  }

  async list(dutyStation: string): Promise<StationHolidays> {
    const em = this.em.fork();
    const station = await this.knownStation(em, dutyStation);
    const changes = await em.find(DutyStationHoliday, { dutyStation: station }, { orderBy: { date: 'asc' } });
    const place = regionOf(station);
    return {
      dutyStation: station,
      region: place ? [place.country, place.region].filter(Boolean).join('-') : null,
      changes,
    };
  }

  /** Adds a holiday (or removes a library one) for the station, replacing an earlier change of the same day. */
  async change(
    dutyStation: string,
    input: HolidayChangeInput,
    actor: string,
    reason: string | null = null,
  ): Promise<HolidayChangeResult> {
    const check = new FieldChecks();
    if (!isCalendarDay(input.date)) {
      check.fail('date', 'date', 'must be a date YYYY-MM-DD');
    }
    if (!(HOLIDAY_EFFECTS as readonly unknown[]).includes(input.effect)) {
      check.fail('effect', 'one-of', `must be one of ${HOLIDAY_EFFECTS.join(', ')}`, {
        values: HOLIDAY_EFFECTS.join(', '),
      });
    }
    // A removal may leave the name out: it takes the library's name of that day.
    const named =
      input.effect === 'remove' && (input.name === undefined || input.name === null || input.name === '');
    if (!named) check.text('name', input.name, { max: 200 });
    check.throwIfAny();
    const date = input.date as string;
    const effect = input.effect as HolidayEffect;
    return this.em.transactional(async (em) => {
      const station = await this.knownStation(em, dutyStation);
      const libraryName = libraryHolidays(station, Number(date.slice(0, 4))).get(date) ?? null;
      if (effect === 'remove' && libraryName === null) {
        const fail = new FieldChecks();
        fail.fail(
          'date',
          'invalid-field',
          `is not a library holiday at ${station}: there is nothing to remove`,
        );
        fail.throwIfAny();
      }
      const now = this.clock.now();
      let holiday = await em.findOne(DutyStationHoliday, { dutyStation: station, date });
      const before = holiday ? { name: holiday.name, effect: holiday.effect } : null;
      if (!holiday) {
        holiday = em.create(DutyStationHoliday, {
          dutyStation: station,
          date,
          name: '',
          effect,
          createdBy: actor,
          createdAt: now,
        });
        em.persist(holiday);
      }
      holiday.name = named ? (libraryName as string) : (input.name as string).trim();
      holiday.effect = effect;
      holiday.createdBy = actor;
      holiday.createdAt = now;
      const replanned = await this.replanStation(em, station, now, `the holidays of ${station} changed`);
      em.persist(
        em.create(AuditEvent, {
          actor,
          at: now,
          event: 'change-holiday',
          reason,
          details: {
            dutyStation: station,
            date,
            before,
            after: { name: holiday.name, effect },
            ...replanned,
          },
        }),
      );
      return { holiday, ...replanned };
    });
  }

  /** Withdraws the Ethics Office's change of that day: the library's word on it applies again. */
  async withdraw(
    dutyStation: string,
    date: string,
    actor: string,
    reason: string | null = null,
  ): Promise<{ entitiesReplanned: number; managersReplanned: number }> {
    if (!isCalendarDay(date)) {
      const check = new FieldChecks();
      check.fail('date', 'date', 'must be a date YYYY-MM-DD');
      check.throwIfAny();
    }
    return this.em.transactional(async (em) => {
      const station = await this.knownStation(em, dutyStation);
      const holiday = await em.findOne(DutyStationHoliday, { dutyStation: station, date });
      if (!holiday) throw new NotFound(`holiday change of ${station} on`, date);
      const now = this.clock.now();
      const before = { name: holiday.name, effect: holiday.effect };
      em.remove(holiday);
      // The re-plan must see the row gone: flush it before the calendars are read again.
      await em.flush();
      const replanned = await this.replanStation(em, station, now, `the holidays of ${station} changed`);
      em.persist(
        em.create(AuditEvent, {
          actor,
          at: now,
          event: 'withdraw-holiday',
          reason,
          details: { dutyStation: station, date, before, ...replanned },
        }),
      );
      return replanned;
    });
  }

  /** A station of an entity, or one the holiday table places; anything else is a bad field. */
  private async knownStation(em: EntityManager, dutyStation: string): Promise<string> {
    const station = typeof dutyStation === 'string' ? dutyStation.trim() : '';
    if (
      station &&
      (station in DUTY_STATION_REGIONS || (await em.count(OrgEntity, { dutyStation: station })) > 0)
    ) {
      return station;
    }
    const check = new FieldChecks();
    check.fail('dutyStation', 'invalid-field', 'is not the duty station of any entity');
    check.throwIfAny();
    return station;
  }

  /** Like a change of dates: the open instances of the station (and their managers) are planned again. */
  private async replanStation(em: EntityManager, station: string, now: Date, reason: string) {
    await em.flush();
    forgetStationCalendars(em);
    const instances = await em.find(
      EntityWorkflow,
      { entity: { dutyStation: station }, dialogue: { reportIssuedAt: null } },
      { populate: ['entity', 'dialogue'], orderBy: { id: 'asc' } },
    );
    const definitionOf = (i: EntityWorkflow) =>
      this.registry.get(i.dialogue.workflowId, i.dialogue.workflowVersion);
    const open = instances.filter((i) => !definitionOf(i).states[i.state]?.final);
    await this.planner.replan(em, open, definitionOf, now, { reason });
    const managers = (
      await em.find(
        ManagerWorkflow,
        { workflow: { $in: open.map((i) => i.id) } },
        { populate: ['workflow', 'workflow.dialogue', 'workflow.entity'], orderBy: { id: 'asc' } },
      )
    ).filter((m) => !this.managers.definitionOf(m.workflow.dialogue).states[m.state]?.final);
    await this.managers.replan(em, managers, now, reason);
    await this.replanDigests(em, station, open, now, reason);
    return { entitiesReplanned: open.length, managersReplanned: managers.length };
  }

  /**
   * The digests that skip the station's holidays: each open dialogue's own digest when the station is the one its
   * definition names (the Ethics Office's), and the station's managers' digest where one is planned (the cascade
   * has begun there).
   */
  private async replanDigests(
    em: EntityManager,
    station: string,
    open: EntityWorkflow[],
    now: Date,
    reason: string,
  ) {
    const dialogues = await em.find(Dialogue, { launchedAt: { $ne: null }, reportIssuedAt: null });
    for (const dialogue of dialogues) {
      const definition = this.registry.get(dialogue.workflowId, dialogue.workflowVersion);
      if (definition.digest?.dutyStation === station)
        await this.planner.planDigest(em, dialogue, definition, now, now, reason);
      const here = open.find((i) => i.dialogue.id === dialogue.id);
      if (!here) continue;
      const planned = await em.find(Timer, {
        dialogueId: dialogue.id,
        timerId: MANAGERS_DIGEST,
        status: 'pending',
      });
      const digestStation = { dutyStation: station, timeZone: here.entity.timeZone };
      if (!planned.some((t) => digestCovers(t, digestStation))) continue;
      const managerDefinition = this.managers.definitionOf(dialogue);
      await planManagersDigests(em, dialogue, managerDefinition, [digestStation], now, now, reason);
    }
  }
}
