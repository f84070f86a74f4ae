import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { DefinitionInvalid, type DefinitionIssue } from './errors';
import { definitionSchema, TARGET_FROM_PAYLOAD, type WorkflowDefinition } from './definition.schema';
import { isKnownGuard, GUARD_NAMES } from './guards';
import { isValidZone } from './local-time';

/** Parses and validates a workflow definition; throws DefinitionInvalid listing every issue found. */
export function parseDefinition(yamlText: string, source: string): WorkflowDefinition {
  const doc = parseDocument(yamlText, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new DefinitionInvalid(
      source,
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        return {
          path: pos ? `line ${pos.line}, column ${pos.col}` : '(yaml)',
          message: firstLine(e.message),
        };
      }),
    );
  }
  const parsed = definitionSchema.safeParse(doc.toJS());
  if (!parsed.success) throw new DefinitionInvalid(source, parsed.error.issues.map(fromZodIssue));
  const issues = checkConsistency(parsed.data);
  if (issues.length > 0) throw new DefinitionInvalid(source, issues);
  return parsed.data;
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}

function fromZodIssue(issue: z.core.$ZodIssue): DefinitionIssue {
  return { path: formatPath(issue.path), message: issue.message };
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(root)' : out;
}

/** Cross-references the schema cannot express: names must resolve, choices must be unambiguous. */
function checkConsistency(def: WorkflowDefinition): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  const states = new Set(Object.keys(def.states));
  const events = new Set(Object.keys(def.events));
  const isFinal = (s: string) => def.states[s]?.final === true;
  const state = (path: string, s: string) => {
    if (!states.has(s)) add(path, `unknown state '${s}'`);
  };
  const event = (path: string, e: string) => {
    if (!events.has(e)) add(path, `unknown event '${e}'`);
  };
  const guard = (path: string, g: string | undefined) => {
    if (g !== undefined && !isKnownGuard(g))
      add(path, `unknown guard '${g}' (known: ${GUARD_NAMES.join(', ')})`);
  };

  if (!states.has(def.initial)) add('initial', `unknown state '${def.initial}'`);
  else if (isFinal(def.initial)) add('initial', `initial state '${def.initial}' must not be final`);
  if (![...states].some(isFinal)) add('states', 'at least one state must be final');

  for (const [name, e] of Object.entries(def.events)) guard(`events.${name}.guard`, e.guard);

  const choices = new Map<string, { index: number; guard?: string }[]>();
  def.transitions.forEach((t, i) => {
    const at = `transitions[${i}]`;
    t.from.forEach((f, j) => state(`${at}.from${t.from.length > 1 ? `[${j}]` : ''}`, f));
    event(`${at}.event`, t.event);
    guard(`${at}.guard`, t.guard);
    if (t.to === TARGET_FROM_PAYLOAD) {
      if (Object.keys(def.overrides).length === 0)
        add(`${at}.to`, `'${TARGET_FROM_PAYLOAD}' needs an overrides map`);
    } else state(`${at}.to`, t.to);
    for (const f of t.from) {
      const key = `${f} --${t.event}-->`;
      choices.set(key, [...(choices.get(key) ?? []), { index: i, guard: t.guard }]);
    }
  });
  for (const [key, list] of choices) {
    if (list.length < 2) continue;
    const unguarded = list.filter((c) => c.guard === undefined);
    const guards = list.map((c) => c.guard).filter((g) => g !== undefined);
    if (unguarded.length > 0 || new Set(guards).size !== guards.length) {
      add(
        `transitions[${list[1].index}]`,
        `ambiguous: ${key} is defined by transitions ${list.map((c) => c.index).join(', ')} without distinct guards`,
      );
    }
  }

  for (const [from, targets] of Object.entries(def.overrides)) {
    state(`overrides.${from}`, from);
    targets.forEach((t, j) => {
      state(`overrides.${from}[${j}]`, t);
      if (t === from) add(`overrides.${from}[${j}]`, 'an override must change the state');
    });
  }

  const ids = new Set<string>();
  def.timers.forEach((t, i) => {
    const at = `timers[${i}]`;
    if (ids.has(t.id)) add(`${at}.id`, `duplicate timer id '${t.id}'`);
    ids.add(t.id);
    if (/^escalation-\d+$/.test(t.id)) add(`${at}.id`, `timer id '${t.id}' is reserved for escalation steps`);
    t.activeIn.forEach((s, j) => state(`${at}.activeIn[${j}]`, s));
    if (t.event !== undefined) event(`${at}.event`, t.event);
    if (t.mail === undefined && t.event === undefined) add(at, 'a timer needs a mail, an event, or both');
  });

  const esc = def.escalation;
  if (esc) {
    esc.activeIn.forEach((s, j) => state(`escalation.activeIn[${j}]`, s));
    event('escalation.event', esc.event);
    esc.steps.forEach((s, i) => {
      const prev = esc.steps[i - 1];
      if (prev && s.offsetDays <= prev.offsetDays)
        add(`escalation.steps[${i}].offsetDays`, 'offsets must increase');
      if (prev && s.level <= prev.level) add(`escalation.steps[${i}].level`, 'levels must increase');
    });
  }

  if (def.digest && !isValidZone(def.digest.timeZone)) {
    add('digest.timeZone', `unknown IANA time zone '${def.digest.timeZone}'`);
  }
  if (new Set(def.sendAt.workingDays).size !== def.sendAt.workingDays.length) {
    add('sendAt.workingDays', 'duplicate weekday');
  }
  return issues;
}
