import { loadConfig } from '@cascade/config';
import { createTestDatabase, TEST_REDIS_URL, uniqueQueuePrefix, WORKFLOWS_DIR } from '@cascade/testing';
import { createWorker } from './worker-app';

describe('createWorker', () => {
  it('refuses to start on a database with pending migrations, naming them', async () => {
    const database = await createTestDatabase('sqlite');
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: `sqlite:${database.config.driver === 'sqlite' ? database.config.path : ''}`,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: uniqueQueuePrefix(),
      WORKFLOWS_DIR,
    });
    try {
      await expect(createWorker(config)).rejects.toThrow(
        /pending migrations \(Migration\d+(, Migration\d+)*\).*db:migrate/,
      );
    } finally {
      await database.drop();
    }
  });
});
