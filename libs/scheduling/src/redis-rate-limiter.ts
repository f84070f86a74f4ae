import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';

export interface RateLimit {
  points: number;
  /** Seconds. */
  duration: number;
}

/**
 * A counter shared by every process through Redis, with an in-memory stand-in per process while Redis does not
 * answer, so an outage neither blocks people nor lifts the limit.
 */
export function redisRateLimiter(redis: Redis, keyPrefix: string, limit: RateLimit): RateLimiterRedis {
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points: limit.points,
    duration: limit.duration,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({ points: limit.points, duration: limit.duration }),
  });
}
