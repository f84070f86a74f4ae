import type { AuditEvent, Timer } from '@cascade/dialogue';
import type { ConsoleActionSpec } from '../console-action';
import { iso, type ConsoleTable } from '../console-view';
import type { Translate } from '../locale/console-text';
import { cascadeLink, managerFacts } from './action-kit';
import { timerColumns } from './timeline.action';

/** What an audit row says beyond its columns (the manager's own address aside: it is the screen's subject). */
const detailsOf = (details: Record<string, unknown> | null | undefined): string =>
  Object.entries(details ?? {})
    .filter(([key]) => key !== 'manager')
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join('; ');

/** A manager's whole story on one screen, oldest first: facts, their workflow's audit rows and timers. Viewers too. */
export const managerTimeline: ConsoleActionSpec = {
  name: 'timeline',
  actionType: 'record',
  icon: 'Activity',
  readOnly: true,
  async show({ queries, services, recordId, t }) {
    const m = await queries.cascade.byId(recordId);
    const { year } = m.workflow.dialogue;
    const { code } = m.workflow.entity;
    const { events, timers } = await services.cascade.timeline(year, code, m.email);
    return {
      title: `${m.name} — ${code} ${year}`,
      facts: managerFacts(t, m),
      tables: [auditTable(t, events), timersTable(t, timers)],
      links: [cascadeLink(t, m.workflow.id, t('managerTimeline.cascadeOf', { code }))],
    };
  },
};

function auditTable(t: Translate, events: AuditEvent[]): ConsoleTable {
  return {
    id: 'audit',
    title: t('managerTimeline.auditTitle'),
    empty: t('managerTimeline.auditEmpty'),
    columns: [
      t('common.when'),
      t('common.who'),
      t('common.event'),
      t('common.from'),
      t('common.toState'),
      t('common.reason'),
      t('managerTimeline.details'),
    ],
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

function timersTable(t: Translate, timers: Timer[]): ConsoleTable {
  return {
    id: 'timers',
    title: t('managerTimeline.timersTitle'),
    empty: t('managerTimeline.timersEmpty'),
    columns: timerColumns(t),
    rows: timers.map((x) => [x.localDueAt, x.kind, x.timerId, x.mail?.template, x.status, x.outcome]),
  };
}
