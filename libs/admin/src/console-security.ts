import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { redisRateLimiter, type RateLimit } from '@cascade/scheduling';
import type { ConsoleIdentity } from '@cascade/dialogue';

export const CONSOLE_COOKIE = 'cascade.console';
export const CSRF_COOKIE = 'XSRF-TOKEN';
/** The header AdminJS's and Bull Board's HTTP client (axios) send the cookie back in, for same-origin calls. */
export const CSRF_HEADER = 'x-xsrf-token';

/** What the console keeps in the session: the identity (AdminJS reads `adminUser`). */
export interface ConsoleSessionData {
  adminUser?: ConsoleIdentity & { title: string };
}

type ConsoleRequest = Request & { session?: ConsoleSessionData & { id?: string }; sessionID?: string };

/** The CSRF token of a session: an HMAC of its id, so nothing more is stored. */
export const csrfTokenFor = (secret: string, sessionId: string): string =>
  createHmac('sha256', secret).update(`console-csrf:${sessionId}`).digest('base64url');

const sameText = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
export const isSafeMethod = (method: string) => SAFE.has(method.toUpperCase());

/** A browser names the page a request comes from; it must be this host. Other clients send neither header. */
export function fromThisSite(req: Request): boolean {
  const source = req.get('origin') ?? req.get('referer');
  if (!source) return true;
  try {
    return new URL(source).host === req.get('host');
  } catch {
    return false;
  }
}

const refuse = (res: Response, status: number, error: string, message: string) =>
  res
    .status(status)
    .type('application/json')
    .send(JSON.stringify({ statusCode: status, error, message }));

const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "base-uri 'self'",
].join('; ');

/** Frames, sniffing and referrers off; console pages are never cached. */
export function consoleHeaders(): RequestHandler {
  return (req, res, next) => {
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    if (!req.path.startsWith('/frontend/assets/') && !req.path.includes('/static/')) {
      res.setHeader('Cache-Control', 'no-store');
    }
    // AdminJS's pages: everything from this origin (its state and styles are inline); nothing from the network,
    // not even the web font its login page links to.
    if (!req.path.startsWith('/queues')) res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    next();
  };
}

/**
 * CSRF for everything under /admin (AdminJS has no protection of its own): a write must come from this site and,
 * once logged in, carry the session's token in `X-XSRF-TOKEN`; the token is handed out in a readable cookie on
 * every page, which axios (in AdminJS and Bull Board) sends back by itself. The login form has no session yet:
 * its origin is checked, and the SameSite=strict cookie does the rest.
 */
export function csrfGuard(secret: string, secureCookies: boolean): RequestHandler {
  return (req: ConsoleRequest, res, next) => {
    const loggedIn = !!req.session?.adminUser && !!req.sessionID;
    if (isSafeMethod(req.method)) {
      if (loggedIn) {
        res.cookie(CSRF_COOKIE, csrfTokenFor(secret, req.sessionID as string), {
          path: '/admin',
          sameSite: 'strict',
          secure: secureCookies,
          httpOnly: false,
        });
      }
      return next();
    }
    if (!fromThisSite(req)) return refuse(res, 403, 'CsrfRefused', 'cross-site request refused');
    if (!loggedIn) return next(); // the login form, or the redirect to it
    const given = req.get(CSRF_HEADER) ?? '';
    if (!given || !sameText(given, csrfTokenFor(secret, req.sessionID as string))) {
      return refuse(res, 403, 'CsrfRefused', 'missing or wrong X-XSRF-TOKEN: reload the page and try again');
    }
    next();
  };
}

/**
 * Viewers read: whatever they send that is not a read (or the login form) is refused here, before AdminJS. The
 * admin-only resources (console accounts) are refused to them altogether, reads included: AdminJS would answer
 * its own refusal with 200 and an empty page, this answers 403.
 */
