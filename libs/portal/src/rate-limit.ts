import { createHash } from 'node:crypto';
import { HttpException, HttpStatus } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { redisRateLimiter, type RateLimit } from '@cascade/scheduling';

export type Limit = RateLimit;

/** Requests per link and per client address; writes count twice, once against their own tighter limits. */
export interface PortalLimits {
  perToken: Limit;
  perAddress: Limit;
  writesPerToken: Limit;
  writesPerAddress: Limit;
}

/**
 * A person reads and sends a few pages a minute; a script guessing links or replaying forms sends hundreds. The
 * address limit leaves room for an office behind one NAT address.
 */
export const PORTAL_LIMITS: PortalLimits = {
  perToken: { points: 60, duration: 60 },
  perAddress: { points: 300, duration: 60 },
  writesPerToken: { points: 20, duration: 60 },
  writesPerAddress: { points: 60, duration: 60 },
};

/** 429 with the seconds to wait (the filters add `Retry-After`). */
export class TooManyRequests extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'TooManyRequests',
        message: `too many requests; try again in ${retryAfterSeconds} s`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

export interface LimitVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

// Neither the link nor the address is kept in Redis as such: only a digest names the counter.
const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest('base64url').slice(0, 22);

/**
 * Counters in Redis shared by every api process (`<prefix>:ratelimit:<limit>:<digest>`), each with an in-memory
 * stand-in per process that takes over while Redis does not answer, so an outage neither blocks people nor
 * lifts the limits.
 */
export class PortalRateLimiter {
  private readonly limiters: Record<keyof PortalLimits, RateLimiterRedis>;

  constructor(redis: Redis, keyPrefix: string, limits: PortalLimits = PORTAL_LIMITS) {
    const make = (name: string, limit: RateLimit) => redisRateLimiter(redis, `${keyPrefix}:${name}`, limit);
    this.limiters = {
      perToken: make('token', limits.perToken),
      perAddress: make('address', limits.perAddress),
      writesPerToken: make('token-write', limits.writesPerToken),
      writesPerAddress: make('address-write', limits.writesPerAddress),
    };
  }

  /** Counts one request; refused when any of its limits is spent, with the longest wait among them. */
  async consume(request: { token: string; address: string; write: boolean }): Promise<LimitVerdict> {
    const token = digest(request.token);
    const address = digest(request.address);
    const checks: [RateLimiterRedis, string][] = [
      [this.limiters.perToken, token],
      [this.limiters.perAddress, address],
    ];
    if (request.write) {
      checks.push([this.limiters.writesPerToken, token], [this.limiters.writesPerAddress, address]);
    }
    const results = await Promise.all(
      checks.map(([limiter, key]) =>
        limiter.consume(key).then(
          () => null,
          (rejection: unknown) => {
            if (rejection instanceof RateLimiterRes) return rejection.msBeforeNext;
            throw rejection;
          },
        ),
      ),
    );
    const waits = results.filter((r): r is number => r !== null);
    if (waits.length === 0) return { allowed: true, retryAfterSeconds: 0 };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits) / 1000)) };
  }
}
