import type { PageInput } from './page-input';

/**
 * The one thing the person should do now, shown above everything else, with its date and where on the page to
 * do it. `kind` picks the sentence (`nextStep.<kind>` in the strings); the values fill it.
 */
export interface NextStep {
  kind: string;
  values: Record<string, string | number>;
  /** The section of the page where it is done, if any. */
  href: string | null;
}

/** Entity states in which nothing more is asked of the entity this year. */
const ENDED = new Set(['reported', 'not-completed', 'withdrawn']);

function focalPointStep(input: PageInput): NextStep | null {
  if (input.roleView.role !== 'focal-point') return null;
  const { context, progress, statistics } = input.roleView.view;
  const deadline = input.formatDate(context.effectiveDeadline);
  if (context.reportIssued || ENDED.has(context.state)) return { kind: 'closed', values: {}, href: null };
  if (context.state === 'stats-submitted' && statistics)
    return {
      kind: 'submitted',
      values: { revision: statistics.revision, date: input.formatDate(context.reportCutoff) },
      href: '#statistics-title',
    };
  if (context.state === 'overdue')
    return { kind: 'overdue', values: { date: deadline }, href: '#statistics-title' };
  if (progress.tree.length === 0) return { kind: 'tree', values: { date: deadline }, href: null };
  return {
    kind: 'follow',
    values: { held: progress.managersWhoLed, managers: progress.managers, date: deadline },
    href: '#statistics-title',
  };
}

function headStep(input: PageInput): NextStep | null {
  if (input.roleView.role !== 'head-of-entity') return null;
  const { context, headConfirmedAt, cascade } = input.roleView.view;
  if (context.reportIssued || ENDED.has(context.state)) return { kind: 'closed', values: {}, href: null };
  if (headConfirmedAt) return { kind: 'headConfirmed', values: {}, href: null };
  if (!cascade) return { kind: 'headNoTree', values: {}, href: '#session-title' };
  if (cascade.state === 'scheduled' && cascade.expectedBy)
    return {
      kind: 'headScheduled',
      values: { date: input.formatDate(cascade.expectedBy) },
      href: '#session-title',
    };
  if (cascade.expectedBy)
    return {
      kind: 'headSession',
      values: { date: input.formatDate(cascade.expectedBy) },
      href: '#session-title',
    };
  return { kind: 'headFollow', values: {}, href: '#confirm-title' };
}

/** The next step of the Focal Point's or the Head's page (the leader's page says it in its standing). */
export function nextStepModel(input: PageInput): NextStep | null {
  return focalPointStep(input) ?? headStep(input);
}
