import {
  BadRequestException,
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
} from '@nestjs/common';
import { CONTROL_CHARACTERS, MAX_ID, type ErrorBodyIssue } from '@cascade/dialogue';

type Issue = ErrorBodyIssue;

/**
 * class-validator names the rule that failed (`isInt`, `matches`…): an unknown field has its own code, every
 * other rule is `invalid-field` with the rule's name as a param, so that the code list stays closed.
 */
function issueOf(field: string, rule: string, message: string): Issue {
  if (rule === 'whitelistValidation') return { field, code: 'unknown-field', message };
  return { field, code: 'invalid-field', message, params: { rule } };
}

function flatten(errors: ValidationError[], prefix = ''): Issue[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) =>
      issueOf(field, rule, message),
    );
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

function badRequest(issues: Issue[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'BadRequest',
    code: 'bad-request',
    message: issues.map((i) => `${i.field}: ${i.message}`).join('; '),
    issues,
  });
}

/** No request body of this API nests deeper than 3 levels; the margin is generous. */
export const MAX_BODY_DEPTH = 8;

/**
 * Keys that class-transformer drops silently instead of letting the whitelist report them as unknown fields:
 * every name an object already has (`constructor`, `toString`, `__proto__`…), and `prototype`. A body
 * `{"toString": 1, …}` was accepted as if the field were not there.
 */
const isPrototypeKey = (key: string) => key === 'prototype' || key in Object.prototype;

/** A path parameter that names a row or a year: a plain positive decimal that fits the 32-bit id columns. */
const ID_PARAM = /^[1-9]\d{0,9}$/;

/**
 * What no DTO decorator sees, collected before class-transformer walks the value: control characters (NUL cannot
 * even be stored by PostgreSQL), prototype keys, and nesting so deep that the walk itself would overflow the stack.
 */
function scan(value: unknown, field: string, depth: number, issues: Issue[]): void {
  if (issues.length >= 20) return;
  if (typeof value === 'string') {
    if (CONTROL_CHARACTERS.test(value))
      issues.push({
        field: field || 'body',
        code: 'control-characters',
        message: 'must not contain control characters',
      });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (depth >= MAX_BODY_DEPTH) {
    issues.push({
      field: field || 'body',
      code: 'nesting-too-deep',
      message: `nests deeper than ${MAX_BODY_DEPTH} levels`,
      params: { max: MAX_BODY_DEPTH },
    });
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const path = field ? `${field}.${key}` : key;
    if (isPrototypeKey(key))
      issues.push({ field: path, code: 'unknown-field', message: 'is not a known field' });
    else if (CONTROL_CHARACTERS.test(key))
      issues.push({
        field: path,
        code: 'control-characters',
        message: 'must not contain control characters',
      });
    else scan(item, path, depth + 1, issues);
  }
}

/**
 * Shape errors (wrong type, missing field, unknown field) answer 400 and name every field. Path and query
 * parameters are checked too: a numeric path parameter must be written plainly (`2026`, not `2026.0`, `0x7EA` or
 * ` 2026`, which Nest's number conversion would all read as 2026), and no parameter may carry control characters.
 */
export class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const issues: Issue[] = [];
    if (metadata.type === 'param' || metadata.type === 'query') {
      scan(value, metadata.data ?? '', 0, issues);
      const numeric = metadata.type === 'param' && metadata.metatype === Number;
      if (numeric && typeof value === 'string' && (!ID_PARAM.test(value) || Number(value) > MAX_ID)) {
        issues.push({
          field: metadata.data ?? 'path',
          code: 'whole-number-range',
          message: `must be a whole number from 1 to ${MAX_ID}`,
          params: { min: 1, max: MAX_ID },
        });
      }
      if (issues.length) throw badRequest(issues);
      // Left as written for the route's own ParseIntPipe, which reads it exactly.
      if (numeric) return value;
    } else if (metadata.type === 'body' && this.toValidate(metadata)) {
      // A list where the object belongs was reported as "property 0 should not exist", field by index.
      if (Array.isArray(value))
        throw badRequest([
          { field: 'body', code: 'json-object', message: 'must be a JSON object, not a list' },
        ]);
      scan(value, '', 0, issues);
      if (issues.length) throw badRequest(issues);
    }
    return super.transform(value, metadata);
  }
}

export function requestValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => badRequest(flatten(errors)),
  });
}
