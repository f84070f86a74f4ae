// The clock lives in @cascade/config so infrastructure (timer mirroring) can read it too.
export { Clock, SystemClock, FixedClock } from '@cascade/config';
