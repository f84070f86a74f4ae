import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { PortalCascadeService, PortalService, type PortalContext } from '@cascade/dialogue';
import { managersFilterOf, MANAGERS_PAGE_SIZE } from './managers-query';
import { ExcuseManagerDto, ManagerStandingDto, ScheduleSessionDto } from './portal-cascade.dto';
import { PortalLinks } from './portal-links';
import { PortalRateLimitGuard } from './portal-rate-limit.guard';
import {
  ExtensionRequestDto,
  FeedbackDto,
  LeaderLinkDto,
  PortalStatisticsDto,
  ScenarioProposalDto,
  SeminarRequestDto,
  SessionReportDto,
} from './portal.dto';
import { roleViewOf, type ViewServices } from './role-view';
import { AnnexEPrefillDto } from './statistics-prefill.dto';

/** The context as a link's holder may see it (the link's internal id stays inside). */
function publicContext({ tokenId: _tokenId, ...context }: PortalContext) {
  return context;
}

const TOKEN = ApiParam({
  name: 'token',
  description: 'The token of a link `/p/<token>`: it is the credential, no API key is needed',
});

/**
 * Everything the token-link pages do, as JSON. The token in the path is the credential (no admin key); the link's
 * role decides what it may do: 403 otherwise, 404 for an unknown, expired or revoked link, 422 naming every bad
 * field, 429 with Retry-After over the rate limits.
 */
@ApiTags('portal')
@Controller('api/portal')
@UseGuards(PortalRateLimitGuard)
export class PortalApiController {
  private readonly views: ViewServices;

  constructor(
    private readonly portal: PortalService,
    private readonly cascade: PortalCascadeService,
    private readonly links: PortalLinks,
  ) {
    this.views = { portal, cascade };
  }

  @Get(':token')
  @TOKEN
  @ApiOperation({
    summary: "The link's view: Focal Point, Head of Entity, leader or participants",
    description:
      'Every view has `role` and `context` (entity, state, effective deadline, …); Focal Points and Heads also get ' +
      "the cascade progress, the sessions and `managers`, a page of the entity's managers (state, subtree " +
      `progress, days lagging; ${MANAGERS_PAGE_SIZE} a page, chosen by the query as on the page), Focal Points their ` +
      "statistics and requests, leaders their own sessions and `cascade`, their place in the managers' cascade " +
      '(state, scheduled session, advice on its size; null when they lead no team of the tree). A malformed query ' +
      'value is ignored, as on the page.',
  })
  @ApiQuery({ name: 'state', required: false, description: "Managers' list: only this state" })
  @ApiQuery({ name: 'q', required: false, description: "Managers' list: part of a name or an address" })
  @ApiQuery({
    name: 'lagging',
    required: false,
    enum: ['1'],
    description: "Managers' list: only the lagging",
  })
  @ApiQuery({ name: 'page', required: false, description: "Managers' list: the page, from 1" })
  async view(@Param('token') token: string, @Query() query: Record<string, unknown>) {
    const ctx = await this.portal.resolve(token);
    const { role, view } = await roleViewOf(this.views, ctx, managersFilterOf(query ?? {}));
    return { role, ...view, context: publicContext(view.context) };
  }

  @Post(':token/statistics')
  @TOKEN
  @ApiOperation({ summary: 'Focal Point: submit or revise the statistics (Annex E)' })
  async statistics(@Param('token') token: string, @Body() body: PortalStatisticsDto) {
    return this.portal.submitStatistics(await this.portal.resolve(token), body);
  }

  @Get(':token/statistics/prefill')
  @TOKEN
  @ApiOperation({
    summary:
      'Focal Point: what the statistics form starts from (Annex E pre-filled), each figure with its source',
    description:
      'Summed from the recorded sessions (sessions held, distinct leaders, staff, non-staff and other agencies ' +
      'participants) and counted in the reporting tree (eligible staff); a previous submission wins, with what the ' +
      'records give now in `fromRecords`. Nothing is saved: submit with `POST .../statistics`.',
  })
  @ApiOkResponse({
    type: AnnexEPrefillDto,
    description: 'Every Annex E field with its suggested value and source',
  })
  async statisticsPrefill(@Param('token') token: string) {
    return this.portal.statisticsPrefill(await this.portal.resolve(token));
  }

  @Post(':token/extension-requests')
  @TOKEN
  @ApiOperation({ summary: 'Focal Point: ask the Ethics Office for a later deadline' })
  async extension(@Param('token') token: string, @Body() body: ExtensionRequestDto) {
    return this.portal.requestExtension(await this.portal.resolve(token), body);
  }

