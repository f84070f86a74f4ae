import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
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

/** Frames, sniffing and referrers off; console pages are never cached (the CSP: consoleContentSecurity). */
export function consoleHeaders(): RequestHandler {
  return (req, res, next) => {
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    if (!req.path.startsWith('/frontend/assets/') && !req.path.includes('/static/')) {
      res.setHeader('Cache-Control', 'no-store');
    }
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
