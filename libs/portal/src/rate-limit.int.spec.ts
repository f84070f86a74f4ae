import Redis from 'ioredis';
import { clearQueuePrefix, freePort, TEST_REDIS_URL, uniqueQueuePrefix, waitFor } from '@cascade/testing';
import { FlashStore } from './flash-store';
import { PortalRateLimiter, type PortalLimits } from './rate-limit';

const SMALL: PortalLimits = {
  perToken: { points: 5, duration: 60 },
  perAddress: { points: 8, duration: 60 },
  writesPerToken: { points: 2, duration: 60 },
  writesPerAddress: { points: 3, duration: 60 },
};

describe('rate limits on Redis', () => {
  let redis: Redis;
  let prefix: string;

  beforeAll(async () => {
    redis = new Redis(TEST_REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    // Until the connection is ready the limiter counts in memory; these tests are about the Redis counters.
    await waitFor(() => redis.status === 'ready', { what: 'Redis' });
  });
  beforeEach(() => {
    prefix = uniqueQueuePrefix();
  });
  afterEach(() => clearQueuePrefix(prefix));
  afterAll(() => redis.quit());

  const read = (limiter: PortalRateLimiter, token: string, address = '10.0.0.1') =>
    limiter.consume({ token, address, write: false });
  const write = (limiter: PortalRateLimiter, token: string, address = '10.0.0.1') =>
    limiter.consume({ token, address, write: true });

  it('allows a link its requests per minute, then refuses with the seconds to wait', async () => {
    const limiter = new PortalRateLimiter(redis, `${prefix}:ratelimit`, SMALL);
    for (let i = 0; i < 5; i++) expect((await read(limiter, 'link-a')).allowed).toBe(true);
    const refused = await read(limiter, 'link-a', '10.0.0.2');
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThan(50);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('counts per client address across links, and writes against tighter limits', async () => {
    const limiter = new PortalRateLimiter(redis, `${prefix}:ratelimit`, SMALL);
    for (let i = 0; i < 8; i++) expect((await read(limiter, `link-${i}`)).allowed).toBe(true);
    expect((await read(limiter, 'link-fresh')).allowed).toBe(false);
    expect((await read(limiter, 'link-fresh', '10.0.0.9')).allowed).toBe(true);

    expect((await write(limiter, 'link-w', '10.0.1.1')).allowed).toBe(true);
    expect((await write(limiter, 'link-w', '10.0.1.2')).allowed).toBe(true);
    expect((await write(limiter, 'link-w', '10.0.1.3')).allowed).toBe(false);
    expect((await read(limiter, 'link-w', '10.0.1.4')).allowed).toBe(true);
  });

  it('keeps the counters shared by every api process under its prefix, naming neither link nor address', async () => {
    const one = new PortalRateLimiter(redis, `${prefix}:ratelimit`, SMALL);
    const two = new PortalRateLimiter(redis, `${prefix}:ratelimit`, SMALL);
    for (let i = 0; i < 3; i++) await read(one, 'secret-link-token', '192.0.2.7');
    for (let i = 0; i < 2; i++) await read(two, 'secret-link-token', '192.0.2.8');
    expect((await read(one, 'secret-link-token', '192.0.2.9')).allowed).toBe(false);
    const keys = await redis.keys(`${prefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.startsWith(`${prefix}:ratelimit:`))).toBe(true);
    expect(keys.join(' ')).not.toMatch(/secret-link-token|192\.0\.2/);
  });

  it('counts in memory while Redis does not answer', async () => {
    const port = await freePort();
    const away = new Redis(`redis://127.0.0.1:${port}`, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
    });
    away.on('error', () => undefined);
    try {
      const limiter = new PortalRateLimiter(away, `${prefix}:ratelimit`, SMALL);
      for (let i = 0; i < 5; i++) expect((await read(limiter, 'link-b')).allowed).toBe(true);
      expect((await read(limiter, 'link-b')).allowed).toBe(false);
    } finally {
      away.disconnect();
    }
  });
});

describe('one-time results on Redis', () => {
  let redis: Redis;
  let prefix: string;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
    prefix = uniqueQueuePrefix();
  });
  afterAll(async () => {
    await clearQueuePrefix(prefix);
    await redis.quit();
  });

  const flash = {
    kind: 'leader-link' as const,
    email: 'jean@dppa.example.org',
    link: 'https://cascade.example.org/p/SECRET-LEADER-TOKEN',
  };

  it('gives the result back once, to the link it was made for', async () => {
    const store = new FlashStore(redis, `${prefix}:portal-flash`);
    const reference = await store.put(7, flash);
    expect(reference).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await store.take(7, reference)).toEqual(flash);
    expect(await store.take(7, reference)).toBeNull();
  });

  it('keeps only ciphertext in Redis, which another link cannot open', async () => {
    const store = new FlashStore(redis, `${prefix}:portal-flash`);
    const reference = await store.put(7, flash);
    const keys = await redis.keys(`${prefix}:portal-flash:*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain(reference);
    const stored = (await redis.get(keys[0])) ?? '';
    expect(Buffer.from(stored, 'base64').toString('latin1')).not.toContain('SECRET-LEADER-TOKEN');
    expect(await redis.ttl(keys[0])).toBeGreaterThan(500);
    expect(await store.take(8, reference)).toBeNull();
  });

  it('ignores forged or malformed references', async () => {
    const store = new FlashStore(redis, `${prefix}:portal-flash`);
    for (const bad of [undefined, '', 'x', 'A'.repeat(43), ['a'], '../../etc']) {
      expect(await store.take(7, bad)).toBeNull();
    }
  });
});
