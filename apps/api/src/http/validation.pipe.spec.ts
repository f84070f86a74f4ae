import { BadRequestException, type ArgumentMetadata } from '@nestjs/common';
import { IsInt, IsString } from 'class-validator';
import { requestValidationPipe } from './validation.pipe';

class ReasonDto {
  @IsString() reason!: string;
  @IsInt() count!: number;
}

const body: ArgumentMetadata = { type: 'body', metatype: ReasonDto, data: '' };
const year: ArgumentMetadata = { type: 'param', metatype: Number, data: 'year' };
const query: ArgumentMetadata = { type: 'query', metatype: String, data: 'entity' };

async function issuesOf(value: unknown, metadata: ArgumentMetadata) {
  try {
    await requestValidationPipe().transform(value, metadata);
  } catch (error) {
    if (error instanceof BadRequestException) return (error.getResponse() as { issues: unknown[] }).issues;
    throw error;
  }
  throw new Error('expected a 400');
}

describe('the request validation pipe', () => {
  it('passes a good body and a plainly written number', async () => {
    await expect(requestValidationPipe().transform({ reason: 'r', count: 1 }, body)).resolves.toMatchObject({
      reason: 'r',
    });
    await expect(requestValidationPipe().transform('2026', year)).resolves.toBe('2026');
  });

  it.each(['2026.0', '0x7EA', ' 2026', '02026', '2e3', '0', '-1', '2147483648', 'abc'])(
    'refuses the path parameter %p, naming it (Nest would read several of them as 2026)',
    async (value) => {
      expect(await issuesOf(value, year)).toEqual([
        {
          field: 'year',
          code: 'whole-number-range',
          message: expect.stringContaining('whole number'),
          params: { min: 1, max: 2147483647 },
        },
      ]);
    },
  );

  it('refuses control characters anywhere, naming where', async () => {
    expect(await issuesOf({ reason: 'a\u0000b', count: 1 }, body)).toEqual([
      { field: 'reason', code: 'control-characters', message: 'must not contain control characters' },
    ]);
    expect(await issuesOf('HST\u0007', query)).toEqual([
      { field: 'entity', code: 'control-characters', message: 'must not contain control characters' },
    ]);
  });

  it('refuses keys that class-transformer would drop silently', async () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'prototype']) {
      const value = JSON.parse(`{"reason": "r", "count": 1, "${key}": 1}`);
      expect(await issuesOf(value, body)).toEqual([
        { field: key, code: 'unknown-field', message: 'is not a known field' },
      ]);
    }
  });

  it('refuses a list where the object belongs, naming the body', async () => {
    expect(await issuesOf([{ reason: 'r', count: 1 }], body)).toEqual([
      { field: 'body', code: 'json-object', message: 'must be a JSON object, not a list' },
    ]);
  });

  it('refuses a body nested deeper than any request, before walking it', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(await issuesOf({ reason: deep, count: 1 }, body)).toEqual([
      {
        field: expect.stringMatching(/^reason(\.a)+$/),
        code: 'nesting-too-deep',
        message: 'nests deeper than 8 levels',
        params: { max: 8 },
      },
    ]);
  });
});
