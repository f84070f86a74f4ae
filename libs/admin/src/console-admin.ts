import type { MikroORM } from '@mikro-orm/core';
import type { ActionDeps } from './console-action';
import { CONSOLE_COOKIE } from './console-security';
import { CONSOLE_PATH } from './console-settings';
import { registerComponents } from './components';
import { isAdmin } from './console-action';
import { dashboardView } from './dashboard';
import type { AdminJsModules } from './esm';
import { languageOf, translator } from './locale/console-text';
import { consoleResources } from './resources';
import { consoleLocale } from './translations';
import { CONSOLE_FAVICON, CONSOLE_THEME } from './console-frontend';

/** What AdminJS is built from. */
export interface ConsoleAdminParts {
  modules: AdminJsModules;
  /** For AdminJS's adapter: the entities' metadata. */
  orm: MikroORM;
  deps: ActionDeps;
  secret: string;
}

/** AdminJS (resources, dashboard, branding) and its router; the login form is answered ahead of it (consoleLogin). */
export function consoleAdmin({ modules, orm, deps, secret }: ConsoleAdminParts) {
  const { default: AdminJS, ComponentLoader } = modules.adminjs;
  const componentLoader = new ComponentLoader();
  const components = registerComponents(componentLoader);
  const admin = new AdminJS({
    rootPath: CONSOLE_PATH,
    loginPath: `${CONSOLE_PATH}/login`,
    logoutPath: `${CONSOLE_PATH}/logout`,
    componentLoader,
    // Served by the console's router (console-router.ts), on the login page too.
    assets: { styles: [`${CONSOLE_PATH}/frontend/assets/console.css`] },
    resources: consoleResources(modules, orm, deps, components) as never,
    dashboard: {
      component: components.dashboard,
      handler: async (
        request: { query?: Record<string, unknown> },
        _response: unknown,
        context?: { currentAdmin?: object },
      ) =>
        dashboardView(
          deps,
          request.query?.['year'],
          languageOf(context?.currentAdmin),
          isAdmin(context?.currentAdmin),
        ),
    },
    // The page's title and the menu's heading, in the account's language too (English on the login page).
    branding: (admin?: object) => ({
      companyName: translator(languageOf(admin))('common.companyName'),
      withMadeWithLove: false,
      logo: false,
      favicon: CONSOLE_FAVICON,
      // The system's fonts (AdminJS's Roboto would come from another host) and colours of enough contrast.
      // (AdminJS's types make every theme key a record; `font` is a string in its theme.)
      theme: CONSOLE_THEME as never,
    }),
    // A function of the logged-in account: each page AdminJS renders speaks the account's language.
    locale: consoleLocale,
  });

  // Never called: consoleLogin answers POST /login first, with the rate limits. Should a request reach AdminJS's
  // own login handler, it logs nobody in.
  const authenticate = async () => null;
  const router = modules.express.buildAuthenticatedRouter(
    admin,
    { authenticate, cookieName: CONSOLE_COOKIE, cookiePassword: secret },
    null,
    // Unused: the console's own session middleware runs first, and express-session then steps aside.
    { secret, resave: false, saveUninitialized: false },
  );
  return { admin, router };
}
