import {
  TARGET_FROM_PAYLOAD,
  type Effect,
  type TransitionDefinition,
  type WorkflowDefinition,
} from './definition.schema';
import { GuardRefused, InvalidTransition, ReasonRequired, UnknownEvent } from './errors';
import { assertFacts } from './facts';
import type { GuardContext } from './guards/guard';
import { guardOf } from './guards/guard-sets';
import type { InstanceSnapshot, WorkflowEvent } from './instance';

export interface StepResult {
  from: string;
  to: string;
  event: string;
  escalationLevel: number;
  effects: Effect[];
}

/** The pseudo-guard reported when an override names a target the definition does not allow. */
export const OVERRIDE_TARGET_GUARD = 'override-target';

export function allowedOverrideTargets(def: WorkflowDefinition, state: string): string[] {
  return [...(def.overrides[state] ?? [])];
}

/** Applies one event to an instance: pure, so the caller persists the result and runs the effects. */
export function step(
  def: WorkflowDefinition,
  instance: InstanceSnapshot,
  event: WorkflowEvent,
  now: Date,
): StepResult {
  const eventDef = def.events[event.type];
  if (!eventDef) throw new UnknownEvent(event.type);
  if (eventDef.requiresReason && !(event.reason && event.reason.trim() !== ''))
    throw new ReasonRequired(event.type);
  assertFacts(def, instance);

  const ctx: GuardContext = { instance, event, now };
  const transition = chooseTransition(def, ctx, false);
  const to = resolveTarget(def, transition, instance.state, event);
  return {
    from: instance.state,
    to,
    event: event.type,
    escalationLevel: nextLevel(instance.escalationLevel, transition.escalationLevel),
    effects: transition.effects.map((e) => ({ ...e, ...(e.type === 'mail' ? { to: [...e.to] } : {}) })),
  };
}

/** Events that would be accepted now; guards on the payload are assumed satisfiable since the UI collects it. */
export function availableEvents(def: WorkflowDefinition, instance: InstanceSnapshot, now: Date): string[] {
  return Object.keys(def.events).filter((type) => {
    const ctx: GuardContext = { instance, event: { type }, now };
    try {
      const t = chooseTransition(def, ctx, true);
      return t.to !== TARGET_FROM_PAYLOAD || allowedOverrideTargets(def, instance.state).length > 0;
    } catch (e) {
      if (e instanceof InvalidTransition || e instanceof GuardRefused) return false;
      throw e;
    }
  });
}

function chooseTransition(
  def: WorkflowDefinition,
  ctx: GuardContext,
  skipPayloadGuards: boolean,
): TransitionDefinition {
  const { state } = ctx.instance;
  const type = ctx.event.type;
  const candidates = def.transitions.filter((t) => t.event === type && t.from.includes(state));
  if (candidates.length === 0) throw new InvalidTransition(state, type);

  const refusal = (guard: string | undefined) => {
    if (guard === undefined) return null;
    // The loader has checked that every guard a definition names is registered for it.
    const g = guardOf(def, guard) as NonNullable<ReturnType<typeof guardOf>>;
    if (skipPayloadGuards && g.usesPayload) return null;
    return g.check(ctx);
  };
  const eventGuard = def.events[type].guard;
  const eventRefusal = refusal(eventGuard);
  if (eventGuard !== undefined && eventRefusal !== null) {
    throw new GuardRefused(eventGuard, state, type, `${type} refused in ${state}: ${eventRefusal}`);
  }

  const refused: { guard: string; why: string }[] = [];
  for (const t of candidates) {
    const why = refusal(t.guard);
    if (why === null) return t;
    refused.push({ guard: t.guard as string, why });
  }
  throw new GuardRefused(
    refused[0].guard,
    state,
    type,
    `${type} refused in ${state}: ${refused.map((r) => `${r.guard} (${r.why})`).join('; ')}`,
  );
}

function resolveTarget(
  def: WorkflowDefinition,
  t: TransitionDefinition,
  state: string,
  event: WorkflowEvent,
): string {
  if (t.to !== TARGET_FROM_PAYLOAD) return t.to;
  const target = event.targetState;
  const allowed = allowedOverrideTargets(def, state);
  if (target === undefined || !allowed.includes(target)) {
    throw new GuardRefused(
      OVERRIDE_TARGET_GUARD,
      state,
      event.type,
      `${event.type} from ${state} to '${target ?? ''}' is not allowed (allowed: ${allowed.join(', ') || 'none'})`,
    );
  }
  return target;
}

function nextLevel(current: number, change: TransitionDefinition['escalationLevel']): number {
  if (change === undefined) return current;
  if (change === 'reset') return 0;
  if (change === 'raise') return current + 1;
  return change;
}
