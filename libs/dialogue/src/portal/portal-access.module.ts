import { Module } from '@nestjs/common';
import { CascadeModule } from '../cascade/cascade.module';
import { OrgModule } from '../org/org.module';
import { SessionModule } from '../session/session.module';
import { StatisticsModule } from '../statistics/statistics.module';
import { WorkflowInstanceModule } from '../workflow-instance/workflow-instance.module';
import { AccessTokenService } from './access-token.service';
import { PortalCascadeService } from './portal-cascade.service';
import { PortalService } from './portal.service';
import { RequestQueryService } from './request-query.service';
import { RequestsService } from './requests.service';

/**
 * The token-link portal's domain: the access tokens, what each token role may do, the requests it files
 * (extensions, questions, scenarios, seminars, feedback) and the managers' cascade as the links see it. Not named
 * PortalModule: that is libs/portal's pages.
 */
@Module({
  imports: [CascadeModule, OrgModule, SessionModule, StatisticsModule, WorkflowInstanceModule],
  providers: [AccessTokenService, PortalService, PortalCascadeService, RequestsService, RequestQueryService],
  exports: [AccessTokenService, PortalService, PortalCascadeService, RequestsService, RequestQueryService],
})
export class PortalAccessModule {}
