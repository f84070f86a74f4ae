import { LANGUAGES, type Language } from '@cascade/i18n';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches } from 'class-validator';

// The managers' cascade through a token link. Shapes only: the rules (a time that exists in the zone, after now
// and by the report cutoff, 15 to 480 minutes, a place or a link, https links) are the domain's and answer 422.

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

export class ScheduleSessionDto {
  @ApiProperty({
    example: '2026-10-14T10:30',
    description:
      "The session's start, 'YYYY-MM-DDTHH:mm' in the entity's duty-station zone (the manager's local time). A " +
      'time skipped by a clock change is refused (`local-time-gap`).',
  })
  @Matches(LOCAL_DATE_TIME, { message: "startsAt must be a local date and time 'YYYY-MM-DDTHH:mm'" })
  startsAt!: string;

  @ApiPropertyOptional({
    example: 90,
    minimum: 15,
    maximum: 480,
    description: "Length in minutes; the workflow definition's default (90) when left out",
  })
  @IsOptional()
  @IsInt()
  minutes?: number;

  @ApiPropertyOptional({ example: 'Room S-2710', nullable: true, description: 'A place, a link or both' })
  @IsOptional()
  @IsString()
  place?: string | null;

  @ApiPropertyOptional({
    example: 'https://meet.example.org/dppa-amina',
    nullable: true,
    description: 'An online meeting link (https:// or http://)',
  })
  @IsOptional()
  @IsString()
  url?: string | null;

  @ApiPropertyOptional({
    enum: LANGUAGES,
    description: "The session's language; the manager's own when left out",
  })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}

export class ExcuseManagerDto {
  @ApiProperty({ example: 'li.wei@dppa.example.org', description: 'A manager of the imported tree' })
  @IsString()
  email!: string;

  @ApiProperty({ example: 'On mission until March', description: 'Required; written to the audit trail' })
  @IsString()
  reason!: string;
}

export class ScheduledSessionDto {
  @ApiProperty({ example: '2026-10-14T14:30:00.000Z' }) startsAt!: Date;
  @ApiProperty({ example: '2026-10-14T10:30', description: "The start in the entity's zone" })
  localStartsAt!: string;

  @ApiProperty({ example: 90 }) minutes!: number;
  @ApiProperty({ example: 'Room S-2710', nullable: true, type: String }) place!: string | null;
  @ApiProperty({ example: 'https://meet.example.org/dppa-amina', nullable: true, type: String })
  url!: string | null;

  @ApiProperty({ enum: LANGUAGES }) language!: string;
}

export class PersonRefDto {
  @ApiProperty({ example: 'Jean Dupont' }) name!: string;
  @ApiProperty({ example: 'jean.dupont@dppa.example.org' }) email!: string;
}

export class SessionAdviceDto {
  @ApiProperty({
    enum: ['split', 'joint', 'single'],
    description:
      '`split`: more direct reports than `splitAbove`, hold `sessions` sessions of at most `maxSize`, all led by ' +
      'the manager; `joint`: fewer than `jointBelow`, a joint session with the `units` of the second reporting ' +
      'officer; `single`: one session.',
  })
  kind!: string;

  @ApiProperty({ example: 8 }) directReports!: number;
  @ApiPropertyOptional({ example: 2, description: '`split` only' }) sessions?: number;
  @ApiPropertyOptional({ example: 19, description: '`split` only' }) maxSize?: number;
  @ApiPropertyOptional({ type: PersonRefDto, nullable: true, description: '`joint` only' })
  secondReportingOfficer?: PersonRefDto | null;

  @ApiPropertyOptional({ type: [PersonRefDto], description: '`joint` only: the managers of the other units' })
  units?: PersonRefDto[];
}

export class AdviceParametersDto {
  @ApiProperty({ example: 25 }) splitAbove!: number;
  @ApiProperty({ example: 10 }) jointBelow!: number;
}

/** The answer of the leader link's scheduling operations: the manager's place in the cascade afterwards. */
export class ManagerStandingDto {
  @ApiProperty({ example: 'Amina Diallo' }) name!: string;
  @ApiProperty({ example: 'amina.diallo@dppa.example.org' }) email!: string;
  @ApiProperty({ enum: LANGUAGES }) language!: string;
  @ApiProperty({
    example: 'scheduled',
    description: 'waiting, your-turn, scheduled, held, excused, withdrawn or closed',
  })
  state!: string;

  @ApiProperty({ example: '2026-10-05', nullable: true, type: String }) turnOn!: string | null;
  @ApiProperty({ example: 8 }) directReports!: number;
  @ApiProperty({ example: 0 }) sessionsLed!: number;
  @ApiProperty({ nullable: true, type: String }) excuseReason!: string | null;
  @ApiProperty({ example: 'America/New_York' }) timeZone!: string;
  @ApiProperty({ type: ScheduledSessionDto, nullable: true, description: 'While scheduled only' })
  session!: ScheduledSessionDto | null;

  @ApiProperty({ example: 90 }) defaultMinutes!: number;
  @ApiProperty({ type: SessionAdviceDto }) advice!: SessionAdviceDto;
  @ApiProperty({ type: AdviceParametersDto }) parameters!: AdviceParametersDto;
}
