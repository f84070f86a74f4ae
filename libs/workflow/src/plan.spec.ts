import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { parseDefinition } from './definition.loader';
import {
  leadershipDialogueSnapshot,
  type LeadershipDialogueInstance,
} from './testing/leadership-dialogue-snapshot';
import type { InstanceSnapshot } from './instance';
import { plan, plansTimersIn, type PlannedTimer } from './plan';

const v1Text = readFileSync(join(__dirname, '../../../workflows/leadership-dialogue.v1.yaml'), 'utf8');
const def = parseDefinition(v1Text, 'leadership-dialogue.v1.yaml');
const LAUNCH = new Date('2026-10-01T13:00:00Z'); // Thursday 1 October 2026, 09:00 New York

function inst(state: string, over: Partial<LeadershipDialogueInstance> = {}): InstanceSnapshot {
  return leadershipDialogueSnapshot({
    state,
    escalationLevel: 0,
    timeZone: 'America/New_York',
    invitedAt: state === 'pending' ? null : LAUNCH,
    effectiveDeadline: '2026-12-31',
    reportCutoff: '2027-02-28',
    sessionsRecorded: 0,
    statisticsSubmitted: false,
    ...over,
  });
}

const brief = (timers: PlannedTimer[]) => timers.map((t) => `${t.timerId} ${t.localDueAt}`);

describe('plansTimersIn: which states can have timers (the planner skips reading holidays for the others)', () => {
  const before = new Date('2026-01-01T00:00:00Z');

  it.each(Object.keys(def.states))('%s: no timer planned whenever it says none can be', (state) => {
    const planned = plan(def, inst(state), before);
    if (!plansTimersIn(def, state)) expect(planned).toEqual([]);
    else expect(planned.length).toBeGreaterThan(0);
  });

  it('the chase states have timers; submitted and final states have none', () => {
    const withTimers = Object.keys(def.states).filter((state) => plansTimersIn(def, state));
    expect(withTimers).toEqual(expect.arrayContaining(['invited', 'cascading', 'overdue']));
    expect(withTimers).not.toContain('stats-submitted');
    expect(withTimers).not.toContain('reported');
    expect(withTimers).not.toContain('withdrawn');
  });
});

