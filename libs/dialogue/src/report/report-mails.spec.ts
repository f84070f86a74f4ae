import { entitiesToTell } from './report-mails';
import type { ReportContent, ReportRow, ReportStatus } from './report-model';

const content = (statuses: Record<string, ReportStatus>) =>
  ({
    rows: Object.entries(statuses).map(([code, status]) => ({ code, status }) as ReportRow),
  }) as ReportContent;

describe('whom an issued report is mailed to', () => {
  it('on the first version: every entity but the withdrawn, with how it is listed', () => {
    const first = content({ A: 'completed', B: 'not-completed', C: 'not-included', D: 'withdrawn' });
    expect(entitiesToTell(first, null)).toEqual(
      new Map([
        ['A', true],
        ['B', false],
        ['C', false],
      ]),
    );
  });

  it('on a re-issue: only the entities whose listing as completed changed, and those new to the report', () => {
    const before = content({ A: 'completed', B: 'not-completed', C: 'not-completed', D: 'completed' });
    // B now counts; C moves between two ways of not counting; D is withdrawn; E is new and not completed.
    const after = content({
      A: 'completed',
      B: 'completed',
      C: 'not-included',
      D: 'withdrawn',
      E: 'not-completed',
    });
    expect(entitiesToTell(after, before)).toEqual(
      new Map([
        ['B', true],
        ['E', false],
      ]),
    );
  });
});
