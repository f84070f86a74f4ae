import { MikroORM } from '@mikro-orm/core';
import type { INestApplicationContext } from '@nestjs/common';
import {
  AccessTokenService,
  AdminUserService,
  Clock,
  DialogueService,
  EntityImportService,
  EntityWorkflowService,
  InvitationService,
  MailLogService,
  OrgTreeService,
  PlanPreviewService,
  ReportService,
  RequestsService,
  WorkflowRegistry,
} from '@cascade/dialogue';

/** The domain services the console's actions call; each call is one transaction and writes its audit row. */
export interface ConsoleServices {
  orm: MikroORM;
  clock: Clock;
  registry: WorkflowRegistry;
  dialogues: DialogueService;
  invitations: InvitationService;
  workflows: EntityWorkflowService;
  requests: RequestsService;
  tokens: AccessTokenService;
  mails: MailLogService;
  entityImport: EntityImportService;
  orgTree: OrgTreeService;
  reports: ReportService;
  planPreview: PlanPreviewService;
  admins: AdminUserService;
  /** Ends an account's console sessions (console-sessions.ts). */
  sessions: { endSessionsOf(accountId: number): Promise<number> };
  /** Where token links point (PUBLIC_URL). */
  publicUrl: string;
}

export function consoleServicesOf(
  app: INestApplicationContext,
  publicUrl: string,
  sessions: ConsoleServices['sessions'],
): ConsoleServices {
  return {
    orm: app.get(MikroORM),
    clock: app.get(Clock),
    registry: app.get(WorkflowRegistry),
    dialogues: app.get(DialogueService),
    invitations: app.get(InvitationService),
    workflows: app.get(EntityWorkflowService),
    requests: app.get(RequestsService),
    tokens: app.get(AccessTokenService),
    mails: app.get(MailLogService),
    entityImport: app.get(EntityImportService),
    orgTree: app.get(OrgTreeService),
    reports: app.get(ReportService),
    planPreview: app.get(PlanPreviewService),
    admins: app.get(AdminUserService),
    sessions,
    publicUrl,
  };
}
