import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { OutboxDispatchService } from './outbox-dispatch.service';
import { AfterCommit } from './after-commit';
import { allQueues } from './queue-registry';
import { bullConnection } from './redis-connection';

/**
 * Connects BullMQ and registers every queue of the registry, for producers and processors alike; provides the
 * after-commit hook and the outbox dispatcher it kicks.
 */
@Module({})
export class SchedulingModule {
  static forRoot(redis: { url: string; prefix: string }): DynamicModule {
    const queues = BullModule.registerQueue(...allQueues.map((name) => ({ name })));
    return {
      module: SchedulingModule,
      global: true,
      imports: [BullModule.forRoot({ connection: bullConnection(redis.url), prefix: redis.prefix }), queues],
      providers: [AfterCommit, OutboxDispatchService],
      exports: [queues, AfterCommit, OutboxDispatchService],
    };
  }
}
