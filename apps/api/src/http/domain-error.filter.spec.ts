import { Body, Controller, Get, Post, type INestApplication } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ApiProperty, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { IsInt } from 'class-validator';
import { checkStatistics, DialogueNotLaunched, ERROR_CODES, NotFound } from '@cascade/dialogue';
import { DomainErrorFilter } from './domain-error.filter';
import { ErrorBodySchema, ErrorIssueSchema, withErrorResponses } from './error-body.schema';
import { requestValidationPipe } from './validation.pipe';

class CountDto {
  @ApiProperty()
  @IsInt()
  count!: number;
}

@Controller('t')
class ThrowingController {
  @Post('statistics')
  statistics(): void {
    checkStatistics({
      eligibleStaff: 4,
      staffParticipated: 6,
      sessionsHeld: 1,
      managersLed: 1,
      nonStaffParticipants: 0,
      otherAgencyParticipants: {},
    });
  }

  @Get('missing')
  missing(): void {
    throw new NotFound('dialogue', 2031);
  }

  @Get('not-launched')
  notLaunched(): void {
    throw new DialogueNotLaunched(2026);
  }

  @Post('shape')
  shape(@Body() body: CountDto): CountDto {
    return body;
  }

  @Get('boom')
  boom(): void {
    throw new TypeError('x is not a function');
  }
}

describe('the API’s error body', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    const module = await Test.createTestingModule({
      controllers: [ThrowingController],
      providers: [{ provide: APP_FILTER, useClass: DomainErrorFilter }],
    }).compile();
    app = module.createNestApplication({ logger: false });
    app.useGlobalPipes(requestValidationPipe());
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(() => app.close());

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}/t/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('gives a refused rule its code at the top and on each issue, with the params and the English message', async () => {
    expect(await call('POST', 'statistics')).toEqual({
      status: 422,
      body: {
        statusCode: 422,
        error: 'ValidationFailed',
        code: 'validation-failed',
        message: 'staffParticipated: must not exceed eligibleStaff (4)',
        issues: [
          {
            field: 'staffParticipated',
            code: 'participated-over-eligible',
            message: 'must not exceed eligibleStaff (4)',
            params: { max: 4 },
          },
        ],
      },
    });
  });

  it('codes a missing record and a broken rule of state, keeping their status', async () => {
    expect(await call('GET', 'missing')).toEqual({
      status: 404,
      body: {
        statusCode: 404,
        error: 'NotFound',
        code: 'not-found',
        message: "dialogue '2031' not found",
        params: { what: 'dialogue', key: 2031 },
      },
    });
    expect(await call('GET', 'not-launched')).toMatchObject({
      status: 409,
      body: { error: 'DialogueNotLaunched', code: 'dialogue-not-launched', params: { year: 2026 } },
    });
  });

  it('codes the shape errors of the validation pipe, field by field', async () => {
    expect(await call('POST', 'shape', { count: 'x', extra: 1 })).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'BadRequest',
        code: 'bad-request',
        message: expect.stringContaining('count:'),
        issues: expect.arrayContaining([
          { field: 'extra', code: 'unknown-field', message: 'property extra should not exist' },
          { field: 'count', code: 'invalid-field', message: expect.any(String), params: { rule: 'isInt' } },
        ]),
      },
    });
  });

  it('says nothing of an unexpected error but that it is internal', async () => {
    expect(await call('GET', 'boom')).toEqual({
      status: 500,
      body: { statusCode: 500, error: 'InternalServerError', code: 'internal', message: 'internal error' },
    });
  });

  it('is documented in OpenAPI as every operation’s other answer, with the list of codes', () => {
    const document = withErrorResponses(
      SwaggerModule.createDocument(app, new DocumentBuilder().build(), {
        extraModels: [ErrorBodySchema, ErrorIssueSchema],
      }),
    );
    expect(document.paths['/t/missing']?.get?.responses['default']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBodySchema' } } },
    });
    const schemas = document.components?.schemas ?? {};
    expect(schemas['ErrorBodySchema']).toMatchObject({
      required: expect.arrayContaining(['statusCode', 'error', 'code', 'message']),
      properties: { code: { enum: [...ERROR_CODES] }, issues: { type: 'array' } },
    });
    expect(schemas['ErrorIssueSchema']).toMatchObject({
      required: expect.arrayContaining(['field', 'code', 'message']),
    });
  });
});
