import type { EntityManager } from '@mikro-orm/core';
import { cascadeProgress } from '../org/org-tree';
import { Person } from '../org/person.entity';
import { sessionDaysOf } from '../session/annex-c';
import { SessionRecord } from '../session/session-record.entity';
import { annexEPrefillOf, type AnnexEPrefill } from '../statistics/annex-e-prefill';
import type { AnnexEPrefillQueryService } from '../statistics/annex-e-prefill-query.service';
import { StatisticsSubmission } from '../statistics/statistics-submission.entity';
import type { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import type { AccessToken } from './access-token.entity';
import type { CascadeProgress, FocalPointView, PortalContext, SessionSummary } from './portal.types';
import { ExtensionRequest, ScenarioProposal, SeminarRequest, SessionQuestion } from './requests.entity';

/** What the Focal Point page is built from, read together by PortalService. */
export interface FocalPointRows {
  progress: CascadeProgress;
  sessions: SessionSummary[];
  statistics: StatisticsSubmission | null;
  statisticsPrefill: AnnexEPrefill;
  extensions: ExtensionRequest[];
  scenarios: ScenarioProposal[];
  seminars: SeminarRequest[];
}

/** Everything the Focal Point page shows, read side by side on one fork. */
export async function readFocalPointRows(
  em: EntityManager,
  instance: EntityWorkflow,
  services: { annexE: AnnexEPrefillQueryService },
): Promise<FocalPointRows> {
  const latest = () =>
    em.findOne(StatisticsSubmission, { workflow: instance }, { orderBy: { revision: 'desc' } });
  const [{ progress, sessions }, statistics, records, extensions, scenarios, seminars] = await Promise.all([
    progressAndSessionsOf(em, instance),
    latest(),
    services.annexE.recordsOf(em, instance),
    em.find(ExtensionRequest, { workflow: instance }, { orderBy: { id: 'desc' } }),
    em.find(ScenarioProposal, { workflow: instance }, { orderBy: { id: 'desc' } }),
    em.find(SeminarRequest, { workflow: instance }, { orderBy: { id: 'desc' } }),
  ]);
  const statisticsPrefill = annexEPrefillOf(records, statistics);
  return { progress, sessions, statistics, statisticsPrefill, extensions, scenarios, seminars };
}

export function focalPointViewOf(
  ctx: PortalContext,
  instance: EntityWorkflow,
  rows: FocalPointRows,
): FocalPointView {
  const { progress, sessions, statistics, statisticsPrefill, extensions, scenarios, seminars } = rows;
  return {
    context: ctx,
    progress,
    sessions,
    statistics: statistics
      ? {
          eligibleStaff: statistics.eligibleStaff,
          staffParticipated: statistics.staffParticipated,
          sessionsHeld: statistics.sessionsHeld,
          managersLed: statistics.managersLed,
          nonStaffParticipants: statistics.nonStaffParticipants,
          otherAgencyParticipants: statistics.otherAgencyParticipants,
          comments: statistics.comments,
          revision: statistics.revision,
          submittedAt: statistics.submittedAt,
          crossCheck: statistics.crossCheck,
        }
      : null,
    statisticsPrefill,
    extensionRequests: extensions.map((r) => ({
      id: r.id,
      wishedDeadline: r.wishedDeadline,
      reason: r.reason,
      status: r.status,
      decisionReason: r.decisionReason,
    })),
    scenarioProposals: scenarios.map((p) => ({
      id: p.id,
      title: p.title,
      status: p.status,
      feedback: p.feedback,
    })),
    seminarRequests: seminars.map((s) => ({
      id: s.id,
      topic: s.topic,
      preferredPeriod: s.preferredPeriod,
      status: s.status,
    })),
    headConfirmedAt: instance.headConfirmedAt,
  };
}

/** The sessions of an instance with their leaders' names and the questions they raised. */
/**
 * The reporting tree's progress and the recorded sessions, as the Focal Point's, the Head's and a leader's pages
 * show them both: one read of the tree's people and one of the sessions serve both (and the questions, when
 * there is a session).
 */
export async function progressAndSessionsOf(
  em: EntityManager,
  instance: EntityWorkflow,
): Promise<{ progress: CascadeProgress; sessions: SessionSummary[] }> {
  const [records, people] = await Promise.all([
    em.find(SessionRecord, { workflow: instance }, { orderBy: { heldOn: 'asc', id: 'asc' } }),
    em.find(Person, { entity: instance.entity }, { orderBy: { id: 'asc' } }),
  ]);
  const byLeader = new Map<string, number>();
  for (const s of records) byLeader.set(s.leaderEmail, (byLeader.get(s.leaderEmail) ?? 0) + 1);
  return { progress: cascadeProgress(people, byLeader), sessions: await summariesOf(em, records, people) };
}

/** The sessions as the pages list them, each with its leader's name from the tree and its questions. */
async function summariesOf(
  em: EntityManager,
  sessions: SessionRecord[],
  people: Pick<Person, 'email' | 'name'>[],
): Promise<SessionSummary[]> {
  if (sessions.length === 0) return [];
  const questions = await em.find(SessionQuestion, { session: { $in: sessions.map((s) => s.id) } });
  const names = new Map(people.map((p) => [p.email, p.name]));
  return sessions.map((s) =>
    summaryOf(
      s,
      names.get(s.leaderEmail) ?? null,
      questions.filter((q) => q.session.id === s.id).map((q) => q.text),
    ),
  );
}

export function contextOf(token: AccessToken, now: Date): PortalContext {
  const instance = token.workflow;
  const dialogue = instance.dialogue;
  return {
    role: token.role,
    tokenId: token.id,
    language: token.language,
    subjectEmail: token.subjectEmail,
    subjectName: token.subjectName,
    year: dialogue.year,
    topic: dialogue.topic,
    materials: dialogue.materials,
    entity: {
      code: instance.entity.code,
      name: instance.entity.name,
      names: instance.entity.names ?? {},
      timeZone: instance.entity.timeZone,
      language: instance.entity.language,
    },
    state: instance.state,
    effectiveDeadline: instance.effectiveDeadline,
    reportCutoff: dialogue.reportCutoff,
    sessionDays: sessionDaysOf(dialogue, instance.entity.timeZone, now),
    reportIssued: dialogue.reportIssuedAt !== null,
    expiresAt: token.expiresAt,
    session: token.session
      ? { id: token.session.id, heldOn: token.session.heldOn, language: token.session.language }
      : null,
  };
}

export function summaryOf(s: SessionRecord, leaderName: string | null, questions: string[]): SessionSummary {
  return {
    id: s.id,
    leaderEmail: s.leaderEmail,
    leaderName,
    heldOn: s.heldOn,
    durationMinutes: s.durationMinutes,
    language: s.language,
    format: (s.format as SessionSummary['format']) ?? null,
    participants: s.participants,
    staffParticipants: s.staffParticipants,
    nonStaffParticipants: s.nonStaffParticipants,
    otherAgencyParticipants: s.otherAgencyParticipants ?? {},
    split: s.splitPart && s.splitOf ? { part: s.splitPart, of: s.splitOf } : null,
    jointUnits: s.jointUnits ?? [],
    facilitator: s.facilitator,
    scenarios: s.scenarios ?? [],
    questions,
    sizeWarning: s.sizeWarning,
  };
}
