import { EntityManager } from '@mikro-orm/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Global, Injectable, Module, type Abstract, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { MailRenderer } from '@cascade/mail';
import { Clock } from '@cascade/clock';
import { AfterCommit, QueueName } from '@cascade/scheduling';
import { FixedClock, WORKFLOWS_DIR } from '@cascade/testing';
import { AdminUserQueryService } from './admin/admin-user-query.service';
import { AdminUserService } from './admin/admin-user.service';
import { AuditService } from './audit/audit.service';
import { CascadeQueryService } from './cascade/cascade-query.service';
import { CascadeService } from './cascade/cascade.service';
import { DialogueQueryService } from './dialogue/dialogue-query.service';
import { DialogueService } from './dialogue/dialogue.service';
import { DialogueModule } from './dialogue.module';
import { EntityImportService } from './entity/entity-import.service';
import { MailComposer } from './mail/mail-composer.service';
import { MailDeliveryService } from './mail/mail-delivery.service';
import { MailLogService } from './mail/mail-log.service';
import { MailQueryService } from './mail/mail-query.service';
import { MailSettings } from './mail/mail-settings';
import { OrgTreeService } from './org/org-tree.service';
import { AccessTokenService } from './portal/access-token.service';
import { PortalCascadeService } from './portal/portal-cascade.service';
import { PortalService } from './portal/portal.service';
import { RequestQueryService } from './portal/request-query.service';
import { RequestsService } from './portal/requests.service';
import { RecordQueryService } from './records/record-query.service';
import { ReportService } from './report/report.service';
import { SessionService } from './session/session.service';
import { SimulatedClock } from './simulation/simulated-clock';
import { SimulationService } from './simulation/simulation.service';
import { ParticipationQueryService } from './statistics/participation-query.service';
import { StatisticsService } from './statistics/statistics.service';
import { TimerSyncService } from './timers/mirror/timer-sync.service';
import { PlanPreviewService } from './timers/plan-preview.service';
import { DutyStationHolidaysService } from './holidays/duty-station-holidays.service';
import { TimerFiringService } from './timers/timer-firing.service';
import { EntityWorkflowService } from './workflow-instance/entity-workflow.service';
import { InstanceQueryService } from './workflow-instance/instance-query.service';
import { InvitationService } from './workflow-instance/invitation.service';
import { WorkflowRegistry } from './workflow-instance/workflow-registry';

/** Every provider the apps, libs/admin and libs/portal inject from the domain (the old module's exports). */
const injectedByConsumers: (Type | Abstract<unknown>)[] = [
  AccessTokenService,
  AdminUserQueryService,
  AdminUserService,
  AuditService,
  CascadeQueryService,
  CascadeService,
  Clock,
  DialogueQueryService,
  DialogueService,
  EntityImportService,
  EntityWorkflowService,
  InstanceQueryService,
  InvitationService,
  MailComposer,
  MailDeliveryService,
  MailLogService,
  MailQueryService,
  MailRenderer,
  MailSettings,
  OrgTreeService,
  ParticipationQueryService,
  PlanPreviewService,
  DutyStationHolidaysService,
  PortalCascadeService,
  PortalService,
  RecordQueryService,
  ReportService,
  RequestQueryService,
  RequestsService,
  SessionService,
  SimulationService,
  StatisticsService,
  TimerFiringService,
  TimerSyncService,
  WorkflowRegistry,
];

/** Stands in for the persistence and scheduling modules: nothing here touches a database or Redis. */
@Global()
@Module({
  providers: [
    { provide: EntityManager, useValue: {} },
    { provide: getQueueToken(QueueName.Timers), useValue: {} },
    { provide: AfterCommit, useValue: { register: () => undefined } },
  ],
  exports: [EntityManager, getQueueToken(QueueName.Timers), AfterCommit],
})
class InfrastructureStub {}

/** A consumer that, like libs/admin and libs/portal, injects domain services without importing the module. */
@Injectable()
class Consumer {
  constructor(
    readonly portal: PortalService,
    readonly mail: MailSettings,
    readonly clock: Clock,
  ) {}
}

@Module({ providers: [Consumer] })
class ConsumerModule {}

const mail: MailSettings = {
  ethicsOffice: [],
  messageIdDomain: 'cascade.test',
  ethicsOfficeTimeZone: 'UTC',
  publicUrl: 'http://cascade.test',
};

async function boot(options: { simulation?: boolean; clock?: Clock }) {
  return Test.createTestingModule({
    imports: [
      InfrastructureStub,
      DialogueModule.forRoot({ workflowsDir: WORKFLOWS_DIR, mail, ...options }),
      ConsumerModule,
    ],
  }).compile();
}

describe('DialogueModule', () => {
  it('resolves, from a module that does not import it, every service the apps and libs inject', async () => {
    const clock = new FixedClock(new Date('2026-03-01T12:00:00Z'));
    const app = await boot({ clock });
    for (const token of injectedByConsumers) expect(app.get(token, { strict: false })).toBeDefined();
    const consumer = app.get(Consumer);
    expect(consumer.clock).toBe(clock);
    expect(consumer.mail).toBe(mail);
    expect(consumer.portal).toBe(app.get(PortalService, { strict: false }));
    await app.close();
  });

  it('gives every service the one simulated clock when simulation is on', async () => {
    const app = await boot({ simulation: true });
    expect(app.get(Clock, { strict: false })).toBeInstanceOf(SimulatedClock);
    expect(app.get(Consumer).clock).toBe(app.get(Clock, { strict: false }));
    await app.close();
  });
});
