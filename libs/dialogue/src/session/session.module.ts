import { Module } from '@nestjs/common';
import { WorkflowInstanceModule } from '../workflow-instance/workflow-instance.module';
import { SessionService } from './session.service';

/** The sessions a focal point reports (Annex C), each one a transition of the entity's instance. */
@Module({
  imports: [WorkflowInstanceModule],
  providers: [SessionService],
  exports: [SessionService],
})
export class SessionModule {}
