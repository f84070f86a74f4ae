import { EntityManager } from '@mikro-orm/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Clock } from '@cascade/clock';
import type { CascadeConfig } from '@cascade/config';
import {
  DialogueModule,
  mailSettingsOf,
  TimerSyncService,
  type FanOutOptions,
  type FiringOptions,
} from '@cascade/dialogue';
import { SmtpMailer, type SmtpConfig } from '@cascade/mail';
import { PersistenceModule } from '@cascade/persistence';
import {
  allQueues,
  loggingModule,
  OutboxDispatchService,
  QueueName,
  SchedulingModule,
} from '@cascade/scheduling';
import { WorkerMetricsServer } from './metrics/worker-metrics-server';
import { OutboxPoller } from './outbox-poller';
import { DeliverMailHandler } from './processors/deliver-mail.handler';
import { FIRING_OPTIONS, FireTimerHandler } from './processors/fire-timer.handler';
import { FAN_OUT_OPTIONS, LaunchDialogueHandler } from './processors/launch-dialogue.handler';
import { lifecycleProcessor } from './processors/lifecycle.processor';
import { mailProcessor } from './processors/mail.processor';
import { processorOf, type QueueProcessor } from './processors/queue-processor';
import { SendMailHandler } from './processors/send-mail.handler';
import { timersProcessor } from './processors/timers.processor';
import { TimerReconcileRunner } from './timer-reconcile-runner';

export interface WorkerOptions {
  clock?: Clock;
  /** Where mail goes; without it mail is composed and logged but not sent. */
  smtp?: SmtpConfig | null;
}

@Module({})
export class WorkerModule {
  static forRoot(config: CascadeConfig, options: WorkerOptions = {}): DynamicModule {
    const mailer = options.smtp ? new SmtpMailer(options.smtp) : null;
    return {
      module: WorkerModule,
      imports: [
        loggingModule(config, 'worker'),
        PersistenceModule.forRoot(config.database),
        SchedulingModule.forRoot(config.redis),
        DialogueModule.forRoot({
          workflowsDir: config.workflowsDir,
          clock: options.clock,
          simulation: config.simulation,
          mail: mailSettingsOf(config.mail),
          templatesDir: config.mail.templatesDir,
          mailer,
        }),
      ],
      providers: [
        // One handler per job, one processor per queue (its map of handlers is checked against the registry).
        LaunchDialogueHandler,
        SendMailHandler,
        DeliverMailHandler,
        FireTimerHandler,
        lifecycleProcessor(config),
        mailProcessor(config, mailer),
        timersProcessor(config),
        {
          provide: FAN_OUT_OPTIONS,
          useValue: { refreshStatistics: config.database.driver === 'postgresql' } satisfies FanOutOptions,
        },
        {
          provide: FIRING_OPTIONS,
          useValue: {
            batch: config.timers.batch,
            skipLocked: config.database.driver === 'postgresql',
          } satisfies FiringOptions,
        },
        {
          provide: OutboxPoller,
          inject: [OutboxDispatchService],
          useFactory: (outbox: OutboxDispatchService) => new OutboxPoller(outbox, config.worker.outboxPollMs),
        },
        {
          provide: TimerReconcileRunner,
          inject: [EntityManager, getQueueToken(QueueName.Timers), TimerSyncService, Clock],
          useFactory: (em: EntityManager, queue: Queue, timers: TimerSyncService, clock: Clock) =>
            new TimerReconcileRunner(config, em, queue, timers, clock),
        },
        {
          provide: WorkerMetricsServer,
          inject: [EntityManager, TimerReconcileRunner, ...allQueues.map(processorOf)],
          useFactory: (
            em: EntityManager,
            reconciler: TimerReconcileRunner,
            ...processors: QueueProcessor<never>[]
          ) => new WorkerMetricsServer(config, em, processors, reconciler),
        },
      ],
    };
  }
}
