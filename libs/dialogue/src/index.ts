// The public face of the domain: only what the apps, the other libs and the test suites import. Anything else
// stays inside the lib; export a name here when a consumer needs it, in the group of its concept.

// The one module the apps import, and the mail settings its options take.
export { DialogueModule } from './dialogue.module';
export { MailSettings, mailSettingsOf } from './mail/mail-settings';

// Every MikroORM entity of the domain in one list, for the ORM configuration and the migrations.
export { dialogueEntities } from './entities';

// Time: the injection token every service takes its "now" from (the clock itself lives in @cascade/clock).
export { Clock, SystemClock } from '@cascade/clock';

// Errors and their HTTP mapping, shared by the REST API and the token-link pages.
export {
  Conflict,
  DialogueNotLaunched,
  DomainError,
  NotFound,
  ValidationFailed,
  type DomainWarning,
  type FieldIssue,
} from './shared/errors';
export { ERROR_CODES, type ErrorCode, type ErrorParams } from './shared/error-codes';
export { classifyError, type ClassifiedError } from './shared/classify-error';
export { errorBody, type ErrorBody, type ErrorBodyIssue } from './shared/error-body';
export { isServiceUnavailable, RETRY_AFTER_SECONDS } from './shared/service-unavailable';

// Shared values: who acts, the checks of free-text fields, the CSV exports' writer, the languages.
export { Actors } from './shared/actor';
export { CONTROL_CHARACTERS, MAX_ID } from './shared/field-checks';
export { spreadsheetSafe, writeCsv, type CsvCell } from './shared/csv-export';
export {
  LANGUAGES,
  isLanguage,
  pickTranslation,
  type Language,
  type Localized,
  type Translated,
} from './shared/languages';

// The year's dialogue and its audit trail.
export { Dialogue } from './dialogue/dialogue.entity';
export { DialogueService } from './dialogue/dialogue.service';
export { operationsFigures, type OperationsFigures } from './operations/operations-figures';
export type { LaunchStatus } from './dialogue/launch-status';
export { DialogueQueryService } from './dialogue/dialogue-query.service';
export { AuditEvent } from './audit/audit-event.entity';
export { AuditService } from './audit/audit.service';

// Who takes part: entities and focal points (CSV import), reporting trees.
export { OrgEntity } from './entity/org-entity.entity';
export { FocalPoint } from './entity/focal-point.entity';
export { parseFocalPointCell } from './entity/entity-input';
export { readEntityCsv } from './entity/entity-csv';
export {
  entityNameIn,
  nameColumn,
  NAME_LANGUAGES,
  type EntityNames,
  type NameLanguage,
} from './entity/entity-names';
export { EntityImportService } from './entity/entity-import.service';
export { Person } from './org/person.entity';
export { OrgTreeService } from './org/org-tree.service';
export { CascadeService } from './cascade/cascade.service';
export {
  CascadeQueryService,
  type EntityEngagement,
  type ManagerList,
  type ManagerListQuery,
  type ManagerRow,
} from './cascade/cascade-query.service';
export { ManagerWorkflow } from './cascade/manager-workflow.entity';
export type { ManagerStanding, ScheduledSession } from './cascade/manager-standing';
export type { SessionAdvice } from './cascade/session-advice';
export type { ScheduleInput } from './cascade/session-schedule';
export type { TreeSyncSummary } from './cascade/manager-cascade';
export { readOrgTreeCsv, type TreePersonInput } from './org/org-tree';

// Workflow instances: the loaded workflows, transitions, invitations, timelines.
export { WorkflowRegistry } from './workflow-instance/workflow-registry';
export { EntityWorkflow } from './workflow-instance/entity-workflow.entity';
export {
  EntityWorkflowService,
  extensionWarnings,
  type TransitionOutcome,
} from './workflow-instance/entity-workflow.service';
export { InvitationService, type FanOutOptions } from './workflow-instance/invitation.service';
export {
  InstanceQueryService,
  type InstanceTimeline,
  type LaggingWithTimers,
} from './workflow-instance/instance-query.service';

