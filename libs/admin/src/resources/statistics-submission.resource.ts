import { StatisticsSubmission } from '@cascade/dialogue';
import { NAVIGATION, type ResourceDefinition } from './resource-kit';

export const statisticsSubmissionResource: ResourceDefinition = {
  model: StatisticsSubmission,
  reading: {},
  options: {
    navigation: NAVIGATION.reporting,
    listProperties: [
      'id',
      'workflow',
      'revision',
      'eligibleStaff',
      'staffParticipated',
      'sessionsHeld',
      'submittedAt',
    ],
    filterProperties: ['workflow'],
  },
};
