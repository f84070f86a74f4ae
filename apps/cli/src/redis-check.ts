import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import Redis from 'ioredis';

export async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: 1500,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * For the one-command start: if nothing answers at a local REDIS_URL, start a throw-away redis-server when one
 * is installed; otherwise say how to get one.
 */
export async function ensureLocalRedis(url: string): Promise<ChildProcess | null> {
  if (await redisAnswers(url)) return null;
  const { hostname, port } = new URL(url);
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(hostname);
  const installed = spawnSync('redis-server', ['--version']).status === 0;
  if (!local || !installed) {
    throw new Error(
      `No Redis answers at ${url}.\n` +
        (local
          ? '  redis-server is not installed: install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis),\n'
          : '') +
        '  or run the production-like stack from docker/ (docker compose -f docker/compose.yml up), or set REDIS_URL.',
    );
  }
  const child = spawn(
    'redis-server',
    [
      '--port',
      port || '6379',
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: 'ignore' },
  );
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (await redisAnswers(url)) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error(`started redis-server on port ${port || 6379} but it does not answer`);
}
