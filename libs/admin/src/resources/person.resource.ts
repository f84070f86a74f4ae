import { Person } from '@cascade/dialogue';
import { NAVIGATION, type ResourceDefinition } from './resource-kit';

export const personResource: ResourceDefinition = {
  model: Person,
  reading: { exact: ['email'] },
  options: {
    navigation: NAVIGATION.dialogue,
    listProperties: ['entity', 'name', 'email', 'managerEmail', 'isManager', 'language'],
    filterProperties: ['entity', 'email', 'managerEmail', 'isManager'],
  },
};
