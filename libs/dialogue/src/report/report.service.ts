import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AuditEvent } from '../audit/audit-event.entity';
import { StatisticsSubmission } from '../statistics/statistics-submission.entity';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { findDialogue } from '../workflow-instance/instance-lookup';
import { WorkflowRegistry } from '../workflow-instance/workflow-registry';
import { WorkflowTransitions } from '../workflow-instance/workflow-transitions';
import { TimerPlanner } from '../timers/timer-planner';
import type { Actor } from '../shared/actor';
import { Clock } from '../shared/clock';
import { DialogueNotLaunched } from '../shared/errors';
import { Report, type ReportContent, type ReportRow } from './report.entity';

/**
 * Issues the year's report: every entity leaves the workflow (submitted ones as `reported`, the others in the
 * final state the definition gives), and the figures are frozen in a numbered Report row. One transaction.
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

  async issue(year: number, actor: Actor): Promise<Report> {
    return this.em.transactional(async (em) => {
      const dialogue = await findDialogue(em, year);
      if (!dialogue.launchedAt) throw new DialogueNotLaunched(year);
      const now = this.clock.now();
      const instances = await em.find(
        EntityWorkflow,
        { dialogue },
        { populate: ['entity'], orderBy: { id: 'asc' } },
      );
      const definition = this.transitions.definitionOf(dialogue);
      await this.transitions.applyToAll(
        em,
        instances.filter((instance) => !definition.states[instance.state]?.final),
        { type: 'issue-report' },
        actor,
        now,
      );
      const latest = await latestStatistics(em, instances);
      const rows: ReportRow[] = instances.map((instance) => {
        const stats = latest.get(instance.id);
        return {
          code: instance.entity.code,
          name: instance.entity.name,
          kind: instance.entity.kind,
          state: instance.state,
          completed: instance.state === 'reported',
          eligibleStaff: stats?.eligibleStaff ?? null,
          staffParticipated: stats?.staffParticipated ?? null,
          sessionsHeld: stats?.sessionsHeld ?? null,
          managersLed: stats?.managersLed ?? null,
        };
      });
      // Only entities listed as having completed the dialogue count towards the year's figures.
      const completed = rows.filter((r) => r.completed);
      const sum = (pick: (row: ReportRow) => number | null) =>
        completed.reduce((total, row) => total + (pick(row) ?? 0), 0);
      const content: ReportContent = {
        rows,
        totals: {
          entities: rows.length,
          completed: completed.length,
          eligibleStaff: sum((r) => r.eligibleStaff),
          staffParticipated: sum((r) => r.staffParticipated),
          sessionsHeld: sum((r) => r.sessionsHeld),
        },
      };
      const version = (await em.count(Report, { dialogue })) + 1;
      const report = em.create(Report, { dialogue, version, issuedAt: now, issuedBy: actor, content });
      em.persist(report);
      dialogue.reportIssuedAt = now;
      await this.planner.planDigest(em, dialogue, definition, now, now, 'the report is issued');
      em.persist(
        em.create(AuditEvent, {
          dialogue,
          actor,
          at: now,
          event: 'issue-report',
          details: { version, ...content.totals },
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
}

async function latestStatistics(em: EntityManager, instances: EntityWorkflow[]) {
  const rows = await em.find(
    StatisticsSubmission,
    { workflow: { $in: instances.map((i) => i.id) } },
    { orderBy: { revision: 'asc' } },
  );
  return new Map(rows.map((row) => [row.workflow.id, row]));
}
