import { MikroORM } from '@mikro-orm/core';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CascadeConfig } from '@cascade/config';
import type { Clock } from '@cascade/dialogue';
import { pendingMigrations } from '@cascade/persistence';
import { WorkerModule } from './worker.module';

/** The worker: BullMQ processors and the outbox poller, no HTTP. */
export async function createWorker(config: CascadeConfig, options: { clock?: Clock } = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, options), {
    logger: config.env === 'test' ? ['error', 'warn'] : undefined,
  });
  const pending = await pendingMigrations(app.get(MikroORM));
  if (pending.length > 0) {
    await app.close();
    throw new Error(`the database has pending migrations (${pending.join(', ')}): run npm run db:migrate`);
  }
  app.enableShutdownHooks();
  return app.init();
}
