import { EntityManager } from '@mikro-orm/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { CascadeConfig } from '@cascade/config';
import {
  Clock,
  DialogueModule,
  MailComposer,
  MailDeliveryService,
  mailSettingsOf,
  TimerFiringService,
  type FanOutOptions,
} from '@cascade/dialogue';
import { SmtpMailer, type SmtpConfig } from '@cascade/mail';
import { PersistenceModule } from '@cascade/persistence';
import { OutboxDispatchService, QueueName, SchedulingModule, TimerSyncService } from '@cascade/scheduling';
import { OutboxPoller } from './outbox-poller';
import { FAN_OUT_OPTIONS, LaunchDialogueProcessor } from './processors/launch-dialogue.processor';
import { MailWorker } from './mail-worker';
import { TimerReconcileRunner } from './timer-reconcile-runner';
import { TimerWorker } from './timer-worker';

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
        LaunchDialogueProcessor,
        {
          provide: FAN_OUT_OPTIONS,
          useValue: { refreshStatistics: config.database.driver === 'postgresql' } satisfies FanOutOptions,
        },
        {
          provide: OutboxPoller,
          inject: [OutboxDispatchService],
          useFactory: (outbox: OutboxDispatchService) => new OutboxPoller(outbox, config.worker.outboxPollMs),
        },
        {
          provide: TimerWorker,
          inject: [Clock, TimerFiringService, OutboxDispatchService, TimerSyncService],
          useFactory: (
            clock: Clock,
            firing: TimerFiringService,
            outbox: OutboxDispatchService,
            timers: TimerSyncService,
          ) => new TimerWorker(config, clock, firing, outbox, timers),
        },
        {
          provide: MailWorker,
          inject: [Clock, MailComposer, MailDeliveryService, OutboxDispatchService],
          useFactory: (
            clock: Clock,
            composer: MailComposer,
            delivery: MailDeliveryService,
            outbox: OutboxDispatchService,
          ) => new MailWorker(config, clock, composer, delivery, outbox, mailer),
        },
        {
          provide: TimerReconcileRunner,
          inject: [EntityManager, getQueueToken(QueueName.Timers), TimerSyncService, Clock],
          useFactory: (em: EntityManager, queue: Queue, timers: TimerSyncService, clock: Clock) =>
            new TimerReconcileRunner(config, em, queue, timers, clock),
        },
      ],
    };
  }
}
