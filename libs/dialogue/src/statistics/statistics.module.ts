import { Module } from '@nestjs/common';
import { WorkflowInstanceModule } from '../workflow-instance/workflow-instance.module';
import { ParticipationQueryService } from './participation-query.service';
import { StatisticsService } from './statistics.service';

/** The one way statistics are written, and the participation read from their latest revisions. */
@Module({
  imports: [WorkflowInstanceModule],
  providers: [StatisticsService, ParticipationQueryService],
  exports: [StatisticsService, ParticipationQueryService],
})
export class StatisticsModule {}
