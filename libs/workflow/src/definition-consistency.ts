import type { DefinitionIssue } from './errors';
import { LOCAL_ZONE, TARGET_FROM_PAYLOAD, type WorkflowDefinition } from './definition.schema';
import { guardOf, guardsFor } from './guards/guard-sets';
import { isValidZone } from './local-time';

/** Collects issues and checks that names resolve; one per definition checked. */
class Checker {
  readonly issues: DefinitionIssue[] = [];
  private readonly states: Set<string>;
  private readonly events: Set<string>;

  constructor(readonly def: WorkflowDefinition) {
    this.states = new Set(Object.keys(def.states));
    this.events = new Set(Object.keys(def.events));
  }

  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  hasState(s: string): boolean {
    return this.states.has(s);
  }

  isFinal(s: string): boolean {
    return this.def.states[s]?.final === true;
  }

  state(path: string, s: string): void {
    if (!this.states.has(s)) this.add(path, `unknown state '${s}'`);
  }

  event(path: string, e: string): void {
    if (!this.events.has(e)) this.add(path, `unknown event '${e}'`);
  }

  guard(path: string, g: string | undefined): void {
    if (g === undefined) return;
    const guard = guardOf(this.def, g);
    if (!guard) {
      const known = Object.keys(guardsFor(this.def)).join(', ');
      this.add(path, `unknown guard '${g}' (known for ${this.def.id}: ${known})`);
      return;
    }
    for (const [fact, type] of Object.entries(guard.reads)) {
      const declared = this.def.facts[fact];
      if (!declared) this.add(path, `guard '${g}' reads fact '${fact}', which facts does not declare`);
      else if (declared.type !== type)
        this.add(path, `guard '${g}' reads fact '${fact}' as ${type}, but it is declared ${declared.type}`);
    }
  }

  audiences(path: string, to: readonly string[]): void {
    to.forEach((a, j) => {
      if (!this.def.audiences.includes(a))
        this.add(`${path}[${j}]`, `unknown audience '${a}' (declared: ${this.def.audiences.join(', ')})`);
    });
  }

  anchor(path: string, a: string): void {
    if (!Object.prototype.hasOwnProperty.call(this.def.anchors, a))
      this.add(path, `unknown anchor '${a}' (declared: ${Object.keys(this.def.anchors).join(', ')})`);
  }
}

/** Cross-references the schema cannot express: names must resolve, choices must be unambiguous. */
export function checkConsistency(def: WorkflowDefinition): DefinitionIssue[] {
  const check = new Checker(def);
  checkFactsAndAnchors(check);
  checkStates(check);
  checkTransitions(check);
  checkOverrides(check);
  checkTimers(check);
  checkEscalation(check);
  checkSending(check);
  return check.issues;
}

function checkFactsAndAnchors(check: Checker): void {
  const { def } = check;
  for (const [name, { fact }] of Object.entries(def.anchors)) {
    const declared = def.facts[fact];
    if (!declared) check.add(`anchors.${name}.fact`, `unknown fact '${fact}'`);
    else if (declared.type !== 'date' && declared.type !== 'instant')
      check.add(`anchors.${name}.fact`, `fact '${fact}' is a ${declared.type}, not a date or an instant`);
  }
  if (def.horizon !== undefined) check.anchor('horizon', def.horizon);
  if (new Set(def.audiences).size !== def.audiences.length) check.add('audiences', 'duplicate audience');
}

function checkStates(check: Checker): void {
  const { def } = check;
  if (!check.hasState(def.initial)) check.add('initial', `unknown state '${def.initial}'`);
  else if (check.isFinal(def.initial))
    check.add('initial', `initial state '${def.initial}' must not be final`);
  if (!Object.keys(def.states).some((s) => check.isFinal(s)))
    check.add('states', 'at least one state must be final');
  for (const [name, e] of Object.entries(def.events)) check.guard(`events.${name}.guard`, e.guard);
}

