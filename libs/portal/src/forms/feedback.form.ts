import type { FeedbackInput } from '@cascade/dialogue';
import { countOf, one, optionalText } from './form-body';
import { defineForm } from './form-definition';

/** Annex F: a participant's anonymous feedback on the link's session. */
export const feedbackForm = defineForm({
  name: 'feedback',
  roles: ['participants'],
  fields: [
    { name: 'usefulness', label: 'feedback.usefulness', required: true },
    { name: 'openness', label: 'feedback.openness', required: true },
    { name: 'relevance', label: 'feedback.relevance', required: true },
    { name: 'comment', label: 'feedback.comment' },
  ],
  parse: (body): FeedbackInput => ({
    usefulness: countOf(body, 'usefulness'),
    openness: countOf(body, 'openness'),
    relevance: countOf(body, 'relevance'),
    comment: optionalText(one(body, 'comment')),
  }),
  handle: async ({ portal }, ctx, input) => {
    await portal.giveFeedback(ctx, input);
    return null;
  },
});
