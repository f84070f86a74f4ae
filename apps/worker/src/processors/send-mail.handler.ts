import { Injectable } from '@nestjs/common';
import { MailComposer } from '@cascade/dialogue';
import type { JobHandler, JobName, JobOf } from '@cascade/scheduling';

/** Composes one mail row per recipient of a mail decision; their deliveries leave through the outbox. */
@Injectable()
export class SendMailHandler implements JobHandler<typeof JobName.SendMail> {
  constructor(private readonly composer: MailComposer) {}

  async handle(job: JobOf<typeof JobName.SendMail>): Promise<{ composed: number }> {
    const rows = await this.composer.compose(job.data, job.id as string);
    return { composed: rows.length };
  }
}
