import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actors, AuditService, DialogueService, ReportService } from '@cascade/dialogue';
import { auditView, dialogueView } from '../instances/views';
import { CreateDialogueDto, DialogueDatesDto } from './dialogue.dto';
import { optionalWholeNumber } from '../http/query-params';
import { ReportSettings } from '../report/report-pdf';
import { REPORT_FORMATS, sendReport } from '../report/send-report';

@ApiTags('dialogues')
@ApiSecurity('admin-key')
@Controller('api/dialogues')
export class DialoguesController {
  constructor(
    private readonly dialogues: DialogueService,
    private readonly reports: ReportService,
    private readonly audit: AuditService,
    private readonly reportSettings: ReportSettings,
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
  @ApiOperation({
    summary: 'Launch: every entity is invited by the worker, in batches',
    description:
      'The answer links the launch status (also in the Location header) to follow the invitations.',
  })
  async launch(@Param('year', ParseIntPipe) year: number, @Res({ passthrough: true }) res: Response) {
    const launched = await this.dialogues.launch(year, Actors.adminApiKey);
    const status = `/api/dialogues/${year}/launch`;
    res.setHeader('Location', status);
    return { ...launched, status };
  }

  @Get(':year/launch')
  @ApiOperation({
    summary:
      'The launch status: entities to invite, invited so far, their invitation mails by delivery status',
  })
  launchStatus(@Param('year', ParseIntPipe) year: number) {
    return this.dialogues.launchStatus(year);
  }

  @Post(':year/report')
  @ApiOperation({
    summary: 'Issue the report as a new, frozen version',
    description:
      'The first issue moves every open entity to its final state (reported when listed as completed). A re-issue adds a version listing what changed since the one before.',
  })
  async issueReport(@Param('year', ParseIntPipe) year: number) {
    const report = await this.reports.issue(year, Actors.adminApiKey);
    return {
      version: report.version,
      issuedAt: report.issuedAt,
      issuedBy: report.issuedBy,
      ...report.content,
    };
  }

  @Get(':year/report/draft')
  @ApiOperation({ summary: 'What the report would say now (nothing is issued)' })
  @ApiQuery({ name: 'format', required: false, enum: REPORT_FORMATS })
  @ApiProduces('application/json', 'text/csv', 'text/html', 'application/pdf')
  async draftReport(
    @Param('year', ParseIntPipe) year: number,
    @Res({ passthrough: true }) response: Response,
    @Query('format') format?: string,
  ) {
    return sendReport(
      response,
      `cascade-${year}-report-draft`,
      await this.reports.draft(year),
      undefined,
      format,
      this.reportSettings,
    );
  }

  @Get(':year/reports')
  @ApiOperation({ summary: 'The issued versions of the report' })
  versions(@Param('year', ParseIntPipe) year: number) {
    return this.reports.versions(year);
  }

  @Get(':year/reports/:version')
  @ApiOperation({ summary: 'One issued version, as JSON, CSV, printable HTML or PDF' })
  @ApiQuery({ name: 'format', required: false, enum: REPORT_FORMATS })
  @ApiProduces('application/json', 'text/csv', 'text/html', 'application/pdf')
  async reportVersion(
    @Param('year', ParseIntPipe) year: number,
    @Param('version', ParseIntPipe) version: number,
    @Res({ passthrough: true }) response: Response,
    @Query('format') format?: string,
  ) {
    const report = await this.reports.version(year, version);
    return sendReport(
      response,
      `cascade-${year}-report-v${version}`,
      report.content,
      report,
      format,
      this.reportSettings,
    );
  }

  @Get(':year/report')
  @ApiOperation({ summary: 'The latest issued version (null before the first issue)' })
  @ApiQuery({ name: 'format', required: false, enum: REPORT_FORMATS })
  async latestReport(
    @Param('year', ParseIntPipe) year: number,
    @Res({ passthrough: true }) response: Response,
    @Query('format') format?: string,
  ) {
    const report = await this.reports.latest(year);
    if (!report) return null;
    return sendReport(
      response,
      `cascade-${year}-report-v${report.version}`,
      report.content,
      report,
      format,
      this.reportSettings,
    );
  }

  @Get(':year/audit')
  @ApiOperation({ summary: 'The audit trail of the year, newest first (page with beforeId)' })
  async auditTrail(
    @Param('year', ParseIntPipe) year: number,
    @Query('beforeId') beforeId?: string,
    @Query('limit') limit?: string,
  ) {
    const events = await this.audit.forDialogue(year, {
      beforeId: optionalWholeNumber('beforeId', beforeId),
      limit: optionalWholeNumber('limit', limit, { max: 1000 }),
    });
    return events.map(auditView);
  }
}
