import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';

// The answer of GET /api/portal/{token}/statistics/prefill, for OpenAPI only: the domain builds it
// (AnnexEPrefill, libs/dialogue), these classes describe it.

const SOURCE: ApiPropertyOptions = {
  enum: ['sessions', 'tree', 'previous-submission', 'none'],
  description:
    '`sessions`: summed from the recorded sessions; `tree`: counted in the reporting tree; `previous-submission`: ' +
    'what the Focal Point submitted last (it wins over the records); `none`: nothing known, `value` is null.',
};
const DETAIL: ApiPropertyOptions = {
  example: '22 recorded sessions',
  description: 'In English; say it from `source` and `params`.',
};
const PARAMS: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
  example: { sessions: 22 },
  description: 'The counts the detail names (sessions, people, managers, withoutBreakdown, revision…).',
};
const AGENCIES: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: { type: 'integer' },
  nullable: true,
  example: { UNHCR: 5, UNDP: 2 },
  description:
    'Participants per agency. From the sessions, spellings that differ only by case or surrounding spaces are ' +
    'one agency, under the spelling that counted the most participants.',
};

export class SuggestedCountValueDto {
  @ApiProperty({ type: 'integer', nullable: true, example: 22 }) value!: number | null;
  @ApiProperty(SOURCE) source!: string;
  @ApiProperty(DETAIL) detail!: string;
  @ApiProperty(PARAMS) params!: Record<string, number | string>;
}

export class SuggestedCountDto extends SuggestedCountValueDto {
  @ApiPropertyOptional({
    type: SuggestedCountValueDto,
    description:
      'With a previous submission: what the records give now (a session recorded since shows here).',
  })
  fromRecords?: SuggestedCountValueDto;
}

export class SuggestedAgenciesValueDto {
  @ApiProperty(AGENCIES) value!: Record<string, number> | null;
  @ApiProperty(SOURCE) source!: string;
  @ApiProperty(DETAIL) detail!: string;
  @ApiProperty(PARAMS) params!: Record<string, number | string>;
}

export class SuggestedAgenciesDto extends SuggestedAgenciesValueDto {
  @ApiPropertyOptional({ type: SuggestedAgenciesValueDto }) fromRecords?: SuggestedAgenciesValueDto;
}

export class SuggestedTextDto {
  @ApiProperty({ type: 'string', nullable: true }) value!: string | null;
  @ApiProperty(SOURCE) source!: string;
  @ApiProperty(DETAIL) detail!: string;
  @ApiProperty(PARAMS) params!: Record<string, number | string>;
}

export class AnnexERecordsDto {
  @ApiProperty({ example: 22 }) sessions!: number;
  @ApiProperty({ example: 1, description: 'Sessions recorded with their total only: counted as staff' })
  withoutBreakdown!: number;

  @ApiProperty({ example: 412, description: 'People of the reporting tree' }) people!: number;
  @ApiProperty({ example: 37, description: 'Managers of the reporting tree' }) managers!: number;
}

export class PreviousSubmissionDto {
  @ApiProperty({ example: 2 }) revision!: number;
  @ApiProperty({ type: 'string', format: 'date-time' }) submittedAt!: Date;
}

export class AnnexEPrefillDto {
  @ApiProperty({ type: SuggestedCountDto, description: 'From the tree: its people' })
  eligibleStaff!: SuggestedCountDto;

  @ApiProperty({ type: SuggestedCountDto, description: 'From the sessions: their staff participants' })
  staffParticipated!: SuggestedCountDto;

  @ApiProperty({ type: SuggestedCountDto, description: 'From the sessions: how many were recorded' })
  sessionsHeld!: SuggestedCountDto;

  @ApiProperty({ type: SuggestedCountDto, description: 'From the sessions: their distinct leaders' })
  managersLed!: SuggestedCountDto;

  @ApiProperty({ type: SuggestedCountDto, description: 'From the sessions: their non-staff participants' })
  nonStaffParticipants!: SuggestedCountDto;

  @ApiProperty({ type: SuggestedAgenciesDto }) otherAgencyParticipants!: SuggestedAgenciesDto;
  @ApiProperty({ type: SuggestedTextDto, description: 'Only from a previous submission' })
  comments!: SuggestedTextDto;

  @ApiProperty({ type: AnnexERecordsDto }) records!: AnnexERecordsDto;
  @ApiProperty({ type: PreviousSubmissionDto, nullable: true }) previous!: PreviousSubmissionDto | null;
}
