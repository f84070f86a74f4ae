import type { Job } from 'bullmq';
import type { CascadeConfig } from '@cascade/config';
import type { Clock, MailComposer, MailDeliveryService } from '@cascade/dialogue';
import type { SmtpMailer } from '@cascade/mail';
import { JobName, QueueName, type JobPayloads, type OutboxDispatchService } from '@cascade/scheduling';
import { QueueWorker } from './queue-worker';

type MailJob =
  | Job<JobPayloads[typeof JobName.SendMail], unknown, typeof JobName.SendMail>
  | Job<JobPayloads[typeof JobName.DeliverMail], unknown, typeof JobName.DeliverMail>;

/**
 * The mail queue: a `send-mail` job composes one row per recipient and queues their deliveries; a
 * `deliver-mail` job sends one row over SMTP (retried with backoff by BullMQ while the failure is temporary).
 */
export class MailWorker extends QueueWorker {
  constructor(
    config: CascadeConfig,
    private readonly clock: Clock,
    private readonly composer: MailComposer,
    private readonly delivery: MailDeliveryService,
    private readonly outbox: OutboxDispatchService,
    private readonly mailer: SmtpMailer | null,
  ) {
    super(config, QueueName.Mail);
  }

  async process(job: MailJob) {
    await this.clock.sync();
    if (job.name === JobName.SendMail) {
      const rows = await this.composer.compose(job.data, job.id as string);
      await this.outbox.dispatchNow();
      return { composed: rows.length };
    }
    if (job.name === JobName.DeliverMail) {
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      return { outcome: await this.delivery.deliver(job.data.mailId, { lastAttempt }) };
    }
    throw new Error(`unexpected job ${(job as Job).name} on ${QueueName.Mail}`);
  }

  override async onApplicationShutdown(): Promise<void> {
    await super.onApplicationShutdown();
    await this.mailer?.close();
  }
}
