import { Module, type DynamicModule } from '@nestjs/common';
import type { CascadeConfig } from '@cascade/config';
import { DialogueModule, type Clock } from '@cascade/dialogue';
import { PersistenceModule } from '@cascade/persistence';
import { OutboxDispatchService, SchedulingModule } from '@cascade/scheduling';
import { OutboxPoller } from './outbox-poller';
import { LaunchDialogueProcessor } from './processors/launch-dialogue.processor';

@Module({})
export class WorkerModule {
  static forRoot(config: CascadeConfig, options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PersistenceModule.forRoot(config.database),
        SchedulingModule.forRoot(config.redis),
        DialogueModule.forRoot({ workflowsDir: config.workflowsDir, clock: options.clock }),
      ],
      providers: [
        LaunchDialogueProcessor,
        {
          provide: OutboxPoller,
          inject: [OutboxDispatchService],
          useFactory: (outbox: OutboxDispatchService) => new OutboxPoller(outbox, config.worker.outboxPollMs),
        },
      ],
    };
  }
}
