import { LANGUAGES } from '@cascade/i18n';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsEmail,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';

export class PersonDto {
  @ApiProperty() @IsString() name!: string;
  @ApiProperty() @IsEmail() email!: string;
  @ApiPropertyOptional({ enum: LANGUAGES }) @IsOptional() @IsString() language?: string;
}

/** One entity, in the JSON form of an import (CSV columns map onto these fields). */
export class EntityDto {
  @ApiProperty({ example: 'DPPA' }) @IsString() code!: string;
  @ApiProperty({ description: 'The English name' }) @IsString() name!: string;
  @ApiPropertyOptional({
    description:
      'The official names in the other languages, when the UN has them (ar, zh, fr, ru, es); a language left ' +
      'out keeps the stored name, null or "" clears it (its readers get the English name)',
    example: { fr: 'Département des affaires politiques et de la consolidation de la paix' },
  })
  @IsOptional()
  @IsObject()
  names?: Record<string, string | null>;
  @ApiProperty({ example: 'department' }) @IsString() kind!: string;
  @ApiProperty({ example: 'New York' }) @IsString() dutyStation!: string;
  @ApiProperty({ example: 'America/New_York' }) @IsString() timeZone!: string;
  @ApiProperty({ enum: LANGUAGES }) @IsString() language!: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) staff?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() headName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() headEmail?: string;

  @ApiPropertyOptional({ type: [PersonDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PersonDto)
  focalPoints?: PersonDto[];
}

export class ImportEntitiesDto {
  @ApiProperty({ type: [EntityDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => EntityDto)
  entities!: EntityDto[];
}

export class LateEntityDto extends EntityDto {
  @ApiPropertyOptional({ description: 'Instead of the accommodated deadline; never after the report cutoff' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'deadline must be a date YYYY-MM-DD' })
  deadline?: string;
}
