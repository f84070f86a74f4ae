import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { acceptableTraceId, withTrace } from '@cascade/scheduling';

/**
 * Gives each request its id (the caller's X-Request-Id when it is a plain one, else a new one), answers it in
 * X-Request-Id, and runs the rest of the request in that trace: every log line it causes, and every outbox row
 * its transaction writes (so the jobs after it), carries the id.
 */
export function requestTraceMiddleware(request: Request, response: Response, next: NextFunction): void {
  const given = request.header('x-request-id');
  const traceId = acceptableTraceId(given) ? given : randomUUID();
  (request as Request & { id: string }).id = traceId;
  response.setHeader('X-Request-Id', traceId);
  withTrace({ traceId }, next);
}
