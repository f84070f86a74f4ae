import type { SessionReportInput } from '@cascade/dialogue';
import {
  agenciesOf,
  countOf,
  lines,
  one,
  optionalCountOf,
  optionalText,
  parseCount,
  type FormBody,
} from './form-body';
import { defineForm } from './form-definition';

/** No split when both split fields are empty; the first part's id only when given. */
function splitOf(body: FormBody): SessionReportInput['split'] {
  const part = one(body, 'splitPart');
  const of = one(body, 'splitOf');
  const first = one(body, 'splitFirstPartId');
  if (part === '' && of === '') return null;
  return {
    part: parseCount(part) as number,
    of: parseCount(of) as number,
    ...(first === '' ? {} : { firstPartId: parseCount(first) as number }),
  };
}

/**
 * Annex C: a leader (or the Head) records a session they led. The participants' feedback link and any size
 * warning are shown once, on the page the POST redirects to.
 */
export const sessionForm = defineForm({
  name: 'session',
  roles: ['leader', 'head-of-entity'],
  fields: [
    { name: 'heldOn', label: 'session.heldOn', required: true },
    { name: 'durationMinutes', label: 'session.durationMinutes', required: true },
    { name: 'language', label: 'session.language', required: true },
    { name: 'format', label: 'session.format', required: true },
    { name: 'staffParticipants', label: 'session.staffParticipants', required: true },
    { name: 'nonStaffParticipants', label: 'session.nonStaffParticipants' },
    { name: 'splitPart', label: 'session.splitPart' },
    { name: 'splitOf', label: 'session.splitOf' },
    { name: 'splitFirstPartId', label: 'session.splitFirstPartId' },
    { name: 'jointUnits', label: 'session.jointUnits' },
    { name: 'facilitator', label: 'session.facilitator' },
    { name: 'scenarios', label: 'session.scenarios' },
    { name: 'questions', label: 'session.questions' },
  ],
  agencyRows: true,
  agencyRowsAfter: 'nonStaffParticipants',
  issueFields: { 'split.part': 'splitPart', 'split.of': 'splitOf', 'split.firstPartId': 'splitFirstPartId' },
  parse: (body): SessionReportInput => ({
    heldOn: one(body, 'heldOn'),
    durationMinutes: countOf(body, 'durationMinutes'),
    language: one(body, 'language'),
    format: one(body, 'format') as SessionReportInput['format'],
    staffParticipants: countOf(body, 'staffParticipants'),
    // Left empty: none.
    nonStaffParticipants: optionalCountOf(body, 'nonStaffParticipants'),
    otherAgencyParticipants: agenciesOf(body),
    split: splitOf(body),
    jointUnits: lines(one(body, 'jointUnits')),
    facilitator: optionalText(one(body, 'facilitator')),
    scenarios: lines(one(body, 'scenarios')),
    questions: lines(one(body, 'questions')),
  }),
  handle: async ({ portal, links }, ctx, input) => {
    const outcome = await portal.reportSession(ctx, input);
    return {
      kind: 'session',
      sessionId: outcome.session.id,
      warnings: outcome.notices,
      participantsLink: links.pageOf(outcome.participantsToken),
    };
  },
});
