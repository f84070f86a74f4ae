import { freePort, TEST_REDIS_URL } from '@cascade/testing';
import { ensureLocalRedis, redisAnswers } from './redis-check';

describe('the start command’s Redis check', () => {
  it('sees the machine’s Redis answer and leaves it alone', async () => {
    expect(await redisAnswers(TEST_REDIS_URL)).toBe(true);
    expect(await ensureLocalRedis(TEST_REDIS_URL)).toBeNull();
  });

  it('names both remedies when a remote Redis does not answer', async () => {
    const port = await freePort();
    await expect(ensureLocalRedis(`redis://127.0.0.2:${port}`)).rejects.toThrow(
      /docker compose -f docker\/compose.yml up/,
    );
  });

  it('starts a local redis-server when nothing answers on a local port', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    expect(await redisAnswers(url)).toBe(false);
    const child = await ensureLocalRedis(url);
    try {
      expect(child).not.toBeNull();
      expect(await redisAnswers(url)).toBe(true);
    } finally {
      child?.kill();
    }
  });
});
