import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDefinition } from './definition.loader';
import { GuardRefused, InvalidTransition, ReasonRequired, UnknownEvent } from './errors';
import {
  leadershipDialogueSnapshot,
  type LeadershipDialogueInstance,
} from './testing/leadership-dialogue-snapshot';
import type { InstanceSnapshot, WorkflowEvent } from './instance';
import { allowedOverrideTargets, availableEvents, step } from './step';

const def = parseDefinition(
  readFileSync(join(__dirname, '../../../workflows/leadership-dialogue.v1.yaml'), 'utf8'),
  'leadership-dialogue.v1.yaml',
);
const NOW = new Date('2026-11-15T12:00:00Z');

function inst(state: string, over: Partial<LeadershipDialogueInstance> = {}): InstanceSnapshot {
  return leadershipDialogueSnapshot({
    state,
    escalationLevel: 0,
    timeZone: 'America/New_York',
    invitedAt: state === 'pending' ? null : new Date('2026-10-01T13:00:00Z'),
    effectiveDeadline: '2026-12-31',
    reportCutoff: '2027-02-28',
    sessionsRecorded: ['invited', 'pending'].includes(state) ? 0 : 3,
    statisticsSubmitted: ['stats-submitted', 'reported'].includes(state),
    ...over,
  });
}

const REASON = 'agreed with the Ethics Office';
const FUTURE = '2027-01-31';
const REPLAN = { type: 'replan' };
const mail = (template: string, ...to: string[]) => ({ type: 'mail', template, to });
const EXTENSION = [mail('extension-granted', 'focal-points'), REPLAN];
const STATS = [mail('statistics-received', 'focal-points'), REPLAN];

type Row = [string, Partial<LeadershipDialogueInstance>, WorkflowEvent, string, number, object[]];

describe('step: every transition of v1', () => {
  const rows: Row[] = [
    [
      'pending',
      {},
      { type: 'invite' },
      'invited',
      0,
      [mail('invitation', 'focal-points', 'head-of-entity'), REPLAN],
    ],
    ['invited', {}, { type: 'record-session' }, 'cascading', 0, [REPLAN]],
    ['cascading', {}, { type: 'record-session' }, 'cascading', 0, []],
    ['overdue', { escalationLevel: 2 }, { type: 'record-session' }, 'overdue', 2, []],
    ['stats-submitted', {}, { type: 'record-session' }, 'stats-submitted', 0, []],
    ['invited', {}, { type: 'submit-statistics' }, 'stats-submitted', 0, STATS],
    ['cascading', {}, { type: 'submit-statistics' }, 'stats-submitted', 0, STATS],
    ['overdue', { escalationLevel: 3 }, { type: 'submit-statistics' }, 'stats-submitted', 0, STATS],
    ['stats-submitted', {}, { type: 'submit-statistics' }, 'stats-submitted', 0, STATS],
    ['invited', {}, { type: 'deadline-passed' }, 'overdue', 0, [REPLAN]],
    ['cascading', {}, { type: 'deadline-passed' }, 'overdue', 0, [REPLAN]],
    ['overdue', { escalationLevel: 0 }, { type: 'escalate' }, 'overdue', 1, []],
    ['overdue', { escalationLevel: 4 }, { type: 'escalate' }, 'overdue', 5, []],
    [
      'invited',
      {},
      { type: 'grant-extension', reason: REASON, newDeadline: FUTURE },
      'invited',
      0,
      EXTENSION,
    ],
    [
      'cascading',
      {},
      { type: 'grant-extension', reason: REASON, newDeadline: FUTURE },
      'cascading',
      0,
      EXTENSION,
    ],
    [
      'overdue',
      { escalationLevel: 3, sessionsRecorded: 2 },
      { type: 'grant-extension', reason: REASON, newDeadline: FUTURE },
      'cascading',
      0,
      EXTENSION,
    ],
    [
      'overdue',
      { escalationLevel: 3, sessionsRecorded: 0 },
      { type: 'grant-extension', reason: REASON, newDeadline: FUTURE },
      'invited',
      0,
      EXTENSION,
    ],
    ...['pending', 'invited', 'cascading', 'stats-submitted', 'overdue'].map((s): Row => [
      s,
      {},
      { type: 'withdraw', reason: REASON },
      'withdrawn',
      0,
      [REPLAN],
    ]),
    ['stats-submitted', {}, { type: 'issue-report' }, 'reported', 0, [REPLAN]],
    // An extension past the cutoff keeps a submitted entity off the completed list.
    [
      'stats-submitted',
      { effectiveDeadline: '2027-03-31' },
      { type: 'issue-report' },
      'not-completed',
      0,
      [REPLAN],
    ],
    // Statistics after the report are kept (and acknowledged) without changing the final state.
    ...['reported', 'not-completed'].map((s): Row => [
      s,
      {},
      { type: 'submit-statistics' },
      s,
      0,
      [{ type: 'mail', template: 'statistics-received', to: ['focal-points'] }],
    ]),
    ...['invited', 'cascading', 'overdue'].map((s): Row => [
      s,
      {},
      { type: 'issue-report' },
      'not-completed',
      0,
      [REPLAN],
    ]),
    ...['invited', 'cascading', 'overdue'].map((s): Row => [
      s,
      {},
      { type: 'close-year' },
      'not-completed',
      0,
      [REPLAN],
    ]),
  ];

  it.each(rows)('%s + %j: %j → %s (level %i)', (from, over, event, to, level, effects) => {
    expect(step(def, inst(from, over), event, NOW)).toEqual({
      from,
      to,
      event: event.type,
      escalationLevel: level,
      effects,
    });
  });

  it('keeps the escalation level when the transition says nothing about it', () => {
    expect(
      step(def, inst('overdue', { escalationLevel: 2 }), { type: 'withdraw', reason: 'x' }, NOW)
        .escalationLevel,
    ).toBe(2);
  });

  it('returns effects the caller may mutate without changing the definition', () => {
    const r = step(def, inst('pending'), { type: 'invite' }, NOW);
    (r.effects[0] as { to: string[] }).to.push('ethics-office');
    expect(step(def, inst('pending'), { type: 'invite' }, NOW).effects[0]).toEqual(
      mail('invitation', 'focal-points', 'head-of-entity'),
    );
  });
});

