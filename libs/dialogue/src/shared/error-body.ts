import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  GuardRefused,
  InvalidTransition,
  OVERRIDE_TARGET_GUARD,
  ReasonRequired,
  UnknownEvent,
} from '@cascade/workflow';
import { TokenRejected } from '../portal/access-token.service';
import { TokenRoleRefused } from '../portal/portal.service';
import { SimulationDisabled } from '../simulation/simulation.service';
import { Conflict, DomainError, NotFound, ValidationFailed } from './errors';
import { isServiceUnavailable } from './service-unavailable';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  issues?: { field: string; message: string; row?: number }[];
}

/** The one place where errors become HTTP answers. Bad input is never a 500. */
export function toErrorBody(error: unknown): ErrorBody | null {
  const body = (
    statusCode: number,
    name: string,
    message: string,
    issues?: ErrorBody['issues'],
  ): ErrorBody => ({
    statusCode,
    error: name,
    message,
    ...(issues ? { issues } : {}),
  });
  if (error instanceof ValidationFailed) return body(422, 'ValidationFailed', error.message, error.issues);
  if (error instanceof NotFound) return body(404, 'NotFound', error.message);
  // One answer for unknown, expired and revoked links, so that a guess learns nothing.
  if (error instanceof TokenRejected) return body(404, 'TokenRejected', error.message);
  if (error instanceof TokenRoleRefused) return body(403, 'TokenRoleRefused', error.message);
  if (error instanceof SimulationDisabled) return body(403, 'SimulationDisabled', error.message);
  if (error instanceof Conflict) return body(409, error.name, error.message);
  if (error instanceof InvalidTransition) return body(409, 'InvalidTransition', error.message);
  if (error instanceof GuardRefused) {
    // The override's target is the request's `state` field; other guards are rules, named as such.
    const field = error.guard === OVERRIDE_TARGET_GUARD ? 'state' : error.guard;
    return body(422, 'GuardRefused', error.message, [{ field, message: error.message }]);
  }
  if (error instanceof ReasonRequired)
    return body(422, 'ReasonRequired', error.message, [{ field: 'reason', message: 'is required' }]);
  if (error instanceof UnknownEvent) return body(400, 'UnknownEvent', error.message);
  if (error instanceof OptimisticLockError)
    return body(409, 'ConcurrentModification', 'changed by someone else meanwhile; reload and try again');
  if (error instanceof UniqueConstraintViolationException)
    return body(409, 'Conflict', 'a record with the same key already exists');
  if (error instanceof DomainError) return body(400, error.name, error.message);
  // The body parsers' own refusals (too large, an unsupported charset, too many form fields) reach the filter
  // as http-errors, not HttpExceptions: the client's fault, said as such rather than as a 500.
  if (isBodyParserRefusal(error)) {
    return body(error.status, error.name, `body: ${error.message}`, [
      { field: 'body', message: error.message },
    ]);
  }
  if (isServiceUnavailable(error)) {
    return body(
      503,
      'ServiceUnavailable',
      'the database did not answer (it may be restarting); try again in a moment',
    );
  }
  return null;
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
