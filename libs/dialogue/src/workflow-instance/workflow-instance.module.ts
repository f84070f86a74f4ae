import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { EntityWorkflowService } from './entity-workflow.service';
import { InstanceQueryService } from './instance-query.service';
import { InvitationService } from './invitation.service';

/** Each entity's workflow instance: its transitions, the invitations that open it, and its timeline reads. */
@Module({
  imports: [OrgModule],
  providers: [EntityWorkflowService, InvitationService, InstanceQueryService],
  exports: [EntityWorkflowService, InvitationService, InstanceQueryService],
})
export class WorkflowInstanceModule {}
