import { MikroORM } from '@mikro-orm/core';
import { DialogueService, InvitationService, WorkflowRegistry } from '@cascade/dialogue';
import { createTestDatabase, FixedClock, testDrivers, WORKFLOWS_DIR } from '@cascade/testing';
import { seedDemo } from './demo-seeder';
import { ormOptions } from './orm-options';

/** The last migration before the timer rows got their foreign keys (the same name in both dialects). */
const BEFORE_FOREIGN_KEYS = 'Migration20261202173811';
const YEAR = 2026;
const ACTOR = 'migration-test';

describe.each(testDrivers())('the timer foreign-key migration (%s)', (driver) => {
  it('keeps every timer row, drops only orphans, and then refuses a timer without its dialogue or instance', async () => {
    const database = await createTestDatabase(driver);
    const orm = await MikroORM.init(ormOptions(database.config));
    const sql = async <T>(query: string): Promise<T> => (await orm.em.getConnection().execute(query)) as T;
    const timerRows = () => sql<Record<string, unknown>[]>('select * from timer order by id');
    try {
      await orm.getMigrator().up({ to: BEFORE_FOREIGN_KEYS });
      // A launched dialogue: entity timers for every instance, and the dialogue's digest.
      const clock = new FixedClock(new Date('2026-11-02T12:00:00Z'));
      const registry = WorkflowRegistry.fromDirectory(WORKFLOWS_DIR);
      await seedDemo(orm, registry, { year: YEAR, clock });
      await new DialogueService(orm.em, clock, registry).launch(YEAR, ACTOR);
      const [{ id: dialogueId }] = await sql<{ id: number }[]>(
        `select id from dialogue where year = ${YEAR}`,
      );
      await new InvitationService(orm.em, clock, registry).inviteAll(dialogueId, ACTOR);
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
      expect(await timerRows()).toEqual(before);
      await expect(copy('no.dialogue', '99999', 'null')).rejects.toThrow(/foreign key/i);
      await expect(copy('no.instance', String(dialogueId), '99999')).rejects.toThrow(/foreign key/i);
      await copy('still.fine', String(dialogueId), 'null');
    } finally {
      await orm.close(true);
      await database.drop();
    }
  }, 120_000);
});
