import type { MikroORM } from '@mikro-orm/core';
import type { Request } from 'express';
import type { ActionDeps } from './console-action';
import { CONSOLE_COOKIE, TooManyLoginAttempts, type LoginRateLimiter } from './console-security';
import { CONSOLE_PATH } from './console-settings';
import { registerComponents } from './components';
import { dashboardView } from './dashboard';
import type { AdminJsModules } from './esm';
import { consoleResources } from './resources';
import { consoleTranslations } from './translations';

/** What AdminJS is built from. */
export interface ConsoleAdminParts {
  modules: AdminJsModules;
  /** For AdminJS's adapter: the entities' metadata. */
  orm: MikroORM;
  deps: ActionDeps;
  secret: string;
  limiter: LoginRateLimiter;
}

/** AdminJS (resources, dashboard, branding) and its router, whose login counts attempts and renews the session. */
export function consoleAdmin({ modules, orm, deps, secret, limiter }: ConsoleAdminParts) {
  const { default: AdminJS, ComponentLoader } = modules.adminjs;
  const componentLoader = new ComponentLoader();
  const components = registerComponents(componentLoader);
  const admin = new AdminJS({
    rootPath: CONSOLE_PATH,
    loginPath: `${CONSOLE_PATH}/login`,
    logoutPath: `${CONSOLE_PATH}/logout`,
    componentLoader,
    resources: consoleResources(modules, orm, deps, components) as never,
    dashboard: {
      component: components.dashboard,
      handler: async (request: { query?: Record<string, unknown> }) =>
        dashboardView(deps, request.query?.['year']),
    },
    branding: { companyName: 'Cascade — Ethics Office', withMadeWithLove: false, logo: false },
    locale: { language: 'en', availableLanguages: ['en'], translations: { en: consoleTranslations } },
  });

  const authenticate = async (email: string, password: string, context?: { req: Request }) => {
    const wait = await limiter.attemptOn(String(email ?? ''));
    if (wait > 0) throw new TooManyLoginAttempts(wait);
    const identity = await deps.services.admins.authenticate(email, password);
    if (!identity) return null;
    await limiter.succeeded(email);
    // A new session id at login, so that an id planted before it is worth nothing after.
    const req = context?.req;
    if (req?.session) {
      await new Promise<void>((resolve, reject) =>
        req.session.regenerate((e) => (e ? reject(e) : resolve())),
      );
    }
    return { ...identity, title: identity.email };
  };
  const router = modules.express.buildAuthenticatedRouter(
    admin,
    { authenticate, cookieName: CONSOLE_COOKIE, cookiePassword: secret },
    null,
    // Unused: the console's own session middleware runs first, and express-session then steps aside.
    { secret, resave: false, saveUninitialized: false },
  );
  return { admin, router };
}
