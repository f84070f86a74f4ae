import fs from 'node:fs';
import path from 'node:path';
import { unsyncedPage } from './mirror/timer-mirror';
import { pendingMirroredPage } from './mirror/timer-reconciler';
import { Timer } from './timer.entity';
import { openTestOrm, sampleDialogueInput, testDrivers, type TestOrm } from '@cascade/testing';
import { DialogueService } from '../dialogue/dialogue.service';
import { EntityImportService } from '../entity/entity-import.service';
import { refreshPlannerStatistics } from '../shared/planner-statistics';
import { InvitationService } from '../workflow-instance/invitation.service';

const ADMIN = 'admin@test';
const ENTITIES_CSV = fs.readFileSync(
  path.resolve(__dirname, '../../../persistence/seed/entities.csv'),
  'utf8',
);

// Every third row fired, every seventh not yet mirrored: the page must skip both.
const isPage = (id: number) => id % 3 !== 0 && id % 7 !== 0;

// Dialogue-wide rows: the pages read neither column, and the foreign keys want a real dialogue and no instance.
function timerRow(id: number, dialogueId: number): Partial<Timer> {
  return {
    id,
    key: `k${id}`,
    dialogueId,
    workflowId: null,
    timerId: 'deadline',
    kind: 'entity',
    dueAt: new Date('2027-01-31T12:00:00Z'),
    localDueAt: '2027-01-31T12:00:00+00:00',
    status: id % 3 === 0 ? 'fired' : 'pending',
    synced: id % 7 !== 0,
    createdAt: new Date('2026-10-01T12:00:00Z'),
  };
}

async function aDialogue({ orm, clock, registry }: TestOrm): Promise<number> {
  return (await new DialogueService(orm.em, clock, registry).create(sampleDialogueInput(2026), ADMIN)).id;
}

/** The same rows straight in SQL (PostgreSQL): a table the size of a 100,000-entity dialogue. */
async function insertTimers(db: TestOrm, from: number, to: number): Promise<void> {
  const dialogueId = await aDialogue(db);
  await db.orm.em.getConnection().execute(
    `insert into timer (id, key, dialogue_id, workflow_id, timer_id, kind, due_at, local_due_at, status, synced, created_at)
     select g, 'k' || g, ${dialogueId}, null, 'deadline', 'entity', '2027-01-31T12:00:00Z', '2027-01-31T12:00:00+00:00',
            case when g % 3 = 0 then 'fired' else 'pending' end, g % 7 <> 0, '2026-10-01T12:00:00Z'
     from generate_series(${from}, ${to}) g`,
  );
}

describe.each(testDrivers())('the reconciler page of pending mirrored timers (%s)', (driver) => {
  let db: TestOrm;

  beforeAll(async () => {
    db = await openTestOrm(driver);
  }, 60_000);
  afterAll(() => db?.close());

  it('returns pending, mirrored rows after the given id, in id order, at most a page', async () => {
    const dialogueId = await aDialogue(db);
    await db.orm.em.insertMany(
      Timer,
      Array.from({ length: 100 }, (_, i) => timerRow(i + 1, dialogueId)),
    );
    const page = await pendingMirroredPage(db.orm.em.fork(), 10, 20).getResultList();
    const expected = Array.from({ length: 90 }, (_, i) => i + 11)
      .filter(isPage)
      .slice(0, 20);
    expect(page.map((t) => t.id)).toEqual(expected);
    expect(page[0].key).toBe('k11');
    expect(page[0].dueAt).toEqual(new Date('2027-01-31T12:00:00Z'));
  });
});

const onPostgres = testDrivers().includes('postgresql') ? describe : describe.skip;

onPostgres('planner statistics after a launch (postgresql)', () => {
  let db: TestOrm;
  const planOf = async (query: string) => {
    const rows = (await db.orm.em.getConnection().execute(`explain ${query}`)) as { 'QUERY PLAN': string }[];
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  };
  const planOfPage = (afterId: number) =>
    planOf(pendingMirroredPage(db.orm.em.fork(), afterId, 1000).getFormattedQuery());
  const stats = (table: string) =>
    db.orm.em
      .getConnection()
      .execute<{ analyzed: number; estimate: number; rows: number }[]>(
        `select s.analyze_count::int as analyzed, c.reltuples::int as estimate,
                (select count(*)::int from "${table}") as rows
         from pg_stat_user_tables s join pg_class c on c.oid = s.relid where s.relname = ?`,
        [table],
      )
      .then(([row]) => row);

  beforeEach(async () => {
    db = await openTestOrm('postgresql', new Date('2026-11-03T09:00:00Z'));
  }, 60_000);
  afterEach(() => db?.close());

  it('the fan-out refreshes the statistics of every table it grew', async () => {
    const { orm, clock, registry } = db;
    const dialogues = new DialogueService(orm.em, clock, registry);
    const dialogue = await dialogues.create(sampleDialogueInput(2026), ADMIN);
    await new EntityImportService(orm.em, clock).importCsv(ENTITIES_CSV, ADMIN);
    await dialogues.launch(2026, ADMIN);
    const invited = await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, ADMIN, 10, {
      refreshStatistics: true,
    });
    expect(invited).toBeGreaterThan(50);
    for (const table of ['entity_workflow', 'timer', 'audit_event', 'outbox']) {
      const { analyzed, estimate, rows } = await stats(table);
      expect({ table, analyzed: analyzed > 0, estimate }).toEqual({ table, analyzed: true, estimate: rows });
    }
  });

  it('with them the reconciler reads a page as an index range scan, not a sort of every pending row', async () => {
    // 300,000 rows arrive in a table the planner has never measured, as in a launch with autovacuum off.
    await insertTimers(db, 1, 300_000);
    expect(await planOfPage(150_000)).toMatch(/Sort/);
    await refreshPlannerStatistics(db.orm.em, ['timer']);
    const plan = await planOfPage(150_000);
    expect(plan).toMatch(/^Limit.*\n\s*->\s+Index Scan using timer_/);
    expect(plan).not.toMatch(/Sort|Bitmap/);
  }, 60_000); // 300,000 rows with their foreign key checked take a few seconds on a busy machine

  it('the mirror reads its few unsynced rows from their partial index, whatever the statistics say', async () => {
    // Statistics taken mid-launch, when a seventh of 300,000 rows waited for Redis; since then all but 300 were
    // mirrored. The planner still expects 43,000 unsynced rows and, without the partial index, filters the
    // table through its primary key (1.1 s a page at 950,000 timers in the 100,000-entity sweep).
    await insertTimers(db, 1, 300_000);
    await refreshPlannerStatistics(db.orm.em, ['timer']);
    await db.orm.em.getConnection().execute('update timer set synced = (id % 1000 <> 0)');
    const page = () => unsyncedPage(db.orm.em.fork(), 1000);

    expect(await planOf(page().getFormattedQuery())).toMatch(
      /^Limit.*\n\s*->\s+Index Scan using timer_unsynced_id_index/,
    );
    expect((await page().getResultList()).map((t) => t.id)).toEqual(
      Array.from({ length: 300 }, (_, i) => (i + 1) * 1000),
    );

    await db.orm.em.getConnection().execute('drop index timer_unsynced_id_index');
    expect(await planOf(page().getFormattedQuery())).toMatch(/Filter: \(NOT synced\)/);
  }, 60_000);
});
