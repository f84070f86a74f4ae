import type { MikroORM } from '@mikro-orm/core';
import RedisStore from 'connect-redis';
import express, { type RequestHandler, type Router } from 'express';
import session from 'express-session';
import type Redis from 'ioredis';
import { accountLanguage, ACCOUNT_LANGUAGE_PATH } from './console-account';
import type { ActionDeps } from './console-action';
import { consoleApiGuard, type KnownResource } from './console-api-guard';
import { consoleAdmin } from './console-admin';
import { consoleContentSecurity } from './console-csp';
import { noOutsideStylesheets, productionBundles } from './console-frontend';
import { consoleLogin, LoginRateLimiter } from './console-login';
import {
  CONSOLE_COOKIE,
  consoleHeaders,
  csrfGuard,
  identityRefresh,
  requireLogin,
  roleGate,
} from './console-security';
import { CONSOLE_PATH, type ConsoleSettings } from './console-settings';
import { bundleFile, mermaidBundleFile, STYLESHEET_FILE } from './components';
import { CHART_JS_PATH, chartJsBundleFile } from './chart-asset';
import type { AdminJsModules } from './esm';
import { listExport, type ExportableResource } from './export/list-export';
import { mailPreview } from './mail-preview/mail-preview';
import { ADMIN_ONLY_RESOURCES } from './resources';

const SESSION_HOURS = 8;

/** What the console's router is made of; `board` and `clockSync` come from the module's providers. */
export interface ConsoleRouterParts {
  modules: AdminJsModules;
  orm: MikroORM;
  deps: ActionDeps;
  settings: ConsoleSettings;
  redis: Redis;
  board: RequestHandler;
  clockSync: RequestHandler;
}

/** The console's sessions: in Redis under the console's prefix, a strict cookie on /admin, 8 hours rolling. */
function consoleSession(settings: ConsoleSettings, redis: Redis): RequestHandler {
  return session({
    name: CONSOLE_COOKIE,
    secret: settings.secret,
    store: new RedisStore({
      client: redis,
      prefix: `${settings.redisPrefix}:console-session:`,
      ttl: SESSION_HOURS * 3600,
    }),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'strict',
      secure: settings.secureCookies,
      path: CONSOLE_PATH,
      maxAge: SESSION_HOURS * 3600_000,
    },
  });
}

/**
 * AdminJS at /admin and Bull Board at /admin/queues, behind one login, with sessions in Redis, CSRF tokens,
 * rate-limited logins and a role gate. AdminJS's own bundles are its production ones (console-frontend.ts), the
 * components' bundle comes from the build; Mermaid's browser bundle
 * (the dashboard's workflow diagram) from its npm package, behind the login.
 */
export function consoleRouter(parts: ConsoleRouterParts): Router {
  const { settings, redis, deps } = parts;
  const bundle = bundleFile();
  const mermaid = mermaidBundleFile();
  const chartJs = chartJsBundleFile();
  const limiter = new LoginRateLimiter(
    redis,
    `${settings.redisPrefix}:ratelimit:console-login`,
    settings.loginLimits,
  );
  const { admin, router: adminRouter } = consoleAdmin({ ...parts, secret: settings.secret });
  const loginPath = `${CONSOLE_PATH}/login`;

  const router = express.Router();
  router.use(consoleHeaders());
  router.use(consoleContentSecurity());
  router.use(noOutsideStylesheets());
  router.get('/frontend/assets/components.bundle.js', (_req, res) => {
    res.type('text/javascript').sendFile(bundle);
  });
  router.get('/frontend/assets/console.css', (_req, res) => {
    res.type('text/css').sendFile(STYLESHEET_FILE);
  });
  for (const [asset, file] of Object.entries(productionBundles())) {
    router.get(asset, (_req, res) => {
      res.type('text/javascript').sendFile(file);
    });
  }
  router.use(consoleSession(settings, redis));
  router.use(identityRefresh((id) => deps.services.admins.identity(id)));
  router.use(csrfGuard(settings.secret, settings.secureCookies));
  router.post(
    '/login',
    ...consoleLogin({
      limiter,
      authenticate: (email, password) => deps.services.admins.authenticate(email, password),
      renderLogin: (message) => admin.renderLogin({ action: admin.options.loginPath, errorMessage: message }),
      rootPath: CONSOLE_PATH,
    }),
  );
  // The account's own language, for viewers too: ahead of the role gate, behind the login and the CSRF guard.
  router.post(
    ACCOUNT_LANGUAGE_PATH,
    requireLogin(loginPath),
    ...accountLanguage((id, language, actor) => deps.services.admins.changeLanguage(id, language, actor)),
  );
  router.use(roleGate(ADMIN_ONLY_RESOURCES));
  router.use(parts.clockSync);
  router.use('/queues', requireLogin(loginPath), parts.board);
  router.get('/assets/mermaid.min.js', requireLogin(loginPath), (_req, res) => {
    res.setHeader('Cache-Control', 'private, max-age=86400');
    res.type('text/javascript').sendFile(mermaid);
  });
  router.get(CHART_JS_PATH, requireLogin(loginPath), (_req, res) => {
    res.setHeader('Cache-Control', 'private, max-age=86400');
    res.type('text/javascript').sendFile(chartJs);
  });
  router.get('/mail-preview', requireLogin(loginPath), mailPreview(deps.queries.mailPreviews));
  router.get(
    '/export/:resource',
    requireLogin(loginPath),
    listExport(() => admin.resources as unknown as ExportableResource[], ADMIN_ONLY_RESOURCES),
  );
  router.use(
    '/api',
    consoleApiGuard(() => admin.resources as unknown as KnownResource[]),
  );
  router.use(adminRouter);
  return router;
}
