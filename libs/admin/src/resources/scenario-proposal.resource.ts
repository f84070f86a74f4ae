import { ScenarioProposal } from '@cascade/dialogue';
import { NAVIGATION, values, type ResourceDefinition } from './resource-kit';

export const scenarioProposalResource: ResourceDefinition = {
  model: ScenarioProposal,
  reading: { exact: ['status'] },
  options: {
    navigation: NAVIGATION.requests,
    listProperties: ['id', 'workflow', 'title', 'status', 'proposedBy', 'proposedAt'],
    filterProperties: ['workflow', 'status'],
    properties: { status: { availableValues: values(['pending', 'approved', 'rejected']) } },
  },
};
