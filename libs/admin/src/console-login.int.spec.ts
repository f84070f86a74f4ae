import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import session from 'express-session';
import Redis from 'ioredis';
import { clearQueuePrefix, TEST_REDIS_URL, uniqueQueuePrefix } from '@cascade/testing';
import { consoleLogin, LoginRateLimiter } from './console-login';

const OWNER = { email: 'alice@un.org', password: 'the right passphrase' };
const LIMITS = {
  perAddress: { points: 8, duration: 600 },
  perAccount: { points: 5, duration: 600 },
  knownFor: 3600,
};

/** Issue 22: both limits answer 429 with Retry-After, and a stranger's guesses do not lock the owner out. */
describe('the console login and its limits (Redis)', () => {
  const prefix = uniqueQueuePrefix();
  let redis: Redis;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    redis = new Redis(TEST_REDIS_URL);
    // Until Redis is ready the limiter counts in memory (its stand-in during an outage): wait for it.
    await redis.ping();
    const limiter = new LoginRateLimiter(redis, `${prefix}:ratelimit:console-login`, LIMITS);
    const app = express();
    // The test names the client's address; the limits read req.ip.
    app.set('trust proxy', true);
    app.use(session({ secret: 's'.repeat(40), resave: false, saveUninitialized: false }));
    app.post(
      '/login',
      ...consoleLogin({
        limiter,
        authenticate: async (email, password) =>
          email === OWNER.email && password === OWNER.password
            ? { id: 1, email: OWNER.email, role: 'admin', language: 'en' }
            : null,
        renderLogin: async (message) => `<p id="message">${message ?? ''}</p>`,
        rootPath: '/admin',
      }),
    );
    server = app.listen(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    redis.disconnect();
    await clearQueuePrefix(prefix);
  });

  const login = async (from: string, account: { email: string; password: string }) => {
    const response = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': from },
      body: new URLSearchParams(account).toString(),
      redirect: 'manual',
    });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      location: response.headers.get('location'),
      text: await response.text(),
    };
  };
  const wrong = { email: OWNER.email, password: 'a guess' };

  it('logs the owner in from a first address, which becomes known to the account', async () => {
    expect(await login('10.0.0.1', wrong)).toMatchObject({
      status: 200,
      text: expect.stringContaining('invalid'),
    });
    expect(await login('10.0.0.1', OWNER)).toMatchObject({ status: 302, location: '/admin' });
  });

  it('locks the account for other addresses after its limit: 429 with Retry-After, the password not even tried', async () => {
    // The two attempts of the first login counted (its address was not known yet): three more reach the limit.
    for (const from of ['10.0.0.2', '10.0.0.3', '10.0.0.4'])
      expect((await login(from, wrong)).status).toBe(200);
    for (const account of [wrong, OWNER]) {
      const locked = await login('10.0.0.5', account);
      expect(locked).toMatchObject({ status: 429, text: expect.stringContaining('Too many login attempts') });
      expect(Number(locked.retryAfter)).toBeGreaterThan(500);
    }
  });

  it('lets the owner in from an address known to the account while it is locked for the others', async () => {
    expect(await login('10.0.0.1', wrong)).toMatchObject({ status: 200 });
    expect(await login('10.0.0.1', OWNER)).toMatchObject({ status: 302, location: '/admin' });
    // The owner's login forgave nothing: the account is still locked for the stranger.
    expect((await login('10.0.0.6', wrong)).status).toBe(429);
  });

  it('answers an address over its own limit with 429 and Retry-After, known or not', async () => {
    const other = { email: 'bob@un.org', password: 'x' };
    // 10.0.0.1 has sent 4 attempts so far; the address limit is 8, whatever the account.
    for (let i = 0; i < 4; i++) expect((await login('10.0.0.1', other)).status).not.toBe(429);
    const over = await login('10.0.0.1', OWNER);
    expect(over.status).toBe(429);
    expect(Number(over.retryAfter)).toBeGreaterThan(500);
  });
});
