import type { RequestHandler } from 'express';
import type { Clock } from '@cascade/clock';

/**
 * As the API's interceptor does: read the (simulated) clock before the console acts, so a simulated year's
 * console sees the year's time. What an action commits reaches Redis through the after-commit hook of
 * libs/scheduling, not from here. The components' bundle needs no clock.
 */
export function clockSync(clock: Clock): RequestHandler {
  return (req, _res, next) => {
    if (req.path.startsWith('/frontend/')) return next();
    clock.sync().then(() => next(), next);
  };
}
