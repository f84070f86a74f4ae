import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import {
  Actors,
  DutyStationHolidaysService,
  libraryHolidays,
  ValidationFailed,
  type DutyStationHoliday,
} from '@cascade/dialogue';
import { HolidayChangeDto } from './holiday.dto';

const holidayView = (h: DutyStationHoliday) => ({
  date: h.date,
  name: h.name,
  effect: h.effect,
  createdBy: h.createdBy,
  createdAt: h.createdAt.toISOString(),
});

function reasonOf(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > 2000) {
    throw new ValidationFailed([
      {
        field: 'reason',
        code: 'too-long',
        message: 'must be text of at most 2000 characters',
        params: { max: 2000 },
      },
    ]);
  }
  return value;
}

@ApiTags('holidays')
@ApiSecurity('admin-key')
@Controller('api/duty-stations/:station/holidays')
export class HolidaysController {
  constructor(private readonly holidays: DutyStationHolidaysService) {}

  @Get()
  @ApiOperation({
    summary: "A duty station's holidays: the library's of a year and the Ethics Office's changes",
  })
  @ApiQuery({
    name: 'year',
    required: false,
    description: 'the library holidays of this year (default: none)',
  })
  async list(@Param('station') station: string, @Query('year') year?: string) {
    if (year !== undefined && !/^\d{4}$/.test(year)) {
      throw new ValidationFailed([{ field: 'year', code: 'year-range', message: 'must be a year YYYY' }]);
    }
    const { dutyStation, region, changes } = await this.holidays.list(station);
    return {
      dutyStation,
      region,
      library:
        year === undefined
          ? []
          : [...libraryHolidays(dutyStation, Number(year))].map(([date, name]) => ({ date, name })),
      changes: changes.map(holidayView),
    };
  }

  @Post()
  @ApiOperation({
    summary: 'Add a holiday at the duty station, or remove a library one the UN does not observe there',
    description:
      "Replaces the Ethics Office's earlier change of that day. The station's open entities are re-planned.",
  })
  async change(@Param('station') station: string, @Body() body: HolidayChangeDto) {
    const result = await this.holidays.change(station, body, Actors.adminApiKey, reasonOf(body.reason));
    return {
      ...holidayView(result.holiday),
      entitiesReplanned: result.entitiesReplanned,
      managersReplanned: result.managersReplanned,
    };
  }

  @Delete(':date')
  @ApiOperation({
    summary: "Withdraw the Ethics Office's change of that day: the library's word applies again",
  })
  async withdraw(@Param('station') station: string, @Param('date') date: string) {
    return this.holidays.withdraw(station, date, Actors.adminApiKey);
  }
}
