import {
  writeCsv,
  type CsvCell,
  type ReportContent,
  type ReportRow,
  type ReportTotals,
} from '@cascade/dialogue';

/** Stable column names: README documents them; add columns at the end only. */
export const REPORT_CSV_COLUMNS = [
  'code',
  'name',
  'kind',
  'status',
  'status_reason',
  'state',
  'eligible_staff',
  'staff_participated',
  'participation_rate',
  'sessions_held',
  'managers_led',
  'managers_in_tree',
  'cascade_completion',
  'non_staff_participants',
  'other_agency_participants',
  'head_confirmed',
  'extension_until',
  'late_added',
  'statistics_submitted_at',
] as const;

const rate = (value: number | null) => (value === null ? '' : value.toFixed(4));
const agencies = (map: Record<string, number>) =>
  Object.entries(map)
    .map(([agency, n]) => `${agency}:${n}`)
    .join(' ');

function entityLine(r: ReportRow): CsvCell[] {
  return [
    r.code,
    r.name,
    r.kind,
    r.status,
    r.statusReason ?? '',
    r.state,
    r.eligibleStaff ?? '',
    r.staffParticipated ?? '',
    rate(r.participationRate),
    r.sessionsHeld ?? '',
    r.managersLed ?? '',
    r.managersInTree ?? '',
    rate(r.cascadeCompletion),
    r.nonStaffParticipants ?? '',
    agencies(r.otherAgencyParticipants),
    r.headConfirmed ? 'yes' : 'no',
    r.extensionUntil ?? '',
    r.lateAdded ? 'yes' : 'no',
    r.statisticsSubmittedAt ?? '',
  ];
}

function totalsLine(code: string, label: string, t: ReportTotals): CsvCell[] {
  return [
    code,
    label,
    '',
    `${t.completed} completed`,
    `${t.notCompleted} not completed, ${t.notIncluded} not included, ${t.withdrawn} withdrawn`,
    '',
    t.eligibleStaff,
    t.staffParticipated,
    rate(t.participationRate),
    t.sessionsHeld,
    t.managersLed,
    '',
    '',
    t.nonStaffParticipants,
    agencies(t.otherAgencyParticipants),
    '',
    '',
    '',
    '',
  ];
}

/**
 * One row per entity, then a subtotal per kind of entity and the grand total (figures of completed entities).
 * Text that starts like a formula is neutralised by `writeCsv` (README: the CSV exports).
 */
export function reportCsv(content: ReportContent): string {
  return writeCsv(REPORT_CSV_COLUMNS, [
    ...content.rows.map(entityLine),
    ...Object.entries(content.byKind).map(([kind, t]) =>
      totalsLine(`SUBTOTAL:${kind}`, `All ${kind} entities`, t),
    ),
    totalsLine('TOTAL', 'All entities', content.totals),
  ]);
}
