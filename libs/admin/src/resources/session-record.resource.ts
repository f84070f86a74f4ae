import { SessionRecord } from '@cascade/dialogue';
import { NAVIGATION, type ResourceDefinition } from './resource-kit';

export const sessionRecordResource: ResourceDefinition = {
  model: SessionRecord,
  reading: { exact: ['leaderEmail', 'language'] },
  options: {
    navigation: NAVIGATION.reporting,
    listProperties: ['id', 'workflow', 'leaderEmail', 'heldOn', 'language', 'participants', 'sizeWarning'],
    filterProperties: ['workflow', 'leaderEmail', 'language'],
  },
};
