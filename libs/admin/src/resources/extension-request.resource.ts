import { ExtensionRequest } from '@cascade/dialogue';
import { NAVIGATION, values, type ResourceDefinition } from './resource-kit';

export const extensionRequestResource: ResourceDefinition = {
  model: ExtensionRequest,
  reading: { exact: ['status'] },
  options: {
    navigation: NAVIGATION.requests,
    listProperties: ['id', 'workflow', 'wishedDeadline', 'status', 'requestedBy', 'requestedAt', 'decidedBy'],
    filterProperties: ['workflow', 'status'],
    properties: { status: { availableValues: values(['pending', 'granted', 'refused']) } },
  },
};
