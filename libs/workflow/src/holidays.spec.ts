import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDefinition } from './definition.loader';
import { nextDigest } from './digest';
import { localSendSlot, type HolidayCalendar } from './local-time';
import { plan } from './plan';
import { leadershipDialogueSnapshot } from './testing/leadership-dialogue-snapshot';

const def = parseDefinition(
  readFileSync(join(__dirname, '../../../workflows/leadership-dialogue.v1.yaml'), 'utf8'),
  'leadership-dialogue.v1.yaml',
);
const SEND_AT = { localTime: '09:00', workingDays: [1, 2, 3, 4, 5] };
const calendar =
  (days: Record<string, string>): HolidayCalendar =>
  (date) =>
    days[date] ?? null;

describe('localSendSlot with a holiday calendar', () => {
  it('moves Christmas Day in New York (Friday 25 December 2026) past the weekend to Monday 28', () => {
    const slot = localSendSlot(
      '2026-12-25',
      'America/New_York',
      SEND_AT,
      calendar({ '2026-12-25': 'Christmas Day' }),
    );
    expect(slot.dueAt.toISOString()).toBe('2026-12-28T14:00:00.000Z');
    expect(slot.movedFrom).toEqual({
      date: '2026-12-25',
      holidays: [{ date: '2026-12-25', name: 'Christmas Day' }],
    });
  });

  it('steps over a run of holidays: Jamhuri Day on Saturday 12 December 2026 and its substitute Monday 14', () => {
    const nairobi = calendar({ '2026-12-12': 'Jamhuri Day', '2026-12-14': 'Jamhuri Day (substitute day)' });
    const slot = localSendSlot('2026-12-12', 'Africa/Nairobi', SEND_AT, nairobi);
    expect(slot.dueAt.toISOString()).toBe('2026-12-15T06:00:00.000Z'); // Tuesday 09:00 EAT
    // A weekend is not a holiday: only the substitute Monday is named as what moved it.
    expect(slot.movedFrom?.holidays).toEqual([{ date: '2026-12-14', name: 'Jamhuri Day (substitute day)' }]);
  });

  it('leaves an ordinary working day alone and says nothing moved it', () => {
    const slot = localSendSlot(
      '2026-12-24',
      'America/New_York',
      SEND_AT,
      calendar({ '2026-12-25': 'Christmas Day' }),
    );
    expect(slot.dueAt.toISOString()).toBe('2026-12-24T14:00:00.000Z');
    expect(slot.movedFrom).toBeNull();
  });

  it('gives up after a month of holidays rather than looping on a broken calendar', () => {
    const slot = localSendSlot('2026-03-02', 'Asia/Beirut', SEND_AT, () => 'every day');
    expect(slot.dueAt.getTime()).toBeLessThan(new Date('2026-04-10T00:00:00Z').getTime());
  });
});

describe('plan with the instance holidays', () => {
  const invited = (timeZone: string, effectiveDeadline: string, holidays?: HolidayCalendar) => ({
    ...leadershipDialogueSnapshot({
      state: 'invited',
      escalationLevel: 0,
      timeZone,
      invitedAt: new Date('2026-10-01T13:00:00Z'),
      effectiveDeadline,
      reportCutoff: '2027-02-28',
      sessionsRecorded: 0,
      statisticsSubmitted: false,
    }),
    ...(holidays ? { holidays } : {}),
  });
  const now = new Date('2026-10-01T14:00:00Z');

  it('moves the 7-day reminder off Christmas in New York and records why; the deadline itself does not move', () => {
    const christmas = calendar({ '2026-12-25': 'Christmas Day', '2027-01-01': "New Year's Day" });
    const timers = plan(def, invited('America/New_York', '2027-01-01', christmas), now);
    const reminder = timers.find((t) => t.timerId === 'reminder-7');
    expect(reminder?.localDueAt).toBe('2026-12-28T09:00:00-05:00');
    expect(reminder?.movedFrom).toEqual({
      date: '2026-12-25',
      holidays: [{ date: '2026-12-25', name: 'Christmas Day' }],
    });
    expect(timers.find((t) => t.timerId === 'deadline')?.localDueAt).toBe('2027-01-02T00:00:00-05:00');
    // Without the calendar, the same reminder goes out on Christmas morning itself.
    const plain = plan(def, invited('America/New_York', '2027-01-01'), now);
    expect(plain.find((t) => t.timerId === 'reminder-7')?.localDueAt).toBe('2026-12-25T09:00:00-05:00');
    expect(plain.find((t) => t.timerId === 'reminder-7')?.movedFrom).toBeUndefined();
  });

  it('drops the 1-day reminder that a holiday would push past the deadline it announces (Eid al-Fitr, Beirut)', () => {
    // Deadline Friday 20 March 2026; reminder-1 on Thursday 19 March, Eid al-Fitr on the Ethics Office's list.
    const eid = calendar({ '2026-03-19': 'Eid al-Fitr', '2026-03-20': 'Eid al-Fitr' });
    const at = new Date('2026-02-01T08:00:00Z');
    const snapshot = {
      ...invited('Asia/Beirut', '2026-03-20', eid),
      facts: { ...invited('Asia/Beirut', '2026-03-20').facts, invitedAt: at },
    };
    const ids = plan(def, snapshot, at).map((t) => t.timerId);
    expect(ids).not.toContain('reminder-1');
    expect(plan(def, { ...snapshot, holidays: undefined }, at).map((t) => t.timerId)).toContain('reminder-1');
  });
});

describe('nextDigest with a holiday calendar', () => {
  it('a working-days digest skips Christmas Day in New York', () => {
    const christmas = calendar({ '2026-12-25': 'Christmas Day' });
    const after = new Date('2026-12-24T15:00:00Z');
    expect(nextDigest(def, after, '2027-02-28', undefined, christmas)?.localDueAt).toBe(
      '2026-12-28T09:00:00-05:00',
    );
    expect(nextDigest(def, after, '2027-02-28')?.localDueAt).toBe('2026-12-25T09:00:00-05:00');
  });
});
