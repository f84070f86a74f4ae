import { Inject, Injectable } from '@nestjs/common';
import {
  AccessTokenService,
  AdminUserQueryService,
  AdminUserService,
  CascadeQueryService,
  CascadeService,
  Clock,
  DialogueQueryService,
  DialogueService,
  DutyStationHolidaysService,
  EntityImportService,
  EntityWorkflowService,
  InstanceQueryService,
  InvitationService,
  LaunchPreviewQueryService,
  MailLogService,
  MailPreviewService,
  MailQueryService,
  OrgTreeService,
  ParticipationQueryService,
  PlanPreviewService,
  RecordQueryService,
  RemindNowService,
  ReportService,
  RequestQueryService,
  RequestsService,
  WorkflowRegistry,
} from '@cascade/dialogue';
import { ConsoleSessions } from './console-sessions';
import { CONSOLE_SETTINGS, type ConsoleSettings } from './console-settings';

/** The domain services the console's actions call; each call is one transaction and writes its audit row. */
@Injectable()
export class ConsoleServices {
  /** Where token links point (PUBLIC_URL). */
  readonly publicUrl: string;

  constructor(
    readonly clock: Clock,
    readonly registry: WorkflowRegistry,
    readonly dialogues: DialogueService,
    readonly invitations: InvitationService,
    readonly workflows: EntityWorkflowService,
    readonly requests: RequestsService,
    readonly tokens: AccessTokenService,
    readonly mails: MailLogService,
    readonly entityImport: EntityImportService,
    readonly orgTree: OrgTreeService,
    /** The managers' cascade: excusing and reinstating a manager, a manager's timeline. */
    readonly cascade: CascadeService,
    readonly reports: ReportService,
    readonly planPreview: PlanPreviewService,
    readonly admins: AdminUserService,
    /** The Ethics Office's holidays per duty station (each change re-plans the station). */
    readonly holidays: DutyStationHolidaysService,
    /** Ends an account's console sessions. */
    readonly sessions: ConsoleSessions,
    /** An entity's current reminder sent now, once a day at most (the dashboard's "Remind now", bulk reminders). */
    readonly remindNow: RemindNowService,
    @Inject(CONSOLE_SETTINGS) settings: ConsoleSettings,
  ) {
    this.publicUrl = settings.publicUrl;
  }
}

/** The domain's reads the console shows: it maps their results to views and queries nothing itself. */
@Injectable()
export class ConsoleQueries {
  constructor(
    readonly dialogues: DialogueQueryService,
    readonly instances: InstanceQueryService,
    readonly participation: ParticipationQueryService,
    readonly mails: MailQueryService,
    readonly requests: RequestQueryService,
    readonly accounts: AdminUserQueryService,
    readonly records: RecordQueryService,
    readonly cascade: CascadeQueryService,
    /** Before the launch: the entities it will invite and their invitations' recipients. */
    readonly launchPreview: LaunchPreviewQueryService,
    /** A mail as it would be composed now for one entity, written nowhere (the mail previews). */
    readonly mailPreviews: MailPreviewService,
  ) {}
}
