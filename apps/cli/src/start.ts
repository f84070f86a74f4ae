import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import type { CascadeConfig } from '@cascade/config';
import { seedDemo, openMigratedOrm } from '@cascade/persistence';
import { AdminUserService, SystemClock, WorkflowRegistry } from '@cascade/dialogue';
import { startMailCatcher } from './mail-catcher';
import { ensureLocalRedis } from './redis-check';

/**
 * `npm start`: everything a newcomer needs in one go — the database migrated and seeded with the demo
 * dialogue, Redis (started locally when needed), a mail catcher with a web page (when no SMTP server is
 * configured), then the api and the worker as child processes.
 */
export async function startAll(config: CascadeConfig): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (!config.adminApiKey) {
    env['ADMIN_API_KEY'] = randomBytes(24).toString('base64url');
    console.log(`ADMIN_API_KEY was not set; generated one for this run: ${env['ADMIN_API_KEY']}`);
  }
  const children: ChildProcess[] = [];
  const year = new Date().getFullYear();
  let mailLine: string;
  let consoleLine: string;
  try {
    const redis = await ensureLocalRedis(config.redis.url);
    if (redis) {
      children.push(redis);
      console.log(`Started a local redis-server for ${config.redis.url} (it keeps nothing on disk).`);
    }

    if (config.smtp) {
      // The host only: never the user or password of SMTP_URL.
      mailLine = `  Mail:    sent through the SMTP server at ${config.smtp.host}`;
    } else {
      const catcher = await startMailCatcher(config.tools.mailCatcher);
      children.push(catcher.child);
      catcher.child.on('exit', (code) => {
        if (code !== 0 && code !== null) {
          console.error(`The mail catcher exited with code ${code}; stopping.`);
          stopAll(children, 1);
        }
      });
      env['SMTP_URL'] = catcher.smtpUrl;
      // `||=` rather than `??=`: an empty MAIL_FROM (as compose files leave it) counts as unset.
      env['MAIL_FROM'] ||= 'Cascade Ethics Office <ethics-office@cascade.local>';
      mailLine = `  Mail:    ${catcher.webUrl} (caught mail; nothing leaves this machine)`;
      console.log(
        `No SMTP_URL or SMTP_HOST is set; started a mail catcher at ${catcher.smtpUrl} (it keeps mail only while it runs).`,
      );
    }

    const orm = await openMigratedOrm(config.database);
    const seeded = await seedDemo(orm, WorkflowRegistry.fromDirectory(config.workflowsDir), { year });
    consoleLine = await ensureDemoAdmin(orm, config);
    await orm.close();
    console.log(
      seeded.created
        ? `Seeded the ${year} demo dialogue with ${seeded.entities} entities and ${seeded.people} people in their reporting trees.`
        : `The ${year} demo dialogue exists.`,
    );
  } catch (error) {
    // Leave no redis-server or mail catcher behind when a later step fails.
    await Promise.all(children.map(stopChild));
    throw error;
  }

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
      `  Health:  http://localhost:${config.port}/health/ready — metrics: http://localhost:${config.port}/metrics and the worker's http://127.0.0.1:${config.metrics.workerPort}/metrics`,
      mailLine,
      consoleLine,
      `  Launch the demo: curl -X POST -H "x-api-key: ${env['ADMIN_API_KEY']}" http://localhost:${config.port}/api/dialogues/${year}/launch`,
      '',
    ].join('\n'),
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stopAll(children, 0));
}

const DEMO_ADMIN = 'admin@cascade.local';

/**
 * In development only, and only while no console account exists: a demo admin with a generated password, shown
 * this once. Anywhere else the first account comes from `admin:create`.
 */
async function ensureDemoAdmin(orm: MikroORM, config: CascadeConfig): Promise<string> {
  const address = `http://localhost:${config.port}/admin`;
  const admins = new AdminUserService(orm.em, new SystemClock());
  if (config.env !== 'development' || (await admins.count()) > 0) {
    return `  Console: ${address} (log in with an account made by admin:create; see README, "The console")`;
  }
  const password = randomBytes(12).toString('base64url');
  await admins.create({ email: DEMO_ADMIN, password, role: 'admin' }, 'system: npm start (demo account)');
  return `  Console: ${address} — ${DEMO_ADMIN} / ${password} (demo admin created now; the password is not shown again)`;
}

function stopAll(children: ChildProcess[], code: number): void {
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}
