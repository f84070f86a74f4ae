import type { AnyEntity } from '@mikro-orm/core';
import { ManagerWorkflow, type RecordQueryService } from '@cascade/dialogue';
import { localDateOf, toLocalIso } from '@cascade/workflow';
import { filterOnly, hidden, listAndShow, NAVIGATION, values, type ResourceDefinition } from './resource-kit';

/** The scheduled session as its manager sees it: local start in the entity's zone, length, place or link. */
export function scheduledSessionOf(m: ManagerWorkflow): string {
  if (!m.sessionStartsAt) return '';
  const zone = m.workflow.entity.timeZone;
  const start = toLocalIso(m.sessionStartsAt, zone).slice(0, 16).replace('T', ' ');
  const where = [m.sessionPlace, m.sessionUrl].filter(Boolean).join(', ');
  return `${start} (${zone}), ${m.sessionMinutes ?? '?'} min${where ? `, ${where}` : ''}`;
}

/**
 * The managers of every imported reporting tree (one manager workflow instance each, per year): filters by entity,
 * year, state and a search by name or address; the entity, the year, the day the turn came (in the entity's zone)
 * and the scheduled session beside each row, from the relations read with the page (no query per row).
 */
export function managerWorkflowResource(states: string[], records: RecordQueryService): ResourceDefinition {
  return {
    model: ManagerWorkflow,
    reading: {
      populate: ['workflow', 'workflow.entity', 'workflow.dialogue'],
      exact: ['state', 'email', 'managerEmail'],
      virtualFilters: {
        code: (code) => ({ workflow: { entity: { code: code.trim().toUpperCase() } } }),
        year: (year) => ({
          workflow: { dialogue: { year: /^\d{4}$/.test(year.trim()) ? Number(year) : -1 } },
        }),
        q: (q) => records.containsText(['name', 'email'], q),
      },
      extras: async (rows: AnyEntity[]) =>
        (rows as ManagerWorkflow[]).map((m) => ({
          code: m.workflow.entity.code,
          year: m.workflow.dialogue.year,
          turnOn: m.turnAt ? localDateOf(m.turnAt, m.workflow.entity.timeZone) : '',
          scheduledSession: scheduledSessionOf(m),
        })),
    },
    options: {
      id: 'ManagerWorkflow',
      navigation: NAVIGATION.dialogue,
      titleProperty: 'name',
      // The tree's import order; AdminJS would otherwise sort by the first sortable column.
      sort: { sortBy: 'id', direction: 'asc' },
      listProperties: LIST,
      filterProperties: ['q', 'code', 'year', 'state', 'managerEmail'],
      showProperties: SHOW,
      properties: {
        state: { availableValues: values(states) },
        code: { type: 'string', ...listShowAndFilter },
        year: { type: 'string', ...listShowAndFilter },
        q: { type: 'string', ...filterOnly },
        turnOn: { type: 'string', ...listAndShow },
        scheduledSession: { type: 'string', ...listAndShow },
        excuseReason: { type: 'textarea' },
        version: hidden,
        eventsRecorded: hidden,
      },
    },
  };
}

const listShowAndFilter = {
  ...listAndShow,
  isVisible: { list: true, show: true, edit: false, filter: true },
};

const LIST = [
  'name',
  'email',
  'code',
  'year',
  'state',
  'turnOn',
  'sessionsLed',
  'scheduledSession',
  'directReports',
];

const SHOW = [
  'name',
  'email',
  'language',
  'code',
  'year',
  'workflow',
  'state',
  'managerEmail',
  'directReports',
  'turnAt',
  'turnOn',
  'sessionsLed',
  'scheduledSession',
  'sessionLanguage',
  'calendarSequence',
  'excuseReason',
  'escalationLevel',
  'updatedAt',
];
