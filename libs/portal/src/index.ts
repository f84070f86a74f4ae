// What apps/api mounts; the pages' parts stay internal to the library.
export { PortalModule } from './portal.module';
export { PORTAL_LIMITS, type PortalLimits } from './rate-limit';
