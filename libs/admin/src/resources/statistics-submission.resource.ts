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
      'managersLed',
      'crossCheck',
      'submittedAt',
    ],
    filterProperties: ['workflow'],
    // Figures that differed from the recorded sessions and the tree: entered, recorded, and the confirmation.
    properties: { crossCheck: { type: 'mixed' } },
  },
};
