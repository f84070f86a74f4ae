import { Injectable } from '@nestjs/common';
import { MailDeliveryService } from '@cascade/dialogue';
import type { JobHandler, JobName, JobOf } from '@cascade/scheduling';

/** Sends one mail row over SMTP; BullMQ retries with backoff while the failure is temporary. */
@Injectable()
export class DeliverMailHandler implements JobHandler<typeof JobName.DeliverMail> {
  constructor(private readonly delivery: MailDeliveryService) {}

  async handle(job: JobOf<typeof JobName.DeliverMail>) {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return { outcome: await this.delivery.deliver(job.data.mailId, { lastAttempt }) };
  }
}
