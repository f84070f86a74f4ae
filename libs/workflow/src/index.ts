export {
  FACT_TYPES,
  LOCAL_ZONE,
  TARGET_FROM_PAYLOAD,
  type Anchor,
  type Audience,
  type DigestDefinition,
  type Effect,
  type EscalationDefinition,
  type EventDefinition,
  type FactType,
  type LateAdditionDefinition,
  type MailSpec,
  type SendAtDefinition,
  type StateDefinition,
  type TimerDefinition,
  type TimerKind,
  type TransitionDefinition,
  type WorkflowDefinition,
} from './definition.schema';
export { parseDefinition } from './definition.loader';
export {
  DefinitionInvalid,
  GuardRefused,
  InvalidTransition,
  ReasonRequired,
  UnknownEvent,
  WORKFLOW_ERROR_CODES,
  type DefinitionIssue,
  type WorkflowErrorCode,
} from './errors';
export { type Guard, type GuardContext, type GuardSet } from './guards/guard';
export { guardsFor } from './guards/guard-sets';
export { assertFacts } from './facts';
export type { FactValue, InstanceSnapshot, WorkflowEvent } from './instance';
export {
  step,
  availableEvents,
  allowedOverrideTargets,
  OVERRIDE_TARGET_GUARD,
  type StepResult,
} from './step';
export { plan, plansTimersIn, anchorDates, type PlannedTimer } from './plan';
export { mailAudiences } from './mail-audiences';
export { accommodatedDeadline, type LateAdditionInput } from './late-addition';
export {
  atLocalSendTime,
  localSendSlot,
  NO_HOLIDAYS,
  type HolidayCalendar,
  type HolidayOnTheWay,
  type LocalSendSlot,
  endOfLocalDay,
  addDays,
  localDateOf,
  toLocalIso,
  isValidZone,
  type SendAt,
} from './local-time';
export { toMermaid } from './mermaid';
export { nextDigest, type PlannedDigest } from './digest';