// What focal points report: sessions (Annex C) and statistics.
export { SessionRecord } from './session/session-record.entity';
export { SessionService, sessionSizeNotice } from './session/session.service';
export { checkSessionReport, sessionDaysOf, type SessionDayLimit, type SessionDays } from './session/annex-c';
export { StatisticsSubmission } from './statistics/statistics-submission.entity';
export {
  StatisticsService,
  checkStatistics,
  type StatisticsInput,
  type SubmitStatisticsOptions,
} from './statistics/statistics.service';
export {
  CROSS_CHECKED_FIELDS,
  statisticsDifferences,
  type CrossCheckedField,
  type CrossCheckRecords,
  type StatisticsCrossCheck,
  type StatisticsDifference,
} from './statistics/statistics-cross-check';
export {
  ParticipationQueryService,
  type ParticipationByKind,
  type ParticipationSoFar,
} from './statistics/participation-query.service';
export { AnnexEPrefillQueryService } from './statistics/annex-e-prefill-query.service';
export {
  ANNEX_E_COUNT_FIELDS,
  annexEPrefillOf,
  type AnnexECountField,
  type AnnexEPrefill,
  type AnnexERecords,
  type AnnexESource,
  type PreviousAnnexE,
  type SuggestedField,
  type SuggestedValue,
} from './statistics/annex-e-prefill';

// The token-link portal's domain: tokens, roles, the requests it files.
export { AccessToken } from './portal/access-token.entity';
export { AccessTokenService, TokenRejected } from './portal/access-token.service';
export { PortalService } from './portal/portal.service';
export { PortalCascadeService } from './portal/portal-cascade.service';
export { TokenRoleRefused } from './portal/token-role-refused';
export { RequestsService } from './portal/requests.service';
export { RequestQueryService } from './portal/request-query.service';
export {
  ExtensionRequest,
  ScenarioProposal,
  SeminarRequest,
  SessionQuestion,
} from './portal/requests.entity';
export type {
  CascadeProgress,
  ExtensionRequestInput,
  FeedbackInput,
  FocalPointView,
  PortalContext,
  ScenarioProposalInput,
  SeminarRequestInput,
  SessionReportInput,
  SessionSummary,
  TokenRole,
} from './portal/portal.types';

// The year's report.
export { Report } from './report/report.entity';
export { ReportService } from './report/report.service';
export { compileReport, type EntityFacts } from './report/report-compiler';
export type { ReportContent, ReportRow, ReportTotals } from './report/report-model';

// Timers: the rows, firing, the plan preview, and Redis kept in step with the rows.
export { Timer, TIMER_STATUSES } from './timers/timer.entity';
export { TimerFiringService, type FiringOptions, type FiringOutcome } from './timers/timer-firing.service';
export { PlanPreviewService, type PlanRow } from './timers/plan-preview.service';
export {
  DutyStationHolidaysService,
  type HolidayChangeInput,
  type HolidayChangeResult,
  type StationHolidays,
} from './holidays/duty-station-holidays.service';
export {
  DutyStationHoliday,
  HOLIDAY_EFFECTS,
  type HolidayEffect,
} from './holidays/duty-station-holiday.entity';
export { DUTY_STATION_REGIONS, regionOf, type StationRegion } from './holidays/duty-station-regions';
export { libraryHolidays, stationCalendar, type HolidayOverride } from './holidays/station-calendar';
export { TimerSyncService } from './timers/mirror/timer-sync.service';
export { TimerReconciler } from './timers/mirror/timer-reconciler';

// The simulated clock's controls.
export { SimulationService } from './simulation/simulation.service';

// Mail: composing, delivering, the log and its reads.
export { MailMessage, MAIL_STATUSES } from './mail/mail-message.entity';
export { MailComposer, type MailDraft, type MailPreview } from './mail/mail-composer.service';
export {
  MailPreviewService,
  type EntityMailPreview,
  type EntityMailPreviewRequest,
  type MissingFact,
  type PreviewedEntity,
} from './mail/mail-preview.service';
export { MailDeliveryService } from './mail/mail-delivery.service';
export { MailLogService } from './mail/mail-log.service';
export { MailQueryService } from './mail/mail-query.service';

// The console's accounts and the generic record reads of its lists.
export { AdminUser, ADMIN_ROLES, CONSOLE_LANGUAGES, type ConsoleLanguage } from './admin/admin-user.entity';
export {
  AdminUserService,
  consoleActor,
  isConsoleLanguage,
  MIN_PASSWORD_LENGTH,
  type AccountChange,
  type ConsoleIdentity,
} from './admin/admin-user.service';
export { AdminUserQueryService } from './admin/admin-user-query.service';
export { RecordQueryService } from './records/record-query.service';
export { currentReminder, type Reminder } from './outreach/current-reminder';
export {
  AlreadyRemindedToday,
  NothingToRemind,
  RemindNowService,
  REMIND_NOW_EVENT,
  type ReminderSent,
} from './outreach/remind-now.service';
export {
  LaunchPreviewQueryService,
  type InvitationPreview,
  type LaunchPreview,
} from './outreach/launch-preview-query.service';
