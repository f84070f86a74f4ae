import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { CascadeConfig } from '@cascade/config';
import { seedDemo, openMigratedOrm } from '@cascade/persistence';
import { WorkflowRegistry } from '@cascade/dialogue';
import { ensureLocalRedis } from './redis-check';

/**
 * `npm start`: everything a newcomer needs in one go — the database migrated and seeded with the demo
 * dialogue, Redis (started locally when needed), then the api and the worker as child processes.
 */
export async function startAll(config: CascadeConfig): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (!config.adminApiKey) {
    env['ADMIN_API_KEY'] = randomBytes(24).toString('base64url');
    console.log(`ADMIN_API_KEY was not set; generated one for this run: ${env['ADMIN_API_KEY']}`);
  }
  const children: ChildProcess[] = [];
  const redis = await ensureLocalRedis(config.redis.url);
  if (redis) {
    children.push(redis);
    console.log(`Started a local redis-server for ${config.redis.url} (it keeps nothing on disk).`);
  }

  const orm = await openMigratedOrm(config.database);
  const year = new Date().getFullYear();
  const seeded = await seedDemo(orm, WorkflowRegistry.fromDirectory(config.workflowsDir), { year });
  await orm.close();
  console.log(
    seeded.created
      ? `Seeded the ${year} demo dialogue with ${seeded.entities} entities.`
      : `The ${year} demo dialogue exists.`,
  );

  const dist = path.resolve(__dirname, '../..');
  for (const app of ['api', 'worker']) {
    const child = spawn(process.execPath, [path.join(dist, app, 'src/main.js')], { env, stdio: 'inherit' });
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) {
        console.error(`${app} exited with code ${code}; stopping.`);
        stopAll(children, 1);
      }
    });
    children.push(child);
  }
  console.log(
    [
      '',
      `Cascade is starting on http://localhost:${config.port}`,
      `  API:     http://localhost:${config.port}/api/dialogues/${year} (header x-api-key: the ADMIN_API_KEY)`,
      `  OpenAPI: http://localhost:${config.port}/docs`,
      `  Health:  http://localhost:${config.port}/health`,
      `  Launch the demo: curl -X POST -H "x-api-key: ${env['ADMIN_API_KEY']}" http://localhost:${config.port}/api/dialogues/${year}/launch`,
      '',
    ].join('\n'),
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stopAll(children, 0));
}

function stopAll(children: ChildProcess[], code: number): void {
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
}
