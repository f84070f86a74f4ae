import type { CascadeConfig } from '@cascade/config';
import type { LoginLimits } from './console-login';

export const CONSOLE_PATH = '/admin';

/** What the console needs of the configuration, given to AdminConsoleModule.forRoot. */
export interface ConsoleOptions {
  /** config.console.sessionSecret when not given. */
  secret?: string;
  loginLimits?: LoginLimits;
}

export interface ConsoleSettings {
  secret: string;
  /** Where token links point (PUBLIC_URL); https there means secure cookies here. */
  publicUrl: string;
  secureCookies: boolean;
  redisUrl: string;
  /** QUEUE_PREFIX: the console's sessions and login counters are kept under it. */
  redisPrefix: string;
  loginLimits?: LoginLimits;
}

/** Injection tokens of the console's settings and of its own Redis connection (sessions, login counters). */
export const CONSOLE_SETTINGS = Symbol('ConsoleSettings');
export const CONSOLE_REDIS = Symbol('ConsoleRedis');

export function consoleSettingsOf(config: CascadeConfig, options: ConsoleOptions = {}): ConsoleSettings {
  return {
    secret: options.secret ?? config.console.sessionSecret,
    publicUrl: config.mail.publicUrl,
    secureCookies: config.mail.publicUrl.startsWith('https://'),
    redisUrl: config.redis.url,
    redisPrefix: config.redis.prefix,
    loginLimits: options.loginLimits,
  };
}
