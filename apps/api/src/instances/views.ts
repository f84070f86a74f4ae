import type { AuditEvent, Dialogue, EntityWorkflow, OrgEntity } from '@cascade/dialogue';
import type { Timer } from '@cascade/dialogue';

/** What the API shows of each record: explicit, so no ORM internals or other entities leak out. */
export const dialogueView = (d: Dialogue) => ({
  year: d.year,
  topic: d.topic,
  materials: d.materials,
  statisticsDeadline: d.statisticsDeadline,
  reportCutoff: d.reportCutoff,
  workflow: { id: d.workflowId, version: d.workflowVersion },
  createdAt: d.createdAt,
  launchedAt: d.launchedAt,
  reportIssuedAt: d.reportIssuedAt,
});

export const entityView = (e: OrgEntity) => ({
  code: e.code,
  name: e.name,
  names: e.names ?? {},
  kind: e.kind,
  dutyStation: e.dutyStation,
  timeZone: e.timeZone,
  language: e.language,
  staff: e.staff,
  head: e.headEmail ? { name: e.headName, email: e.headEmail } : null,
  ...(e.focalPoints.isInitialized()
    ? {
        focalPoints: e.focalPoints
          .getItems()
          .map((fp) => ({ name: fp.name, email: fp.email, language: fp.language })),
      }
    : {}),
});

export const timerView = (t: Timer) => ({
  timer: t.timerId,
  kind: t.kind,
  dueAt: t.dueAt,
  localDueAt: t.localDueAt,
  mail: t.mail,
  event: t.event,
  escalationLevel: t.escalationLevel,
});

/** `nextTimer` is given when the caller looked it up (null: nothing pending). */
export const instanceView = (w: EntityWorkflow, nextTimer?: Timer | null) => ({
  entity: entityView(w.entity),
  state: w.state,
  escalationLevel: w.escalationLevel,
  invitedAt: w.invitedAt,
  deadline: w.deadline,
  extendedDeadline: w.extendedDeadline,
  effectiveDeadline: w.effectiveDeadline,
  lateAdded: w.lateAdded,
  sessionsRecorded: w.sessionsRecorded,
  statisticsSubmittedAt: w.statisticsSubmittedAt,
  updatedAt: w.updatedAt,
  version: w.version,
  ...(nextTimer === undefined ? {} : { nextTimer: nextTimer ? timerView(nextTimer) : null }),
});

export const auditView = (a: AuditEvent) => ({
  id: a.id,
  at: a.at,
  actor: a.actor,
  entity: a.entityCode,
  event: a.event,
  from: a.fromState,
  to: a.toState,
  reason: a.reason,
  details: a.details,
});
