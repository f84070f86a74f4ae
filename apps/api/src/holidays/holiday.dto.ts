import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';

/** Checked by the service, which names the field of a bad value (a 4xx with `date`, `name` or `effect`). */
export class HolidayChangeDto {
  @ApiProperty({ example: '2026-03-20', description: 'the local day at the duty station' })
  @IsOptional()
  date?: unknown;

  @ApiPropertyOptional({
    example: 'Eid al-Fitr',
    description: 'required to add; a removal takes the library name',
  })
  @IsOptional()
  name?: unknown;

  @ApiProperty({ enum: ['add', 'remove'] })
  @IsOptional()
  effect?: unknown;

  @ApiPropertyOptional({ example: 'UN list of official holidays, Beirut 2026' })
  @IsOptional()
  reason?: unknown;
}
