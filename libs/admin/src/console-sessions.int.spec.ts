import Redis from 'ioredis';
import { clearQueuePrefix, TEST_REDIS_URL, uniqueQueuePrefix } from '@cascade/testing';
import { accountOfSession, ConsoleSessions } from './console-sessions';

describe('ConsoleSessions (Redis)', () => {
  const prefix = `${uniqueQueuePrefix()}:console-session:`;
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
  });

  afterAll(async () => {
    redis.disconnect();
    await clearQueuePrefix(prefix.replace(/:console-session:$/, ''));
  });

  const store = (sid: string, session: unknown) =>
    redis.set(`${prefix}${sid}`, typeof session === 'string' ? session : JSON.stringify(session), 'EX', 600);

  it('ends every session of one account and no other', async () => {
    const cookie = { originalMaxAge: 28800000, httpOnly: true, path: '/admin' };
    for (let i = 0; i < 250; i++) await store(`other-${i}`, { cookie, adminUser: { id: 1, role: 'admin' } });
    await store('vera-1', { cookie, adminUser: { id: 7, email: 'vera@un.org', role: 'viewer' } });
    await store('vera-2', { cookie, adminUser: { id: 7, email: 'vera@un.org', role: 'viewer' } });
    await store('anonymous', { cookie });
    await store('garbage', 'not json');
    expect(await new ConsoleSessions(redis, prefix).endSessionsOf(7)).toBe(2);
    expect(await redis.exists(`${prefix}vera-1`, `${prefix}vera-2`)).toBe(0);
    expect(await redis.exists(`${prefix}other-0`, `${prefix}other-249`, `${prefix}anonymous`)).toBe(3);
    expect(await new ConsoleSessions(redis, prefix).endSessionsOf(7)).toBe(0);
  });

  it('reads the account of a stored session, if any', () => {
    expect(accountOfSession(JSON.stringify({ adminUser: { id: 3 } }))).toBe(3);
    expect(accountOfSession(JSON.stringify({ cookie: {} }))).toBeNull();
    expect(accountOfSession('{')).toBeNull();
    expect(accountOfSession(null)).toBeNull();
  });
});
