import fs from 'node:fs';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { GuardRefused, InvalidTransition } from '@cascade/workflow';
import { openTestOrm, testDrivers, type TestOrm, sampleDialogueInput } from '@cascade/testing';
import { DialogueService } from './dialogue/dialogue.service';
import { EntityImportService } from './entity/entity-import.service';
import { SessionService } from './session/session.service';
import { Conflict, ValidationFailed, type FieldIssue } from './shared/errors';
import { StatisticsService, type StatisticsInput } from './statistics/statistics.service';
import { EntityWorkflowService } from './workflow-instance/entity-workflow.service';
import { InvitationService } from './workflow-instance/invitation.service';

const ENTITIES_CSV = fs.readFileSync(path.resolve(__dirname, '../../persistence/seed/entities.csv'), 'utf8');
const ADMIN = 'admin@test';
const YEAR = 2026;
const TABLES = [
  'dialogue',
  'entity',
  'focal_point',
  'entity_workflow',
  'audit_event',
  'session',
  'statistics',
  'report',
  'outbox',
] as const;

interface DatabaseSnapshot {
  counts: Record<(typeof TABLES)[number], number>;
  instances: string[];
}

/** Row counts of every table plus each instance's state, version and counters: what a refused change must not touch. */
async function snapshot(orm: MikroORM): Promise<DatabaseSnapshot> {
  const connection = orm.em.fork().getConnection();
  const counts = {} as DatabaseSnapshot['counts'];
  for (const table of TABLES) {
    const [row]: { n: number | string }[] = await connection.execute(`select count(*) as n from ${table}`);
    counts[table] = Number(row?.n);
  }
  const rows: Record<string, unknown>[] = await connection.execute(
    'select id, state, version, escalation_level, sessions_recorded, extended_deadline, statistics_submitted_at from entity_workflow order by id',
  );
  const instances = rows.map((r) =>
    [
      r['id'],
      r['state'],
      r['version'],
      r['escalation_level'],
      r['sessions_recorded'],
      r['extended_deadline'],
      r['statistics_submitted_at'] === null ? '-' : 'set',
    ].join('|'),
  );
  return { counts, instances };
}

async function rejection(work: () => Promise<unknown>): Promise<unknown> {
  return work().then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e,
  );
}

/** The CSV of the seed with one cell of a data row replaced; `row` counts the header as line 1. */
function withCell(csv: string, row: number, column: number, value: string): string {
  const lines = csv.trimEnd().split('\n');
  const cells = (lines[row - 1] as string).split(',');
  cells[column] = value;
  lines[row - 1] = cells.join(',');
  return lines.join('\n') + '\n';
}

const STATS: StatisticsInput = {
  eligibleStaff: 40,
  staffParticipated: 30,
  sessionsHeld: 3,
  managersLed: 2,
  nonStaffParticipants: 0,
};

