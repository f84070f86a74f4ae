import { Body, Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';
import { Actors, RequestsService } from '@cascade/dialogue';

export class GrantRequestDto {
  @ApiProperty({ example: 'Relocation of the mission accepted' }) @IsString() reason!: string;
  @ApiPropertyOptional({ description: 'Instead of the wished date', example: '2027-01-31' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'deadline must be a date YYYY-MM-DD' })
  deadline?: string;
}

export class RefuseRequestDto {
  @ApiProperty({ example: 'The report cutoff cannot move' }) @IsString() reason!: string;
}

export class ScenarioDecisionDto {
  @ApiProperty() @IsBoolean() approve!: boolean;
  @ApiProperty({ example: 'Approved: use it after scenario 3' }) @IsString() feedback!: string;
}

export class AnswerDto {
  @ApiProperty() @IsString() answer!: string;
}

/** What entities ask of the Ethics Office, and its decisions: each one transaction, audited. */
@ApiTags('requests')
@ApiSecurity('admin-key')
@Controller('api')
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  @Get('dialogues/:year/extension-requests')
  async extensionRequests(@Param('year', ParseIntPipe) year: number, @Query('status') status?: string) {
    return (await this.requests.extensionRequests(year, status)).map((r) => ({
      id: r.id,
      entity: r.workflow.entity.code,
      wishedDeadline: r.wishedDeadline,
      reason: r.reason,
      requestedBy: r.requestedBy,
      requestedAt: r.requestedAt,
      status: r.status,
      decisionReason: r.decisionReason,
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt,
    }));
  }

  @Post('extension-requests/:id/grant')
  @ApiOperation({ summary: 'Grant as an extension (warns when it ends after the report cutoff)' })
  async grant(@Param('id', ParseIntPipe) id: number, @Body() body: GrantRequestDto) {
    const { instance, warnings } = await this.requests.grantExtensionRequest(id, body, Actors.adminApiKey);
    return {
      entity: instance.entity.code,
      state: instance.state,
      effectiveDeadline: instance.effectiveDeadline,
      warnings,
    };
  }

  @Post('extension-requests/:id/refuse')
  @ApiOperation({ summary: 'Refuse with a reason; the Focal Points are told by mail' })
  async refuse(@Param('id', ParseIntPipe) id: number, @Body() body: RefuseRequestDto) {
    const request = await this.requests.refuseExtensionRequest(id, body.reason, Actors.adminApiKey);
    return { id: request.id, status: request.status, decisionReason: request.decisionReason };
  }

  @Get('dialogues/:year/scenario-proposals')
  async scenarios(@Param('year', ParseIntPipe) year: number) {
    return (await this.requests.scenarioProposals(year)).map((p) => ({
      id: p.id,
      entity: p.workflow.entity.code,
      title: p.title,
      description: p.description,
      proposedBy: p.proposedBy,
      status: p.status,
      feedback: p.feedback,
    }));
  }

  @Post('scenario-proposals/:id/decision')
  @ApiOperation({ summary: 'Approve or reject an additional scenario, with feedback' })
  async decide(@Param('id', ParseIntPipe) id: number, @Body() body: ScenarioDecisionDto) {
    const p = await this.requests.decideScenario(id, body.approve, body.feedback, Actors.adminApiKey);
    return { id: p.id, status: p.status, feedback: p.feedback };
  }

  @Get('dialogues/:year/questions')
  async questions(@Param('year', ParseIntPipe) year: number, @Query('unanswered') unanswered?: string) {
    return (await this.requests.questions(year, { unanswered: unanswered === 'true' })).map((q) => ({
      id: q.id,
      entity: q.session.workflow.entity.code,
      session: q.session.id,
      leader: q.session.leaderEmail,
      text: q.text,
      answer: q.answer,
      answeredAt: q.answeredAt,
    }));
  }

  @Post('questions/:id/answer')
  async answer(@Param('id', ParseIntPipe) id: number, @Body() body: AnswerDto) {
    const q = await this.requests.answerQuestion(id, body.answer, Actors.adminApiKey);
    return { id: q.id, answer: q.answer, answeredAt: q.answeredAt };
  }
}
