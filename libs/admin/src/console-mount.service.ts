import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express, RequestHandler } from 'express';
import type Redis from 'ioredis';
import { Clock } from '@cascade/dialogue';
import { clockSync } from './clock-sync.middleware';
import { BUNDLE_DIR } from './components';
import { consoleRouter } from './console-router';
import { ConsoleQueries, ConsoleServices } from './console-services';
import { CONSOLE_PATH, CONSOLE_REDIS, CONSOLE_SETTINGS, type ConsoleSettings } from './console-settings';
import { loadAdminJs } from './esm';
import { mountAhead } from './mount-ahead';
import { CONSOLE_BOARD } from './queue-board';

/**
 * Mounts the Ethics Office console on the api's Express instance when the module initialises, ahead of the body
 * parsers (AdminJS parses its own forms), and closes its Redis connection when the application shuts down.
 * Without an HTTP server (a standalone application context) there is nothing to mount on.
 */
@Injectable()
export class ConsoleMount implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Console');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly orm: MikroORM,
    private readonly services: ConsoleServices,
    private readonly queries: ConsoleQueries,
    private readonly clock: Clock,
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
    @Inject(CONSOLE_REDIS) private readonly redis: Redis,
    @Inject(CONSOLE_BOARD) private readonly board: RequestHandler,
  ) {}

  async onModuleInit(): Promise<void> {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return;
    // AdminJS must never bundle at start: the build did (and production images are read-only).
    process.env['ADMIN_JS_SKIP_BUNDLE'] = 'true';
    process.env['ADMIN_JS_TMP_DIR'] ??= BUNDLE_DIR;
    const router = consoleRouter({
      modules: await loadAdminJs(),
      orm: this.orm,
      deps: { services: this.services, queries: this.queries },
      settings: this.settings,
      redis: this.redis,
      board: this.board,
      clockSync: clockSync(this.clock),
    });
    mountAhead(adapter.getInstance<Express>(), CONSOLE_PATH, router);
    this.logger.log(`Ethics Office console at ${CONSOLE_PATH} (queues at ${CONSOLE_PATH}/queues)`);
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
