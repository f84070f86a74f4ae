export { AdminConsoleModule } from './admin-console.module';
export { CONSOLE_PATH, type ConsoleOptions } from './console-settings';
export { ConsoleSecretInvalid, LOGIN_LIMITS, type LoginLimits } from './console-security';
