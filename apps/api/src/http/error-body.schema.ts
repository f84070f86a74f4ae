import {
  ApiProperty,
  ApiPropertyOptional,
  type ApiPropertyOptions,
  type OpenAPIObject,
} from '@nestjs/swagger';
import { ERROR_CODES } from '@cascade/dialogue';

const params = (example: Record<string, string | number>): ApiPropertyOptions => ({
  type: 'object',
  additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
  description:
    'The values the code’s message needs (max, date, email…), for a client that says it in its own words.',
  example,
});

export class ErrorIssueSchema {
  @ApiProperty({ example: 'staffParticipated', description: 'The field, or the rule, at fault.' })
  field!: string;

  @ApiProperty({
    enum: ERROR_CODES,
    example: 'participated-over-eligible',
    description: 'Stable: translate or branch on it. The message may be reworded.',
  })
  code!: string;

  @ApiProperty({ example: 'must not exceed eligibleStaff (40)', description: 'In English.' })
  message!: string;

  @ApiPropertyOptional(params({ max: 40 }))
  params?: Record<string, string | number>;

  @ApiPropertyOptional({
    example: 12,
    description: 'For imports: the line of the file (the header is line 1).',
  })
  row?: number;
}

export class ErrorBodySchema {
  @ApiProperty({ example: 422 })
  statusCode!: number;

  @ApiProperty({ example: 'ValidationFailed', description: 'The kind of error, as a class name.' })
  error!: string;

  @ApiProperty({
    enum: ERROR_CODES,
    example: 'validation-failed',
    description:
      'Stable: `validation-failed` (422, see `issues`), `not-found`, `conflict`, `unavailable` (503, with ' +
      'Retry-After), `bad-request`, `internal`, or the precise rule (`dialogue-not-launched`, `token-rejected`…).',
  })
  code!: string;

  @ApiProperty({
    example: 'staffParticipated: must not exceed eligibleStaff (40)',
    description: 'In English.',
  })
  message!: string;

  @ApiPropertyOptional(params({ year: 2026 }))
  params?: Record<string, string | number>;

  @ApiPropertyOptional({
    type: [ErrorIssueSchema],
    description: 'Every field at fault (400 and 422 answers).',
  })
  issues?: ErrorIssueSchema[];
}

/**
 * Every operation's other answers are an error body: said once here rather than on each route, so that a new
 * route is documented too.
 */
export function withErrorResponses(document: OpenAPIObject): OpenAPIObject {
  const ref = { $ref: '#/components/schemas/ErrorBodySchema' };
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      operation.responses['default'] ??= {
        description:
          'An error: its status, its stable `code`, an English `message` and, for bad input, `issues`.',
        content: { 'application/json': { schema: ref } },
      };
    }
  }
  return document;
}
