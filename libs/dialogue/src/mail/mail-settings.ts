import { domainOf, parseMailAddress, type MailAddress } from '@cascade/mail';
import { ValidationFailed } from '../shared/errors';

/** Who "the Ethics Office" is in mail, and the domain of every Message-ID. Injected by the apps. */
export abstract class MailSettings {
  abstract readonly ethicsOffice: MailAddress[];
  abstract readonly messageIdDomain: string;
  /** The zone Ethics Office mails are dated in. */
  abstract readonly ethicsOfficeTimeZone: string;
  /** Where token links point: `${publicUrl}/p/<token>`. */
  abstract readonly publicUrl: string;
}

/** From the configuration's ETHICS_OFFICE_EMAIL (comma-separated) and MAIL_FROM. */
export function mailSettingsOf(mail: {
  ethicsOffice: string;
  from: string | undefined;
  publicUrl: string;
}): MailSettings {
  const ethicsOffice = mail.ethicsOffice
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const parsed = ethicsOffice.map(parseMailAddress);
  if (parsed.some((address) => !address)) {
    throw new ValidationFailed([
      {
        field: 'ETHICS_OFFICE_EMAIL',
        code: 'mail-addresses',
        message: 'must be addresses like "Ethics Office <ethics@example.org>", comma-separated',
      },
    ]);
  }
  const from = mail.from ? parseMailAddress(mail.from) : undefined;
  return {
    ethicsOffice: parsed as MailAddress[],
    messageIdDomain: from ? domainOf(from.address) : 'cascade.local',
    ethicsOfficeTimeZone: 'America/New_York',
    publicUrl: mail.publicUrl.replace(/\/+$/, ''),
  };
}
