import type { SeminarRequestInput } from '@cascade/dialogue';
import { countOf, one, optionalText } from './form-body';
import { defineForm } from './form-definition';

/** The Focal Point requests a seminar with the Ethics Office. */
export const seminarForm = defineForm({
  name: 'seminar',
  roles: ['focal-point'],
  fields: [
    { name: 'topic', label: 'seminar.topic', required: true },
    { name: 'preferredPeriod', label: 'seminar.preferredPeriod', required: true },
    { name: 'expectedParticipants', label: 'seminar.expectedParticipants', required: true },
    { name: 'details', label: 'seminar.details' },
  ],
  parse: (body): SeminarRequestInput => ({
    topic: one(body, 'topic'),
    preferredPeriod: one(body, 'preferredPeriod'),
    expectedParticipants: countOf(body, 'expectedParticipants'),
    details: optionalText(one(body, 'details')),
  }),
  handle: async ({ portal }, ctx, input) => {
    await portal.requestSeminar(ctx, input);
    return null;
  },
});
