import { Redis } from 'ioredis';
import { TEST_REDIS_URL, uniqueQueuePrefix } from '@cascade/testing';
import { RedisLease } from './redis-lease';

describe('RedisLease on the real Redis', () => {
  const redis = new Redis(TEST_REDIS_URL);
  const key = `${uniqueQueuePrefix()}:lease:test`;
  afterAll(async () => {
    await redis.del(key);
    redis.disconnect();
  });

  it('is held by one at a time; only the holder renews or releases it; it expires on its own', async () => {
    const first = new RedisLease(redis, key, 300);
    const second = new RedisLease(redis, key, 300);
    expect(await first.acquire()).toBe(true);
    expect(await second.acquire()).toBe(false);
    expect(await second.renew()).toBe(false);
    await second.release();
    expect(await redis.get(key)).toBe(first.holder);
    // Asking again while holding renews it.
    expect(await first.acquire()).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await redis.exists(key)).toBe(0);
    expect(await second.acquire()).toBe(true);
    expect(await first.renew()).toBe(false);

    await second.release();
    expect(await first.acquire()).toBe(true);
  });
});
