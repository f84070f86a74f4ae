import { Module, type DynamicModule } from '@nestjs/common';
import { MailRenderer, SmtpMailer } from '@cascade/mail';
import type { DialogueOptions } from '../dialogue-options';
import { PortalAccessModule } from '../portal/portal-access.module';
import { MailComposer } from './mail-composer.service';
import { MailDeliveryService } from './mail-delivery.service';
import { MailLogService } from './mail-log.service';
import { MailPreviewService } from './mail-preview.service';
import { MailQueryService } from './mail-query.service';
import { MailSettings } from './mail-settings';

/**
 * Mail: composing from templates, delivering (with the token links of the portal), the log and its reads.
 * Configured by `forRoot` because the settings, the templates and the mailer come from the app.
 */
@Module({})
export class MailModule {
  static forRoot(options: Pick<DialogueOptions, 'mail' | 'mailer' | 'templatesDir'>): DynamicModule {
    return {
      module: MailModule,
      imports: [PortalAccessModule],
      providers: [
        { provide: MailSettings, useValue: options.mail },
        { provide: MailRenderer, useFactory: () => MailRenderer.fromDirectory(options.templatesDir) },
        ...(options.mailer ? [{ provide: SmtpMailer, useValue: options.mailer }] : []),
        MailComposer,
        MailDeliveryService,
        MailLogService,
        MailQueryService,
        MailPreviewService,
      ],
      exports: [
        MailSettings,
        MailRenderer,
        MailComposer,
        MailDeliveryService,
        MailLogService,
        MailQueryService,
        MailPreviewService,
      ],
    };
  }
}
