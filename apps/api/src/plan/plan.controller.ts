import { Controller, Get, Header, Param, ParseIntPipe, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PlanPreviewService, ValidationFailed } from '@cascade/dialogue';
import { planCsv, planRowView } from './plan-views';

@ApiTags('timers')
@ApiSecurity('admin-key')
@Controller('api/dialogues/:year/plan')
export class PlanController {
  constructor(private readonly plans: PlanPreviewService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Every timer of the year per entity, with its local and UTC time and the mail it sends',
    description:
      'After launch: the timer rows (pending by default; `status=all` for the whole history). Before launch: what launching at `launchAt` (default now) would plan, with the escalations an overdue entity would get. `format=csv` (or Accept: text/csv) gives the same rows as CSV.',
  })
  @ApiQuery({ name: 'entity', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['pending', 'fired', 'skipped', 'cancelled', 'all'] })
  @ApiQuery({ name: 'launchAt', required: false, description: 'ISO instant, before launch only' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiProduces('application/json', 'text/csv')
  async plan(
    @Param('year', ParseIntPipe) year: number,
    @Res({ passthrough: true }) response: Response,
    @Query('entity') entity?: string,
    @Query('status') status?: string,
    @Query('launchAt') launchAt?: string,
    @Query('format') format?: string,
  ) {
    if (format !== undefined && format !== 'json' && format !== 'csv') {
      throw new ValidationFailed([
        { field: 'format', code: 'one-of', message: 'must be json or csv', params: { values: 'json, csv' } },
      ]);
    }
    const at = launchAt === undefined ? undefined : new Date(launchAt);
    if (at && Number.isNaN(at.getTime())) {
      throw new ValidationFailed([
        { field: 'launchAt', code: 'date-time', message: 'must be an ISO date-time' },
      ]);
    }
    const result = await this.plans.forDialogue(year, { entity, status, launchAt: at });
    const wantsCsv =
      format === 'csv' || (format === undefined && response.req.accepts(['json', 'csv']) === 'csv');
    if (wantsCsv) {
      response.type('text/csv').attachment(`cascade-${year}-plan.csv`);
      return planCsv(result.timers);
    }
    return { ...result, timers: result.timers.map(planRowView) };
  }
}
