import type { EntityEngagement, ParticipationByKind, ReportContent } from '@cascade/dialogue';
import type { Translate } from './locale/console-text';

/**
 * A chart the dashboard draws with Chart.js in the browser (components/dashboard-charts.jsx): the server gives the
 * figures and every word, already in the account's language; the browser only draws.
 */
export interface DashboardChart {
  id: 'states-over-time' | 'participation-by-kind' | 'managers-engaged';
  title: string;
  type: 'line' | 'bar';
  /** Bars laid along the vertical axis (one per entity: long lists read better that way). */
  horizontal?: boolean;
  /** The values are percentages (0–100): the axis stops at 100 and says "%". */
  percent?: boolean;
  labels: string[];
  datasets: { label: string; data: number[] }[];
}

/** Entities drawn in the managers' chart; the table below it lists the same least engaged first. */
export const ENGAGEMENT_CHARTED = 40;

const oneDecimal = (ratio: number) => Math.round(ratio * 1000) / 10;

/** Entities per state at each week since the launch: one line per state the year has seen. */
export function statesOverTimeChart(
  t: Translate,
  points: ReportContent['statesOverTime'],
  stateOrder: string[],
): DashboardChart {
  const seen = new Set(points.flatMap((p) => Object.keys(p.byState)));
  const states = [
    ...stateOrder.filter((s) => seen.has(s)),
    ...[...seen].filter((s) => !stateOrder.includes(s)),
  ];
  return {
    id: 'states-over-time',
    title: t('dashboard.chartStatesOverTime'),
    type: 'line',
    labels: points.map((p) => p.date),
    datasets: states.map((state) => ({ label: state, data: points.map((p) => p.byState[state] ?? 0) })),
  };
}

/**
 * Staff who participated over eligible staff, per kind of entity, from the latest statistics of each entity that
 * sent some (the same figures as "participation rate so far", split by kind; summed by the database).
 */
export function participationByKindChart(
  t: Translate,
  byKind: Pick<ParticipationByKind, 'kind' | 'rate'>[],
): DashboardChart {
  const known = byKind
    .filter((k): k is { kind: string; rate: number } => k.rate !== null)
    .sort((a, b) => a.kind.localeCompare(b.kind));
  return {
    id: 'participation-by-kind',
    title: t('dashboard.chartParticipationByKind'),
    type: 'bar',
    percent: true,
    labels: known.map((k) => k.kind),
    datasets: [{ label: t('dashboard.participationSoFar'), data: known.map((k) => oneDecimal(k.rate)) }],
  };
}

/** Managers who led a session over the managers of the tree, per entity with a tree: the least engaged first. */
export function managersEngagedChart(t: Translate, engagement: EntityEngagement[]): DashboardChart {
  const ratio = (e: EntityEngagement) => (e.managers > 0 ? e.engaged / e.managers : 1);
  const shown = [...engagement]
    .sort((a, b) => ratio(a) - ratio(b) || a.code.localeCompare(b.code))
    .slice(0, ENGAGEMENT_CHARTED);
  return {
    id: 'managers-engaged',
    title:
      shown.length < engagement.length
        ? t('dashboard.chartManagersEngagedSome', { shown: shown.length, total: engagement.length })
        : t('dashboard.chartManagersEngaged'),
    type: 'bar',
    horizontal: true,
    percent: true,
    labels: shown.map((e) => e.code),
    datasets: [{ label: t('dashboard.managersWhoLed'), data: shown.map((e) => oneDecimal(ratio(e))) }],
  };
}
