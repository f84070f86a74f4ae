import { SeminarRequest } from '@cascade/dialogue';
import { NAVIGATION, values, type ResourceDefinition } from './resource-kit';

export const seminarRequestResource: ResourceDefinition = {
  model: SeminarRequest,
  reading: { exact: ['status'] },
  options: {
    navigation: NAVIGATION.requests,
    listProperties: [
      'id',
      'workflow',
      'topic',
      'preferredPeriod',
      'expectedParticipants',
      'status',
      'requestedAt',
    ],
    filterProperties: ['workflow', 'status'],
    properties: { status: { availableValues: values(['requested', 'scheduled', 'held', 'cancelled']) } },
  },
};
