import { parse } from 'csv-parse/sync';
import type { PlanRow } from '@cascade/dialogue';
import { PLAN_CSV_COLUMNS, planCsv, planRowView } from './plan-views';

const row = (entityName: string): PlanRow => ({
  key: null,
  entity: 'EQ',
  entityName,
  timeZone: 'Europe/Zurich',
  timer: 'reminder',
  kind: 'mail',
  dueAt: new Date('2026-11-20T08:00:00Z'),
  localDueAt: '2026-11-20 09:00',
  mailTemplate: 'reminder',
  recipients: ['focal@eq.example.org'],
  event: null,
  escalationLevel: -1,
  status: 'projected',
  condition: null,
  closedAt: null,
  outcome: null,
  movedFrom: null,
  movedBecause: null,
  movedFor: null,
});

describe('the plan as CSV', () => {
  it('neutralises an entity name that starts like a formula, and keeps numbers as numbers', () => {
    const rows = parse(planCsv([row('=HYPERLINK("http://x")'), row('@SUM(1)'), row('Plain Office')]), {
      columns: true,
    }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual([...PLAN_CSV_COLUMNS]);
    expect(rows.map((r) => r['entity_name'])).toEqual([
      `'=HYPERLINK("http://x")`,
      `'@SUM(1)`,
      'Plain Office',
    ]);
    expect(rows[0]['escalation_level']).toBe('-1');
  });
});

describe('the plan as JSON', () => {
  it('says when a holiday moved a timer, and why', () => {
    const moved = {
      ...row('Plain Office'),
      movedFrom: '2026-12-25',
      movedBecause: 'moved from Friday 25 December: Christmas Day, Geneva',
      movedFor: 'Christmas Day, Geneva',
    };
    expect(planRowView(moved)).toMatchObject({
      movedFrom: '2026-12-25',
      movedBecause: 'moved from Friday 25 December: Christmas Day, Geneva',
    });
    expect(planRowView(row('Plain Office'))).toMatchObject({ movedFrom: null, movedBecause: null });
  });
});
