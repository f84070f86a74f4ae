/** The parts of the api's answers that the end-to-end suites read. */

export interface Problem {
  error: string;
  message: string;
  issues: { row?: number; field: string }[];
}

export interface DialogueSummary {
  entities: number;
  byState: Record<string, number>;
}

export interface LaunchStatus {
  year: number;
  state: 'not-launched' | 'inviting' | 'invited';
  launchedAt: string | null;
  entitiesToInvite: number;
  invited: number;
  progress: number;
  invitationMails: { queued: number; sent: number; failed: number };
}

export interface AuditView {
  event: string;
  from: string;
  to: string;
  actor: string;
  reason?: string;
}

export interface EntityView {
  state: string;
  invitedAt: string;
  accommodatedDeadline: string;
  escalationLevel: number;
  nextTimer: { timer: string; kind: string; localDueAt: string; escalationLevel?: number } | null;
  audit: AuditView[];
}
