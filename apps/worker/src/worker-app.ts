import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { CascadeConfig } from '@cascade/config';

import { assertMigrated } from '@cascade/persistence';
import { WorkerModule, type WorkerOptions } from './worker.module';

/** The worker: BullMQ processors and the outbox poller, no HTTP. */
export async function createWorker(
  config: CascadeConfig,
  options: WorkerOptions = {},
): Promise<INestApplicationContext> {
  await assertMigrated(config.database);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, options), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  return app.init();
}
