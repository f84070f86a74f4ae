import { EntityManager } from '@mikro-orm/core';
import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { Clock, SystemClock } from '@cascade/clock';
import { AuditService } from './audit/audit.service';
import type { DialogueOptions } from './dialogue-options';
import { RecordQueryService } from './records/record-query.service';
import { SimulatedClock } from './simulation/simulated-clock';
import { WorkflowRegistry } from './workflow-instance/workflow-registry';

/**
 * What every sub-module leans on: the clock, the loaded workflows, the audit trail and the generic record reads.
 * Global because the clock and the registry are configured once by `forRoot` while the sub-modules that inject
 * them are static; nothing else in the lib is global except the `DialogueModule` facade.
 */
@Module({})
export class DialogueCoreModule {
  static forRoot(options: Pick<DialogueOptions, 'workflowsDir' | 'clock' | 'simulation'>): DynamicModule {
    const clock: Provider = options.simulation
      ? { provide: Clock, inject: [EntityManager], useFactory: (em: EntityManager) => new SimulatedClock(em) }
      : { provide: Clock, useValue: options.clock ?? new SystemClock() };
    const registry: Provider = {
      provide: WorkflowRegistry,
      useFactory: () => WorkflowRegistry.fromDirectory(options.workflowsDir),
    };
    return {
      module: DialogueCoreModule,
      global: true,
      providers: [clock, registry, AuditService, RecordQueryService],
      exports: [Clock, WorkflowRegistry, AuditService, RecordQueryService],
    };
  }
}
