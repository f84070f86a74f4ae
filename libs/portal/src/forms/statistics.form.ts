import type { FocalPointView, StatisticsInput } from '@cascade/dialogue';
import { agenciesOf, countOf, one, optionalText } from './form-body';
import { defineForm, type FormField, type FormPrefill } from './form-definition';

const FIELDS: readonly FormField[] = [
  { name: 'eligibleStaff', label: 'statistics.eligibleStaff' },
  { name: 'staffParticipated', label: 'statistics.staffParticipated' },
  { name: 'sessionsHeld', label: 'statistics.sessionsHeld' },
  { name: 'managersLed', label: 'statistics.managersLed' },
  { name: 'nonStaffParticipants', label: 'statistics.nonStaffParticipants' },
  { name: 'comments', label: 'statistics.comments' },
];

/** The saved statistics, for a revision. */
function prefillOf(statistics: FocalPointView['statistics']): FormPrefill {
  if (!statistics) return {};
  const values: Record<string, string> = {};
  for (const { name } of FIELDS) {
    const v = statistics[name];
    values[name] = v === null || v === undefined ? '' : String(v);
  }
  const agencies = (statistics['otherAgencyParticipants'] ?? {}) as Record<string, number>;
  return {
    values,
    rows: Object.entries(agencies).map(([agency, count]) => ({ agency, count: String(count) })),
  };
}

/** Annex E: the Focal Point submits, then may revise, the entity's figures. */
export const statisticsForm = defineForm({
  name: 'statistics',
  roles: ['focal-point'],
  fields: FIELDS,
  agencyRows: true,
  prefill: (roleView) => (roleView.role === 'focal-point' ? prefillOf(roleView.view.statistics) : undefined),
  parse: (body): StatisticsInput => ({
    eligibleStaff: countOf(body, 'eligibleStaff'),
    staffParticipated: countOf(body, 'staffParticipated'),
    sessionsHeld: countOf(body, 'sessionsHeld'),
    managersLed: countOf(body, 'managersLed'),
    nonStaffParticipants: countOf(body, 'nonStaffParticipants'),
    otherAgencyParticipants: agenciesOf(body),
    comments: optionalText(one(body, 'comments')),
  }),
  handle: async ({ portal }, ctx, input) => {
    await portal.submitStatistics(ctx, input);
    return null;
  },
});
