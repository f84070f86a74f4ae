import { z } from 'zod';

/**
 * A definition names its own audiences (who its mails go to) and anchors (the dates its timers count from); the
 * engine only checks that every use resolves. An audience is an opaque name the caller turns into addresses.
 */
export type Audience = string;
export type Anchor = string;

/** The kinds of value an instance hands the engine as facts; anchors read `date` and `instant` facts. */
export const FACT_TYPES = ['date', 'instant', 'count', 'flag', 'text'] as const;
export type FactType = (typeof FACT_TYPES)[number];

export const TIMER_KINDS = ['reminder', 'nudge', 'deadline', 'close-year'] as const;

/** Transition target meaning "the state named in the event payload" (used by `override`). */
export const TARGET_FROM_PAYLOAD = '$target';

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const CAMEL = /^[a-z][a-zA-Z0-9]*$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

const name = (what: string) =>
  z.string({ error: `${what} must be a string` }).regex(KEBAB, { error: `${what} must be kebab-case` });

const camelName = (what: string) =>
  z.string({ error: `${what} must be a string` }).regex(CAMEL, { error: `${what} must be camelCase` });

// Resolved against the definition's own `audiences` and `anchors` by the consistency check.
const audience = name('audience');
const anchor = name('anchor');

const mail = z.strictObject({ template: name('template'), to: z.array(audience).min(1) });

const effect = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('mail'), template: name('template'), to: z.array(audience).min(1) }),
  z.strictObject({ type: z.literal('replan') }),
]);

const days = z.number().int({ error: 'offset must be a whole number of days' });

const factSchema = z.strictObject({
  type: z.enum(FACT_TYPES, {
    error: (iss) => `unknown fact type '${String(iss.input)}' (allowed: ${FACT_TYPES.join(', ')})`,
  }),
  description: z.string().min(1),
});

const anchorSchema = z.strictObject({ fact: camelName('fact') });

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

/** A digest's zone meaning "each recipient group's own zone" (an entity's duty station) instead of one zone. */
export const LOCAL_ZONE = 'local';

const digestSchema = z.strictObject({
  template: name('template'),
  to: z.array(audience).min(1),
  localTime: z.string().regex(HH_MM, { error: "localTime must be 'HH:mm'" }),
  /** An IANA zone, or `local`: one digest per zone of the instances it reports on. */
  timeZone: z.string(),
  workingDaysOnly: z.boolean(),
  /**
   * Whose public holidays a working-days digest in one zone skips: its recipients' duty station (the Ethics
   * Office's). A `local` digest skips the holidays of each recipient group's own duty station instead.
   */
  dutyStation: z.string().min(1).optional(),
  /** Only on these ISO weekdays (1 = Monday): a weekly digest is `[1]`. */
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).optional(),
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
  /** What one instance follows (`entity`, `manager`): the service runs each definition for its own subject. */
  subject: name('subject'),
  initial: z.string({ error: 'initial state is required' }),
  /** What the engine may know of an instance: named, typed values the caller supplies in every snapshot. */
  facts: z.record(camelName('fact name'), factSchema),
  /** Dates timers count from, each read from a `date` or `instant` fact. */
  anchors: z.record(name('anchor name'), anchorSchema),
  /** No escalation step is planned after the end of this anchor's day (the year's last day for the instance). */
  horizon: anchor.optional(),
  audiences: z.array(audience).min(1),
  /** The programme's numbers (sizes, durations) the code reads from the definition instead of hard-coding. */
  parameters: z.record(camelName('parameter name'), z.number()).default({}),
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