export function roleGate(adminOnlyResources: string[] = []): RequestHandler {
  const adminOnly = adminOnlyResources.length
    ? new RegExp(`^/(?:api/)?resources/(?:${adminOnlyResources.join('|')})(?:/|$)`, 'i')
    : null;
  return (req: ConsoleRequest, res, next) => {
    const admin = req.session?.adminUser;
    if (!admin || req.path === '/login' || admin.role === 'admin') return next();
    if (adminOnly && adminOnly.test(decodedPath(req.path))) {
      return refuse(res, 403, 'Forbidden', `only admins may see or change this part of the console`);
    }
    if (isSafeMethod(req.method)) return next();
    return refuse(res, 403, 'Forbidden', `the ${admin.role} role may look but not change anything`);
  };
}

/** The path as the router will match it (`%41dminUser` is `AdminUser`); as sent when it does not decode. */
function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** For what AdminJS does not guard itself (the queue dashboard): 401 for API calls, the login page otherwise. */
export function requireLogin(loginPath: string): RequestHandler {
  return (req: ConsoleRequest, res, next) => {
    if (req.session?.adminUser) return next();
    if (req.path.includes('/api/') || !isSafeMethod(req.method)) {
      return refuse(res, 401, 'Unauthorized', `log in at ${loginPath}`);
    }
    res.redirect(302, loginPath);
  };
}

/**
 * Keeps the session's role in step with the account (a demoted or deleted account loses its rights at the next
 * request), re-reading it at most every `everyMs`.
 */
export function identityRefresh(
  lookup: (id: number) => Promise<ConsoleIdentity | null>,
  everyMs = 10_000,
): RequestHandler {
  return (req: ConsoleRequest & { session?: { checkedAt?: number } }, _res, next: NextFunction) => {
    const session = req.session as (ConsoleSessionData & { checkedAt?: number }) | undefined;
    const admin = session?.adminUser;
    if (!session || !admin || req.path.startsWith('/frontend/assets/')) return next();
    if (session.checkedAt && Date.now() - session.checkedAt < everyMs) return next();
    lookup(admin.id).then(
      (current) => {
        if (!current) delete session.adminUser;
        else session.adminUser = { ...current, title: current.email };
        session.checkedAt = Date.now();
        next();
      },
      (error: Error) => next(error),
    );
  };
}

export interface LoginLimits {
  perAddress: { points: number; duration: number };
  perAccount: { points: number; duration: number };
}

/** Generous for a person who mistypes, tight for a script: 30 tries per address and 10 per account in 15 min. */
export const LOGIN_LIMITS: LoginLimits = {
  perAddress: { points: 30, duration: 15 * 60 },
  perAccount: { points: 10, duration: 15 * 60 },
};

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest('base64url').slice(0, 22);

/**
 * Login attempts counted in Redis (shared by every api process; in memory while Redis is away), per client
 * address and per account; only digests name the counters.
 */
export class LoginRateLimiter {
  private readonly perAddress: RateLimiterRedis;
  private readonly perAccount: RateLimiterRedis;

  constructor(redis: Redis, keyPrefix: string, limits: LoginLimits = LOGIN_LIMITS) {
    const make = (name: string, limit: RateLimit) => redisRateLimiter(redis, `${keyPrefix}:${name}`, limit);
    this.perAddress = make('address', limits.perAddress);
    this.perAccount = make('account', limits.perAccount);
  }

  /** Seconds to wait, or 0 when the attempt may go on. */
  async attemptFrom(address: string): Promise<number> {
    return consume(this.perAddress, digest(address));
  }

  async attemptOn(email: string): Promise<number> {
    return consume(this.perAccount, digest(email.trim().toLowerCase()));
  }

  async succeeded(email: string): Promise<void> {
    await this.perAccount.delete(digest(email.trim().toLowerCase())).catch(() => undefined);
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

export class TooManyLoginAttempts extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many login attempts: try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`);
  }
}

/** Counts each POST to the login form per client address before anything else reads it. */
export function loginAddressLimit(
  limiter: LoginRateLimiter,
  renderLogin: (message: string) => Promise<string>,
): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST' || req.path !== '/login') return next();
    limiter.attemptFrom(req.ip ?? req.socket.remoteAddress ?? 'unknown').then(async (wait) => {
      if (wait === 0) return next();
      res.setHeader('Retry-After', String(wait));
      res.status(429).send(await renderLogin(new TooManyLoginAttempts(wait).message));
    }, next);
  };
}
