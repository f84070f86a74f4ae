import type { Provider } from '@nestjs/common';
import { Clock } from '@cascade/clock';
import type { CascadeConfig } from '@cascade/config';
import { JobName, QueueName } from '@cascade/scheduling';
import { LaunchDialogueHandler } from './launch-dialogue.handler';
import { processorOf, QueueProcessor } from './queue-processor';

/**
 * The lifecycle queue: one launch at a time, with BullMQ's own 30 s lock whatever WORKER_LOCK_MS says. A
 * fan-out of thousands of entities must not be declared stalled by a short lock (its second stall fails the
 * launch for good), and two launches at once would only compete for the same database.
 */
export const lifecycleProcessor = (config: CascadeConfig): Provider => ({
  provide: processorOf(QueueName.Lifecycle),
  inject: [Clock, LaunchDialogueHandler],
  useFactory: (clock: Clock, launchDialogue: LaunchDialogueHandler) =>
    new QueueProcessor(config, QueueName.Lifecycle, { [JobName.LaunchDialogue]: launchDialogue }, clock, {
      worker: { concurrency: 1, lockDuration: 30_000, stalledInterval: 30_000 },
    }),
});
