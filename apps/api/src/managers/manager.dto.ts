import { LANGUAGES, type Language } from '@cascade/i18n';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

// Requests of the managers' cascade. Shapes only (400 naming the field): the rules — a state the pinned
// definition has, a local time that exists in the entity's zone, after now and by the report cutoff, 15 to 480
// minutes, a place or a link, https links, a reason — are the domain's and answer 422.

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

export class ManagerListQueryDto {
  @ApiPropertyOptional({
    example: 'your-turn',
    description:
      'Only managers in this state of the manager workflow: waiting, your-turn, scheduled, held, excused, ' +
      'withdrawn, closed (a state the year’s pinned definition lacks answers 422)',
  })
  @IsOptional()
  @Matches(/^[a-z][a-z-]{0,39}$/, { message: 'state must be a state name such as your-turn' })
  state?: string;

  @ApiPropertyOptional({ example: 'dupont', description: 'Part of a name or an address (case ignored)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Only managers whose turn came longer ago than the definition’s `laggingAfterDays` (14)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  lagging?: 'true' | 'false';

  @ApiPropertyOptional({ example: 0, description: 'Managers to skip (default 0)' })
  @IsOptional()
  @Matches(/^\d{1,7}$/, { message: 'offset must be a whole number from 0 to 9999999' })
  offset?: string;

  @ApiPropertyOptional({ example: 50, description: 'Page size, 1 to 500 (default 50)' })
  @IsOptional()
  @Matches(/^([1-9]\d?|[1-4]\d\d|500)$/, { message: 'limit must be a whole number from 1 to 500' })
  limit?: string;
}

export class ScheduleDto {
  @ApiProperty({
    example: '2026-10-14T10:30',
    description:
      "The session's start, 'YYYY-MM-DDTHH:mm' in the entity's duty-station zone (the manager's local time); a " +
      'time skipped by a clock change is refused (`local-time-gap`)',
  })
  @Matches(LOCAL_DATE_TIME, { message: "startsAt must be a local date and time 'YYYY-MM-DDTHH:mm'" })
  startsAt!: string;

  @ApiPropertyOptional({
    example: 90,
    minimum: 15,
    maximum: 480,
    description: "Minutes; the definition's `sessionMinutes` (90) when left out",
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

  @ApiPropertyOptional({ enum: LANGUAGES, description: "The manager's language when left out" })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}

// Answers, for OpenAPI only.

export class SubtreeProgressDto {
  @ApiProperty({
    example: 14,
    description: 'Managers in the subtree, the manager included (withdrawn left out)',
  })
  managers!: number;

  @ApiProperty({ example: 5, description: 'Of them, those whose session is held' }) held!: number;
}

export class ManagerRowDto {
  @ApiProperty({ example: 'Jean Dupont' }) name!: string;
  @ApiProperty({ example: 'jean.dupont@dppa.example.org' }) email!: string;
  @ApiProperty({ example: 'head@dppa.example.org', nullable: true, type: String }) managerEmail!:
    string | null;
  @ApiProperty({ enum: LANGUAGES }) language!: string;
  @ApiProperty({ example: 'your-turn' }) state!: string;
  @ApiProperty({ example: 12 }) directReports!: number;
  @ApiProperty({ example: '2026-10-05', nullable: true, type: String, description: 'Local day of the turn' })
  turnOn!: string | null;

  @ApiProperty({ example: 0 }) sessionsLed!: number;
  @ApiProperty({ nullable: true, type: Date }) sessionStartsAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'While excused' }) excuseReason!: string | null;
  @ApiProperty({
    example: 20,
    nullable: true,
    type: Number,
    description: 'Days since the turn came, when lagging; null otherwise',
  })
  laggingDays!: number | null;

  @ApiProperty({ type: SubtreeProgressDto }) subtree!: SubtreeProgressDto;
}

export class ManagerListDto {
  @ApiProperty({ type: [String], example: ['waiting', 'your-turn', 'scheduled', 'held', 'excused'] })
  states!: string[];

  @ApiProperty({ example: 120, description: 'Managers matching the filters' }) total!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { held: 31, 'your-turn': 40, waiting: 49 },
    description: 'Every manager of the entity by state, whatever the filters',
  })
  byState!: Record<string, number>;

  @ApiProperty({ example: 17, description: 'Lagging managers of the entity, whatever the filters' })
  lagging!: number;

  @ApiProperty({ example: 14 }) laggingAfterDays!: number;
  @ApiProperty({ type: [ManagerRowDto], description: 'The page, by name' }) managers!: ManagerRowDto[];
}

export class ScheduledSessionViewDto {
  @ApiProperty({ example: '2026-10-14T07:30:00.000Z' }) startsAt!: Date;
  @ApiProperty({ example: '2026-10-14T10:30:00+03:00', description: "In the entity's zone" })
  localStartsAt!: string;
  @ApiProperty({ example: 90 }) minutes!: number;
  @ApiProperty({ example: 'Room 4', nullable: true, type: String }) place!: string | null;
  @ApiProperty({ nullable: true, type: String }) url!: string | null;
  @ApiProperty({ enum: LANGUAGES }) language!: string;
}

export class ManagerDto {
  @ApiProperty({ example: 'jean.dupont@dppa.example.org' }) email!: string;
  @ApiProperty({ example: 'Jean Dupont' }) name!: string;
  @ApiProperty({ enum: LANGUAGES }) language!: string;
  @ApiProperty({ example: 'head@dppa.example.org', nullable: true, type: String }) managerEmail!:
    string | null;
  @ApiProperty({ example: 12 }) directReports!: number;
  @ApiProperty({ example: 'scheduled' }) state!: string;
  @ApiProperty({ nullable: true, type: Date }) turnAt!: Date | null;
  @ApiProperty({ example: 0 }) sessionsLed!: number;
  @ApiProperty({ type: ScheduledSessionViewDto, nullable: true, description: 'While scheduled' })
  session!: ScheduledSessionViewDto | null;

  @ApiProperty({ example: 1, description: 'The team invitation’s SEQUENCE: raised by every change' })
  calendarSequence!: number;

  @ApiProperty({ nullable: true, type: String }) excuseReason!: string | null;
  @ApiProperty() updatedAt!: Date;
  @ApiProperty({ example: 3 }) version!: number;
}
