import { Dialogue } from '@cascade/dialogue';
import { NAVIGATION, type ResourceDefinition } from './resource-kit';

export const dialogueResource: ResourceDefinition = {
  model: Dialogue,
  reading: { defaultSort: { sortBy: 'year', direction: 'desc' } },
  options: {
    navigation: NAVIGATION.dialogue,
    titleProperty: 'year',
    listProperties: [
      'year',
      'statisticsDeadline',
      'reportCutoff',
      'launchedAt',
      'reportIssuedAt',
      'workflowVersion',
    ],
    filterProperties: ['year'],
    properties: { topic: { type: 'mixed' }, materials: { type: 'mixed' } },
  },
};
