import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { IsDateString, IsInt, IsOptional, Max, Min } from 'class-validator';
import { SimulationService, ValidationFailed } from '@cascade/dialogue';

// `strict` refuses dates that do not exist (31 April, 30 February), which Date would roll over into the next month.
export class SetClockDto {
  @ApiProperty({ example: '2026-10-15T12:00:00Z' }) @IsDateString({ strict: true }) now!: string;
}

export class AdvanceDto {
  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z', description: 'Advance to this instant…' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;

  @ApiPropertyOptional({ example: 7, description: '…or by this many days' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(800)
  days?: number;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * ISO 8601 also has week dates (`2026-W01`) and basic forms (`20260101`) that JavaScript's Date cannot read: they
 * pass the DTO but would become an Invalid Date, so they are refused here by name.
 */
function instant(field: string, text: string): Date {
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) {
    throw new ValidationFailed([
      { field, code: 'date-time', message: 'must be a date-time such as 2026-10-15T12:00:00Z' },
    ]);
  }
  return at;
}

/**
 * The virtual clock (SIMULATION=true only, refused in production): due timers fire through the real queues
 * and workers as the clock passes them.
 */
@ApiTags('simulation')
@ApiSecurity('admin-key')
@Controller('api/simulation')
export class SimulationController {
  constructor(private readonly simulation: SimulationService) {}

  @Get('clock')
  @ApiOperation({ summary: 'The virtual now and the next pending timer' })
  status() {
    return this.simulation.status();
  }

  @Put('clock')
  @ApiOperation({ summary: 'Set the virtual now (forward only once set)' })
  async set(@Body() body: SetClockDto) {
    return { now: await this.simulation.setNow(instant('now', body.now)) };
  }

  @Post('advance')
  @HttpCode(200)
  @ApiOperation({ summary: 'Advance the virtual clock, firing every timer due on the way, in order' })
  async advance(@Body() body: AdvanceDto) {
    if ((body.to === undefined) === (body.days === undefined)) {
      throw new ValidationFailed([
        { field: 'to', code: 'give-to-or-days', message: 'give either to or days' },
      ]);
    }
    const status = await this.simulation.status();
    const to = body.to
      ? instant('to', body.to)
      : new Date(status.now.getTime() + (body.days as number) * DAY_MS);
    return this.simulation.advance(to);
  }
}
