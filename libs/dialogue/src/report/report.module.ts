import { Module } from '@nestjs/common';
import { ReportService } from './report.service';

/** The year's report: a draft, issuing a version, and reading the issued versions back. */
@Module({
  providers: [ReportService],
  exports: [ReportService],
})
export class ReportModule {}