  @Post(':token/scenario-proposals')
  @TOKEN
  @ApiOperation({ summary: 'Focal Point: propose an additional scenario for the Ethics Office to review' })
  async scenario(@Param('token') token: string, @Body() body: ScenarioProposalDto) {
    return this.portal.proposeScenario(await this.portal.resolve(token), body);
  }

  @Post(':token/seminar-requests')
  @TOKEN
  @ApiOperation({ summary: 'Focal Point: request a seminar with the Ethics Office' })
  async seminar(@Param('token') token: string, @Body() body: SeminarRequestDto) {
    return this.portal.requestSeminar(await this.portal.resolve(token), body);
  }

  @Post(':token/leader-links')
  @TOKEN
  @ApiOperation({
    summary: 'Focal Point or Head: a link for a manager of the tree to record their session',
    description: 'The link is in this answer only: it is stored as a hash.',
  })
  async leaderLink(@Param('token') token: string, @Body() body: LeaderLinkDto) {
    const created = await this.portal.createLeaderLink(await this.portal.resolve(token), body.leaderEmail);
    return { link: this.links.pageOf(created.token), token: created.token };
  }

  @Post(':token/schedule')
  @TOKEN
  @ApiOperation({
    summary: "Leader: schedule the manager's own session, or change it",
    description:
      "The team (the manager's direct reports in the tree) gets a calendar invitation, or its update, in each " +
      "member's language. The answer is the manager's place in the cascade afterwards.",
  })
  @ApiCreatedResponse({ type: ManagerStandingDto, description: 'The manager, now `scheduled`' })
  async schedule(@Param('token') token: string, @Body() body: ScheduleSessionDto) {
    return this.cascade.scheduleSession(await this.portal.resolve(token), body);
  }

  @Post(':token/cancel-session')
  @TOKEN
  @ApiOperation({
    summary: "Leader: cancel the manager's scheduled session",
    description:
      "The team's invitations are cancelled and the reminders come back. 409 (`invalid-transition`) when no " +
      'session is scheduled.',
  })
  @ApiCreatedResponse({
    type: ManagerStandingDto,
    description: 'The manager, back to `your-turn` (or `waiting`)',
  })
  async cancelSession(@Param('token') token: string) {
    return this.cascade.cancelSession(await this.portal.resolve(token));
  }

  @Post(':token/excuse')
  @TOKEN
  @ApiOperation({
    summary: 'Focal Point: excuse a manager of the tree from holding a session this year (reason required)',
    description:
      'Their reminders stop. 422 naming `email` for an address that is not a manager of the tree; 409 ' +
      '(`invalid-transition`) for a manager who held their session, is excused already or left the tree.',
  })
  async excuse(@Param('token') token: string, @Body() body: ExcuseManagerDto) {
    return this.cascade.excuseManager(await this.portal.resolve(token), body.email, body.reason);
  }

  @Post(':token/sessions')
  @TOKEN
  @ApiOperation({
    summary: 'Leader or Head: record a session (Annex C)',
    description:
      'A size outside 10–25 is saved and named in `warnings`. `participantsLink` is the anonymous feedback link ' +
      '(Annex F) to share with the participants; it is in this answer only.',
  })
  async session(@Param('token') token: string, @Body() body: SessionReportDto) {
    const outcome = await this.portal.reportSession(await this.portal.resolve(token), body);
    return {
      session: outcome.session,
      warnings: outcome.warnings,
      state: outcome.state,
      participantsLink: this.links.pageOf(outcome.participantsToken),
      participantsToken: outcome.participantsToken,
    };
  }

  @Post(':token/sessions/:id/participants-link')
  @TOKEN
  @ApiOperation({
    summary: "Leader or Head: a new participants' link for a session they led",
    description:
      'The link this link made before for the session stops working; those mailed to the team stay valid. ' +
      'The new link is in this answer only.',
  })
  async participantsLink(@Param('token') token: string, @Param('id') id: string) {
    const sessionId = /^\d{1,15}$/.test(id) ? Number(id) : Number.NaN;
    const { participantsToken } = await this.portal.reissueParticipantsLink(
      await this.portal.resolve(token),
      sessionId,
    );
    return { participantsLink: this.links.pageOf(participantsToken), participantsToken };
  }

  @Post(':token/feedback')
  @HttpCode(204)
  @TOKEN
  @ApiOperation({ summary: "Participants: anonymous feedback on the link's session (Annex F)" })
  async feedback(@Param('token') token: string, @Body() body: FeedbackDto): Promise<void> {
    await this.portal.giveFeedback(await this.portal.resolve(token), body);
  }

  @Post(':token/confirmation')
  @TOKEN
  @ApiOperation({
    summary: "Head: confirm that every manager of the tree led a session (refused, naming who hasn't)",
  })
  async confirmation(@Param('token') token: string) {
    return this.portal.confirmManagersCompleted(await this.portal.resolve(token));
  }
}
