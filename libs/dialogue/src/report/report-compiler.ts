import type { ReportChange, ReportContent, ReportRow, ReportStatus, ReportTotals } from './report-model';

export interface EntityFacts {
  code: string;
  name: string;
  kind: string;
  state: string;
  effectiveDeadline: string;
  extendedDeadline: string | null;
  lateAdded: boolean;
  /** The end of the report cutoff day in the entity's zone. */
  cutoffEndsAt: Date;
  /** The latest revision, and when the first one came. */
  statistics: {
    eligibleStaff: number;
    staffParticipated: number;
    sessionsHeld: number;
    managersLed: number;
    nonStaffParticipants: number;
    otherAgencyParticipants: Record<string, number>;
    revision: number;
    firstSubmittedAt: Date;
  } | null;
  managersInTree: number | null;
  managersWhoLed: number | null;
  headConfirmed: boolean;
}

export interface CompileContext {
  year: number;
  reportCutoff: string;
  compiledAt: Date;
  /** State changes of every entity, oldest first, for the states-over-time chart. */
  history: { code: string; at: Date; to: string }[];
  launchedAt: Date | null;
  previousYear: { year: number; totals: ReportTotals } | null;
  previousVersion: ReportContent | null;
}

const ratio = (part: number | null, whole: number | null) =>
  part === null || whole === null || whole === 0 ? null : part / whole;

function statusOf(f: EntityFacts, reportCutoff: string): { status: ReportStatus; reason: string | null } {
  if (f.state === 'withdrawn') return { status: 'withdrawn', reason: null };
  if (f.extendedDeadline && f.effectiveDeadline > reportCutoff) {
    return {
      status: 'not-included',
      reason: `extension until ${f.effectiveDeadline}, after the report cutoff`,
    };
  }
  if (f.statistics && f.statistics.firstSubmittedAt >= f.cutoffEndsAt) {
    return { status: 'not-included', reason: 'statistics received after the report cutoff' };
  }
  return f.statistics ? { status: 'completed', reason: null } : { status: 'not-completed', reason: null };
}

export function rowOf(f: EntityFacts, reportCutoff: string): ReportRow {
  const { status, reason } = statusOf(f, reportCutoff);
  const s = f.statistics;
  return {
    code: f.code,
    name: f.name,
    kind: f.kind,
    state: f.state,
    status,
    statusReason: reason,
    eligibleStaff: s?.eligibleStaff ?? null,
    staffParticipated: s?.staffParticipated ?? null,
    participationRate: s ? ratio(s.staffParticipated, s.eligibleStaff) : null,
    sessionsHeld: s?.sessionsHeld ?? null,
    managersLed: s?.managersLed ?? null,
    managersInTree: f.managersInTree,
    cascadeCompletion: ratio(f.managersWhoLed, f.managersInTree),
    nonStaffParticipants: s?.nonStaffParticipants ?? null,
    otherAgencyParticipants: s ? { ...s.otherAgencyParticipants } : {},
    headConfirmed: f.headConfirmed,
    extensionUntil: f.extendedDeadline,
    lateAdded: f.lateAdded,
    statisticsSubmittedAt: s ? s.firstSubmittedAt.toISOString() : null,
    statisticsRevision: s?.revision ?? null,
  };
}

/** Counts over every row; figures over the rows listed as completed only. */
export function totalsOf(rows: ReportRow[]): ReportTotals {
  const completed = rows.filter((r) => r.status === 'completed');
  const sum = (pick: (r: ReportRow) => number | null) => completed.reduce((t, r) => t + (pick(r) ?? 0), 0);
  const agencies: Record<string, number> = {};
  for (const row of completed) {
    for (const [agency, n] of Object.entries(row.otherAgencyParticipants))
      agencies[agency] = (agencies[agency] ?? 0) + n;
  }
  const eligibleStaff = sum((r) => r.eligibleStaff);
  const staffParticipated = sum((r) => r.staffParticipated);
  const count = (status: ReportStatus) => rows.filter((r) => r.status === status).length;
  return {
    entities: rows.length,
    completed: completed.length,
    notCompleted: count('not-completed'),
    notIncluded: count('not-included'),
    withdrawn: count('withdrawn'),
    eligibleStaff,
    staffParticipated,
    participationRate: ratio(staffParticipated, eligibleStaff),
    sessionsHeld: sum((r) => r.sessionsHeld),
    managersLed: sum((r) => r.managersLed),
    nonStaffParticipants: sum((r) => r.nonStaffParticipants),
    otherAgencyParticipants: Object.fromEntries(
      Object.entries(agencies).sort(([a], [b]) => a.localeCompare(b)),
    ),
  };
}

/** Entities per state at the end of each week from the launch to the compilation. */
export function statesOverTime(
  codes: string[],
  history: CompileContext['history'],
  launchedAt: Date | null,
  until: Date,
): ReportContent['statesOverTime'] {
  if (!launchedAt) return [];
  const points: ReportContent['statesOverTime'] = [];
  const week = 7 * 24 * 3600 * 1000;
  const stops: Date[] = [];
  for (let t = launchedAt.getTime(); t < until.getTime(); t += week) stops.push(new Date(t));
  stops.push(until);
  const state = new Map(codes.map((c) => [c, 'pending']));
  let i = 0;
  for (const stop of stops) {
    for (; i < history.length && history[i].at <= stop; i++) state.set(history[i].code, history[i].to);
    const byState: Record<string, number> = {};
    for (const s of state.values()) byState[s] = (byState[s] ?? 0) + 1;
    points.push({ date: stop.toISOString().slice(0, 10), byState });
  }
  return points;
}

const COMPARED: (keyof ReportRow)[] = [
  'status',
  'eligibleStaff',
  'staffParticipated',
  'sessionsHeld',
  'managersLed',
  'nonStaffParticipants',
  'headConfirmed',
  'extensionUntil',
];

/** What a re-issued version changes, row by row, against the version before it. */
export function changesBetween(before: ReportContent, after: ReportRow[]): ReportChange[] {
  const old = new Map(before.rows.map((r) => [r.code, r]));
  const changes: ReportChange[] = [];
  for (const row of after) {
    const previous = old.get(row.code);
    if (!previous) {
      changes.push({ code: row.code, field: 'row', before: null, after: row.status });
      continue;
    }
    for (const field of COMPARED) {
      if (JSON.stringify(previous[field]) !== JSON.stringify(row[field])) {
        changes.push({ code: row.code, field, before: previous[field], after: row[field] });
      }
    }
  }
  return changes;
}

/** The report of a year from the facts of its entities: pure, so a draft and an issued version agree. */
export function compileReport(facts: EntityFacts[], ctx: CompileContext): ReportContent {
  const rows = facts.map((f) => rowOf(f, ctx.reportCutoff)).sort((a, b) => a.code.localeCompare(b.code));
  const kinds = [...new Set(rows.map((r) => r.kind))].sort();
  return {
    year: ctx.year,
    reportCutoff: ctx.reportCutoff,
    compiledAt: ctx.compiledAt.toISOString(),
    rows,
    totals: totalsOf(rows),
    byKind: Object.fromEntries(kinds.map((k) => [k, totalsOf(rows.filter((r) => r.kind === k))])),
    statesOverTime: statesOverTime(
      rows.map((r) => r.code),
      ctx.history,
      ctx.launchedAt,
      ctx.compiledAt,
    ),
    previousYear: ctx.previousYear,
    changes: ctx.previousVersion ? changesBetween(ctx.previousVersion, rows) : null,
  };
}
