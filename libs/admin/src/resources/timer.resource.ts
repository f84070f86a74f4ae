import { Timer, TIMER_STATUSES } from '@cascade/dialogue';
import { NAVIGATION, values, type ResourceDefinition } from './resource-kit';

export const timerResource: ResourceDefinition = {
  model: Timer,
  reading: { exact: ['status', 'kind', 'timerId'], defaultSort: { sortBy: 'dueAt', direction: 'asc' } },
  options: {
    navigation: NAVIGATION.operations,
    titleProperty: 'key',
    listProperties: [
      'id',
      'workflowId',
      'timerId',
      'kind',
      'localDueAt',
      'status',
      'escalationLevel',
      'outcome',
    ],
    filterProperties: ['dialogueId', 'workflowId', 'kind', 'status', 'dueAt'],
    properties: {
      status: { availableValues: values(TIMER_STATUSES) },
      mail: { type: 'mixed' },
    },
  },
};
