import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { parseDefinition } from './definition.loader';
import { DefinitionInvalid, type DefinitionIssue } from './errors';

const V1_PATH = join(__dirname, '../../../workflows/leadership-dialogue.v1.yaml');
const v1Text = readFileSync(V1_PATH, 'utf8');

/** The v1 file as plain data, changed by `edit`, then parsed; returns the issues it was refused for. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests edit free-form YAML data
function issuesOf(edit: (d: Record<string, any>) => void): DefinitionIssue[] {
  const data = parse(v1Text);
  edit(data);
  return issuesOfText(stringify(data));
}

function issuesOfText(text: string): DefinitionIssue[] {
  try {
    parseDefinition(text, 'test.yaml');
  } catch (e) {
    if (e instanceof DefinitionInvalid) return e.issues;
    throw e;
  }
  throw new Error('expected DefinitionInvalid');
}

describe('parseDefinition', () => {
  it('loads the real v1 definition', () => {
    const def = parseDefinition(v1Text, 'workflows/leadership-dialogue.v1.yaml');
    expect(def.id).toBe('leadership-dialogue');
    expect(def.version).toBe(1);
    expect(def.initial).toBe('pending');
    expect(Object.keys(def.states)).toEqual([
      'pending',
      'invited',
      'cascading',
      'stats-submitted',
      'overdue',
      'reported',
      'not-completed',
      'withdrawn',
    ]);
    expect(
      Object.entries(def.states)
        .filter(([, s]) => s.final)
        .map(([n]) => n),
    ).toEqual(['reported', 'not-completed', 'withdrawn']);
    expect(
      Object.entries(def.events)
        .filter(([, e]) => e.requiresReason)
        .map(([n]) => n)
        .sort(),
    ).toEqual(['grant-extension', 'override', 'withdraw']);
    expect(def.timers.map((t) => t.id)).toEqual([
      'reminder-30',
      'reminder-14',
      'reminder-7',
      'reminder-1',
      'nudge-head',
      'deadline',
      'close-year',
    ]);
    expect(def.sendAt).toEqual({ localTime: '09:00', workingDays: [1, 2, 3, 4, 5] });
    expect(def.digest).toEqual({
      template: 'daily-digest',
      to: ['ethics-office'],
      dutyStation: 'New York',
      localTime: '09:00',
      timeZone: 'America/New_York',
      workingDaysOnly: true,
    });
    expect(def.lateAddition).toEqual({ fallbackRunwayDays: 60 });
    expect(def.escalation?.repeat).toEqual({
      everyDays: 7,
      until: 'report-cutoff',
      mail: { template: 'escalation', to: ['ethics-office'] },
    });
    for (const state of Object.keys(def.states)) expect(def.overrides[state]?.length).toBeGreaterThan(0);
  });

  it('reports an unknown guard with its path', () => {
    const issues = issuesOf((d) => {
      d.transitions[10].guard = 'has-sesions';
    });
    expect(issues).toEqual([
      { path: 'transitions[10].guard', message: expect.stringContaining("unknown guard 'has-sesions'") },
    ]);
  });

  it('reports every consistency issue at once, each with its path', () => {
    const issues = issuesOf((d) => {
      d.transitions[0].to = 'invitd';
      d.transitions[1].event = 'record-sesion';
      d.transitions[2].from = ['cascading', 'nowhere'];
      d.timers[1].id = 'reminder-30';
      d.timers[2].activeIn = ['limbo'];
      d.escalation.event = 'shout';
      d.overrides.pending = ['heaven'];
    });
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        'transitions[0].to',
        'transitions[1].event',
        'transitions[2].from[1]',
        'timers[1].id',
        'timers[2].activeIn[0]',
        'escalation.event',
        'overrides.pending[0]',
      ]),
    );
    expect(issues).toContainEqual({ path: 'timers[1].id', message: "duplicate timer id 'reminder-30'" });
    expect(issues).toContainEqual({ path: 'transitions[0].to', message: "unknown state 'invitd'" });
    expect(issues).toContainEqual({ path: 'transitions[1].event', message: "unknown event 'record-sesion'" });
  });

  it('lists every issue in the error message', () => {
    const data = parse(v1Text);
    data.transitions[0].guard = 'nope';
    data.initial = 'nowhere';
    expect(() => parseDefinition(stringify(data), 'bad.yaml')).toThrow(
      /bad\.yaml is invalid \(2 issues\):\n {2}- initial: unknown state 'nowhere'\n {2}- transitions\[0\]\.guard: unknown guard 'nope'/,
    );
  });

  it('reports a missing initial state', () => {
    expect(issuesOf((d) => delete d.initial)).toEqual([
      { path: 'initial', message: 'initial state is required' },
    ]);
  });

  it('refuses a final initial state', () => {
    expect(issuesOf((d) => (d.initial = 'reported'))).toEqual([
      { path: 'initial', message: "initial state 'reported' must not be final" },
    ]);
  });

  it('reports schema issues together: negative repeat, bad offset, bad send time', () => {
    const issues = issuesOf((d) => {
      d.escalation.repeat.everyDays = -7;
      d.timers[0].offsetDays = 1.5;
      d.sendAt.localTime = '9am';
    });
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['escalation.repeat.everyDays', 'timers[0].offsetDays', 'sendAt.localTime']),
    );
    expect(issues).toContainEqual({
      path: 'escalation.repeat.everyDays',
      message: 'everyDays must be a positive whole number',
    });
  });

  // Audiences and anchors are the definition's own names, so they resolve once the shape is right.
  it('reports unknown audiences and anchors together, naming what the definition declares', () => {
    const issues = issuesOf((d) => {
      d.transitions[0].effects[0].to = ['focal-points', 'everyone'];
      d.timers[3].anchor = 'christmas';
      d.escalation.steps[0].mail.to = ['nobody'];
    });
    expect(issues).toEqual([
      {
        path: 'transitions[0].effects[0].to[1]',
        message: "unknown audience 'everyone' (declared: focal-points, head-of-entity, ethics-office)",
      },
      {
        path: 'timers[3].anchor',
        message: "unknown anchor 'christmas' (declared: invitation, effective-deadline, report-cutoff)",
      },
      {
        path: 'escalation.steps[0].mail.to[0]',
        message: "unknown audience 'nobody' (declared: focal-points, head-of-entity, ethics-office)",
      },
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const issues = issuesOfText('id: x\nversion: 1\nstates:\n  pending: { description: [unclosed\n');
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0].path).toMatch(/^line \d+, column \d+$/);
  });

  it('reports duplicate keys as YAML errors', () => {
    const issues = issuesOfText('id: a\nid: b\n');
    expect(issues[0]).toEqual({ path: 'line 2, column 1', message: expect.stringMatching(/unique/i) });
  });

  it('refuses ambiguous transitions (same state and event without distinct guards)', () => {
    const issues = issuesOf((d) => {
      d.transitions.push({ from: 'pending', event: 'invite', to: 'cascading' });
      delete d.transitions[10].guard; // overdue grant-extension [has-sessions]
    });
    expect(issues.map((i) => i.message)).toEqual([
      'ambiguous: pending --invite--> is defined by transitions 0, 20 without distinct guards',
      'ambiguous: overdue --grant-extension--> is defined by transitions 10, 11 without distinct guards',
    ]);
  });

  it('refuses unknown keys, a timer without mail or event, a bad time zone and reserved timer ids', () => {
    const issues = issuesOf((d) => {
      d.timers[0].offsetdays = 3;
      delete d.timers[5].event;
      d.digest.timeZone = 'Mars/Olympus';
      d.timers[6].id = 'escalation-3';
    });
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['timers[0]']));
    // schema issues stop the run before the cross-reference checks, so check those separately
    const later = issuesOf((d) => {
      delete d.timers[5].event;
      d.digest.timeZone = 'Mars/Olympus';
      d.timers[6].id = 'escalation-3';
    });
    expect(later).toEqual([
      { path: 'timers[5]', message: 'a timer needs a mail, an event, or both' },
      { path: 'timers[6].id', message: "timer id 'escalation-3' is reserved for escalation steps" },
      { path: 'digest.timeZone', message: "unknown IANA time zone 'Mars/Olympus'" },
    ]);
  });

  it('refuses escalation steps that do not increase', () => {
    const issues = issuesOf((d) => {
      d.escalation.steps[1].offsetDays = 1;
      d.escalation.steps[1].level = 1;
    });
    expect(issues.map((i) => i.path)).toEqual([
      'escalation.steps[1].offsetDays',
      'escalation.steps[1].level',
    ]);
  });

  it('refuses an override to the same state', () => {
    expect(issuesOf((d) => d.overrides.invited.push('invited'))).toEqual([
      { path: 'overrides.invited[5]', message: 'an override must change the state' },
    ]);
  });
});
