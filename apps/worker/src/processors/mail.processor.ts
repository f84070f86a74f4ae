import type { Provider } from '@nestjs/common';
import { Clock } from '@cascade/clock';
import type { CascadeConfig } from '@cascade/config';
import type { SmtpMailer } from '@cascade/mail';
import { JobName, QueueName } from '@cascade/scheduling';
import { DeliverMailHandler } from './deliver-mail.handler';
import { processorOf, QueueProcessor } from './queue-processor';
import { SendMailHandler } from './send-mail.handler';

/** The mail queue: composing a mail decision, and delivering one mail row. The SMTP pool closes after it. */
export const mailProcessor = (config: CascadeConfig, mailer: SmtpMailer | null): Provider => ({
  provide: processorOf(QueueName.Mail),
  inject: [Clock, SendMailHandler, DeliverMailHandler],
  useFactory: (clock: Clock, sendMail: SendMailHandler, deliverMail: DeliverMailHandler) =>
    new QueueProcessor(
      config,
      QueueName.Mail,
      { [JobName.SendMail]: sendMail, [JobName.DeliverMail]: deliverMail },
      clock,
      { afterClose: async () => mailer?.close() },
    ),
});
