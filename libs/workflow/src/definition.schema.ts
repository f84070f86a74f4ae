import { z } from 'zod';

export const AUDIENCES = ['focal-points', 'head-of-entity', 'ethics-office'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const ANCHORS = ['invitation', 'effective-deadline', 'report-cutoff'] as const;
export type Anchor = (typeof ANCHORS)[number];

export const TIMER_KINDS = ['reminder', 'nudge', 'deadline', 'close-year'] as const;

/** Transition target meaning "the state named in the event payload" (used by `override`). */
export const TARGET_FROM_PAYLOAD = '$target';

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

const name = (what: string) =>
  z.string({ error: `${what} must be a string` }).regex(KEBAB, { error: `${what} must be kebab-case` });

const audience = z.enum(AUDIENCES, {
  error: (iss) => `unknown audience '${String(iss.input)}' (allowed: ${AUDIENCES.join(', ')})`,
});

const anchor = z.enum(ANCHORS, {
  error: (iss) => `unknown anchor '${String(iss.input)}' (allowed: ${ANCHORS.join(', ')})`,
});

const mail = z.strictObject({ template: name('template'), to: z.array(audience).min(1) });

const effect = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('mail'), template: name('template'), to: z.array(audience).min(1) }),
  z.strictObject({ type: z.literal('replan') }),
]);

const days = z.number().int({ error: 'offset must be a whole number of days' });

const stateSchema = z.strictObject({ description: z.string().min(1), final: z.boolean().default(false) });

const eventSchema = z.strictObject({
  description: z.string().min(1),
  requiresReason: z.boolean().default(false),
  /** A guard checked before any transition is chosen (e.g. a payload sanity check). */
  guard: z.string().optional(),
});

const transitionSchema = z.strictObject({
  from: z.union([z.string(), z.array(z.string()).min(1)]).transform((f) => (Array.isArray(f) ? f : [f])),
  event: z.string(),
  to: z.string(),
  guard: z.string().optional(),
  escalationLevel: z
    .union([z.literal('reset'), z.literal('raise'), z.number().int().nonnegative()])
    .optional(),
  effects: z.array(effect).default([]),
});

const timerSchema = z.strictObject({
  id: name('timer id'),
  kind: z.enum(TIMER_KINDS),
  anchor,
  offsetDays: days,
  /** Mail timers default to the send time; event-only timers to the end of the local day. */
  at: z.enum(['send-time', 'end-of-day']).optional(),
  activeIn: z.array(z.string()).min(1),
  mail: mail.optional(),
  event: z.string().optional(),
});

const escalationSchema = z.strictObject({
  anchor,
  activeIn: z.array(z.string()).min(1),
  event: z.string(),
  steps: z.array(z.strictObject({ offsetDays: days, level: z.number().int().positive(), mail })).min(1),
  repeat: z
    .strictObject({
      everyDays: z.number().int().positive({ error: 'everyDays must be a positive whole number' }),
      until: anchor,
      mail,
    })
    .optional(),
});

const sendAtSchema = z.strictObject({
  localTime: z.string().regex(HH_MM, { error: "localTime must be 'HH:mm'" }),
  workingDays: z.array(z.number().int().min(1).max(7)).min(1),
});

const digestSchema = z.strictObject({
  template: name('template'),
  to: z.array(audience).min(1),
  localTime: z.string().regex(HH_MM, { error: "localTime must be 'HH:mm'" }),
  timeZone: z.string(),
  workingDaysOnly: z.boolean(),
});

const lateAdditionSchema = z.strictObject({
  /** Fixed runway for late additions; when absent they get the same runway the others had. */
  runwayDays: z.number().int().positive().optional(),
  /** Used when the others' runway is unknown. */
  fallbackRunwayDays: z.number().int().positive().default(60),
});

export const definitionSchema = z.strictObject({
  id: name('id'),
  version: z.number().int().positive(),
  title: z.string().min(1),
  initial: z.string({ error: 'initial state is required' }),
  states: z.record(name('state name'), stateSchema),
  events: z.record(name('event name'), eventSchema),
  transitions: z.array(transitionSchema).min(1),
  overrides: z.record(z.string(), z.array(z.string())).default({}),
  sendAt: sendAtSchema,
  timers: z.array(timerSchema).default([]),
  escalation: escalationSchema.optional(),
  digest: digestSchema.optional(),
  lateAddition: lateAdditionSchema.default({ fallbackRunwayDays: 60 }),
});

export type WorkflowDefinition = z.output<typeof definitionSchema>;
export type StateDefinition = WorkflowDefinition['states'][string];
export type EventDefinition = WorkflowDefinition['events'][string];
export type TransitionDefinition = WorkflowDefinition['transitions'][number];
export type TimerDefinition = WorkflowDefinition['timers'][number];
export type EscalationDefinition = NonNullable<WorkflowDefinition['escalation']>;
export type DigestDefinition = NonNullable<WorkflowDefinition['digest']>;
export type SendAtDefinition = WorkflowDefinition['sendAt'];
export type LateAdditionDefinition = WorkflowDefinition['lateAddition'];
export type MailSpec = { template: string; to: Audience[] };
export type Effect = TransitionDefinition['effects'][number];
export type TimerKind = (typeof TIMER_KINDS)[number] | 'escalation';
