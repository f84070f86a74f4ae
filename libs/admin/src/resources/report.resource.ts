import { Report } from '@cascade/dialogue';
import { NAVIGATION, type ResourceDefinition } from './resource-kit';

export const reportResource: ResourceDefinition = {
  model: Report,
  reading: {},
  options: {
    navigation: NAVIGATION.reporting,
    listProperties: ['id', 'dialogue', 'version', 'issuedAt', 'issuedBy'],
    filterProperties: ['dialogue'],
    properties: { content: { type: 'mixed', isVisible: false } },
  },
};
