import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { Client } from 'pg';
import type { DatabaseConfig } from '@cascade/config';
import { ormOptions } from '@cascade/persistence';

const MIGRATIONS_ROOT = path.resolve('libs/persistence/src/migrations');

/** Rewrites a dialect's index.ts so the migrations run in file-name (timestamp) order. */
function writeIndex(dialect: 'postgresql' | 'sqlite'): void {
  const folder = path.join(MIGRATIONS_ROOT, dialect);
  const names = fs
    .readdirSync(folder)
    .filter((f) => /^Migration\d+.*\.ts$/.test(f))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
  const source = [
    "import type { MigrationObject } from '@mikro-orm/core';",
    ...names.map((n) => `import { ${n} } from './${n}';`),
    '',
    '/** Applied in this order; `npm run db:migration:create` appends new ones. */',
    `export const ${dialect}Migrations: MigrationObject[] = [`,
    ...names.map((n) => `  { name: '${n}', class: ${n} },`),
    '];',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(folder, 'index.ts'), source);
}

/**
 * Generates the next migration for each dialect from the difference between the entities and a scratch
 * database migrated to the current state. Developers run it after changing an entity.
 */
export async function createMigrations(postgresAdminUrl: string): Promise<void> {
  const scratch = `cascade_migration_${process.pid}`;
  const admin = new Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`create database ${scratch}`);
  const sqlitePath = path.join(os.tmpdir(), `${scratch}.sqlite`);
  const pgUrl = new URL(postgresAdminUrl);
  pgUrl.pathname = `/${scratch}`;
  const targets: ['postgresql' | 'sqlite', DatabaseConfig][] = [
    ['postgresql', { driver: 'postgresql', url: pgUrl.toString() }],
    ['sqlite', { driver: 'sqlite', path: sqlitePath }],
  ];
  try {
    for (const [dialect, database] of targets) {
      const orm = await MikroORM.init(ormOptions(database));
      try {
        await orm.getMigrator().up();
        const folder = path.join(MIGRATIONS_ROOT, dialect);
        const generator = await MikroORM.init(
          ormOptions(database, {
            migrations: {
              path: folder,
              pathTs: folder,
              emit: 'ts',
              snapshot: false,
              migrationsList: undefined,
            },
          }),
        );
        const result = await generator.getMigrator().createMigration(folder);
        await generator.close();
        console.log(
          result.fileName ? `${dialect}: wrote ${result.fileName}` : `${dialect}: schema already up to date`,
        );
        writeIndex(dialect);
      } finally {
        await orm.close();
      }
    }
  } finally {
    await admin.query(`drop database if exists ${scratch} with (force)`);
    await admin.end();
    fs.rmSync(sqlitePath, { force: true });
  }
}
