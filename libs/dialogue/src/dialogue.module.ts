import { EntityManager } from '@mikro-orm/core';
import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { MailRenderer, SmtpMailer } from '@cascade/mail';
import { MailComposer } from './mail/mail-composer.service';
import { MailDeliveryService } from './mail/mail-delivery.service';
import { MailLogService } from './mail/mail-log.service';
import { MailQueryService } from './mail/mail-query.service';
import { MailSettings } from './mail/mail-settings';
import { OrgTreeService } from './org/org-tree.service';
import { AccessTokenService } from './portal/access-token.service';
import { PortalService } from './portal/portal.service';
import { RequestQueryService } from './portal/request-query.service';
import { RequestsService } from './portal/requests.service';
import { AdminUserQueryService } from './admin/admin-user-query.service';
import { AdminUserService } from './admin/admin-user.service';
import { AuditService } from './audit/audit.service';
import { DialogueQueryService } from './dialogue/dialogue-query.service';
import { DialogueService } from './dialogue/dialogue.service';
import { EntityImportService } from './entity/entity-import.service';
import { RecordQueryService } from './records/record-query.service';
import { ReportService } from './report/report.service';
import { SessionService } from './session/session.service';
import { Clock, SystemClock } from '@cascade/clock';
import { SimulatedClock } from './simulation/simulated-clock';
import { SimulationService } from './simulation/simulation.service';
import { ParticipationQueryService } from './statistics/participation-query.service';
import { StatisticsService } from './statistics/statistics.service';
import { PlanPreviewService } from './timers/plan-preview.service';
import { TimerSyncService } from './timers/mirror/timer-sync.service';
import { TimerFiringService } from './timers/timer-firing.service';
import { EntityWorkflowService } from './workflow-instance/entity-workflow.service';
import { InstanceQueryService } from './workflow-instance/instance-query.service';
import { InvitationService } from './workflow-instance/invitation.service';
import { WorkflowRegistry } from './workflow-instance/workflow-registry';

const services = [
  AccessTokenService,
  AdminUserService,
  AuditService,
  DialogueService,
  EntityImportService,
  EntityWorkflowService,
  InvitationService,
  MailComposer,
  MailDeliveryService,
  MailLogService,
  OrgTreeService,
  PlanPreviewService,
  PortalService,
  RequestsService,
  ReportService,
  SessionService,
  SimulationService,
  StatisticsService,
  TimerFiringService,
  TimerSyncService,
];

/** Reads for screens (the console maps their results to views and holds no query of its own). */
const queries = [
  AdminUserQueryService,
  DialogueQueryService,
  InstanceQueryService,
  MailQueryService,
  ParticipationQueryService,
  RecordQueryService,
  RequestQueryService,
];

/**
 * The domain's services. Needs MikroORM's EntityManager from the persistence module, and the queues and the
 * after-commit hook of the scheduling module.
 */
@Module({})
export class DialogueModule {
  /**
   * `simulation`: every process reads the virtual clock kept in the database (see SimulatedClock). `mailer`:
   * without one, mail is composed and logged but not sent.
   */
  static forRoot(options: {
    workflowsDir: string;
    clock?: Clock;
    simulation?: boolean;
    mail: MailSettings;
    mailer?: SmtpMailer | null;
    templatesDir?: string;
  }): DynamicModule {
    const clock: Provider = options.simulation
      ? { provide: Clock, inject: [EntityManager], useFactory: (em: EntityManager) => new SimulatedClock(em) }
      : { provide: Clock, useValue: options.clock ?? new SystemClock() };
    return {
      module: DialogueModule,
      global: true,
      providers: [
        clock,
        { provide: MailSettings, useValue: options.mail },
        { provide: MailRenderer, useFactory: () => MailRenderer.fromDirectory(options.templatesDir) },
        ...(options.mailer ? [{ provide: SmtpMailer, useValue: options.mailer }] : []),
        { provide: WorkflowRegistry, useFactory: () => WorkflowRegistry.fromDirectory(options.workflowsDir) },
        ...services,
        ...queries,
      ],
      exports: [Clock, WorkflowRegistry, MailSettings, MailRenderer, ...services, ...queries],
    };
  }
}
