import type { Anchor, Audience, MailSpec, TimerKind, WorkflowDefinition } from './definition.schema';
import { assertFacts } from './facts';
import type { InstanceSnapshot } from './instance';
import {
  addDays,
  endOfLocalDay,
  localDateOf,
  localSendSlot,
  toLocalIso,
  type LocalSendSlot,
} from './local-time';

export interface PlannedTimer {
  /** Stable idempotency key `${timerId}:${dueAtIso}`; the caller prefixes it with the instance id. */
  key: string;
  timerId: string;
  kind: TimerKind;
  /** UTC instant. */
  dueAt: Date;
  /** ISO with the entity zone's offset, e.g. '2026-12-24T09:00:00-05:00'. */
  localDueAt: string;
  mail?: { template: string; to: Audience[] };
  event?: string;
  escalationLevel?: number;
  /** Set when holidays of the instance's calendar pushed the send slot: the date meant, and the holidays passed. */
  movedFrom?: NonNullable<LocalSendSlot['movedFrom']>;
}

/** A safety bound: a weekly repeat over a year is ~52 steps; anything near this is a data error. */
const MAX_REPEATS = 500;

/**
 * Whether an instance in this state can have timers at all (some timer or the escalation is active in it): when
 * not, planning needs neither its facts nor its calendar.
 */
export function plansTimersIn(def: WorkflowDefinition, state: string): boolean {
  if (def.states[state]?.final !== false) return false;
  return (
    def.timers.some((t) => t.activeIn.includes(state)) || (def.escalation?.activeIn.includes(state) ?? false)
  );
}

/**
 * The timers an instance should have right now: only those active in its current state and due strictly after
 * `now`, so re-planning after any transition replaces the whole set and nothing obsolete fires.
 */
export function plan(def: WorkflowDefinition, instance: InstanceSnapshot, now: Date): PlannedTimer[] {
  if (def.states[instance.state]?.final !== false) return [];
  assertFacts(def, instance);
  const zone = instance.timeZone;
  const anchors = anchorDates(def, instance);
  const horizon = def.horizon === undefined ? null : anchors[def.horizon];
  const out: PlannedTimer[] = [];
  const push = (t: Omit<PlannedTimer, 'key' | 'localDueAt'>) =>
    out.push({ ...t, key: `${t.timerId}:${t.dueAt.toISOString()}`, localDueAt: toLocalIso(t.dueAt, zone) });
  const sendSlot = (date: string) => localSendSlot(date, zone, def.sendAt, instance.holidays);
  const moved = (slot: LocalSendSlot) => (slot.movedFrom ? { movedFrom: slot.movedFrom } : {});

  for (const timer of def.timers) {
    const anchorDate = anchors[timer.anchor];
    if (!timer.activeIn.includes(instance.state) || anchorDate === null) continue;
    const date = addDays(anchorDate, timer.offsetDays);
    const at = timer.at ?? (timer.mail ? 'send-time' : 'end-of-day');
    const slot = at === 'send-time' ? sendSlot(date) : { dueAt: endOfLocalDay(date, zone), movedFrom: null };
    const dueAt = slot.dueAt;
    // A reminder pushed past a weekend or a holiday must not land after the day it announces: it would be obsolete.
    if (timer.offsetDays < 0 && dueAt >= endOfLocalDay(anchorDate, zone)) continue;
    push({
      timerId: timer.id,
      kind: timer.kind,
      dueAt,
      ...moved(slot),
      ...(timer.mail ? { mail: copyMail(timer.mail) } : {}),
      ...(timer.event ? { event: timer.event } : {}),
    });
  }

  const esc = def.escalation;
  const escAnchor = esc ? anchors[esc.anchor] : null;
  if (esc && escAnchor !== null && esc.activeIn.includes(instance.state)) {
    const until = esc.repeat ? (anchors[esc.repeat.until] ?? horizon) : horizon;
    const steps: { offsetDays: number; level: number; mail: MailSpec }[] = [...esc.steps];
    if (esc.repeat) {
      const last = esc.steps[esc.steps.length - 1];
      for (let n = 1; n <= MAX_REPEATS; n++) {
        const offsetDays = last.offsetDays + n * esc.repeat.everyDays;
        if (until === null || addDays(escAnchor, offsetDays) > until) break;
        steps.push({ offsetDays, level: last.level + n, mail: esc.repeat.mail });
      }
    }
    // Escalating after the year is closed is pointless: nothing is due after the end of the horizon (or `until`) day.
    const last = [until, horizon].filter((d): d is string => d !== null).sort()[0];
    const stop = last === undefined ? null : endOfLocalDay(last, zone);
    for (const s of steps) {
      const slot = sendSlot(addDays(escAnchor, s.offsetDays));
      const dueAt = slot.dueAt;
      if (stop !== null && dueAt >= stop) continue;
      push({
        timerId: `escalation-${s.level}`,
        kind: 'escalation',
        dueAt,
        ...moved(slot),
        mail: copyMail(s.mail),
        event: esc.event,
        escalationLevel: s.level,
      });
    }
  }

  return out
    .filter((t) => t.dueAt.getTime() > now.getTime())
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.timerId.localeCompare(b.timerId));
}

/** Each anchor's calendar date in the instance's zone, or null while its fact is unknown. */
export function anchorDates(
  def: WorkflowDefinition,
  instance: InstanceSnapshot,
): Record<Anchor, string | null> {
  const out: Record<Anchor, string | null> = {};
  for (const [name, { fact }] of Object.entries(def.anchors)) {
    const value = instance.facts[fact];
    out[name] =
      value instanceof Date ? localDateOf(value, instance.timeZone) : ((value as string | null) ?? null);
  }
  return out;
}

function copyMail(m: MailSpec): MailSpec {
  return { template: m.template, to: [...m.to] };
}
