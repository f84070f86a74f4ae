/** Why an entity is or is not listed among those that completed the dialogue. */
export const REPORT_STATUSES = ['completed', 'not-completed', 'not-included', 'withdrawn'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface ReportRow {
  code: string;
  name: string;
  kind: string;
  state: string;
  status: ReportStatus;
  /** For not-included: the extension or the statistics came after the report cutoff. */
  statusReason: string | null;
  eligibleStaff: number | null;
  staffParticipated: number | null;
  /** staffParticipated / eligibleStaff, 0..1. */
  participationRate: number | null;
  sessionsHeld: number | null;
  managersLed: number | null;
  managersInTree: number | null;
  /** Managers of the tree who led a session / managers in the tree, 0..1. */
  cascadeCompletion: number | null;
  nonStaffParticipants: number | null;
  otherAgencyParticipants: Record<string, number>;
  headConfirmed: boolean;
  /** The extended deadline, when one was granted. */
  extensionUntil: string | null;
  lateAdded: boolean;
  statisticsSubmittedAt: string | null;
  statisticsRevision: number | null;
}

/** Figures summed over the entities listed as completed; counts over all. */
export interface ReportTotals {
  entities: number;
  completed: number;
  notCompleted: number;
  notIncluded: number;
  withdrawn: number;
  eligibleStaff: number;
  staffParticipated: number;
  participationRate: number | null;
  sessionsHeld: number;
  managersLed: number;
  nonStaffParticipants: number;
  otherAgencyParticipants: Record<string, number>;
}

export interface ReportChange {
  code: string;
  field: string;
  before: unknown;
  after: unknown;
}

export interface ReportContent {
  year: number;
  reportCutoff: string;
  /** When the figures were read. */
  compiledAt: string;
  rows: ReportRow[];
  totals: ReportTotals;
  byKind: Record<string, ReportTotals>;
  /** Entities per state at each week since the launch (for the chart). */
  statesOverTime: { date: string; byState: Record<string, number> }[];
  previousYear: { year: number; totals: ReportTotals } | null;
  /** Against the previous issued version of this year's report. */
  changes: ReportChange[] | null;
}
