import type { ExtensionRequestInput } from '@cascade/dialogue';
import { one } from './form-body';
import { defineForm } from './form-definition';

/** The Focal Point asks the Ethics Office for a later deadline. */
export const extensionForm = defineForm({
  name: 'extension',
  roles: ['focal-point'],
  fields: [
    { name: 'wishedDeadline', label: 'extension.wishedDeadline', required: true },
    { name: 'reason', label: 'extension.reason', required: true },
  ],
  parse: (body): ExtensionRequestInput => ({
    wishedDeadline: one(body, 'wishedDeadline'),
    reason: one(body, 'reason'),
  }),
  handle: async ({ portal }, ctx, input) => {
    await portal.requestExtension(ctx, input);
    return null;
  },
});
