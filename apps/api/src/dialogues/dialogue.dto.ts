import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsObject, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** English is required; the other official languages are given when the text or guide exists in them. */
export class LocalizedTextDto {
  @ApiProperty() @IsString() en!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() ar?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() zh?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() fr?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() ru?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() es?: string;
}

export class MaterialsDto {
  @ApiProperty({ type: LocalizedTextDto })
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  @IsDefined()
  leadersGuide!: LocalizedTextDto;

  @ApiProperty({ type: LocalizedTextDto })
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  @IsDefined()
  participantsGuide!: LocalizedTextDto;

  @ApiProperty({ type: LocalizedTextDto })
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  @IsDefined()
  presentation!: LocalizedTextDto;
}

export class CreateDialogueDto {
  @ApiProperty({ example: 2026 }) @IsInt() year!: number;

  @ApiProperty({ type: LocalizedTextDto })
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  @IsDefined()
  topic!: LocalizedTextDto;

  @ApiProperty({ type: MaterialsDto })
  @ValidateNested()
  @Type(() => MaterialsDto)
  @IsDefined()
  materials!: MaterialsDto;

  @ApiPropertyOptional({ description: 'Default: 31 December of the year', example: '2026-12-31' })
  @IsOptional()
  @Matches(DAY, { message: 'statisticsDeadline must be a date YYYY-MM-DD' })
  statisticsDeadline?: string;

  @ApiPropertyOptional({
    description: 'Default: the last day of February of the next year',
    example: '2027-02-28',
  })
  @IsOptional()
  @Matches(DAY, { message: 'reportCutoff must be a date YYYY-MM-DD' })
  reportCutoff?: string;

  @ApiPropertyOptional({
    description: 'Workflow definition id; its latest version is pinned',
    example: 'leadership-dialogue',
  })
  @IsOptional()
  @IsString()
  workflowId?: string;
}

export class ReasonDto {
  @ApiProperty({ description: 'Why; written to the audit trail' }) @IsString() reason!: string;
}

export class OverrideDto extends ReasonDto {
  @ApiProperty({ description: 'Target state; must be allowed by the definition from the current state' })
  @IsString()
  state!: string;
}

export class ExtensionDto extends ReasonDto {
  @ApiProperty({ example: '2027-01-31' })
  @Matches(DAY, { message: 'deadline must be a date YYYY-MM-DD' })
  deadline!: string;
}

export class RecordSessionDto {
  @ApiProperty({ example: 'head@dppa.example.org' }) @IsString() leaderEmail!: string;
  @ApiProperty({ example: '2026-11-20' })
  @Matches(DAY, { message: 'heldOn must be a date YYYY-MM-DD' })
  heldOn!: string;
  @ApiProperty({ example: 'en', description: 'Free: multilingual sessions are encouraged' })
  @IsString()
  language!: string;
  @ApiProperty({ example: 14 }) @IsInt() participants!: number;
}

export class StatisticsDto {
  @ApiProperty() @IsInt() eligibleStaff!: number;
  @ApiProperty() @IsInt() staffParticipated!: number;
  @ApiProperty() @IsInt() sessionsHeld!: number;
  @ApiProperty() @IsInt() managersLed!: number;
  @ApiProperty() @IsInt() nonStaffParticipants!: number;

  @ApiPropertyOptional({ example: { UNDP: 3 }, description: 'Participants from other agencies, per agency' })
  @IsOptional()
  @IsObject()
  otherAgencyParticipants?: Record<string, number>;

  @ApiPropertyOptional() @IsOptional() @IsString() comments?: string;
}

export class DialogueDatesDto {
  @ApiPropertyOptional({ example: '2027-01-15' })
  @IsOptional()
  @Matches(DAY, { message: 'statisticsDeadline must be a date YYYY-MM-DD' })
  statisticsDeadline?: string;

  @ApiPropertyOptional({ example: '2027-03-15' })
  @IsOptional()
  @Matches(DAY, { message: 'reportCutoff must be a date YYYY-MM-DD' })
  reportCutoff?: string;

  @ApiProperty({ example: 'Year-end closure moved by the Secretary-General' })
  @IsString()
  reason!: string;
}
