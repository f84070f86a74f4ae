import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
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
    logger: config.env === 'test' ? ['error', 'warn'] : undefined,
  });
  app.enableShutdownHooks();
  return app.init();
}
