import { Module } from '@nestjs/common';
import { WorkflowInstanceModule } from '../workflow-instance/workflow-instance.module';
import { AnnexEPrefillQueryService } from './annex-e-prefill-query.service';
import { ParticipationQueryService } from './participation-query.service';
import { StatisticsService } from './statistics.service';

/**
 * The one way statistics are written, the participation read from their latest revisions, and what the Focal
 * Point's form starts from (Annex E pre-filled from the records).
 */
@Module({
  imports: [WorkflowInstanceModule],
  providers: [StatisticsService, ParticipationQueryService, AnnexEPrefillQueryService],
  exports: [StatisticsService, ParticipationQueryService, AnnexEPrefillQueryService],
})
export class StatisticsModule {}
