import type { AuditEvent, Timer } from '@cascade/dialogue';
import type { ConsoleActionSpec } from '../console-action';
import { iso, type ConsoleTable } from '../console-view';
import { cascadeLink, managerFacts } from './action-kit';

/** What an audit row says beyond its columns (the manager's own address aside: it is the screen's subject). */
const detailsOf = (details: Record<string, unknown> | null | undefined): string =>
  Object.entries(details ?? {})
    .filter(([key]) => key !== 'manager')
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join('; ');

/** A manager's whole story on one screen, oldest first: facts, their workflow's audit rows and timers. Viewers too. */
export const managerTimeline: ConsoleActionSpec = {
  name: 'timeline',
  label: 'Timeline',
  actionType: 'record',
  icon: 'Activity',
  readOnly: true,
  async show({ queries, services, recordId }) {
    const m = await queries.cascade.byId(recordId);
    const { year } = m.workflow.dialogue;
    const { code } = m.workflow.entity;
    const { events, timers } = await services.cascade.timeline(year, code, m.email);
    return {
      title: `${m.name} — ${code} ${year}`,
      facts: managerFacts(m),
      tables: [auditTable(events), timersTable(timers)],
      links: [cascadeLink(m.workflow.id, `The cascade of ${code}`)],
    };
  },
};

function auditTable(events: AuditEvent[]): ConsoleTable {
  return {
    id: 'audit',
    title: 'Audit trail (oldest first)',
    empty: 'Nothing has happened to this manager yet.',
    columns: ['When', 'Who', 'Event', 'From', 'To', 'Reason', 'Details'],
    rows: events.map((e) => [
      iso(e.at),
      e.actor,
      e.event,
      e.fromState,
      e.toState,
      e.reason,
      detailsOf(e.details as Record<string, unknown> | null),
    ]),
  };
}

function timersTable(timers: Timer[]): ConsoleTable {
  return {
    id: 'timers',
    title: 'Timers (by due date)',
    empty: 'No timer was ever planned for this manager.',
    columns: ['Due (local)', 'Kind', 'Timer', 'Mail', 'Status', 'Outcome'],
    rows: timers.map((t) => [t.localDueAt, t.kind, t.timerId, t.mail?.template, t.status, t.outcome]),
  };
}
