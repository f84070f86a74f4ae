import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';

export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A queue prefix of its own, so parallel suites never see each other's jobs. */
export function uniqueQueuePrefix(): string {
  return `cascade-test-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under a prefix (run after a suite). */
export async function clearQueuePrefix(prefix: string, url = TEST_REDIS_URL): Promise<void> {
  const redis = new Redis(url);
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
