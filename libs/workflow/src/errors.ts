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

export class UnknownEvent extends Error {
  constructor(readonly event: string) {
    super(`Unknown workflow event '${event}'`);
    this.name = 'UnknownEvent';
  }
}

export class InvalidTransition extends Error {
  constructor(
    readonly state: string,
    readonly event: string,
  ) {
    super(`Event '${event}' is not allowed in state '${state}'`);
    this.name = 'InvalidTransition';
  }
}

export class GuardRefused extends Error {
  constructor(
    readonly guard: string,
    readonly state: string,
    readonly event: string,
    message: string,
  ) {
    super(message);
    this.name = 'GuardRefused';
  }
}

export class ReasonRequired extends Error {
  constructor(readonly event: string) {
    super(`Event '${event}' requires a reason`);
    this.name = 'ReasonRequired';
  }
}
