import { Injectable } from '@nestjs/common';
import { MailSettings } from '@cascade/dialogue';

/** Token links as people receive them: `${PUBLIC_URL}/p/<token>`, the same address the mails carry. */
@Injectable()
export class PortalLinks {
  constructor(private readonly mail: MailSettings) {}

  pageOf(token: string): string {
    return `${this.mail.publicUrl}/p/${encodeURIComponent(token)}`;
  }
}
