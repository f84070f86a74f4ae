import path from 'node:path';
import { ConfigInvalid, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives a zero-setup SQLite and local Redis by default', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ driver: 'sqlite', path: 'cascade.sqlite' });
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'cascade' });
    expect(config.port).toBe(3000);
    expect(config.env).toBe('development');
  });

  it('opens the worker’s metrics port on loopback by default, none under tests, and checks the metrics token', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).metrics).toEqual({
      token: undefined,
      workerPort: 9464,
      workerHost: '127.0.0.1',
    });
    expect(loadConfig({ NODE_ENV: 'test' }).metrics.workerPort).toBe(0);
    expect(
      loadConfig({ NODE_ENV: 'test', WORKER_METRICS_PORT: '9500', WORKER_METRICS_HOST: '0.0.0.0' }).metrics,
    ).toMatchObject({ workerPort: 9500, workerHost: '0.0.0.0' });
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });

  it('selects PostgreSQL when DATABASE_URL says so', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@localhost:5432/db' });
    expect(config.database).toEqual({ driver: 'postgresql', url: 'postgres://u@localhost:5432/db' });
  });

  it('accepts an explicit sqlite: URL', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.sqlite' }).database).toEqual({
      driver: 'sqlite',
      path: '/tmp/x.sqlite',
    });
  });

  it('names every bad variable', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'localhost:6379' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigInvalid);
    const variables = (caught as ConfigInvalid).issues.map((i) => i.variable).sort();
    expect(variables).toEqual(['DATABASE_URL', 'PORT', 'REDIS_URL']);
    expect((caught as ConfigInvalid).message).toContain('PORT');
  });

  it('requires an admin API key of at least 24 characters in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/ADMIN_API_KEY: is required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PORTAL_SECRET: is required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', ADMIN_API_KEY: 'short' })).toThrow(/ADMIN_API_KEY/);
    expect(
      loadConfig({ NODE_ENV: 'production', ADMIN_API_KEY: 'x'.repeat(32), PORTAL_SECRET: 'p'.repeat(32) })
        .adminApiKey,
    ).toHaveLength(32);
  });

  it('keeps the simulation clock off by default and refuses it in production', () => {
    expect(loadConfig({}).simulation).toBe(false);
    expect(loadConfig({ SIMULATION: 'true' }).simulation).toBe(true);
    expect(() => loadConfig({ SIMULATION: 'yes' })).toThrow(/SIMULATION/);
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        ADMIN_API_KEY: 'x'.repeat(32),
        PORTAL_SECRET: 'p'.repeat(32),
        SIMULATION: 'true',
      }),
    ).toThrow(/SIMULATION: is refused in production/);
  });

  it('reads the timer settings', () => {
    expect(loadConfig({}).timers).toEqual({ reconcileMs: 60_000, ratePerSecond: 100, batch: 50 });
    expect(
      loadConfig({ TIMER_RECONCILE_MS: '5000', TIMER_RATE_LIMIT: '20', TIMER_BATCH: '1' }).timers,
    ).toEqual({ reconcileMs: 5000, ratePerSecond: 20, batch: 1 });
    expect(() => loadConfig({ TIMER_RATE_LIMIT: '0' })).toThrow(/TIMER_RATE_LIMIT/);
    expect(() => loadConfig({ TIMER_BATCH: '0' })).toThrow(/TIMER_BATCH/);
    expect(() => loadConfig({ TIMER_BATCH: '501' })).toThrow(/TIMER_BATCH/);
  });

  it('takes the portal secret from PORTAL_SECRET, or makes a random one per process outside production', () => {
    expect(loadConfig({ PORTAL_SECRET: 'p'.repeat(32) }).portalSecret).toBe('p'.repeat(32));
    expect(() => loadConfig({ PORTAL_SECRET: 'short' })).toThrow(
      /PORTAL_SECRET: must be at least 32 characters/,
    );
    const a = loadConfig({}).portalSecret;
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}).portalSecret).not.toBe(a);
  });

  it('takes the console session secret from ADMIN_SESSION_SECRET, refusing a short one', () => {
    const secret = 's'.repeat(32);
    expect(loadConfig({ ADMIN_SESSION_SECRET: secret }).console.sessionSecret).toBe(secret);
    expect(() => loadConfig({ ADMIN_SESSION_SECRET: 'short' })).toThrow(
      /ADMIN_SESSION_SECRET: must be at least 32 characters/,
    );
  });

  it('derives the console secret from PORTAL_SECRET when it is unset or empty, the same in every process', () => {
    const portal = { PORTAL_SECRET: 'p'.repeat(32) };
    const a = loadConfig(portal).console.sessionSecret;
    expect(loadConfig({ ...portal, ADMIN_SESSION_SECRET: '' }).console.sessionSecret).toBe(a);
    expect(a).not.toBe(portal.PORTAL_SECRET);
    expect(a.length).toBeGreaterThanOrEqual(32);
  });

  it('needs a console secret (or PORTAL_SECRET) in production; elsewhere a random one per process', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ADMIN_API_KEY: 'x'.repeat(32) })).toThrow(
      /ADMIN_SESSION_SECRET: is required in production \(or PORTAL_SECRET, from which it is derived\)/,
    );
    const production = {
      NODE_ENV: 'production',
      ADMIN_API_KEY: 'x'.repeat(32),
      PORTAL_SECRET: 'p'.repeat(32),
    };
    expect(loadConfig(production).console.sessionSecret).toHaveLength(43);
    expect(loadConfig({}).console.sessionSecret).not.toBe(loadConfig({}).console.sessionSecret);
  });

  it('takes the Chromium of the report from CHROMIUM_PATH, Debian’s by default', () => {
    expect(loadConfig({}).report).toEqual({ chromiumPath: '/usr/bin/chromium' });
    expect(loadConfig({ CHROMIUM_PATH: '' }).report.chromiumPath).toBe('/usr/bin/chromium');
    expect(loadConfig({ CHROMIUM_PATH: '/opt/chrome/chrome' }).report.chromiumPath).toBe(
      '/opt/chrome/chrome',
    );
  });

  it('takes the mail templates folder from MAIL_TEMPLATES_DIR, made absolute; unset means libs/mail’s own', () => {
    expect(loadConfig({}).mail.templatesDir).toBeUndefined();
    expect(loadConfig({ MAIL_TEMPLATES_DIR: '' }).mail.templatesDir).toBeUndefined();
    expect(loadConfig({ MAIL_TEMPLATES_DIR: '/srv/mail' }).mail.templatesDir).toBe('/srv/mail');
    expect(loadConfig({ MAIL_TEMPLATES_DIR: 'mail' }).mail.templatesDir).toBe(path.resolve('mail'));
  });

  it('takes the PostgreSQL server of db:migration:create from POSTGRES_ADMIN_URL', () => {
    expect(loadConfig({}).tools.postgresAdminUrl).toBe('postgres://postgres@127.0.0.1:5432/postgres');
    expect(loadConfig({ POSTGRES_ADMIN_URL: 'postgresql://u@db:5432/postgres' }).tools.postgresAdminUrl).toBe(
      'postgresql://u@db:5432/postgres',
    );
    expect(() => loadConfig({ POSTGRES_ADMIN_URL: 'mysql://u@db/x' })).toThrow(
      /POSTGRES_ADMIN_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/,
    );
  });

  it('takes the mail catcher’s ports from MAIL_CATCHER_SMTP_PORT and MAIL_CATCHER_WEB_PORT, 1025 and 1080 otherwise', () => {
    expect(loadConfig({}).tools.mailCatcher).toEqual({ smtpPort: 1025, webPort: 1080 });
    expect(
      loadConfig({ MAIL_CATCHER_SMTP_PORT: '2525', MAIL_CATCHER_WEB_PORT: '' }).tools.mailCatcher,
    ).toEqual({ smtpPort: 2525, webPort: 1080 });
    expect(() => loadConfig({ MAIL_CATCHER_WEB_PORT: 'eighty' })).toThrow(
      /MAIL_CATCHER_WEB_PORT: must be a port number from 1 to 65535/,
    );
    expect(() => loadConfig({ MAIL_CATCHER_SMTP_PORT: '70000' })).toThrow(/MAIL_CATCHER_SMTP_PORT/);
  });

  it('checks every address of ETHICS_OFFICE_EMAIL at boot', () => {
    expect(loadConfig({ ETHICS_OFFICE_EMAIL: 'Ethics <e@un.org>, d@un.org' }).mail.ethicsOffice).toBe(
      'Ethics <e@un.org>, d@un.org',
    );
    expect(() => loadConfig({ ETHICS_OFFICE_EMAIL: 'Ethics <e@un.org>, nobody' })).toThrow(
      /ETHICS_OFFICE_EMAIL: must be addresses like/,
    );
  });
});