describe('plan per state (New York, deadline Thu 31 Dec 2026, cutoff Sun 28 Feb 2027)', () => {
  const now = new Date('2026-10-01T14:00:00Z');

  it('pending plans nothing (not invited, nothing active)', () => {
    expect(plan(def, inst('pending'), now)).toEqual([]);
  });

  it('invited: nudge, reminders at 09:00 local, deadline at local midnight, close-year', () => {
    expect(brief(plan(def, inst('invited'), now))).toEqual([
      'nudge-head 2026-10-22T09:00:00-04:00',
      'reminder-30 2026-12-01T09:00:00-05:00',
      'reminder-14 2026-12-17T09:00:00-05:00',
      'reminder-7 2026-12-24T09:00:00-05:00',
      'reminder-1 2026-12-30T09:00:00-05:00',
      'deadline 2027-01-01T00:00:00-05:00',
      'close-year 2027-03-01T00:00:00-05:00',
    ]);
  });

  it('gives every timer its full shape', () => {
    const timers = plan(def, inst('invited'), now);
    expect(timers.find((t) => t.timerId === 'reminder-7')).toEqual({
      key: 'reminder-7:2026-12-24T14:00:00.000Z',
      timerId: 'reminder-7',
      kind: 'reminder',
      dueAt: new Date('2026-12-24T14:00:00Z'),
      localDueAt: '2026-12-24T09:00:00-05:00',
      mail: { template: 'reminder', to: ['focal-points'] },
    });
    expect(timers.find((t) => t.timerId === 'nudge-head')?.mail).toEqual({
      template: 'nudge',
      to: ['head-of-entity'],
    });
    expect(timers.find((t) => t.timerId === 'deadline')).toEqual({
      key: 'deadline:2027-01-01T05:00:00.000Z',
      timerId: 'deadline',
      kind: 'deadline',
      dueAt: new Date('2027-01-01T05:00:00Z'),
      localDueAt: '2027-01-01T00:00:00-05:00',
      event: 'deadline-passed',
    });
    expect(timers.find((t) => t.timerId === 'close-year')).toMatchObject({
      kind: 'close-year',
      event: 'close-year',
    });
  });

  it('cascading: the same without the nudge', () => {
    expect(brief(plan(def, inst('cascading', { sessionsRecorded: 1 }), now))).toEqual([
      'reminder-30 2026-12-01T09:00:00-05:00',
      'reminder-14 2026-12-17T09:00:00-05:00',
      'reminder-7 2026-12-24T09:00:00-05:00',
      'reminder-1 2026-12-30T09:00:00-05:00',
      'deadline 2027-01-01T00:00:00-05:00',
      'close-year 2027-03-01T00:00:00-05:00',
    ]);
  });

  it('stats-submitted plans nothing: the report is issued by hand', () => {
    expect(plan(def, inst('stats-submitted', { statisticsSubmitted: true }), now)).toEqual([]);
  });

  it('overdue: escalation steps (weekends moved to Monday) until the cutoff, then close-year', () => {
    const timers = plan(def, inst('overdue'), new Date('2027-01-01T06:00:00Z'));
    expect(
      timers.map((t) => [t.timerId, t.localDueAt, t.escalationLevel, t.mail?.template, t.event]),
    ).toEqual([
      ['escalation-1', '2027-01-01T09:00:00-05:00', 1, 'overdue-notice', 'escalate'],
      ['escalation-2', '2027-01-07T09:00:00-05:00', 2, 'escalation', 'escalate'],
      ['escalation-3', '2027-01-14T09:00:00-05:00', 3, 'escalation', 'escalate'],
      ['escalation-4', '2027-01-21T09:00:00-05:00', 4, 'escalation', 'escalate'],
      ['escalation-5', '2027-01-28T09:00:00-05:00', 5, 'escalation', 'escalate'],
      ['escalation-6', '2027-02-04T09:00:00-05:00', 6, 'escalation', 'escalate'],
      ['escalation-7', '2027-02-11T09:00:00-05:00', 7, 'escalation', 'escalate'],
      ['escalation-8', '2027-02-18T09:00:00-05:00', 8, 'escalation', 'escalate'],
      ['escalation-9', '2027-02-25T09:00:00-05:00', 9, 'escalation', 'escalate'],
      ['close-year', '2027-03-01T00:00:00-05:00', undefined, undefined, 'close-year'],
    ]);
    expect(timers[0].mail?.to).toEqual(['focal-points', 'head-of-entity']);
    expect(timers[1].mail?.to).toEqual(['ethics-office']);
  });

  it('escalation repeat stops at the cutoff, even when a weekend would push a step past it', () => {
    // deadline Sat 2 Jan 2027: steps on Sundays → moved to Mondays; cutoff Sun 28 Feb → the 28 Feb step (→ 1 Mar) is dropped
    const timers = plan(
      def,
      inst('overdue', { effectiveDeadline: '2027-01-02' }),
      new Date('2027-01-01T00:00:00Z'),
    );
    const esc = timers.filter((t) => t.kind === 'escalation');
    expect(esc.map((t) => t.localDueAt.slice(0, 10))).toEqual([
      '2027-01-04', // +1 = Sun 3 Jan → Mon
      '2027-01-11', // +7 = Sat 9 Jan → Mon
      '2027-01-18',
      '2027-01-25',
      '2027-02-01',
      '2027-02-08',
      '2027-02-15',
      '2027-02-22',
    ]);
    expect(esc.every((t) => t.dueAt < new Date('2027-03-01T05:00:00Z'))).toBe(true);
  });

  it('escalation from an early cutoff plans only the steps before it', () => {
    const timers = plan(
      def,
      inst('overdue', { reportCutoff: '2027-01-05' }),
      new Date('2027-01-01T00:00:00Z'),
    );
    expect(brief(timers)).toEqual([
      'escalation-1 2027-01-01T09:00:00-05:00',
      'close-year 2027-01-06T00:00:00-05:00',
    ]);
  });

  it.each(['reported', 'not-completed', 'withdrawn'])('final state %s plans nothing', (state) => {
    expect(plan(def, inst(state), now)).toEqual([]);
  });
});

