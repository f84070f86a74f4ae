import { createHash } from 'node:crypto';
import express, { type Request, type RequestHandler, type Response } from 'express';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { redisRateLimiter, type RateLimit } from '@cascade/scheduling';
import type { ConsoleIdentity } from '@cascade/dialogue';

export interface LoginLimits {
  perAddress: RateLimit;
  perAccount: RateLimit;
  /** How long an address stays known to an account after a login from it (seconds). */
  knownFor: number;
}

/**
 * Generous for a person who mistypes, tight for a script: 30 tries per address and 10 per account in 15 min.
 * The per-account count leaves out the addresses that have logged in to the account before (for 90 days), so a
 * stranger's guesses cannot lock the owner out: see `LoginRateLimiter`.
 */
export const LOGIN_LIMITS: LoginLimits = {
  perAddress: { points: 30, duration: 15 * 60 },
  perAccount: { points: 10, duration: 15 * 60 },
  knownFor: 90 * 24 * 3600,
};

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest('base64url').slice(0, 22);
const accountOf = (email: string) => digest(email.trim().toLowerCase());

/**
 * Login attempts counted in Redis (shared by every api process; in memory while Redis is away), per client
 * address and per account; only digests name the counters. An account's count is kept for the addresses it has
 * never been logged in from: ten wrong passwords from elsewhere slow the guesser down (15 minutes) while the
 * owner, from an address they logged in from before, goes on, limited only per address like everyone.
 */
export class LoginRateLimiter {
  private readonly perAddress: RateLimiterRedis;
  private readonly perAccount: RateLimiterRedis;

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly limits: LoginLimits = LOGIN_LIMITS,
  ) {
    const make = (name: string, limit: RateLimit) => redisRateLimiter(redis, `${keyPrefix}:${name}`, limit);
    this.perAddress = make('address', limits.perAddress);
    this.perAccount = make('account', limits.perAccount);
  }

  /** Seconds to wait, or 0 when the attempt may go on. */
  async attemptFrom(address: string): Promise<number> {
    return consume(this.perAddress, digest(address));
  }

  /** Seconds to wait, or 0: counted only when the account has never been logged in to from this address. */
  async attemptOn(email: string, address: string): Promise<number> {
    if (await this.known(email, address)) return 0;
    return consume(this.perAccount, accountOf(email));
  }

  /** The address becomes known to the account. The count of others' guesses is not forgiven. */
  async succeeded(email: string, address: string): Promise<void> {
    const key = this.knownKey(email);
    await this.redis
      .multi()
      .sadd(key, digest(address))
      .expire(key, this.limits.knownFor)
      .exec()
      .catch(() => undefined);
  }

  private async known(email: string, address: string): Promise<boolean> {
    // Redis away: nobody is known, and the in-memory stand-in counts every attempt.
    return (await this.redis.sismember(this.knownKey(email), digest(address)).catch(() => 0)) === 1;
  }

  private knownKey(email: string): string {
    return `${this.keyPrefix}:known:${accountOf(email)}`;
  }
}

async function consume(limiter: RateLimiterRedis, key: string): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  }
}

export const tooManyAttempts = (seconds: number) =>
  `Too many login attempts: try again in ${Math.ceil(seconds / 60)} minute(s).`;

export interface ConsoleLoginParts {
  limiter: LoginRateLimiter;
  authenticate(email: unknown, password: unknown): Promise<ConsoleIdentity | null>;
  /** AdminJS's login page, with a message (null for none). */
  renderLogin(message: string | null): Promise<string>;
  /** Where a login goes when no page asked for it. */
  rootPath: string;
}

type LoginRequest = Request & {
  session: Request['session'] & { adminUser?: unknown; redirectTo?: string };
};

/**
 * The console's login form (POST /login), answered here ahead of AdminJS's own handler, which answers every
 * refusal with 400: over the per-address or the per-account limit, 429 with `Retry-After` and the login page
 * saying how long; a wrong address or password, the login page again (200); a good one, a new session id (an
 * id planted before the login is worth nothing after) and the page that asked for it.
 */
export function consoleLogin(parts: ConsoleLoginParts): RequestHandler[] {
  const refuse = async (res: Response, wait: number) => {
    res.setHeader('Retry-After', String(wait));
    res
      .status(429)
      .type('html')
      .send(await parts.renderLogin(tooManyAttempts(wait)));
  };
  const login = async (req: LoginRequest, res: Response) => {
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const fields = (req.body ?? {}) as Record<string, unknown>;
    const email = typeof fields['email'] === 'string' ? fields['email'] : '';
    const fromAddress = await parts.limiter.attemptFrom(address);
    if (fromAddress > 0) return refuse(res, fromAddress);
    const onAccount = await parts.limiter.attemptOn(email, address);
    if (onAccount > 0) return refuse(res, onAccount);
    const identity = await parts.authenticate(email, fields['password']);
    if (!identity)
      return res
        .status(200)
        .type('html')
        .send(await parts.renderLogin('invalidCredentials'));
    await parts.limiter.succeeded(email, address);
    const redirectTo = req.session.redirectTo;
    await new Promise<void>((resolve, reject) => req.session.regenerate((e) => (e ? reject(e) : resolve())));
    req.session.adminUser = { ...identity, title: identity.email };
    await new Promise<void>((resolve, reject) => req.session.save((e) => (e ? reject(e) : resolve())));
    res.redirect(302, redirectTo ?? parts.rootPath);
  };
  return [
    express.urlencoded({ extended: false, limit: '16kb' }),
    (req, res, next) => {
      login(req as LoginRequest, res).catch(next);
    },
  ];
}
