import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { endOfLocalDay } from '@cascade/workflow';
import { AuditEvent } from '../audit/audit-event.entity';
import type { Dialogue } from '../dialogue/dialogue.entity';
import { Person } from '../org/person.entity';
import { SessionRecord } from '../session/session-record.entity';
import type { Actor } from '../shared/actor';
import { Clock } from '@cascade/clock';
import { DialogueNotLaunched, NotFound } from '../shared/errors';
import { StatisticsSubmission } from '../statistics/statistics-submission.entity';
import { TimerPlanner } from '../timers/timer-planner';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { findDialogue } from '../workflow-instance/instance-lookup';
import { WorkflowRegistry } from '../workflow-instance/workflow-registry';
import { WorkflowTransitions } from '../workflow-instance/workflow-transitions';
import { compileReport, statesOverTime, type EntityFacts } from './report-compiler';
import type { ReportContent } from './report-model';
import { enqueueReportMails } from './report-mails';
import { Report } from './report.entity';

/**
 * The February report: compiled from the database by one pure function, previewed as a draft at any time, and
 * issued as a numbered, frozen version. The first issue moves every open entity to its final state; a re-issue
 * adds a version that lists what changed since the one before.
 */
@Injectable()
export class ReportService {
  private readonly transitions: WorkflowTransitions;
  private readonly planner = new TimerPlanner();

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    registry: WorkflowRegistry,
  ) {
    this.transitions = new WorkflowTransitions(registry);
  }

  /** What the report would say now; writes nothing. */
  async draft(year: number): Promise<ReportContent> {
    const em = this.em.fork();
    const dialogue = await findDialogue(em, year);
    if (!dialogue.launchedAt) throw new DialogueNotLaunched(year);
    return this.compile(em, dialogue, this.clock.now());
  }

  /**
   * Entities per state at each week since the launch, as the report draws them, without compiling the rest of
   * the report (the dashboard asks at every view): two statements.
   */
  async statesOverTime(year: number): Promise<ReportContent['statesOverTime']> {
    const em = this.em.fork();
    const dialogue = await findDialogue(em, year);
    const now = this.clock.now();
    const [instances, history] = await Promise.all([
      em.find(EntityWorkflow, { dialogue }, { fields: ['entity.code'], orderBy: { id: 'asc' } }),
      transitionsUntil(em, dialogue, now),
    ]);
    return statesOverTime(
      instances.map((i) => i.entity.code),
      history,
      dialogue.launchedAt,
      now,
    );
  }

  async issue(year: number, actor: Actor): Promise<Report> {
    return this.em.fork().transactional(async (em) => {
      const dialogue = await findDialogue(em, year);
      if (!dialogue.launchedAt) throw new DialogueNotLaunched(year);
      const now = this.clock.now();
      const definition = this.transitions.definitionOf(dialogue);
      const open = await em.find(
        EntityWorkflow,
        {
          dialogue,
          state: { $nin: Object.keys(definition.states).filter((s) => definition.states[s].final) },
        },
        { populate: ['entity', 'dialogue'], orderBy: { id: 'asc' } },
      );
      await this.transitions.applyToAll(em, open, { type: 'issue-report' }, actor, now);
      const first = dialogue.reportIssuedAt === null;
      dialogue.reportIssuedAt ??= now;
      await this.planner.planDigest(em, dialogue, definition, now, now, 'the report is issued');
      await em.flush();
      const content = await this.compile(em, dialogue, now);
      const version = (await em.count(Report, { dialogue })) + 1;
      const previous = first ? null : await em.findOne(Report, { dialogue, version: version - 1 });
      const report = em.create(Report, { dialogue, version, issuedAt: now, issuedBy: actor, content });
      em.persist(report);
      const mailed = await enqueueReportMails(em, dialogue, version, now, content, previous?.content ?? null);
      em.persist(
        em.create(AuditEvent, {
          dialogue,
          actor,
          at: now,
          event: first ? 'issue-report' : 'reissue-report',
          details: {
            version,
            completed: content.totals.completed,
            entities: content.totals.entities,
            mailed,
            ...(content.changes ? { changes: content.changes.length } : {}),
          },
        }),
      );
      return report;
    });
  }

  async latest(year: number): Promise<Report | null> {
    const em = this.em.fork();
    const dialogue = await findDialogue(em, year);
    return em.findOne(Report, { dialogue }, { orderBy: { version: 'desc' } });
  }

  async version(year: number, version: number): Promise<Report> {
    const em = this.em.fork();
    const dialogue = await findDialogue(em, year);
    const report = await em.findOne(Report, { dialogue, version });
    if (!report) throw new NotFound(`version of the ${year} report`, version);
    return report;
  }

  async versions(year: number): Promise<Pick<Report, 'version' | 'issuedAt' | 'issuedBy'>[]> {
    const em = this.em.fork();
    const dialogue = await findDialogue(em, year);
    return em.find(
      Report,
      { dialogue },
      { orderBy: { version: 'asc' }, fields: ['version', 'issuedAt', 'issuedBy'] },
    );
  }

  private async compile(em: EntityManager, dialogue: Dialogue, now: Date): Promise<ReportContent> {
    const instances = await em.find(
      EntityWorkflow,
      { dialogue },
      { populate: ['entity'], orderBy: { id: 'asc' } },
    );
    const ids = instances.map((i) => i.id);
    const [submissions, managers, leaders, history, previousVersion, previousYear] = await Promise.all([
      em.find(StatisticsSubmission, { workflow: { $in: ids } }, { orderBy: { revision: 'asc' } }),
      em.find(
        Person,
        { entity: { $in: instances.map((i) => i.entity.id) }, isManager: true },
        { fields: ['entity', 'email'] },
      ),
      em.find(SessionRecord, { workflow: { $in: ids } }, { fields: ['workflow', 'leaderEmail'] }),
      transitionsUntil(em, dialogue, now),
      em.findOne(Report, { dialogue }, { orderBy: { version: 'desc' } }),
      em.findOne(Report, { dialogue: { year: dialogue.year - 1 } }, { orderBy: { version: 'desc' } }),
    ]);
    const firstOf = new Map<number, StatisticsSubmission>();
    const latestOf = new Map<number, StatisticsSubmission>();
    for (const s of submissions) {
      if (!firstOf.has(s.workflow.id)) firstOf.set(s.workflow.id, s);
      latestOf.set(s.workflow.id, s);
    }
    const managersOf = new Map<number, Set<string>>();
    for (const m of managers)
      managersOf.set(m.entity.id, (managersOf.get(m.entity.id) ?? new Set()).add(m.email));
    const leadersOf = new Map<number, Set<string>>();
    for (const s of leaders)
      leadersOf.set(s.workflow.id, (leadersOf.get(s.workflow.id) ?? new Set()).add(s.leaderEmail));
    const facts: EntityFacts[] = instances.map((instance) => {
      const latest = latestOf.get(instance.id);
      const treeManagers = managersOf.get(instance.entity.id);
      const led = leadersOf.get(instance.id) ?? new Set<string>();
      return {
        code: instance.entity.code,
        name: instance.entity.name,
        kind: instance.entity.kind,
        state: instance.state,
        effectiveDeadline: instance.effectiveDeadline,
        extendedDeadline: instance.extendedDeadline,
        lateAdded: instance.lateAdded,
        cutoffEndsAt: endOfLocalDay(dialogue.reportCutoff, instance.entity.timeZone),
        statistics: latest
          ? {
              eligibleStaff: latest.eligibleStaff,
              staffParticipated: latest.staffParticipated,
              sessionsHeld: latest.sessionsHeld,
              managersLed: latest.managersLed,
              nonStaffParticipants: latest.nonStaffParticipants,
              otherAgencyParticipants: latest.otherAgencyParticipants,
              revision: latest.revision,
              firstSubmittedAt: (firstOf.get(instance.id) as StatisticsSubmission).submittedAt,
            }
          : null,
        managersInTree: treeManagers ? treeManagers.size : null,
        managersWhoLed: treeManagers ? [...treeManagers].filter((m) => led.has(m)).length : null,
        headConfirmed: instance.headConfirmedAt !== null,
      };
    });
    return compileReport(facts, {
      year: dialogue.year,
      reportCutoff: dialogue.reportCutoff,
      compiledAt: now,
      history,
      launchedAt: dialogue.launchedAt,
      previousYear: previousYear ? { year: dialogue.year - 1, totals: previousYear.content.totals } : null,
      previousVersion: previousVersion?.content ?? null,
    });
  }
}

/** Every state change of the year's entities up to `now`, in order: what the states over time are drawn from. */
async function transitionsUntil(em: EntityManager, dialogue: Dialogue, now: Date) {
  const events = await em.find(
    AuditEvent,
    { dialogue, toState: { $ne: null }, at: { $lte: now } },
    { orderBy: { at: 'asc', id: 'asc' }, fields: ['entityCode', 'at', 'toState'] },
  );
  return events.map((a) => ({ code: a.entityCode as string, at: a.at, to: a.toState as string }));
}
