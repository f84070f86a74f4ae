import { countOf } from './form-body';
import { defineForm } from './form-definition';

/**
 * A leader (or the Head) issues a new participants' link for one of their recorded sessions, when the first
 * was lost or went beyond the team: the old one stops working, the new one is shown once like the first.
 */
export const participantsLinkForm = defineForm({
  name: 'participants-link',
  roles: ['leader', 'head-of-entity'],
  fields: [{ name: 'sessionId', label: 'participantsLink.session', required: true }],
  parse: (body): number => countOf(body, 'sessionId') as number,
  handle: async ({ portal, links }, ctx, sessionId) => {
    const { participantsToken } = await portal.reissueParticipantsLink(ctx, sessionId);
    return {
      kind: 'session',
      sessionId,
      warnings: [],
      participantsLink: links.pageOf(participantsToken),
      reissued: true,
    };
  },
});
