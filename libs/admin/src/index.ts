export { AdminConsoleModule } from './admin-console.module';
export { CONSOLE_PATH, type ConsoleOptions } from './console-settings';
export { LOGIN_LIMITS, type LoginLimits } from './console-login';
