import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDefinition } from './definition.loader';
import { GuardRefused, InvalidTransition, ReasonRequired } from './errors';
import type { InstanceSnapshot } from './instance';
import { nextDigest } from './digest';
import { plan } from './plan';
import { availableEvents, step } from './step';

// The second definition, run by the same engine as the entity workflow: nothing in the engine knows its states.
const def = parseDefinition(
  readFileSync(join(__dirname, '../../../workflows/manager-session.v1.yaml'), 'utf8'),
  'manager-session.v1.yaml',
);
const TURN = new Date('2026-10-05T07:30:00Z'); // Monday 5 October 2026, 10:30 in Nairobi
const NOW = new Date('2026-10-05T08:00:00Z');

function manager(
  state: string,
  facts: Partial<Record<string, Date | string | number | null>> = {},
): InstanceSnapshot {
  return {
    state,
    escalationLevel: 0,
    timeZone: 'Africa/Nairobi',
    facts: {
      turnAt: state === 'waiting' ? null : TURN,
      sessionOn: null,
      reportCutoff: '2027-02-28',
      sessionsLed: 0,
      ...facts,
    },
  };
}

const mails = (r: { effects: { type: string }[] }) =>
  r.effects.filter((e) => e.type === 'mail').map((e) => (e as unknown as { template: string }).template);

