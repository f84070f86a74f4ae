import { Module, type DynamicModule } from '@nestjs/common';
import { AdminUsersModule } from './admin/admin-users.module';
import { CascadeModule } from './cascade/cascade.module';
import { DialogueCoreModule } from './dialogue-core.module';
import type { DialogueOptions } from './dialogue-options';
import { DialogueYearModule } from './dialogue/dialogue-year.module';
import { MailModule } from './mail/mail.module';
import { OrgModule } from './org/org.module';
import { OutreachModule } from './outreach/outreach.module';
import { PortalAccessModule } from './portal/portal-access.module';
import { ReportModule } from './report/report.module';
import { SessionModule } from './session/session.module';
import { SimulationModule } from './simulation/simulation.module';
import { StatisticsModule } from './statistics/statistics.module';
import { TimersModule } from './timers/timers.module';
import { WorkflowInstanceModule } from './workflow-instance/workflow-instance.module';

/** The sub-modules without configuration of their own. */
const features = [
  AdminUsersModule,
  CascadeModule,
  DialogueYearModule,
  OrgModule,
  OutreachModule,
  PortalAccessModule,
  ReportModule,
  SessionModule,
  SimulationModule,
  StatisticsModule,
  TimersModule,
  WorkflowInstanceModule,
];

/**
 * The domain, the one module the apps import: composes the sub-modules and re-exports what they export. Needs
 * MikroORM's EntityManager from the persistence module, and the queues and the after-commit hook of the
 * scheduling module. Global because libs/admin and libs/portal inject domain services without importing it.
 */
@Module({})
export class DialogueModule {
  static forRoot(options: DialogueOptions): DynamicModule {
    const core = DialogueCoreModule.forRoot(options);
    const mail = MailModule.forRoot(options);
    return {
      module: DialogueModule,
      global: true,
      imports: [core, mail, ...features],
      exports: [core, mail, ...features],
    };
  }
}
