import type { AnyEntity } from '@mikro-orm/core';
import { EntityWorkflow, type InstanceQueryService } from '@cascade/dialogue';
import { filterOnly, hidden, listAndShow, NAVIGATION, values, type ResourceDefinition } from './resource-kit';

/** The entities of a year (one instance each): filters by entity, the next timer beside each row. */
export function entityWorkflowResource(
  states: string[],
  instances: InstanceQueryService,
): ResourceDefinition {
  return {
    model: EntityWorkflow,
    reading: {
      populate: ['entity'],
      exact: ['state'],
      virtualFilters: {
        kind: (kind) => ({ entity: { kind } }),
        // Exact (as in the entity list), so that the index on the entity's duty station serves it.
        dutyStation: (dutyStation) => ({ entity: { dutyStation: dutyStation.trim() } }),
        code: (code) => ({ entity: { code: code.toUpperCase() } }),
      },
      extras: async (rows: AnyEntity[]) => {
        const page = rows as EntityWorkflow[];
        const next = await instances.nextTimersOf(page);
        return page.map((i) => {
          const timer = next.get(i.id);
          return {
            code: i.entity.code,
            effectiveDeadline: i.effectiveDeadline,
            nextTimer: timer ? `${timer.kind} ${timer.localDueAt}` : '',
            kind: i.entity.kind,
            dutyStation: i.entity.dutyStation,
          };
        });
      },
    },
    options: {
      id: 'EntityWorkflow',
      navigation: NAVIGATION.dialogue,
      titleProperty: 'code',
      // The entity list's order; AdminJS would otherwise sort by the first sortable column (the state).
      sort: { sortBy: 'id', direction: 'asc' },
      listProperties: LIST,
      filterProperties: ['dialogue', 'code', 'state', 'escalationLevel', 'kind', 'dutyStation', 'lateAdded'],
      showProperties: SHOW,
      properties: {
        state: { availableValues: values(states) },
        code: {
          type: 'string',
          ...listAndShow,
          isVisible: { list: true, show: true, edit: false, filter: true },
        },
        effectiveDeadline: { type: 'string', ...listAndShow },
        nextTimer: { type: 'string', ...listAndShow },
        kind: { type: 'string', ...filterOnly },
        dutyStation: { type: 'string', ...filterOnly },
        version: hidden,
      },
    },
  };
}

const LIST = [
  'code',
  'entity',
  'dialogue',
  'state',
  'escalationLevel',
  'effectiveDeadline',
  'nextTimer',
  'lateAdded',
];

const SHOW = [
  'code',
  'entity',
  'dialogue',
  'state',
  'escalationLevel',
  'invitedAt',
  'deadline',
  'extendedDeadline',
  'effectiveDeadline',
  'nextTimer',
  'lateAdded',
  'sessionsRecorded',
  'statisticsSubmittedAt',
  'headConfirmedAt',
  'updatedAt',
];
