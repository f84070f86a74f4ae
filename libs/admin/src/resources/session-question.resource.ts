import { SessionQuestion } from '@cascade/dialogue';
import { NAVIGATION, type ResourceDefinition } from './resource-kit';

export const sessionQuestionResource: ResourceDefinition = {
  model: SessionQuestion,
  reading: {},
  options: {
    navigation: NAVIGATION.requests,
    listProperties: ['id', 'session', 'text', 'answer', 'answeredBy', 'answeredAt'],
    filterProperties: ['session', 'answeredBy'],
  },
};
