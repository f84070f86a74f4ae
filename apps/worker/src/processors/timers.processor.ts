import type { Provider } from '@nestjs/common';
import { Clock } from '@cascade/clock';
import type { CascadeConfig } from '@cascade/config';
import { JobName, QueueName } from '@cascade/scheduling';
import { FireTimerHandler } from './fire-timer.handler';
import { processorOf, QueueProcessor } from './queue-processor';

/**
 * The timers queue, rate-limited: after a long outage every overdue timer is due at once, and the limit spreads
 * the burst.
 */
export const timersProcessor = (config: CascadeConfig): Provider => ({
  provide: processorOf(QueueName.Timers),
  inject: [Clock, FireTimerHandler],
  useFactory: (clock: Clock, fireTimer: FireTimerHandler) =>
    new QueueProcessor(config, QueueName.Timers, { [JobName.FireTimer]: fireTimer }, clock, {
      worker: { limiter: { max: config.timers.ratePerSecond, duration: 1000 } },
    }),
});
