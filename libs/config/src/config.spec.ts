import { ConfigInvalid, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives a zero-setup SQLite and local Redis by default', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ driver: 'sqlite', path: 'cascade.sqlite' });
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'cascade' });
    expect(config.port).toBe(3000);
    expect(config.env).toBe('development');
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
});
