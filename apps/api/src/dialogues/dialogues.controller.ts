import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Actors, AuditService, DialogueService, ReportService } from '@cascade/dialogue';
import { auditView, dialogueView } from '../instances/views';
import { CreateDialogueDto, DialogueDatesDto } from './dialogue.dto';

@ApiTags('dialogues')
@ApiSecurity('admin-key')
@Controller('api/dialogues')
export class DialoguesController {
  constructor(
    private readonly dialogues: DialogueService,
    private readonly reports: ReportService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a dialogue year (pins the latest workflow version)' })
  async create(@Body() body: CreateDialogueDto) {
    return dialogueView(await this.dialogues.create(body, Actors.adminApiKey));
  }

  @Get()
  async list() {
    return (await this.dialogues.list()).map(dialogueView);
  }

  @Get(':year')
  @ApiOperation({ summary: 'A dialogue with its entities counted per state' })
  async get(@Param('year', ParseIntPipe) year: number) {
    const [dialogue, summary] = await Promise.all([this.dialogues.get(year), this.dialogues.summary(year)]);
    return { ...dialogueView(dialogue), entities: summary.entities, byState: summary.byState };
  }

  @Patch(':year')
  @ApiOperation({
    summary: 'Move the statistics deadline or the report cutoff; every open entity is re-planned',
    description:
      'Entities on the dialogue deadline move with it; late additions and extensions keep their own. One transaction.',
  })
  async changeDates(@Param('year', ParseIntPipe) year: number, @Body() body: DialogueDatesDto) {
    const { dialogue, entitiesMoved, entitiesReplanned } = await this.dialogues.changeDates(
      year,
      body,
      Actors.adminApiKey,
    );
    return { ...dialogueView(dialogue), entitiesMoved, entitiesReplanned };
  }

  @Post(':year/launch')
  @HttpCode(202)
  @ApiOperation({ summary: 'Launch: every entity is invited by the worker, in batches' })
  launch(@Param('year', ParseIntPipe) year: number) {
    return this.dialogues.launch(year, Actors.adminApiKey);
  }

  @Post(':year/report')
  @ApiOperation({ summary: 'Issue the report: entities move to reported or to their final state' })
  async issueReport(@Param('year', ParseIntPipe) year: number) {
    const report = await this.reports.issue(year, Actors.adminApiKey);
    return {
      version: report.version,
      issuedAt: report.issuedAt,
      issuedBy: report.issuedBy,
      ...report.content,
    };
  }

  @Get(':year/report')
  async latestReport(@Param('year', ParseIntPipe) year: number) {
    const report = await this.reports.latest(year);
    return report
      ? { version: report.version, issuedAt: report.issuedAt, issuedBy: report.issuedBy, ...report.content }
      : null;
  }

  @Get(':year/audit')
  @ApiOperation({ summary: 'The audit trail of the year, newest first (page with beforeId)' })
  async auditTrail(
    @Param('year', ParseIntPipe) year: number,
    @Query('beforeId') beforeId?: string,
    @Query('limit') limit?: string,
  ) {
    const events = await this.audit.forDialogue(year, {
      beforeId: beforeId ? Number(beforeId) : undefined,
      limit: limit ? Number(limit) : undefined,
    });
    return events.map(auditView);
  }
}