describe.each(testDrivers())('refused changes leave the database exactly as it was (%s)', (driver) => {
  let db: TestOrm;
  let imports: EntityImportService;
  let invitations: InvitationService;
  let workflows: EntityWorkflowService;
  let sessions: SessionService;
  let statistics: StatisticsService;
  let dialogueId: number;

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-10-01T12:00:00Z'));
    const { orm, clock, registry } = db;
    imports = new EntityImportService(orm.em, clock);
    invitations = new InvitationService(orm.em, clock, registry);
    workflows = new EntityWorkflowService(orm.em, clock, registry);
    sessions = new SessionService(workflows);
    statistics = new StatisticsService(workflows);
    const dialogue = await new DialogueService(orm.em, clock, registry).create(
      sampleDialogueInput(YEAR),
      ADMIN,
    );
    dialogueId = dialogue.id;
  });

  afterAll(async () => {
    await db?.close();
  });

  it('imports nothing from a CSV with a bad time zone on row 40 and a bad language on row 12', async () => {
    const before = await snapshot(db.orm);
    expect(before.counts.entity).toBe(0);
    const csv = withCell(withCell(ENTITIES_CSV, 40, 4, 'Mars/Olympus_Mons'), 12, 5, 'de');
    const error = await rejection(() => imports.importCsv(csv, ADMIN));
    expect(error).toBeInstanceOf(ValidationFailed);
    const issues = (error as ValidationFailed).issues;
    expect(issues).toEqual([
      {
        row: 12,
        field: 'language',
        code: 'one-of',
        message: 'must be one of ar, zh, en, fr, ru, es',
        params: { values: 'ar, zh, en, fr, ru, es' },
      },
      {
        row: 40,
        field: 'timezone',
        code: 'time-zone',
        message: "'Mars/Olympus_Mons' is not an IANA time zone",
        params: { zone: 'Mars/Olympus_Mons' },
      },
    ]);
    expect((error as Error).message).toContain('row 40, timezone');
    expect(await snapshot(db.orm)).toEqual(before);
  });

  it('names the rows of duplicate codes and of a malformed line, and imports nothing', async () => {
    const before = await snapshot(db.orm);
    const duplicate = withCell(ENTITIES_CSV, 30, 0, 'eosg');
    const issues = ((await rejection(() => imports.importCsv(duplicate, ADMIN))) as ValidationFailed).issues;
    expect(issues).toEqual<FieldIssue[]>([
      {
        row: 30,
        field: 'code',
        code: 'duplicate-code',
        message: "'EOSG' already appears on row 2",
        params: { code: 'EOSG', row: 2 },
      },
    ]);

    const ragged = ENTITIES_CSV.trimEnd().split('\n');
    ragged[4] += ',extra';
    const error = await rejection(() => imports.importCsv(ragged.join('\n'), ADMIN));
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).issues[0]).toMatchObject({ field: 'csv', row: 5 });

    const json = await rejection(() =>
      imports.importJson(
        [
          {
            code: 'OK-1',
            name: 'Fine',
            kind: 'office',
            dutyStation: 'NY',
            timeZone: 'America/New_York',
            language: 'en',
          },
          {
            code: 'BAD 2',
            name: 'Bad',
            kind: 'office',
            dutyStation: 'NY',
            timeZone: 'America/New_York',
            language: 'en',
            staff: -3,
          },
        ],
        ADMIN,
      ),
    );
    expect((json as ValidationFailed).issues.map((i) => `${i.row}:${i.field}`)).toEqual([
      '2:code',
      '2:illustrative_staff',
    ]);
    expect(await snapshot(db.orm)).toEqual(before);
  });

  describe('after launch', () => {
    beforeAll(async () => {
      await imports.importCsv(ENTITIES_CSV, ADMIN);
      await new DialogueService(db.orm.em, db.clock, db.registry).launch(YEAR, ADMIN);
      await invitations.inviteAll(dialogueId, ADMIN, 25);
      await workflows.withdraw(YEAR, 'DOS', 'merged', ADMIN);
      await sessions.record(
        YEAR,
        'DPO',
        { leaderEmail: 'l@un.test', heldOn: '2026-09-01', language: 'en', participants: 12 },
        ADMIN,
      );
    });

    it('starts from the state the tests rely on', async () => {
      const before = await snapshot(db.orm);
      expect(before.counts).toMatchObject({ entity: 58, entity_workflow: 58, session: 1, statistics: 0 });
      expect((await workflows.get(YEAR, 'DOS')).state).toBe('withdrawn');
      expect((await workflows.get(YEAR, 'DPO')).state).toBe('cascading');
    });

    it('refuses a session for a withdrawn entity: no session, audit or outbox row, and no leak into the next change', async () => {
      const before = await snapshot(db.orm);
      const error = await rejection(() =>
        sessions.record(
          YEAR,
          'DOS',
          { leaderEmail: 'l@un.test', heldOn: '2026-09-01', language: 'en', participants: 12 },
          ADMIN,
        ),
      );
      expect(error).toBeInstanceOf(InvalidTransition);
      expect(await snapshot(db.orm)).toEqual(before);

      // Reopen it: the refused session must not have left its count behind in memory.
      await workflows.override(YEAR, 'DOS', 'invited', 'withdrawn by mistake', ADMIN);
      const dos = await workflows.get(YEAR, 'DOS');
      expect(dos.state).toBe('invited');
      expect(dos.sessionsRecorded).toBe(0);
      await workflows.withdraw(YEAR, 'DOS', 'merged after all', ADMIN);
    });

    it('refuses statistics with more participants than eligible staff, naming the field, and writes nothing', async () => {
      const before = await snapshot(db.orm);
      const error = await rejection(() =>
        statistics.submit(
          YEAR,
          'DPO',
          { ...STATS, eligibleStaff: 10, staffParticipated: 11, managersLed: 4 },
          ADMIN,
        ),
      );
      expect(error).toBeInstanceOf(ValidationFailed);
      expect((error as ValidationFailed).issues.map((i) => i.field)).toEqual([
        'staffParticipated',
        'managersLed',
      ]);
      expect(await snapshot(db.orm)).toEqual(before);
    });

    it('refuses statistics for an entity in a final state and leaves no statistics row', async () => {
      const before = await snapshot(db.orm);
      const error = await rejection(() => statistics.submit(YEAR, 'DOS', STATS, ADMIN));
      expect(error).toBeInstanceOf(InvalidTransition);
      expect(await snapshot(db.orm)).toEqual(before);
      expect(before.counts.statistics).toBe(0);

      // The next accepted submission elsewhere is revision 1, not 2: the refused one left nothing behind.
      const accepted = await statistics.submit(YEAR, 'DPO', STATS, ADMIN);
      expect(accepted.submission.revision).toBe(1);
      expect((await snapshot(db.orm)).counts.statistics).toBe(1);
    });

    it('refuses an extension into the past, a bad override and a duplicate late entity without writing', async () => {
      const before = await snapshot(db.orm);
      expect(
        await rejection(() => workflows.grantExtension(YEAR, 'EOSG', '2026-09-01', 'too late', ADMIN)),
      ).toBeInstanceOf(GuardRefused);
      expect(
        await rejection(() => workflows.grantExtension(YEAR, 'EOSG', '2026-9-1', 'typo', ADMIN)),
      ).toBeInstanceOf(ValidationFailed);
      expect(
        await rejection(() => workflows.override(YEAR, 'EOSG', 'reported', 'skip', ADMIN)),
      ).toBeInstanceOf(GuardRefused);
      expect(
        await rejection(() =>
          invitations.addLateEntity(
            YEAR,
            {
              code: 'eosg',
              name: 'Renamed',
              kind: 'office',
              dutyStation: 'NY',
              timeZone: 'America/New_York',
              language: 'en',
            },
            ADMIN,
          ),
        ),
      ).toBeInstanceOf(Conflict);
      expect(await snapshot(db.orm)).toEqual(before);
      // The refused late addition must not have renamed the existing entity either.
      const [row] = await db.orm.em
        .fork()
        .getConnection()
        .execute<{ name: string }[]>("select name from entity where code = 'EOSG'");
      expect(row?.name).toBe('Executive Office of the Secretary-General');
    });
  });
});
