import { FocalPoint } from '@cascade/dialogue';
import { NAVIGATION, type ResourceDefinition } from './resource-kit';

export const focalPointResource: ResourceDefinition = {
  model: FocalPoint,
  reading: {},
  options: {
    navigation: NAVIGATION.dialogue,
    listProperties: ['entity', 'name', 'email', 'language'],
    filterProperties: ['entity', 'email', 'name'],
  },
};
