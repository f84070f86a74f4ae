import type { Clock } from '@cascade/clock';
import type { SmtpMailer } from '@cascade/mail';
import type { MailSettings } from './mail/mail-settings';

/** What an app tells `DialogueModule.forRoot`: the same options whichever sub-module reads them. */
export interface DialogueOptions {
  workflowsDir: string;
  clock?: Clock;
  /** Every process reads the virtual clock kept in the database (see SimulatedClock). */
  simulation?: boolean;
  mail: MailSettings;
  /** Without one, mail is composed and logged but not sent. */
  mailer?: SmtpMailer | null;
  templatesDir?: string;
}
