import { HttpException } from '@nestjs/common';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  GuardRefused,
  InvalidTransition,
  OVERRIDE_TARGET_GUARD,
  ReasonRequired,
  UnknownEvent,
} from '@cascade/workflow';
import { isErrorCode, type ErrorCode, type ErrorParams } from './error-codes';
import { Conflict, DomainError, NotFound, ValidationFailed, type FieldIssue } from './errors';
import { isServiceUnavailable } from './service-unavailable';

export type ErrorCategory =
  | 'validation'
  | 'not-found'
  | 'conflict'
  | 'forbidden'
  | 'unauthorized'
  | 'too-many-requests'
  | 'unavailable'
  | 'bad-request'
  | 'internal';

/** What every renderer (the REST API, the pages, the console) needs to know about an error, decided once. */
export interface ClassifiedError {
  category: ErrorCategory;
  status: number;
  /** The error's class, as the API's body has always named it (`ValidationFailed`, `TokenRejected`…). */
  name: string;
  code: ErrorCode;
  params: ErrorParams;
  /** English, as the API says it; pages translate `code` instead. */
  message: string;
  issues: FieldIssue[];
}

const STATUS: Record<ErrorCategory, number> = {
  validation: 422,
  'not-found': 404,
  conflict: 409,
  forbidden: 403,
  unauthorized: 401,
  'too-many-requests': 429,
  unavailable: 503,
  'bad-request': 400,
  internal: 500,
};

/** Domain errors whose class is not one of the categories: said by code so that `shared` imports no feature. */
const CATEGORY_OF_CODE: Partial<Record<ErrorCode, ErrorCategory>> = {
  // One answer for unknown, expired and revoked links, so that a guess learns nothing.
  'token-rejected': 'not-found',
  'token-role-refused': 'forbidden',
  'simulation-disabled': 'forbidden',
};

const classified = (
  category: ErrorCategory,
  name: string,
  code: ErrorCode,
  message: string,
  extra: { params?: ErrorParams; issues?: FieldIssue[]; status?: number } = {},
): ClassifiedError => ({
  category,
  status: extra.status ?? STATUS[category],
  name,
  code,
  params: extra.params ?? {},
  message,
  issues: extra.issues ?? [],
});

function classifyDomainError(error: DomainError): ClassifiedError {
  const own = { params: error.params };
  if (error instanceof ValidationFailed) {
    return classified('validation', error.name, error.code, error.message, { ...own, issues: error.issues });
  }
  if (error instanceof NotFound) return classified('not-found', error.name, error.code, error.message, own);
  const category = CATEGORY_OF_CODE[error.code];
  if (category) return classified(category, error.name, error.code, error.message, own);
  if (error instanceof Conflict) return classified('conflict', error.name, error.code, error.message, own);
  return classified('bad-request', error.name, error.code, error.message, own);
}

function classifyEngineError(error: unknown): ClassifiedError | null {
  if (error instanceof InvalidTransition) {
    return classified('conflict', error.name, error.code, error.message, { params: error.params });
  }
  if (error instanceof GuardRefused) {
    // The override's target is the request's `state` field; other guards are rules, named as such.
    const field = error.guard === OVERRIDE_TARGET_GUARD ? 'state' : error.guard;
    const issue: FieldIssue = { field, code: error.code, message: error.message, params: error.params };
    return classified('validation', error.name, error.code, error.message, {
      params: error.params,
      issues: [issue],
    });
  }
  if (error instanceof ReasonRequired) {
    const issue: FieldIssue = { field: 'reason', code: 'required', message: 'is required' };
    return classified('validation', error.name, error.code, error.message, {
      params: error.params,
      issues: [issue],
    });
  }
  if (error instanceof UnknownEvent) {
    return classified('bad-request', error.name, error.code, error.message, { params: error.params });
  }
  return null;
}

function categoryOfStatus(status: number): ErrorCategory {
  const found = (Object.keys(STATUS) as ErrorCategory[]).find((c) => STATUS[c] === status);
  if (found) return found;
  return status >= 500 ? 'internal' : 'bad-request';
}

/** Nest's own exceptions (a guard's 401, a 404 route, the validation pipe's 400) keep their status and body. */
function classifyHttpException(error: HttpException): ClassifiedError {
  const status = error.getStatus();
  const answer = error.getResponse();
  const body = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
  const category = categoryOfStatus(status);
  const message = typeof answer === 'string' ? answer : body['message'];
  return classified(
    category,
    typeof body['error'] === 'string' ? body['error'] : error.name,
    isErrorCode(body['code']) ? body['code'] : category === 'validation' ? 'validation-failed' : category,
    typeof message === 'string' ? message : error.message,
    { status, issues: Array.isArray(body['issues']) ? (body['issues'] as FieldIssue[]) : [] },
  );
}

/**
 * The one place where an error gets its category, status code, code and issues; the REST API's filter, the
 * token-link pages and the console all render from it. Bad input is never a 500; anything not recognised is.
 */
export function classifyError(error: unknown): ClassifiedError {
  if (error instanceof DomainError) return classifyDomainError(error);
  const engine = classifyEngineError(error);
  if (engine) return engine;
  if (error instanceof OptimisticLockError) {
    const message = 'changed by someone else meanwhile; reload and try again';
    return classified('conflict', 'ConcurrentModification', 'concurrent-modification', message);
  }
  if (error instanceof UniqueConstraintViolationException) {
    return classified('conflict', 'Conflict', 'duplicate-key', 'a record with the same key already exists');
  }
  if (error instanceof HttpException) return classifyHttpException(error);
  // The body parsers' own refusals (too large, an unsupported charset, too many form fields) reach the filter
  // as http-errors, not HttpExceptions: the client's fault, said as such rather than as a 500.
  if (isBodyParserRefusal(error)) {
    const issue: FieldIssue = { field: 'body', code: 'body-refused', message: error.message };
    return classified('bad-request', error.name, 'body-refused', `body: ${error.message}`, {
      status: error.status,
      issues: [issue],
    });
  }
  if (isServiceUnavailable(error)) {
    const message = 'the database did not answer (it may be restarting); try again in a moment';
    return classified('unavailable', 'ServiceUnavailable', 'unavailable', message);
  }
  return classified('internal', 'InternalServerError', 'internal', 'internal error');
}

function isBodyParserRefusal(error: unknown): error is Error & { status: number } {
  const e = error as { status?: unknown; expose?: unknown; type?: unknown };
  return (
    error instanceof Error &&
    typeof e.status === 'number' &&
    e.status >= 400 &&
    e.status < 500 &&
    e.expose === true &&
    typeof e.type === 'string'
  );
}
