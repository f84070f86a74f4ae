import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { SessionModule } from '../session/session.module';
import { StatisticsModule } from '../statistics/statistics.module';
import { WorkflowInstanceModule } from '../workflow-instance/workflow-instance.module';
import { AccessTokenService } from './access-token.service';
import { PortalService } from './portal.service';
import { RequestQueryService } from './request-query.service';
import { RequestsService } from './requests.service';

/**
 * The token-link portal's domain: the access tokens, what each token role may do, and the requests it files
 * (extensions, questions, scenarios, seminars, feedback). Not named PortalModule: that is libs/portal's pages.
 */
@Module({
  imports: [OrgModule, SessionModule, StatisticsModule, WorkflowInstanceModule],
  providers: [AccessTokenService, PortalService, RequestsService, RequestQueryService],
  exports: [AccessTokenService, PortalService, RequestsService, RequestQueryService],
})
export class PortalAccessModule {}
