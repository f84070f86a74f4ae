import { ANNEX_E_COUNT_FIELDS, type AnnexEPrefill, type StatisticsInput } from '@cascade/dialogue';
import { agenciesOf, countOf, one, optionalCountOf, optionalText } from './form-body';
import { defineForm, type FormField, type FormPrefill } from './form-definition';

const FIELDS: readonly FormField[] = [
  { name: 'eligibleStaff', label: 'statistics.eligibleStaff', required: true },
  { name: 'staffParticipated', label: 'statistics.staffParticipated', required: true },
  { name: 'sessionsHeld', label: 'statistics.sessionsHeld', required: true },
  { name: 'managersLed', label: 'statistics.managersLed', required: true },
  { name: 'nonStaffParticipants', label: 'statistics.nonStaffParticipants' },
  { name: 'comments', label: 'statistics.comments' },
  // Shown once figures differ from the records: the Focal Point confirms them as they are.
  { name: 'confirmDifferences', label: 'statistics.confirmDifferences' },
];

/** The suggested figures (the previous submission, else the records' sums; blank where nothing is known). */
function prefillOf(prefill: AnnexEPrefill): FormPrefill {
  const values: Record<string, string> = {};
  for (const field of ANNEX_E_COUNT_FIELDS) {
    const { value } = prefill[field];
    values[field] = value === null ? '' : String(value);
  }
  values['comments'] = prefill.comments.value ?? '';
  const agencies = prefill.otherAgencyParticipants.value ?? {};
  return {
    values,
    rows: Object.entries(agencies).map(([agency, count]) => ({ agency, count: String(count) })),
  };
}

/**
 * Annex E: the Focal Point submits, then may revise, the entity's figures. The form starts from the previous
 * submission, else from the sums of the recorded sessions and the reporting tree. Figures that differ from the
 * records come back (422) beside them, with a box to tick that confirms them (`confirmDifferences`).
 */
export const statisticsForm = defineForm({
  name: 'statistics',
  roles: ['focal-point'],
  fields: FIELDS,
  agencyRows: true,
  agencyRowsAfter: 'nonStaffParticipants',
  prefill: (roleView) =>
    roleView.role === 'focal-point' ? prefillOf(roleView.view.statisticsPrefill) : undefined,
  parse: (body): StatisticsInput => ({
    eligibleStaff: countOf(body, 'eligibleStaff'),
    staffParticipated: countOf(body, 'staffParticipated'),
    sessionsHeld: countOf(body, 'sessionsHeld'),
    managersLed: countOf(body, 'managersLed'),
    // Left empty: none.
    nonStaffParticipants: optionalCountOf(body, 'nonStaffParticipants'),
    otherAgencyParticipants: agenciesOf(body),
    comments: optionalText(one(body, 'comments')),
    ...(one(body, 'confirmDifferences') !== '' ? { confirmDifferences: true } : {}),
  }),
  handle: async ({ portal }, ctx, input) => {
    await portal.submitStatistics(ctx, input);
    return null;
  },
});
