import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AdminConsoleModule } from '@cascade/admin';
import type { CascadeConfig } from '@cascade/config';
import { DialogueModule, mailSettingsOf, type Clock } from '@cascade/dialogue';
import { PersistenceModule } from '@cascade/persistence';
import { PortalModule } from '@cascade/portal';
import { loggingModule, SchedulingModule } from '@cascade/scheduling';
import { DialoguesController } from './dialogues/dialogues.controller';
import { EntitiesController } from './entities/entities.controller';
import { HealthController } from './health/health.controller';
import { QueueProbe } from './health/queue-probe';
import { RedisProbe } from '@cascade/scheduling';
import { ApiMetrics } from './metrics/api-metrics';
import { METRICS_TOKEN, MetricsController } from './metrics/metrics.controller';
import { AdminApiKeyGuard } from './http/admin-api-key.guard';
import { DomainErrorFilter } from './http/domain-error.filter';
import { ClockSyncInterceptor } from './http/clock-sync.interceptor';
import { InstancesController } from './instances/instances.controller';
import { MailsController } from './mails/mails.controller';
import { ManagersController } from './managers/managers.controller';
import { OrgController } from './org/org.controller';
import { RequestsController } from './requests/requests.controller';
import { PlanController } from './plan/plan.controller';
import { HolidaysController } from './holidays/holidays.controller';
import { ReportSettings } from './report/report-pdf';
import { SimulationController } from './simulation/simulation.controller';

@Module({})
export class ApiModule {
  static forRoot(config: CascadeConfig, options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        loggingModule(config, 'api'),
        PersistenceModule.forRoot(config.database),
        SchedulingModule.forRoot(config.redis),
        DialogueModule.forRoot({
          workflowsDir: config.workflowsDir,
          clock: options.clock,
          simulation: config.simulation,
          mail: mailSettingsOf(config.mail),
          templatesDir: config.mail.templatesDir,
        }),
        PortalModule.forRoot(config, {
          secret: config.portalSecret,
        }),
        AdminConsoleModule.forRoot(config),
      ],
      controllers: [
        HealthController,
        MetricsController,
        DialoguesController,
        InstancesController,
        EntitiesController,
        PlanController,
        HolidaysController,
        MailsController,
        ManagersController,
        OrgController,
        RequestsController,
        SimulationController,
      ],
      providers: [
        { provide: RedisProbe, useFactory: () => new RedisProbe(config.redis.url) },
        QueueProbe,
        { provide: ApiMetrics, useValue: new ApiMetrics() },
        { provide: METRICS_TOKEN, useValue: config.metrics.token },
        { provide: ReportSettings, useValue: config.report },
        { provide: APP_GUARD, useValue: new AdminApiKeyGuard(config.adminApiKey) },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: ClockSyncInterceptor },
      ],
    };
  }
}
