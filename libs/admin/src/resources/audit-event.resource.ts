import { AuditEvent } from '@cascade/dialogue';
import { NAVIGATION, type ResourceDefinition } from './resource-kit';

export const auditEventResource: ResourceDefinition = {
  model: AuditEvent,
  reading: { exact: ['event', 'entityCode'] },
  options: {
    navigation: NAVIGATION.operations,
    titleProperty: 'event',
    listProperties: ['id', 'at', 'actor', 'entityCode', 'event', 'fromState', 'toState', 'reason'],
    filterProperties: ['dialogue', 'entityCode', 'event', 'actor', 'at'],
    properties: { details: { type: 'mixed' } },
  },
};
