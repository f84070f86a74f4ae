import { Module } from '@nestjs/common';
import { LaunchPreviewQueryService } from './launch-preview-query.service';
import { RemindNowService } from './remind-now.service';

/** Reaching entities from the console: the launch's first mails before it, a reminder on demand after it. */
@Module({
  providers: [RemindNowService, LaunchPreviewQueryService],
  exports: [RemindNowService, LaunchPreviewQueryService],
})
export class OutreachModule {}
