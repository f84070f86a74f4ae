import type { EntityEngagement } from '@cascade/dialogue';
import {
  ENGAGEMENT_CHARTED,
  managersEngagedChart,
  participationByKindChart,
  statesOverTimeChart,
} from './dashboard-charts';
import { translator } from './locale/console-text';

const t = translator('en');

describe('the dashboard’s charts', () => {
  it('lines up entities per state week by week, in the definition’s order of states, then any other', () => {
    const chart = statesOverTimeChart(
      t,
      [
        { date: '2026-09-01', byState: { pending: 3 } },
        { date: '2026-09-08', byState: { invited: 2, legacy: 1 } },
      ],
      ['pending', 'invited', 'overdue'],
    );
    expect(chart.labels).toEqual(['2026-09-01', '2026-09-08']);
    expect(chart.datasets).toEqual([
      { label: 'pending', data: [3, 0] },
      { label: 'invited', data: [0, 2] },
      { label: 'legacy', data: [0, 1] },
    ]);
  });

  it('draws each kind’s participation as a percentage, in the order of the kinds, leaving out unknown rates', () => {
    const chart = participationByKindChart(t, [
      { kind: 'office', rate: 0.75 },
      { kind: 'department', rate: 0.125 },
      { kind: 'mission', rate: null },
    ]);
    expect([chart.labels, chart.datasets[0].data, chart.percent]).toEqual([
      ['department', 'office'],
      [12.5, 75],
      true,
    ]);
  });

  it('charts the least engaged entities first, and says when it leaves some out', () => {
    const engagement = Array.from({ length: ENGAGEMENT_CHARTED + 2 }, (_, i) => ({
      code: `E${String(i).padStart(2, '0')}`,
      managers: 10,
      engaged: i % 10,
    })) as EntityEngagement[];
    const chart = managersEngagedChart(t, engagement);
    expect(chart.labels).toHaveLength(ENGAGEMENT_CHARTED);
    expect(chart.labels.slice(0, 3)).toEqual(['E00', 'E10', 'E20']);
    expect(chart.datasets[0].data[0]).toBe(0);
    expect(chart.title).toBe(
      `Managers engaged per entity (% who led a session; the ${ENGAGEMENT_CHARTED} least engaged of ${ENGAGEMENT_CHARTED + 2})`,
    );
  });
});