describe('manager-session v1 through the generic engine', () => {
  it('declares its own facts, anchors, audiences and numbers', () => {
    expect(Object.keys(def.facts)).toEqual(['turnAt', 'sessionOn', 'reportCutoff', 'sessionsLed']);
    expect(Object.keys(def.anchors)).toEqual(['turn', 'session-day', 'report-cutoff']);
    expect(def.audiences).toEqual(['manager', 'managers-manager', 'team', 'focal-points']);
    expect(def.parameters).toEqual({
      splitAbove: 25,
      jointBelow: 10,
      sessionMinutes: 90,
      laggingAfterDays: 14,
    });
  });

  it("a manager's turn comes: asked by mail, and the reminders are planned", () => {
    const r = step(def, manager('waiting'), { type: 'turn-comes' }, NOW);
    expect(r.to).toBe('your-turn');
    expect(mails(r)).toEqual(['manager-your-turn']);
  });

  it('reminds at 14 and 28 days at 09:00 Nairobi on working days, then nudges their manager', () => {
    const timers = plan(def, manager('your-turn'), NOW);
    expect(timers.map((t) => `${t.timerId} ${t.localDueAt} ${t.mail?.to.join()}`)).toEqual([
      'reminder-14 2026-10-19T09:00:00+03:00 manager',
      'reminder-28 2026-11-02T09:00:00+03:00 manager',
      // 9 November + 35 days is Monday 9 November: a working day.
      'nudge-manager 2026-11-09T09:00:00+03:00 managers-manager',
    ]);
  });

  it('moves a reminder that falls on a weekend to Monday', () => {
    const saturdayTurn = new Date('2026-10-03T07:00:00Z'); // turn on a Saturday: +14 is a Saturday too
    const timers = plan(def, manager('your-turn', { turnAt: saturdayTurn }), saturdayTurn);
    expect(timers[0].localDueAt).toBe('2026-10-19T09:00:00+03:00');
  });

  it('waiting plans nothing: no turn, no anchor', () => {
    expect(plan(def, manager('waiting'), NOW)).toEqual([]);
  });

  it('scheduling invites the team and plans the record reminder the day after the session', () => {
    const r = step(def, manager('your-turn'), { type: 'schedule' }, NOW);
    expect([r.to, mails(r)]).toEqual(['scheduled', ['session-invitation']]);
    const timers = plan(def, manager('scheduled', { sessionOn: '2026-10-22' }), NOW);
    expect(timers.map((t) => `${t.timerId} ${t.localDueAt}`)).toEqual([
      'record-reminder 2026-10-23T09:00:00+03:00',
    ]);
  });

  it('a manager may schedule before their turn; a cancelled session goes back to where the turn stands', () => {
    expect(step(def, manager('waiting'), { type: 'schedule' }, NOW).to).toBe('scheduled');
    const early = manager('scheduled', { turnAt: null });
    const cancelled = step(def, early, { type: 'cancel-session' }, NOW);
    expect([cancelled.to, mails(cancelled)]).toEqual(['waiting', ['session-cancelled']]);
    expect(step(def, manager('scheduled'), { type: 'cancel-session' }, NOW).to).toBe('your-turn');
  });

  it('recording a session marks it held and sends the team their feedback link; later parts too', () => {
    const first = step(def, manager('scheduled'), { type: 'record-session' }, NOW);
    expect([first.to, mails(first)]).toEqual(['held', ['session-feedback']]);
    const part2 = step(def, manager('held', { sessionsLed: 1 }), { type: 'record-session' }, NOW);
    expect([part2.to, mails(part2)]).toEqual(['held', ['session-feedback']]);
    expect(plan(def, manager('held', { sessionsLed: 1 }), NOW)).toEqual([]);
  });

  it('excusing needs a reason; reinstating returns to the turn as it stands', () => {
    expect(() => step(def, manager('your-turn'), { type: 'excuse' }, NOW)).toThrow(ReasonRequired);
    expect(step(def, manager('your-turn'), { type: 'excuse', reason: 'on leave' }, NOW).to).toBe('excused');
    expect(step(def, manager('excused'), { type: 'reinstate', reason: 'back' }, NOW).to).toBe('your-turn');
    expect(
      step(def, manager('excused', { turnAt: null }), { type: 'reinstate', reason: 'back' }, NOW).to,
    ).toBe('waiting');
  });

  it('leaving and rejoining the tree; closing the year ends every state', () => {
    expect(step(def, manager('held'), { type: 'leave-tree' }, NOW).to).toBe('withdrawn');
    expect(step(def, manager('withdrawn'), { type: 'rejoin-tree' }, NOW).to).toBe('your-turn');
    for (const s of ['waiting', 'your-turn', 'scheduled', 'held', 'excused', 'withdrawn'])
      expect(step(def, manager(s), { type: 'close-year' }, NOW).to).toBe('closed');
    expect(() => step(def, manager('closed'), { type: 'turn-comes' }, NOW)).toThrow(InvalidTransition);
  });

  it('offers the events its state and guards allow', () => {
    expect(availableEvents(def, manager('scheduled'), NOW)).toEqual([
      'turn-comes',
      'reschedule',
      'cancel-session',
      'record-session',
      'excuse',
      'leave-tree',
      'close-year',
    ]);
  });

  it("refuses a snapshot that lacks a declared fact, naming it (the entity workflow's facts do not fit)", () => {
    const wrong = { ...manager('your-turn'), facts: { sessionsRecorded: 1, reportCutoff: 'soon' } };
    expect(() => plan(def, wrong, NOW)).toThrow(
      'manager-session v1 snapshot: turnAt is missing; sessionOn is missing; reportCutoff is not a date; sessionsLed is missing',
    );
  });

  it("sends its digest weekly, on Mondays at 09:00 in each entity's own zone", () => {
    const friday = new Date('2026-10-09T12:00:00Z');
    expect(nextDigest(def, friday, '2027-02-28', 'Africa/Nairobi')?.localDueAt).toBe(
      '2026-10-12T09:00:00+03:00',
    );
    expect(nextDigest(def, friday, '2027-02-28', 'America/New_York')?.localDueAt).toBe(
      '2026-10-12T09:00:00-04:00',
    );
    expect(nextDigest(def, new Date('2027-02-23T12:00:00Z'), '2027-02-28', 'Africa/Nairobi')).toBeNull();
    expect(() => nextDigest(def, friday, '2027-02-28')).toThrow('a local digest needs the recipients');
  });

  describe('guards, facts and anchors are checked against the definition that uses them', () => {
    const text = readFileSync(join(__dirname, '../../../workflows/manager-session.v1.yaml'), 'utf8');
    const issues = (edit: (yaml: string) => string) => {
      try {
        parseDefinition(edit(text), 'edited.yaml');
        return [];
      } catch (e) {
        return (e as { issues: { path: string; message: string }[] }).issues;
      }
    };

    it("refuses the entity workflow's guards: they are registered for leadership-dialogue only", () => {
      const found = issues((y) =>
        y.replace('guard: turn-has-come, to: your-turn', 'guard: has-sessions, to: your-turn'),
      );
      expect(found).toEqual([
        {
          path: 'transitions[14].guard',
          message:
            "unknown guard 'has-sessions' (known for manager-session: reason-given, turn-has-come, turn-not-come)",
        },
      ]);
    });

    it('refuses a guard whose fact is declared with another type, and an anchor on a count', () => {
      const found = issues((y) =>
        y
          .replace('type: instant', 'type: date')
          .replace('session-day: { fact: sessionOn }', 'session-day: { fact: sessionsLed }'),
      );
      expect(found).toContainEqual({
        path: 'anchors.session-day.fact',
        message: "fact 'sessionsLed' is a count, not a date or an instant",
      });
      expect(found).toContainEqual({
        path: expect.stringMatching(/^transitions\[\d+\]\.guard$/),
        message: "guard 'turn-has-come' reads fact 'turnAt' as instant, but it is declared date",
      });
    });

    it('refuses a snapshot whose guard fact is unknown at run time (a refusal, not a crash)', () => {
      expect(() => step(def, manager('held'), { type: 'rejoin-tree' }, NOW)).toThrow(InvalidTransition);
      expect(step(def, manager('withdrawn', { turnAt: null }), { type: 'rejoin-tree' }, NOW).to).toBe(
        'waiting',
      );
      expect(() =>
        step(def, manager('scheduled', { turnAt: null }), { type: 'excuse', reason: 'x' }, NOW),
      ).not.toThrow(GuardRefused);
    });
  });
});
