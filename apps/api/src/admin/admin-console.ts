import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import RedisStore from 'connect-redis';
import express, { type Express, type Request, type RequestHandler } from 'express';
import session from 'express-session';
import Redis from 'ioredis';
import type { CascadeConfig } from '@cascade/config';
import { Clock, TimerSyncService } from '@cascade/dialogue';
import { OutboxDispatchService } from '@cascade/scheduling';
import { bundleFile, BUNDLE_DIR, mermaidBundleFile, registerComponents } from './components';
import { consoleServicesOf } from './console-services';
import { ConsoleSessions } from './console-sessions';
import {
  CONSOLE_COOKIE,
  consoleHeaders,
  consoleSecretFrom,
  csrfGuard,
  identityRefresh,
  isSafeMethod,
  loginAddressLimit,
  LoginRateLimiter,
  requireLogin,
  roleGate,
  TooManyLoginAttempts,
  type LoginLimits,
} from './console-security';
import { dashboardView } from './dashboard';
import { loadAdminJs } from './esm';
import { queueBoard } from './queue-board';
import { ADMIN_ONLY_RESOURCES, consoleResources } from './resources';
import { consoleTranslations } from './translations';

export const CONSOLE_PATH = '/admin';
const SESSION_HOURS = 8;

export interface ConsoleOptions {
  /** ADMIN_SESSION_SECRET (or a random one outside production) when not given. */
  secret?: string;
  loginLimits?: LoginLimits;
}

/**
 * Mounts the Ethics Office console on the api's Express instance, ahead of Nest's body parsers (AdminJS parses
 * its own forms): AdminJS at /admin and Bull Board at /admin/queues, behind one login, with sessions in Redis,
 * CSRF tokens, rate-limited logins and a role gate. The components' bundle comes from the build; Mermaid's
 * browser bundle (the dashboard's workflow diagram) from its npm package, behind the login.
 */
export async function mountConsole(
  app: INestApplication,
  config: CascadeConfig,
  options: ConsoleOptions = {},
): Promise<void> {
  const secret = options.secret ?? consoleSecretFrom(process.env, config.env);
  const bundle = bundleFile();
  const mermaid = mermaidBundleFile();
  // AdminJS must never bundle at start: the build did (and production images are read-only).
  process.env['ADMIN_JS_SKIP_BUNDLE'] = 'true';
  process.env['ADMIN_JS_TMP_DIR'] ??= BUNDLE_DIR;
  const modules = await loadAdminJs();
  const { default: AdminJS, ComponentLoader } = modules.adminjs;
  const redis = new Redis(config.redis.url, { maxRetriesPerRequest: 2, connectTimeout: 2000 });
  redis.on('error', () => undefined); // ioredis reconnects by itself; the requests that fail say why
  const sessionPrefix = `${config.redis.prefix}:console-session:`;
  const services = consoleServicesOf(app, config.mail.publicUrl, new ConsoleSessions(redis, sessionPrefix));

  const componentLoader = new ComponentLoader();
  const components = registerComponents(componentLoader);
  const admin = new AdminJS({
    rootPath: CONSOLE_PATH,
    loginPath: `${CONSOLE_PATH}/login`,
    logoutPath: `${CONSOLE_PATH}/logout`,
    componentLoader,
    resources: consoleResources(modules, services, components) as never,
    dashboard: {
      component: components.dashboard,
      handler: async (request: { query?: Record<string, unknown> }) =>
        dashboardView(services, request.query?.['year']),
    },
    branding: { companyName: 'Cascade — Ethics Office', withMadeWithLove: false, logo: false },
    locale: { language: 'en', availableLanguages: ['en'], translations: { en: consoleTranslations } },
  });

  const secure = config.mail.publicUrl.startsWith('https://');
  const sessions = session({
    name: CONSOLE_COOKIE,
    secret,
    store: new RedisStore({
      client: redis,
      prefix: sessionPrefix,
      ttl: SESSION_HOURS * 3600,
    }),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'strict',
      secure,
      path: CONSOLE_PATH,
      maxAge: SESSION_HOURS * 3600_000,
    },
  });
  const limiter = new LoginRateLimiter(
    redis,
    `${config.redis.prefix}:ratelimit:console-login`,
    options.loginLimits,
  );

  const authenticate = async (email: string, password: string, context?: { req: Request }) => {
    const wait = await limiter.attemptOn(String(email ?? ''));
    if (wait > 0) throw new TooManyLoginAttempts(wait);
    const identity = await services.admins.authenticate(email, password);
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
  const adminRouter = modules.express.buildAuthenticatedRouter(
    admin,
    { authenticate, cookieName: CONSOLE_COOKIE, cookiePassword: secret },
    null,
    // Unused: the console's own session middleware runs first, and express-session then steps aside.
    { secret, resave: false, saveUninitialized: false },
  );

  const clock = app.get(Clock);
  const outbox = app.get(OutboxDispatchService);
  const timers = app.get(TimerSyncService);
  // As the API's interceptor does: read the (simulated) clock first, hand new outbox rows and timers to Redis after.
  const clockAndKick: RequestHandler = (req, res, next) => {
    if (req.path.startsWith('/frontend/')) return next();
    clock.sync().then(() => {
      if (!isSafeMethod(req.method)) {
        res.on('finish', () => {
          outbox.kick();
          timers.kick();
        });
      }
      next();
    }, next);
  };

  const router = express.Router();
  router.use(consoleHeaders());
  router.get('/frontend/assets/components.bundle.js', (_req, res) => {
    res.type('text/javascript').sendFile(bundle);
  });
  router.use(sessions);
  router.use(identityRefresh((id) => services.admins.identity(id)));
  router.use(csrfGuard(secret, secure));
  router.use(
    loginAddressLimit(limiter, (message) =>
      admin.renderLogin({ action: admin.options.loginPath, errorMessage: message }),
    ),
  );
  router.use(roleGate(ADMIN_ONLY_RESOURCES));
  router.use(clockAndKick);
  router.use('/queues', requireLogin(`${CONSOLE_PATH}/login`), queueBoard(app, `${CONSOLE_PATH}/queues`));
  router.get('/assets/mermaid.min.js', requireLogin(`${CONSOLE_PATH}/login`), (_req, res) => {
    res.setHeader('Cache-Control', 'private, max-age=86400');
    res.type('text/javascript').sendFile(mermaid);
  });
  router.use(adminRouter);

  const server = app.getHttpAdapter().getInstance() as Express;
  server.use(CONSOLE_PATH, router);
  app.getHttpServer().on('close', () => redis.disconnect());
  new Logger('Console').log(`Ethics Office console at ${CONSOLE_PATH} (queues at ${CONSOLE_PATH}/queues)`);
}
