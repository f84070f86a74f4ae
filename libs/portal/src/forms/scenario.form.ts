import type { ScenarioProposalInput } from '@cascade/dialogue';
import { one } from './form-body';
import { defineForm } from './form-definition';

/** The Focal Point proposes a scenario for the Ethics Office to review. */
export const scenarioForm = defineForm({
  name: 'scenario',
  roles: ['focal-point'],
  fields: [
    { name: 'title', label: 'scenario.titleField', required: true },
    { name: 'description', label: 'scenario.description', required: true },
  ],
  parse: (body): ScenarioProposalInput => ({
    title: one(body, 'title'),
    description: one(body, 'description'),
  }),
  handle: async ({ portal }, ctx, input) => {
    await portal.proposeScenario(ctx, input);
    return null;
  },
});
