import type { FactType } from '../definition.schema';
import type { InstanceSnapshot, WorkflowEvent } from '../instance';

export interface GuardContext {
  instance: InstanceSnapshot;
  event: WorkflowEvent;
  now: Date;
}

/** `null` when the guard passes, otherwise why it refused (shown to people). */
export type GuardCheck = (ctx: GuardContext) => string | null;

export interface Guard {
  check: GuardCheck;
  /** Depends on the event payload, so it cannot be judged before the payload is known (see availableEvents). */
  usesPayload: boolean;
  /** The facts it reads and their types: a definition using the guard must declare them alike. */
  reads: Readonly<Record<string, FactType>>;
}

/** The named guards one kind of definition may use, implemented in code and registered by definition id. */
export type GuardSet = Readonly<Record<string, Guard>>;

/** Guards any definition may use: they read only the event. */
export const COMMON_GUARDS: GuardSet = {
  'reason-given': {
    usesPayload: true,
    reads: {},
    check: ({ event }) => (event.reason && event.reason.trim() !== '' ? null : 'a reason is required'),
  },
};
