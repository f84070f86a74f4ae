import type { ErrorCode } from '../shared/error-codes';
import type { FieldIssue } from '../shared/errors';

/**
 * Annex E checked against what Cascade knows (issue 21, point 4). The Focal Point may know more than Cascade (a
 * leader who never recorded the session, a tree not imported yet), so a difference is never refused: it is shown
 * beside the records, and the submission goes through once the Focal Point confirms it; the confirmation is kept
 * with the submission and in its audit row. Pure: the figures and the records' sums in, the differences out.
 */

/** The figures Cascade can count itself: sessions and their distinct leaders, and the people of the tree. */
export const CROSS_CHECKED_FIELDS = ['eligibleStaff', 'sessionsHeld', 'managersLed'] as const;
export type CrossCheckedField = (typeof CROSS_CHECKED_FIELDS)[number];

export interface StatisticsDifference {
  field: CrossCheckedField;
  /** What the submission says. */
  entered: number;
  /** What the records give: recorded sessions, their distinct leaders, the people of the reporting tree. */
  recorded: number;
}

/** What the records held when the figures were compared (the context a reader needs). */
export interface CrossCheckRecords {
  /** Sessions recorded for the entity this year (0: no session recorded). */
  sessions: number;
  /** Distinct leaders of those sessions. */
  leaders: number;
  /** People and managers of the reporting tree (0 people: no tree imported). */
  people: number;
  managers: number;
}

/** Stored with a submission whose figures differ from the records (null when they agree). */
export interface StatisticsCrossCheck {
  /** The submitter said the figures are right and Cascade's records incomplete (`confirmDifferences`). */
  confirmed: boolean;
  differences: StatisticsDifference[];
  records: CrossCheckRecords;
}

/**
 * Each cross-checked figure that differs from the records, in the form's order. Sessions and the managers who
 * led one are compared with the recorded sessions (none recorded counts as 0); eligible staff with the people of
 * the reporting tree, only once a tree is imported (without one Cascade knows nothing to compare it with).
 */
export function statisticsDifferences(
  input: Pick<Record<CrossCheckedField, number>, CrossCheckedField>,
  records: CrossCheckRecords,
): StatisticsDifference[] {
  const recorded: Record<CrossCheckedField, number | null> = {
    eligibleStaff: records.people > 0 ? records.people : null,
    sessionsHeld: records.sessions,
    managersLed: records.leaders,
  };
  const differences: StatisticsDifference[] = [];
  for (const field of CROSS_CHECKED_FIELDS) {
    const value = recorded[field];
    if (value !== null && input[field] !== value)
      differences.push({ field, entered: input[field], recorded: value });
  }
  return differences;
}

const DIFFERENCE_CODE: Record<CrossCheckedField, ErrorCode> = {
  eligibleStaff: 'staff-differ-from-tree',
  sessionsHeld: 'sessions-differ-from-records',
  managersLed: 'leaders-differ-from-records',
};

const ENGLISH: Record<CrossCheckedField, (d: StatisticsDifference, r: CrossCheckRecords) => string> = {
  eligibleStaff: (d) => `is ${d.entered}; the reporting tree holds ${d.recorded} people`,
  sessionsHeld: (d) =>
    `is ${d.entered}; Cascade has ${d.recorded === 0 ? 'no session' : `${d.recorded} sessions`} recorded`,
  managersLed: (d, r) =>
    `is ${d.entered}; the recorded sessions were led by ${d.recorded} distinct ${d.recorded === 1 ? 'leader' : 'leaders'}` +
    (r.people > 0 ? ` (${r.managers} managers in the reporting tree)` : ' (no reporting tree imported)'),
};

/**
 * The answer to figures that differ and are not confirmed: one issue per figure (entered and recorded in its
 * params, with the records' context) and one on `confirmDifferences`, which says how to send them as they are.
 */
export function differenceIssues(
  differences: StatisticsDifference[],
  records: CrossCheckRecords,
): FieldIssue[] {
  const issues: FieldIssue[] = differences.map((d) => ({
    field: d.field,
    code: DIFFERENCE_CODE[d.field],
    message: ENGLISH[d.field](d, records),
    params: {
      entered: d.entered,
      recorded: d.recorded,
      sessions: records.sessions,
      people: records.people,
      managers: records.managers,
    },
  }));
  issues.push({
    field: 'confirmDifferences',
    code: 'confirm-differences',
    message: `${differences.map((d) => d.field).join(', ')} differ from Cascade's records: correct them, or send confirmDifferences: true to confirm them as they are`,
    params: { count: differences.length },
  });
  return issues;
}
