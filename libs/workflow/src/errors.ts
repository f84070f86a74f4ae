export interface DefinitionIssue {
  path: string;
  message: string;
}

/** A workflow definition that cannot be used. Lists every issue at once so an author fixes them in one pass. */
export class DefinitionInvalid extends Error {
  constructor(
    readonly source: string,
    readonly issues: DefinitionIssue[],
  ) {
    super(
      `Workflow definition ${source} is invalid (${issues.length} issue${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((i) => `  - ${i.path}: ${i.message}`).join('\n'),
    );
    this.name = 'DefinitionInvalid';
  }
}

/**
 * The stable codes of the engine's refusals: callers translate and classify them by code, not by message. Kept
 * here, free of any framework, and listed again by the domain's catalogue of codes.
 */
export const WORKFLOW_ERROR_CODES = [
  'unknown-event',
  'invalid-transition',
  'guard-refused',
  'reason-required',
] as const;

export type WorkflowErrorCode = (typeof WORKFLOW_ERROR_CODES)[number];

export class UnknownEvent extends Error {
  readonly code = 'unknown-event' satisfies WorkflowErrorCode;
  constructor(readonly event: string) {
    super(`Unknown workflow event '${event}'`);
    this.name = 'UnknownEvent';
  }

  get params(): Record<string, string> {
    return { event: this.event };
  }
}

export class InvalidTransition extends Error {
  readonly code = 'invalid-transition' satisfies WorkflowErrorCode;
  constructor(
    readonly state: string,
    readonly event: string,
  ) {
    super(`Event '${event}' is not allowed in state '${state}'`);
    this.name = 'InvalidTransition';
  }

  get params(): Record<string, string> {
    return { state: this.state, event: this.event };
  }
}

export class GuardRefused extends Error {
  readonly code = 'guard-refused' satisfies WorkflowErrorCode;
  constructor(
    readonly guard: string,
    readonly state: string,
    readonly event: string,
    message: string,
  ) {
    super(message);
    this.name = 'GuardRefused';
  }

  get params(): Record<string, string> {
    return { guard: this.guard, state: this.state, event: this.event };
  }
}

export class ReasonRequired extends Error {
  readonly code = 'reason-required' satisfies WorkflowErrorCode;
  constructor(readonly event: string) {
    super(`Event '${event}' requires a reason`);
    this.name = 'ReasonRequired';
  }

  get params(): Record<string, string> {
    return { event: this.event };
  }
}
