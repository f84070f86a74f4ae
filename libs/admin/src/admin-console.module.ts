import { Module, type DynamicModule } from '@nestjs/common';
import Redis from 'ioredis';
import type { CascadeConfig } from '@cascade/config';
import { ConsoleMount } from './console-mount.service';
import { ConsoleQueries, ConsoleServices } from './console-services';
import { ConsoleSessions } from './console-sessions';
import {
  CONSOLE_REDIS,
  CONSOLE_SETTINGS,
  consoleSettingsOf,
  type ConsoleOptions,
  type ConsoleSettings,
} from './console-settings';
import { queueBoardProvider } from './queue-board';

/**
 * The Ethics Office console (AdminJS at /admin, Bull Board at /admin/queues) as a Nest module: its services are
 * injected, and it mounts itself on the HTTP server when the module initialises (ConsoleMount). Needs the
 * global DialogueModule, SchedulingModule and PersistenceModule of the application that imports it.
 */
@Module({})
export class AdminConsoleModule {
  static forRoot(config: CascadeConfig, options: ConsoleOptions = {}): DynamicModule {
    return {
      module: AdminConsoleModule,
      providers: [
        { provide: CONSOLE_SETTINGS, useFactory: () => consoleSettingsOf(config, options) },
        {
          provide: CONSOLE_REDIS,
          inject: [CONSOLE_SETTINGS],
          useFactory: (settings: ConsoleSettings) => {
            const redis = new Redis(settings.redisUrl, { maxRetriesPerRequest: 2, connectTimeout: 2000 });
            redis.on('error', () => undefined); // ioredis reconnects by itself; the requests that fail say why
            return redis;
          },
        },
        {
          provide: ConsoleSessions,
          inject: [CONSOLE_REDIS, CONSOLE_SETTINGS],
          useFactory: (redis: Redis, settings: ConsoleSettings) =>
            new ConsoleSessions(redis, `${settings.redisPrefix}:console-session:`),
        },
        queueBoardProvider,
        ConsoleServices,
        ConsoleQueries,
        ConsoleMount,
      ],
    };
  }
}
