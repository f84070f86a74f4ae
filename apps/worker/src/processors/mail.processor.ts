import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Optional, type OnApplicationShutdown } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Clock, MailComposer, MailDeliveryService } from '@cascade/dialogue';
import { SmtpMailer } from '@cascade/mail';
import { JobName, OutboxDispatchService, QueueName, type JobPayloads } from '@cascade/scheduling';

type MailJob =
  | Job<JobPayloads[typeof JobName.SendMail], unknown, typeof JobName.SendMail>
  | Job<JobPayloads[typeof JobName.DeliverMail], unknown, typeof JobName.DeliverMail>;

/**
 * The mail queue: a `send-mail` job composes one row per recipient and queues their deliveries; a
 * `deliver-mail` job sends one row over SMTP (retried with backoff by BullMQ while the failure is temporary).
 */
@Processor(QueueName.Mail)
export class MailProcessor extends WorkerHost implements OnApplicationShutdown {
  constructor(
    private readonly composer: MailComposer,
    private readonly delivery: MailDeliveryService,
    private readonly outbox: OutboxDispatchService,
    private readonly clock: Clock,
    // The explicit token: a `SmtpMailer | null` parameter type would reach Nest's metadata as Object.
    @Optional() @Inject(SmtpMailer) private readonly mailer: SmtpMailer | null = null,
  ) {
    super();
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

  async onApplicationShutdown(): Promise<void> {
    await this.mailer?.close();
  }
}
