import { Body, Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import {
  Actors,
  EntityWorkflowService,
  InvitationService,
  SessionService,
  StatisticsService,
  type TransitionOutcome,
} from '@cascade/dialogue';
import {
  ExtensionDto,
  OverrideDto,
  ReasonDto,
  RecordSessionDto,
  StatisticsDto,
} from '../dialogues/dialogue.dto';
import { LateEntityDto } from '../entities/entity.dto';
import { auditView, instanceView } from './views';

const outcomeView = ({ instance, result, warnings }: TransitionOutcome) => ({
  ...instanceView(instance),
  transition: { event: result.event, from: result.from, to: result.to },
  warnings,
});

@ApiTags('entities in a dialogue')
@ApiSecurity('admin-key')
@Controller('api/dialogues/:year/entities')
export class InstancesController {
  constructor(
    private readonly workflows: EntityWorkflowService,
    private readonly invitations: InvitationService,
    private readonly sessions: SessionService,
    private readonly statistics: StatisticsService,
  ) {}

  @Get()
  async list(@Param('year', ParseIntPipe) year: number, @Query('state') state?: string) {
    const instances = await this.workflows.list(year, { state });
    const next = await this.workflows.nextTimers(instances, { all: !state });
    return instances.map((instance) => instanceView(instance, next.get(instance.id) ?? null));
  }

  @Get(':code')
  @ApiOperation({ summary: 'One entity: state, deadlines, allowed overrides and audit trail' })
  async get(@Param('year', ParseIntPipe) year: number, @Param('code') code: string) {
    const instance = await this.workflows.get(year, code);
    const [trail, next] = await Promise.all([
      this.workflows.auditTrail(year, code),
      this.workflows.nextTimers([instance]),
    ]);
    return {
      ...instanceView(instance, next.get(instance.id) ?? null),
      allowedOverrides: this.workflows.allowedOverrides(instance),
      audit: trail.map(auditView),
    };
  }

  @Post()
  @ApiOperation({ summary: 'Add a late entity: invited at once with an accommodated deadline' })
  async addLate(@Param('year', ParseIntPipe) year: number, @Body() body: LateEntityDto) {
    const { instance, accommodatedDeadline } = await this.invitations.addLateEntity(
      year,
      body,
      Actors.adminApiKey,
    );
    return { ...instanceView(instance), accommodatedDeadline };
  }

  @Post(':code/sessions')
  @ApiOperation({ summary: 'Record a session (the first one moves the entity to cascading)' })
  async recordSession(
    @Param('year', ParseIntPipe) year: number,
    @Param('code') code: string,
    @Body() body: RecordSessionDto,
  ) {
    const outcome = await this.sessions.record(year, code, body, Actors.adminApiKey);
    return {
      ...outcomeView(outcome),
      session: { id: outcome.session.id, sizeWarning: outcome.session.sizeWarning },
    };
  }

  @Post(':code/statistics')
  @ApiOperation({ summary: 'Submit or revise the Annex E statistics' })
  async submitStatistics(
    @Param('year', ParseIntPipe) year: number,
    @Param('code') code: string,
    @Body() body: StatisticsDto,
  ) {
    const outcome = await this.statistics.submit(year, code, body, Actors.adminApiKey);
    return { ...outcomeView(outcome), revision: outcome.submission.revision };
  }

  @Post(':code/withdraw')
  async withdraw(
    @Param('year', ParseIntPipe) year: number,
    @Param('code') code: string,
    @Body() body: ReasonDto,
  ) {
    return outcomeView(await this.workflows.withdraw(year, code, body.reason, Actors.adminApiKey));
  }

  @Post(':code/override')
  @ApiOperation({ summary: 'Move to a state the definition allows from the current one; reason required' })
  async override(
    @Param('year', ParseIntPipe) year: number,
    @Param('code') code: string,
    @Body() body: OverrideDto,
  ) {
    return outcomeView(
      await this.workflows.override(year, code, body.state, body.reason, Actors.adminApiKey),
    );
  }

  @Post(':code/extension')
  @ApiOperation({ summary: 'Grant an extension; warns when it ends after the report cutoff' })
  async grantExtension(
    @Param('year', ParseIntPipe) year: number,
    @Param('code') code: string,
    @Body() body: ExtensionDto,
  ) {
    return outcomeView(
      await this.workflows.grantExtension(year, code, body.deadline, body.reason, Actors.adminApiKey),
    );
  }
}
