import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

// Shapes only: the rules (participated ≤ eligible, sizes, dates of the year, …) are the domain's, and answer 422.

export class PortalStatisticsDto {
  @ApiProperty({ example: 120 }) @IsInt() eligibleStaff!: number;
  @ApiProperty({ example: 97 }) @IsInt() staffParticipated!: number;
  @ApiProperty({ example: 6 }) @IsInt() sessionsHeld!: number;
  @ApiProperty({ example: 5 }) @IsInt() managersLed!: number;
  @ApiProperty({ example: 4 }) @IsInt() nonStaffParticipants!: number;

  @ApiPropertyOptional({ example: { UNDP: 3 }, description: 'Participants from other agencies, per agency' })
  @IsOptional()
  @IsObject()
  otherAgencyParticipants?: Record<string, number>;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() comments?: string | null;

  @ApiPropertyOptional({
    example: true,
    description:
      'The figures are right although they differ from the recorded sessions or the reporting tree (Cascade’s ' +
      'records are incomplete). Without it such figures are answered 422, one issue per figure (`entered`, ' +
      '`recorded`) and one on `confirmDifferences`; with it they are accepted and the differences kept with the ' +
      'submission (`crossCheck`).',
  })
  @IsOptional()
  @IsBoolean()
  confirmDifferences?: boolean;
}

export class ExtensionRequestDto {
  @ApiProperty({ example: '2027-01-31' })
  @Matches(DAY, { message: 'wishedDeadline must be a date YYYY-MM-DD' })
  wishedDeadline!: string;

  @ApiProperty({ example: 'Two field missions in December' }) @IsString() reason!: string;
}

export class ScenarioProposalDto {
  @ApiProperty({ example: 'Gifts from a host government' }) @IsString() title!: string;
  @ApiProperty() @IsString() description!: string;
}

export class SeminarRequestDto {
  @ApiProperty({ example: 'Conflicts of interest' }) @IsString() topic!: string;
  @ApiProperty({ example: 'second half of October' }) @IsString() preferredPeriod!: string;
  @ApiProperty({ example: 40 }) @IsInt() expectedParticipants!: number;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() details?: string | null;
}

export class LeaderLinkDto {
  @ApiProperty({ example: 'jean.dupont@dppa.example.org', description: 'A manager of the imported tree' })
  @IsString()
  leaderEmail!: string;
}

export class SplitDto {
  @ApiProperty({ example: 2 }) @IsInt() part!: number;
  @ApiProperty({ example: 3 }) @IsInt() of!: number;
  @ApiPropertyOptional({ description: 'For parts after the first: the id of the first part', example: 41 })
  @IsOptional()
  @IsInt()
  firstPartId?: number;
}

export class SessionReportDto {
  @ApiProperty({ example: '2026-10-14' })
  @Matches(DAY, { message: 'heldOn must be a date YYYY-MM-DD' })
  heldOn!: string;

  @ApiProperty({ example: 90 }) @IsInt() durationMinutes!: number;
  @ApiProperty({ example: 'English and French', description: 'Free: multilingual sessions are encouraged' })
  @IsString()
  language!: string;

  @ApiProperty({ enum: ['in-person', 'virtual'] })
  @IsIn(['in-person', 'virtual'])
  format!: 'in-person' | 'virtual';

  @ApiProperty({ example: 14 }) @IsInt() staffParticipants!: number;
  @ApiProperty({ example: 1 }) @IsInt() nonStaffParticipants!: number;

  @ApiPropertyOptional({ example: { UNHCR: 2 }, description: 'Participants from other agencies, per agency' })
  @IsOptional()
  @IsObject()
  otherAgencyParticipants?: Record<string, number>;

  @ApiPropertyOptional({ type: SplitDto, nullable: true, description: 'Part i of n of a split session' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SplitDto)
  split?: SplitDto | null;

  @ApiPropertyOptional({ type: [String], description: 'Units joined under a higher reporting officer' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  jointUnits?: string[];

  @ApiPropertyOptional({ nullable: true, description: 'Who presented, if not the leader' })
  @IsOptional()
  @IsString()
  facilitator?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  scenarios?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Questions for the Ethics Office' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  questions?: string[];
}

export class FeedbackDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() usefulness!: number;
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() openness!: number;
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() relevance!: number;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() comment?: string | null;
}
