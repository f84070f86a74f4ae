import type { RequestHandler } from 'express';
import type { Clock } from '@cascade/dialogue';
import type { OutboxDispatchService, TimerSyncService } from '@cascade/scheduling';
import { isSafeMethod } from './console-security';

/**
 * As the API's interceptor does: read the (simulated) clock first, hand new outbox rows and timers to Redis
 * after a write has answered. The components' bundle needs neither.
 */
export function clockAndKick(
  clock: Clock,
  outbox: OutboxDispatchService,
  timers: TimerSyncService,
): RequestHandler {
  return (req, res, next) => {
    if (req.path.startsWith('/frontend/')) return next();
    clock.sync().then(() => {
      if (!isSafeMethod(req.method)) {
        res.on('finish', () => {
          outbox.kick();
          timers.kick();
        });
      }
      next();
    }, next);
  };
}
