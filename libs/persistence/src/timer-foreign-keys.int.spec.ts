import { MikroORM } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import { DialogueService, InvitationService, WorkflowRegistry } from '@cascade/dialogue';
import {
  createTestDatabase,
  FixedClock,
  testDrivers,
  WORKFLOWS_DIR,
  type TestDriver,
} from '@cascade/testing';
import { seedDemo } from './demo-seeder';
import { ormOptions } from './orm-options';

/** The last migration before the timer rows got their foreign keys (the same name in both dialects). */
const BEFORE_FOREIGN_KEYS = 'Migration20261202173811';
const YEAR = 2026;
const ACTOR = 'migration-test';

type Row = Record<string, unknown>;

/** The tables of a database and their columns, on either dialect. */
async function columnsOf(orm: MikroORM, driver: string): Promise<Map<string, string[]>> {
  const sql = (query: string) => orm.em.getConnection().execute(query) as Promise<Row[]>;
  const out = new Map<string, string[]>();
  if (driver === 'postgresql') {
    for (const r of await sql(
      "select table_name, column_name from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position",
    ))
      out.set(String(r['table_name']), [
        ...(out.get(String(r['table_name'])) ?? []),
        String(r['column_name']),
      ]);
  } else {
    for (const t of await sql(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'",
    ))
      out.set(
        String(t['name']),
        (await sql(`pragma table_info("${String(t['name'])}")`)).map((c) => String(c['name'])),
      );
  }
  out.delete('mikro_orm_migrations');
  return out;
}

/**
 * A launched demo year as the code of today writes it, copied into a database still at the migration before the
 * timer foreign keys: every table and column that schema has (later columns and tables are left out), foreign-key
 * checks off while copying. The manager workflow's timers did not exist then and are not copied.
 */
async function launchedYearBefore(driver: TestDriver, target: MikroORM): Promise<void> {
  const source = await createTestDatabase(driver);
  const orm = await MikroORM.init(ormOptions(source.config));
  try {
    await orm.getMigrator().up();
    const clock = new FixedClock(new Date('2026-11-02T12:00:00Z'));
    const registry = WorkflowRegistry.fromDirectory(WORKFLOWS_DIR);
    await seedDemo(orm, registry, { year: YEAR, clock });
    await new DialogueService(orm.em, clock, registry).launch(YEAR, ACTOR);
    const [{ id }] = (await orm.em
      .getConnection()
      .execute(`select id from dialogue where year = ${YEAR}`)) as Row[];
    await new InvitationService(orm.em, clock, registry).inviteAll(Number(id), ACTOR);
    const wanted = await columnsOf(target, driver);
    const knex = (target.em.getConnection() as unknown as { getKnex(): Knex }).getKnex();
    await knex.transaction(async (trx: Knex.Transaction) => {
      await trx.raw(
        driver === 'postgresql'
          ? 'set local session_replication_role = replica'
          : 'pragma defer_foreign_keys = on',
      );
      for (const [table, columns] of wanted) {
        const where = table === 'timer' ? " where manager_id is null and timer_id <> 'managers-digest'" : '';
        const rows = (await orm.em
          .getConnection()
          .execute(`select ${columns.map((c) => `"${c}"`).join(', ')} from "${table}"${where}`)) as Row[];
        for (let i = 0; i < rows.length; i += 200) await trx(table).insert(rows.slice(i, i + 200));
        // Ids were copied as they are: PostgreSQL's sequences must go on from the largest.
        if (driver === 'postgresql' && columns.includes('id'))
          await trx.raw(
            `select setval(pg_get_serial_sequence('"${table}"', 'id'), coalesce(max(id), 1)) from "${table}"`,
          );
      }
    });
  } finally {
    await orm.close(true);
    await source.drop();
  }
}

describe.each(testDrivers())('the timer foreign-key migration (%s)', (driver) => {
  it('keeps every timer row, drops only orphans, and then refuses a timer without its dialogue or instance', async () => {
    const database = await createTestDatabase(driver);
    const orm = await MikroORM.init(ormOptions(database.config));
    const sql = async <T>(query: string): Promise<T> => (await orm.em.getConnection().execute(query)) as T;
    const timerRows = () => sql<Record<string, unknown>[]>('select * from timer order by id');
    try {
      await orm.getMigrator().up({ to: BEFORE_FOREIGN_KEYS });
      // A launched dialogue: entity timers for every instance, and the dialogue's digest.
      await launchedYearBefore(driver, orm);
      const [{ id: dialogueId }] = await sql<{ id: number }[]>(
        `select id from dialogue where year = ${YEAR}`,
      );
      const before = await timerRows();
      expect(before.length).toBeGreaterThan(58 * 5);
      expect(before.filter((row) => row['workflow_id'] === null)).toHaveLength(1);

      // Rows no foreign key can hold: a dialogue and an instance that do not exist.
      const copy = (key: string, dialogue: string, workflow: string) =>
        sql(
          `insert into timer (key, dialogue_id, workflow_id, timer_id, kind, due_at, local_due_at, status, synced, created_at)
           select '${key}', ${dialogue}, ${workflow}, timer_id, kind, due_at, local_due_at, status, synced, created_at
           from timer where id = ${Number(before[0]['id'])}`,
        );
      await copy('orphan.dialogue', '99999', 'null');
      await copy('orphan.instance', String(dialogueId), '99999');

      await orm.getMigrator().up();
      expect(await orm.getMigrator().getPendingMigrations()).toEqual([]);
      // Every row kept as it was (the columns later migrations add are not part of the comparison).
      const kept = (await timerRows()).map((row) =>
        Object.fromEntries(Object.keys(before[0]).map((k) => [k, row[k]])),
      );
      expect(kept).toEqual(before);
      await expect(copy('no.dialogue', '99999', 'null')).rejects.toThrow(/foreign key/i);
      await expect(copy('no.instance', String(dialogueId), '99999')).rejects.toThrow(/foreign key/i);
      await copy('still.fine', String(dialogueId), 'null');
    } finally {
      await orm.close(true);
      await database.drop();
    }
  }, 120_000);
});
