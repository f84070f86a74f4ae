import { defineForm } from './form-definition';

/**
 * A manager cancels their scheduled session: a button only, after the page has said what it does (the team's
 * invitations are withdrawn and the reminders come back). `confirmation` is the button's place for a refusal.
 */
export const cancelSessionForm = defineForm({
  name: 'cancel-session',
  roles: ['leader'],
  workflow: 'manager',
  fields: [{ name: 'confirmation', label: 'cancelSession.button' }],
  parse: (): null => null,
  handle: async ({ cascade }, ctx) => {
    await cascade.cancelSession(ctx);
    return null;
  },
});
