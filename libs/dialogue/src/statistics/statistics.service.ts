import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { endOfLocalDay } from '@cascade/workflow';
import type { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { EntityWorkflowService, type TransitionOutcome } from '../workflow-instance/entity-workflow.service';
import type { Actor } from '../shared/actor';
import { ValidationFailed } from '../shared/errors';
import { FieldChecks, MAX_AGENCIES } from '../shared/field-checks';
import {
  differenceIssues,
  type CrossCheckRecords,
  statisticsDifferences,
  type StatisticsCrossCheck,
} from './statistics-cross-check';
import { StatisticsSubmission } from './statistics-submission.entity';

/** Annex E: the final participation statistics of one entity. */
export interface StatisticsInput {
  eligibleStaff: number;
  staffParticipated: number;
  sessionsHeld: number;
  managersLed: number;
  nonStaffParticipants: number;
  otherAgencyParticipants?: Record<string, number>;
  comments?: string | null;
  /**
   * The submitter confirms figures that differ from the recorded sessions and the reporting tree (Cascade's
   * records are incomplete); without it, such figures are answered with the differences (422) on the token links.
   */
  confirmDifferences?: boolean;
}

export interface SubmitStatisticsOptions {
  /**
   * Figures that differ from the records need `confirmDifferences` (the Focal Point's links). Off for the admin
   * API, whose caller enters figures the Ethics Office holds: the differences are still kept, unconfirmed.
   */
  requireConfirmation?: boolean;
  /** The entity's instance as the caller read it already (a token link's): not read again. */
  loaded?: EntityWorkflow;
}

export function checkStatistics(input: StatisticsInput): void {
  const check = new FieldChecks();
  const eligible = check.nonNegativeInteger('eligibleStaff', input.eligibleStaff);
  const participated = check.nonNegativeInteger('staffParticipated', input.staffParticipated);
  const sessions = check.nonNegativeInteger('sessionsHeld', input.sessionsHeld);
  const leaders = check.nonNegativeInteger('managersLed', input.managersLed);
  check.nonNegativeInteger('nonStaffParticipants', input.nonStaffParticipants);
  if (eligible && participated && input.staffParticipated > input.eligibleStaff) {
    check.fail(
      'staffParticipated',
      'participated-over-eligible',
      `must not exceed eligibleStaff (${input.eligibleStaff})`,
      { max: input.eligibleStaff },
    );
  }
  // A manager with more than 25 reports leads several split sessions, so there are never fewer sessions than leaders.
  if (sessions && leaders && input.managersLed > input.sessionsHeld) {
    check.fail(
      'managersLed',
      'leaders-over-sessions',
      `must not exceed sessionsHeld (${input.sessionsHeld})`,
      { max: input.sessionsHeld },
    );
  }
  if (sessions && participated && input.sessionsHeld === 0 && input.staffParticipated > 0) {
    check.fail('sessionsHeld', 'sessions-needed', 'must be at least 1 when staff participated');
  }
  const agencies = input.otherAgencyParticipants ?? {};
  if (typeof agencies !== 'object' || agencies === null || Array.isArray(agencies)) {
    check.fail('otherAgencyParticipants', 'agency-map', 'must map each agency to a count');
  } else if (Object.keys(agencies).length > MAX_AGENCIES) {
    check.fail('otherAgencyParticipants', 'too-many-agencies', `must list at most ${MAX_AGENCIES} agencies`, {
      max: MAX_AGENCIES,
    });
  } else {
    for (const [agency, count] of Object.entries(agencies)) {
      check.agencyName('otherAgencyParticipants', agency);
      check.nonNegativeInteger(`otherAgencyParticipants.${agency}`, count);
    }
  }
  check.text('comments', input.comments, { max: 5000, required: false });
  if (input.confirmDifferences !== undefined && typeof input.confirmDifferences !== 'boolean')
    check.fail('confirmDifferences', 'invalid-field', 'must be true or false');
  check.throwIfAny();
}

@Injectable()
export class StatisticsService {
  constructor(private readonly workflows: EntityWorkflowService) {}

  /**
   * A first submission or a revision; every revision is kept. Nothing is written unless all of it is valid. The
   * one way in for every caller (token-link page and JSON, admin REST API), so the rules that need the database
   * are checked here, inside the transaction that writes. The figures Cascade can count (sessions, their leaders,
   * the tree's people) are compared with the records in the same transaction; what differs is kept with the
   * submission and in its audit row, with the submitter's confirmation.
   */
  async submit(
    year: number,
    code: string,
    input: StatisticsInput,
    actor: Actor,
    options: SubmitStatisticsOptions = {},
  ): Promise<TransitionOutcome & { submission: StatisticsSubmission }> {
    checkStatistics(input);
    let submission: StatisticsSubmission | undefined;
    const outcome = await this.workflows.applyEvent(
      { year, code, loaded: options.loaded },
      { type: 'submit-statistics' },
      actor,
      () => [],
      async (em, instance, now) => {
        const { records, revisions } = await crossCheckRecords(em, instance);
        checkAgainstReportingTree(records, input);
        const crossCheck = crossCheckOf(records, input, options);
        submission = em.create(StatisticsSubmission, {
          workflow: instance,
          revision: revisions + 1,
          eligibleStaff: input.eligibleStaff,
          staffParticipated: input.staffParticipated,
          sessionsHeld: input.sessionsHeld,
          managersLed: input.managersLed,
          nonStaffParticipants: input.nonStaffParticipants,
          otherAgencyParticipants: input.otherAgencyParticipants ?? {},
          comments: input.comments ?? null,
          crossCheck,
          submittedBy: actor,
          submittedAt: now,
          late:
            instance.dialogue.reportIssuedAt !== null ||
            now >= endOfLocalDay(instance.dialogue.reportCutoff, instance.entity.timeZone),
        });
        em.persist(submission);
        instance.statisticsSubmittedAt = now;
        return crossCheck ? { crossCheck } : undefined;
      },
    );
    return { ...outcome, submission: submission as StatisticsSubmission };
  }
}

type Count = number | string | null;

/**
 * What Cascade counts itself, in one statement inside the transaction that writes: the entity's recorded
 * sessions and their distinct leaders, the people of its reporting tree and its managers; and the submissions
 * so far, which number the new one.
 */
async function crossCheckRecords(
  em: EntityManager,
  instance: EntityWorkflow,
): Promise<{ records: CrossCheckRecords; revisions: number }> {
  const rows: { sessions: Count; leaders: Count; people: Count; managers: Count; revisions: Count }[] =
    await em.getConnection().execute(
      `select (select count(*) from person where entity_id = ?) as people,
  (select sum(case when is_manager then 1 else 0 end) from person where entity_id = ?) as managers,
  (select count(*) from statistics where workflow_id = ?) as revisions,
  count(*) as sessions, count(distinct leader_email) as leaders
from "session" where workflow_id = ?`,
      [instance.entity.id, instance.entity.id, instance.id, instance.id],
      'all',
      em.getTransactionContext(),
    );
  const n = (value: Count | undefined) => Number(value ?? 0);
  const row = rows[0];
  return {
    records: {
      sessions: n(row?.sessions),
      leaders: n(row?.leaders),
      people: n(row?.people),
      managers: n(row?.managers),
    },
    revisions: n(row?.revisions),
  };
}

/** Managers who led a session cannot outnumber the managers of the entity's reporting tree, once one is uploaded. */
function checkAgainstReportingTree(records: CrossCheckRecords, input: StatisticsInput): void {
  const { managers } = records;
  if (managers > 0 && input.managersLed > managers) {
    throw new ValidationFailed([
      {
        field: 'managersLed',
        code: 'leaders-over-managers',
        message: `must not exceed the ${managers} managers of the reporting tree`,
        params: { max: managers },
      },
    ]);
  }
}

/**
 * The figures against the records: null when they agree; the differences, confirmed or not, otherwise. Unconfirmed
 * differences are refused where confirmation is required, with each figure beside what the records give.
 */
function crossCheckOf(
  checked: CrossCheckRecords,
  input: StatisticsInput,
  options: SubmitStatisticsOptions,
): StatisticsCrossCheck | null {
  const differences = statisticsDifferences(input, checked);
  if (differences.length === 0) return null;
  const confirmed = input.confirmDifferences === true;
  if (!confirmed && options.requireConfirmation)
    throw new ValidationFailed(differenceIssues(differences, checked));
  return { confirmed, differences, records: checked };
}
