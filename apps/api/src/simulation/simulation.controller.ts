import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { IsDateString, IsInt, IsOptional, Max, Min } from 'class-validator';
import { SimulationService, ValidationFailed } from '@cascade/dialogue';

export class SetClockDto {
  @ApiProperty({ example: '2026-10-15T12:00:00Z' }) @IsDateString() now!: string;
}

export class AdvanceDto {
  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z', description: 'Advance to this instant…' })
  @IsOptional()
  @IsDateString()
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
    return { now: await this.simulation.setNow(new Date(body.now)) };
  }

  @Post('advance')
  @HttpCode(200)
  @ApiOperation({ summary: 'Advance the virtual clock, firing every timer due on the way, in order' })
  async advance(@Body() body: AdvanceDto) {
    if ((body.to === undefined) === (body.days === undefined)) {
      throw new ValidationFailed([{ field: 'to', message: 'give either to or days' }]);
    }
    const status = await this.simulation.status();
    const to = body.to ? new Date(body.to) : new Date(status.now.getTime() + (body.days as number) * DAY_MS);
    return this.simulation.advance(to);
  }
}
