import { one } from './form-body';
import { defineForm } from './form-definition';

/**
 * The Focal Point or the Head gives a manager of the tree a link to record their session. The link is shown
 * once, on the page the POST redirects to (it is stored as a hash only).
 */
export const leaderLinkForm = defineForm({
  name: 'leader-link',
  roles: ['focal-point', 'head-of-entity'],
  fields: [{ name: 'leaderEmail', label: 'leaderLink.leaderEmail', required: true }],
  parse: (body): string => one(body, 'leaderEmail'),
  handle: async ({ portal, links }, ctx, email) => {
    const { token } = await portal.createLeaderLink(ctx, email);
    return { kind: 'leader-link', email: email.toLowerCase(), link: links.pageOf(token) };
  },
});