describe('plan: time of day and time zones', () => {
  const now = new Date('2026-01-01T00:00:00Z');

  it('moves a reminder falling on a weekend to Monday 09:00', () => {
    // deadline Tue 14 Jul 2026: -30 = Sun 14 Jun, -14 = Tue 30 Jun, -7 = Tue 7 Jul, -1 = Mon 13 Jul
    const timers = plan(def, inst('cascading', { effectiveDeadline: '2026-07-14', invitedAt: now }), now);
    expect(brief(timers.filter((t) => t.kind === 'reminder'))).toEqual([
      'reminder-30 2026-06-15T09:00:00-04:00',
      'reminder-14 2026-06-30T09:00:00-04:00',
      'reminder-7 2026-07-07T09:00:00-04:00',
      'reminder-1 2026-07-13T09:00:00-04:00',
    ]);
  });

  it('drops a reminder that a weekend would push past the deadline it announces', () => {
    // deadline Sun 3 Jan 2027: -1 = Sat 2 Jan → Mon 4 Jan, after the deadline
    const timers = plan(def, inst('cascading', { effectiveDeadline: '2027-01-03' }), now);
    expect(timers.map((t) => t.timerId)).not.toContain('reminder-1');
    expect(timers.map((t) => t.timerId)).toContain('reminder-7');
  });

  it.each<[string, string, string[]]>([
    // New York: DST ends Sun 1 Nov 2026; deadline Mon 9 Nov
    [
      'America/New_York',
      '2026-11-09',
      [
        'reminder-14 2026-10-26T09:00:00-04:00',
        'reminder-7 2026-11-02T09:00:00-05:00',
        'reminder-1 2026-11-09T09:00:00-05:00',
      ],
    ],
    // Zurich: DST starts Sun 29 Mar 2026; deadline Fri 3 Apr
    [
      'Europe/Zurich',
      '2026-04-03',
      [
        'reminder-14 2026-03-20T09:00:00+01:00',
        'reminder-7 2026-03-27T09:00:00+01:00',
        'reminder-1 2026-04-02T09:00:00+02:00',
      ],
    ],
    // Santiago: DST starts Sun 6 Sep 2026 at 00:00 (clock jumps to 01:00); deadline Tue 8 Sep
    [
      'America/Santiago',
      '2026-09-08',
      [
        'reminder-14 2026-08-25T09:00:00-04:00',
        'reminder-7 2026-09-01T09:00:00-04:00',
        'reminder-1 2026-09-07T09:00:00-03:00',
      ],
    ],
    // Kabul: +04:30 all year
    [
      'Asia/Kabul',
      '2026-12-31',
      [
        'reminder-14 2026-12-17T09:00:00+04:30',
        'reminder-7 2026-12-24T09:00:00+04:30',
        'reminder-1 2026-12-30T09:00:00+04:30',
      ],
    ],
  ])('%s: reminders at 09:00 local across DST (deadline %s)', (timeZone, effectiveDeadline, expected) => {
    const timers = plan(def, inst('cascading', { timeZone, effectiveDeadline }), now);
    expect(
      brief(timers.filter((t) => ['reminder-14', 'reminder-7', 'reminder-1'].includes(t.timerId))),
    ).toEqual(expected);
  });

  it('Kabul reminders fall at 04:30 UTC', () => {
    const t = plan(def, inst('cascading', { timeZone: 'Asia/Kabul' }), now).find(
      (x) => x.timerId === 'reminder-7',
    );
    expect(t?.dueAt.toISOString()).toBe('2026-12-24T04:30:00.000Z');
  });

  it('Santiago: the deadline timer fires when the local day ends, even when the next day starts at 01:00', () => {
    const timers = plan(
      def,
      inst('cascading', { timeZone: 'America/Santiago', effectiveDeadline: '2026-09-05' }),
      now,
    );
    const deadline = timers.find((t) => t.timerId === 'deadline');
    expect(deadline?.dueAt.toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(deadline?.localDueAt).toBe('2026-09-06T01:00:00-03:00');
  });

  it('Zurich: the deadline timer at the end of a day followed by the autumn change', () => {
    const timers = plan(
      def,
      inst('cascading', { timeZone: 'Europe/Zurich', effectiveDeadline: '2026-10-24' }),
      now,
    );
    expect(timers.find((t) => t.timerId === 'deadline')?.localDueAt).toBe('2026-10-25T00:00:00+02:00');
  });
});

describe('plan: re-planning', () => {
  it('an extension gives new reminder times with different keys', () => {
    const now = new Date('2026-11-20T12:00:00Z');
    const before = plan(def, inst('cascading'), now);
    const after = plan(def, inst('cascading', { effectiveDeadline: '2027-01-29' }), now);
    expect(brief(after)).toEqual([
      'reminder-30 2026-12-30T09:00:00-05:00',
      'reminder-14 2027-01-15T09:00:00-05:00',
      'reminder-7 2027-01-22T09:00:00-05:00',
      'reminder-1 2027-01-28T09:00:00-05:00',
      'deadline 2027-01-30T00:00:00-05:00',
      'close-year 2027-03-01T00:00:00-05:00',
    ]);
    const keysBefore = new Set(before.map((t) => t.key));
    expect(after.filter((t) => t.kind !== 'close-year').every((t) => !keysBefore.has(t.key))).toBe(true);
    // the close-year timer is unchanged, so its key is the same and it is not re-created
    expect(after.find((t) => t.kind === 'close-year')?.key).toBe(
      before.find((t) => t.kind === 'close-year')?.key,
    );
  });

  it('an extension out of overdue (back to invited) replans the nudge only if still in the future', () => {
    const now = new Date('2027-01-05T12:00:00Z');
    const timers = plan(def, inst('invited', { effectiveDeadline: '2027-01-29' }), now);
    expect(timers.map((t) => t.timerId)).toEqual([
      'reminder-14',
      'reminder-7',
      'reminder-1',
      'deadline',
      'close-year',
    ]);
  });

  it('a late addition: nudge from the late invitation, past reminders dropped', () => {
    const invitedAt = new Date('2026-12-10T15:30:00Z'); // Thu 10 Dec, 10:30 New York
    const timers = plan(def, inst('invited', { invitedAt, effectiveDeadline: '2027-02-08' }), invitedAt);
    expect(brief(timers)).toEqual([
      'nudge-head 2026-12-31T09:00:00-05:00',
      'reminder-30 2027-01-11T09:00:00-05:00', // Sat 9 Jan → Mon
      'reminder-14 2027-01-25T09:00:00-05:00',
      'reminder-7 2027-02-01T09:00:00-05:00',
      'reminder-1 2027-02-08T09:00:00-05:00', // Sun 7 Feb → Mon 8 Feb, still the deadline day
      'deadline 2027-02-09T00:00:00-05:00',
      'close-year 2027-03-01T00:00:00-05:00',
    ]);
  });

  it('plans no invitation-anchored timer without an invitation', () => {
    const timers = plan(def, inst('invited', { invitedAt: null }), new Date('2026-10-01T00:00:00Z'));
    expect(timers.map((t) => t.timerId)).not.toContain('nudge-head');
    expect(timers.length).toBeGreaterThan(0);
  });

  it('drops timers due at or before now', () => {
    const reminder7 = new Date('2026-12-24T14:00:00Z');
    expect(plan(def, inst('cascading'), reminder7).map((t) => t.timerId)).toEqual([
      'reminder-1',
      'deadline',
      'close-year',
    ]);
    expect(plan(def, inst('cascading'), new Date(reminder7.getTime() - 1))[0].timerId).toBe('reminder-7');
  });

  it('escalation steps already due are not planned again', () => {
    const now = new Date('2027-01-20T12:00:00Z');
    expect(plan(def, inst('overdue', { escalationLevel: 3 }), now)[0].timerId).toBe('escalation-4');
  });

  it('is deterministic: same inputs, same keys, sorted by dueAt', () => {
    const now = new Date('2026-10-01T14:00:00Z');
    const a = plan(def, inst('invited'), now);
    const b = plan(def, inst('invited'), new Date(now));
    expect(a).toEqual(b);
    expect(a.map((t) => t.key)).toEqual(b.map((t) => t.key));
    expect(new Set(a.map((t) => t.key)).size).toBe(a.length);
    const due = a.map((t) => t.dueAt.getTime());
    expect([...due].sort((x, y) => x - y)).toEqual(due);
    for (const t of a) expect(t.key).toBe(`${t.timerId}:${t.dueAt.toISOString()}`);
  });
});

describe('plan: definition options', () => {
  it('honours the send time and working days of the definition', () => {
    const data = parse(v1Text);
    data.sendAt = { localTime: '14:30', workingDays: [1, 2, 3, 4, 5, 6] };
    const custom = parseDefinition(stringify(data), 'custom.yaml');
    // -30 from 13 Jul 2026 = Sat 13 Jun: a working day here
    const timers = plan(
      custom,
      inst('cascading', { effectiveDeadline: '2026-07-13' }),
      new Date('2026-01-01T00:00:00Z'),
    );
    expect(timers[0].localDueAt).toBe('2026-06-13T14:30:00-04:00');
  });

  it('an event-only timer may be asked to fire at send time', () => {
    const data = parse(v1Text);
    data.timers.find((t: { id: string }) => t.id === 'deadline').at = 'send-time';
    const custom = parseDefinition(stringify(data), 'custom.yaml');
    const t = plan(custom, inst('cascading'), new Date('2026-01-01T00:00:00Z')).find(
      (x) => x.timerId === 'deadline',
    );
    expect(t?.localDueAt).toBe('2026-12-31T09:00:00-05:00');
  });
});