describe('step: refusals', () => {
  it.each<[string, WorkflowEvent]>([
    ['withdrawn', { type: 'submit-statistics' }],
    ['invited', { type: 'invite' }],
    ['reported', { type: 'record-session' }],
    ['pending', { type: 'record-session' }],
    ['pending', { type: 'submit-statistics' }],
    ['stats-submitted', { type: 'deadline-passed' }],
    ['overdue', { type: 'deadline-passed' }],
    ['cascading', { type: 'escalate' }],
    ['stats-submitted', { type: 'grant-extension', reason: REASON, newDeadline: FUTURE }],
    ['withdrawn', { type: 'withdraw', reason: REASON }],
    ['not-completed', { type: 'withdraw', reason: REASON }],
    ['pending', { type: 'issue-report' }],
    ['reported', { type: 'issue-report' }],
    ['stats-submitted', { type: 'close-year' }],
    ['withdrawn', { type: 'close-year' }],
  ])('%s refuses %j', (state, event) => {
    const act = () => step(def, inst(state), event, NOW);
    expect(act).toThrow(InvalidTransition);
    expect(act).toThrow(`Event '${event.type}' is not allowed in state '${state}'`);
  });

  it('throws UnknownEvent for an event the definition does not know', () => {
    expect(() => step(def, inst('invited'), { type: 'celebrate' }, NOW)).toThrow(UnknownEvent);
  });

  it.each(['withdraw', 'override', 'grant-extension'])('%s requires a non-blank reason', (type) => {
    for (const reason of [undefined, '', '   ']) {
      const act = () =>
        step(def, inst('overdue'), { type, reason, targetState: 'cascading', newDeadline: FUTURE }, NOW);
      expect(act).toThrow(ReasonRequired);
    }
  });
});

