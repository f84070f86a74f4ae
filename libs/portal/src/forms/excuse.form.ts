import { one } from './form-body';
import { defineForm } from './form-definition';

/**
 * A Focal Point records why a manager of the tree holds no session this year (on leave, on mission until the
 * cutoff…): the reason is required and goes to the audit trail. A row's "Excuse" link fills the address in.
 */
export const excuseForm = defineForm({
  name: 'excuse',
  roles: ['focal-point'],
  workflow: 'manager',
  fields: [
    { name: 'email', label: 'excuse.email', required: true },
    { name: 'reason', label: 'excuse.reason', required: true },
  ],
  prefill: (roleView) =>
    roleView.role === 'focal-point' && roleView.view.managers.filter.excuse
      ? { values: { email: roleView.view.managers.filter.excuse } }
      : undefined,
  parse: (body) => ({ email: one(body, 'email'), reason: one(body, 'reason') }),
  handle: async ({ cascade }, ctx, input) => {
    await cascade.excuseManager(ctx, input.email, input.reason);
    return null;
  },
});
