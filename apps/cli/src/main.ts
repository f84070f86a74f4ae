import 'reflect-metadata';
import { loadConfigOrExit } from '@cascade/config';
import { WorkflowRegistry } from '@cascade/dialogue';
import { openMigratedOrm, seedDemo } from '@cascade/persistence';
import { ADMIN_CREATE_USAGE, createAdmin } from './admin-create';
import { createMigrations } from './migration-create';
import { startAll } from './start';
import { TREE_GENERATE_USAGE, treeGenerate } from './tree-generate';

const USAGE = `usage: cascade <command>
  start                 migrate, seed the demo, start Redis if needed, run api + worker
  db:migrate            apply pending migrations
  db:seed [year]        seed the demo dialogue (default: this year)
  db:migration:create   generate the next migration for PostgreSQL and SQLite (needs POSTGRES_ADMIN_URL)
  ${ADMIN_CREATE_USAGE}
  ${TREE_GENERATE_USAGE}`;

async function main([command, ...args]: string[]): Promise<void> {
  // Needs no configuration and no database: it only prints.
  if (command === 'tree:generate') {
    // `| head` closing the pipe early is not an error.
    process.stdout.on('error', (error: NodeJS.ErrnoException) =>
      process.exit(error.code === 'EPIPE' ? 0 : 1),
    );
    process.stdout.write(treeGenerate(args));
    return;
  }
  const config = loadConfigOrExit();
  switch (command) {
    case 'start':
      return startAll(config);
    case 'db:migrate': {
      const orm = await openMigratedOrm(config.database);
      const applied = await orm.getMigrator().getExecutedMigrations();
      console.log(`${config.database.driver}: ${applied.length} migration(s) applied, none pending`);
      return orm.close();
    }
    case 'db:seed': {
      const orm = await openMigratedOrm(config.database);
      const year = args[0] ? Number(args[0]) : new Date().getFullYear();
      const result = await seedDemo(orm, WorkflowRegistry.fromDirectory(config.workflowsDir), { year });
      console.log(
        result.created
          ? `seeded the ${year} demo with ${result.entities} entities and ${result.people} people in their reporting trees`
          : `the ${year} dialogue already exists`,
      );
      return orm.close();
    }
    case 'admin:create': {
      const orm = await openMigratedOrm(config.database);
      try {
        const user = await createAdmin(orm, args);
        console.log(`created the console account ${user.email} (${user.role}, ${user.language})`);
      } finally {
        await orm.close();
      }
      return;
    }
    case 'db:migration:create':
      return createMigrations(config.tools.postgresAdminUrl);
    default:
      console.error(USAGE);
      process.exit(2);
  }
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
