import { defineForm } from './form-definition';

/**
 * The Head confirms that every manager of the tree led a session: a button only. `confirmation` is the button's
 * place for the refusal that names who has not.
 */
export const confirmForm = defineForm({
  name: 'confirm',
  roles: ['head-of-entity'],
  fields: [{ name: 'confirmation', label: 'confirm.button' }],
  parse: (): null => null,
  handle: async ({ portal }, ctx) => {
    await portal.confirmManagersCompleted(ctx);
    return null;
  },
});
