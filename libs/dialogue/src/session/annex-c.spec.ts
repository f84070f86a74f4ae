import type { SessionReportInput } from '../portal/portal.types';
import { checkSessionReport, sessionDaysOf, type SessionDays } from './annex-c';

const REPORT: SessionReportInput = {
  heldOn: '2026-10-14',
  durationMinutes: 90,
  language: 'English',
  format: 'in-person',
  staffParticipants: 8,
  nonStaffParticipants: 0,
};

const heldOnIssues = (heldOn: string, days: SessionDays) =>
  checkSessionReport({ ...REPORT, heldOn }, days).issues.filter((i) => i.field === 'heldOn');

describe('the day a session was held on (Annex C)', () => {
  it('is allowed from the launch (in the entity’s zone) to today, or to the report cutoff once it is past', () => {
    const dialogue = { year: 2026, launchedAt: new Date('2026-09-01T02:00:00Z'), reportCutoff: '2027-02-28' };
    // 02:00 UTC is still 31 August in New York.
    expect(sessionDaysOf(dialogue, 'America/New_York', new Date('2026-12-04T15:00:00Z'))).toEqual({
      from: '2026-08-31',
      to: '2026-12-04',
      endsToday: true,
    });
    expect(sessionDaysOf(dialogue, 'Europe/Zurich', new Date('2027-03-02T12:00:00Z'))).toEqual({
      from: '2026-09-01',
      to: '2027-02-28',
      endsToday: false,
    });
    expect(
      sessionDaysOf({ ...dialogue, launchedAt: null }, 'UTC', new Date('2026-12-04T12:00:00Z')).from,
    ).toBe('2026-01-01');
  });

  it('refuses a day outside them with the sentence that fits (never "between a day and the same day")', () => {
    const launchedToday = { from: '2026-12-04', to: '2026-12-04', endsToday: true };
    const sinceSeptember = { from: '2026-09-01', to: '2026-12-04', endsToday: true };
    const closed = { from: '2026-09-01', to: '2027-02-28', endsToday: false };
    const cases: [string, SessionDays, string, string][] = [
      ['2026-12-05', launchedToday, 'byToday', 'the session must have taken place by today'],
      ['2026-12-03', launchedToday, 'today', 'the session must have taken place today'],
      ['2026-12-25', sinceSeptember, 'byToday', 'the session must have taken place by today'],
      [
        '2026-08-31',
        sinceSeptember,
        'sinceToday',
        'the session must have taken place between 2026-09-01 and today',
      ],
      ['2027-03-01', closed, 'byDate', 'the session must have taken place by 2027-02-28'],
      [
        '2026-08-01',
        closed,
        'between',
        'the session must have taken place between 2026-09-01 and 2027-02-28',
      ],
      [
        '2027-02-27',
        { from: '2027-02-28', to: '2027-02-28', endsToday: false },
        'onDay',
        'the session must have taken place on 2027-02-28',
      ],
    ];
    for (const [day, days, limit, message] of cases) {
      expect([day, heldOnIssues(day, days)]).toEqual([
        day,
        [{ field: 'heldOn', code: 'session-day', message, params: { from: days.from, to: days.to, limit } }],
      ]);
    }
    expect(heldOnIssues('2026-12-04', launchedToday)).toEqual([]);
  });

  it('says an empty day is required, and a day that is not one is not a date', () => {
    const days = { from: '2026-09-01', to: '2026-12-04', endsToday: true };
    expect(heldOnIssues('', days).map((i) => i.code)).toEqual(['required']);
    expect(heldOnIssues('2026-02-30', days).map((i) => i.code)).toEqual(['date']);
  });

  it('says an empty required count is required', () => {
    const days = { from: '2026-09-01', to: '2026-12-04', endsToday: true };
    const issues = checkSessionReport(
      { ...REPORT, staffParticipants: undefined as unknown as number },
      days,
    ).issues;
    expect(issues.map((i) => [i.field, i.code])).toEqual([['staffParticipants', 'required']]);
  });
});