function checkTransitions(check: Checker): void {
  const { def } = check;
  const choices = new Map<string, { index: number; guard?: string }[]>();
  def.transitions.forEach((t, i) => {
    const at = `transitions[${i}]`;
    t.from.forEach((f, j) => check.state(`${at}.from${t.from.length > 1 ? `[${j}]` : ''}`, f));
    check.event(`${at}.event`, t.event);
    check.guard(`${at}.guard`, t.guard);
    t.effects.forEach((e, j) => {
      if (e.type === 'mail') check.audiences(`${at}.effects[${j}].to`, e.to);
    });
    if (t.to === TARGET_FROM_PAYLOAD) {
      if (Object.keys(def.overrides).length === 0)
        check.add(`${at}.to`, `'${TARGET_FROM_PAYLOAD}' needs an overrides map`);
    } else check.state(`${at}.to`, t.to);
    for (const f of t.from) {
      const key = `${f} --${t.event}-->`;
      choices.set(key, [...(choices.get(key) ?? []), { index: i, guard: t.guard }]);
    }
  });
  // Two transitions for one (state, event) are a choice only when distinct guards decide between them.
  for (const [key, list] of choices) {
    if (list.length < 2) continue;
    const unguarded = list.filter((c) => c.guard === undefined);
    const guards = list.map((c) => c.guard).filter((g) => g !== undefined);
    if (unguarded.length > 0 || new Set(guards).size !== guards.length) {
      check.add(
        `transitions[${list[1].index}]`,
        `ambiguous: ${key} is defined by transitions ${list.map((c) => c.index).join(', ')} without distinct guards`,
      );
    }
  }
}

function checkOverrides(check: Checker): void {
  for (const [from, targets] of Object.entries(check.def.overrides)) {
    check.state(`overrides.${from}`, from);
    targets.forEach((t, j) => {
      check.state(`overrides.${from}[${j}]`, t);
      if (t === from) check.add(`overrides.${from}[${j}]`, 'an override must change the state');
    });
  }
}

function checkTimers(check: Checker): void {
  const ids = new Set<string>();
  check.def.timers.forEach((t, i) => {
    const at = `timers[${i}]`;
    check.anchor(`${at}.anchor`, t.anchor);
    if (t.mail) check.audiences(`${at}.mail.to`, t.mail.to);
    if (ids.has(t.id)) check.add(`${at}.id`, `duplicate timer id '${t.id}'`);
    ids.add(t.id);
    if (/^escalation-\d+$/.test(t.id))
      check.add(`${at}.id`, `timer id '${t.id}' is reserved for escalation steps`);
    t.activeIn.forEach((s, j) => check.state(`${at}.activeIn[${j}]`, s));
    if (t.event !== undefined) check.event(`${at}.event`, t.event);
    if (t.mail === undefined && t.event === undefined)
      check.add(at, 'a timer needs a mail, an event, or both');
  });
}

function checkEscalation(check: Checker): void {
  const esc = check.def.escalation;
  if (!esc) return;
  esc.activeIn.forEach((s, j) => check.state(`escalation.activeIn[${j}]`, s));
  check.anchor('escalation.anchor', esc.anchor);
  esc.steps.forEach((s, i) => check.audiences(`escalation.steps[${i}].mail.to`, s.mail.to));
  if (esc.repeat) {
    check.anchor('escalation.repeat.until', esc.repeat.until);
    check.audiences('escalation.repeat.mail.to', esc.repeat.mail.to);
  }
  check.event('escalation.event', esc.event);
  esc.steps.forEach((s, i) => {
    const prev = esc.steps[i - 1];
    if (prev && s.offsetDays <= prev.offsetDays)
      check.add(`escalation.steps[${i}].offsetDays`, 'offsets must increase');
    if (prev && s.level <= prev.level) check.add(`escalation.steps[${i}].level`, 'levels must increase');
  });
}

function checkSending(check: Checker): void {
  const { def } = check;
  if (def.digest) check.audiences('digest.to', def.digest.to);
  if (def.digest && def.digest.timeZone !== LOCAL_ZONE && !isValidZone(def.digest.timeZone)) {
    check.add('digest.timeZone', `unknown IANA time zone '${def.digest.timeZone}'`);
  }
  if (new Set(def.sendAt.workingDays).size !== def.sendAt.workingDays.length) {
    check.add('sendAt.workingDays', 'duplicate weekday');
  }
}