describe('step: guards both ways', () => {
  const guardOf = (act: () => unknown) => {
    try {
      act();
    } catch (e) {
      if (e instanceof GuardRefused) return e.guard;
      throw e;
    }
    return null;
  };

  it('no-statistics refuses deadline-passed once statistics exist', () => {
    const act = () =>
      step(def, inst('cascading', { statisticsSubmitted: true }), { type: 'deadline-passed' }, NOW);
    expect(guardOf(act)).toBe('no-statistics');
    expect(step(def, inst('cascading'), { type: 'deadline-passed' }, NOW).to).toBe('overdue');
  });

  it('has-sessions / no-sessions choose where an extension takes an overdue entity', () => {
    const ext = { type: 'grant-extension', reason: REASON, newDeadline: FUTURE };
    expect(step(def, inst('overdue', { sessionsRecorded: 1 }), ext, NOW).to).toBe('cascading');
    expect(step(def, inst('overdue', { sessionsRecorded: 0 }), ext, NOW).to).toBe('invited');
  });

  describe('deadline-in-future', () => {
    const ext = (newDeadline?: string) => ({ type: 'grant-extension', reason: REASON, newDeadline });
    // 2027-01-10T03:00Z is still 9 January 22:00 in New York
    const now = new Date('2027-01-10T03:00:00Z');

    it('accepts a date whose local end of day is after now', () => {
      expect(step(def, inst('overdue'), ext('2027-01-09'), now).to).toBe('cascading');
    });

    it('refuses a date that has already ended locally', () => {
      const act = () => step(def, inst('overdue'), ext('2027-01-08'), now);
      expect(guardOf(act)).toBe('deadline-in-future');
      expect(act).toThrow('new deadline 2027-01-08 is not in the future');
    });

    it('compares in the entity zone, not UTC', () => {
      // Kabul is already on 10 January
      expect(
        guardOf(() => step(def, inst('overdue', { timeZone: 'Asia/Kabul' }), ext('2027-01-09'), now)),
      ).toBe('deadline-in-future');
    });

    it.each([undefined, '31/01/2027', '2027-02-30'])('refuses a missing or malformed date %p', (d) => {
      expect(guardOf(() => step(def, inst('invited'), ext(d), NOW))).toBe('deadline-in-future');
    });

    it('carries state and event on the error', () => {
      expect(() => step(def, inst('cascading'), ext('2020-01-01'), NOW)).toThrow(
        expect.objectContaining({
          guard: 'deadline-in-future',
          state: 'cascading',
          event: 'grant-extension',
        }),
      );
    });
  });
});

describe('override', () => {
  const override = (targetState?: string) => ({ type: 'override', reason: REASON, targetState });

  it('moves to an allowed target, resets escalation and replans', () => {
    expect(step(def, inst('withdrawn', { escalationLevel: 4 }), override('cascading'), NOW)).toEqual({
      from: 'withdrawn',
      to: 'cascading',
      event: 'override',
      escalationLevel: 0,
      effects: [REPLAN],
    });
  });

  it('reopens final states', () => {
    expect(step(def, inst('not-completed'), override('stats-submitted'), NOW).to).toBe('stats-submitted');
    expect(step(def, inst('reported'), override('stats-submitted'), NOW).to).toBe('stats-submitted');
  });

  it.each([
    ['reported', 'pending'],
    ['invited', 'reported'],
    ['pending', 'pending'],
    ['invited', 'nowhere'],
    ['invited', undefined],
  ])('refuses %s → %s', (state, target) => {
    const act = () => step(def, inst(state), override(target), NOW);
    expect(act).toThrow(GuardRefused);
    expect(act).toThrow(/is not allowed \(allowed: /);
  });

  it('allowedOverrideTargets returns a copy of the map entry', () => {
    expect(allowedOverrideTargets(def, 'withdrawn')).toEqual(['pending', 'invited', 'cascading']);
    allowedOverrideTargets(def, 'withdrawn').push('reported');
    expect(allowedOverrideTargets(def, 'withdrawn')).toEqual(['pending', 'invited', 'cascading']);
    expect(allowedOverrideTargets(def, 'nowhere')).toEqual([]);
  });
});

describe('availableEvents', () => {
  it.each<[string, Partial<LeadershipDialogueInstance>, string[]]>([
    ['pending', {}, ['invite', 'withdraw', 'override']],
    [
      'invited',
      {},
      [
        'record-session',
        'submit-statistics',
        'deadline-passed',
        'grant-extension',
        'withdraw',
        'override',
        'issue-report',
        'close-year',
      ],
    ],
    ['stats-submitted', {}, ['record-session', 'submit-statistics', 'withdraw', 'override', 'issue-report']],
    [
      'overdue',
      {},
      [
        'record-session',
        'submit-statistics',
        'escalate',
        'grant-extension',
        'withdraw',
        'override',
        'issue-report',
        'close-year',
      ],
    ],
    [
      'cascading',
      { statisticsSubmitted: true },
      [
        'record-session',
        'submit-statistics',
        'grant-extension',
        'withdraw',
        'override',
        'issue-report',
        'close-year',
      ],
    ],
    ['reported', {}, ['submit-statistics', 'override']],
    ['withdrawn', {}, ['override']],
  ])('%s %j: %j', (state, over, events) => {
    expect(availableEvents(def, inst(state, over), NOW)).toEqual(events);
  });
});
