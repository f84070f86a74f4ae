import { Module, type DynamicModule } from '@nestjs/common';
import { AuditService } from './audit/audit.service';
import { DialogueService } from './dialogue/dialogue.service';
import { EntityImportService } from './entity/entity-import.service';
import { ReportService } from './report/report.service';
import { SessionService } from './session/session.service';
import { Clock, SystemClock } from './shared/clock';
import { StatisticsService } from './statistics/statistics.service';
import { EntityWorkflowService } from './workflow-instance/entity-workflow.service';
import { InvitationService } from './workflow-instance/invitation.service';
import { WorkflowRegistry } from './workflow-instance/workflow-registry';

const services = [
  AuditService,
  DialogueService,
  EntityImportService,
  EntityWorkflowService,
  InvitationService,
  ReportService,
  SessionService,
  StatisticsService,
];

/** The domain's services. Needs MikroORM's EntityManager from the persistence module. */
@Module({})
export class DialogueModule {
  static forRoot(options: { workflowsDir: string; clock?: Clock }): DynamicModule {
    return {
      module: DialogueModule,
      global: true,
      providers: [
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        { provide: WorkflowRegistry, useFactory: () => WorkflowRegistry.fromDirectory(options.workflowsDir) },
        ...services,
      ],
      exports: [Clock, WorkflowRegistry, ...services],
    };
  }
}
