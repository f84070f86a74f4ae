import {
  columnsSetBy,
  openTestOrm,
  sampleDialogueInput,
  statementShape,
  statementsOf,
  testDrivers,
  type TestOrm,
} from '@cascade/testing';
import { DialogueService } from './dialogue/dialogue.service';
import { EntityImportService } from './entity/entity-import.service';
import { SessionService } from './session/session.service';
import { StatisticsService } from './statistics/statistics.service';
import { EntityWorkflowService } from './workflow-instance/entity-workflow.service';
import { InvitationService } from './workflow-instance/invitation.service';

const ADMIN = 'admin@test';
const YEAR = 2026;

describe.each(testDrivers())('a transition writes only what it changed (%s)', (driver) => {
  let db: TestOrm;
  let workflows: EntityWorkflowService;

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-10-01T12:00:00Z'));
    const { orm, clock, registry } = db;
    const dialogues = new DialogueService(orm.em, clock, registry);
    const dialogue = await dialogues.create(sampleDialogueInput(YEAR), ADMIN);
    await new EntityImportService(orm.em, clock).importJson(
      [
        {
          code: 'ALPHA',
          name: 'Alpha',
          kind: 'office',
          dutyStation: 'Geneva',
          timeZone: 'Europe/Zurich',
          language: 'en',
        },
      ],
      ADMIN,
    );
    await dialogues.launch(YEAR, ADMIN);
    await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, ADMIN);
    workflows = new EntityWorkflowService(orm.em, clock, registry);
  });

  afterAll(async () => {
    await db?.close();
  });

  it('compares every Date property by its value (the ORM compares a "datetime" type by identity on SQLite)', () => {
    const loose = Object.values(db.orm.getMetadata().getAll()).flatMap((meta) =>
      meta.props
        .filter((p) => p.runtimeType === 'Date' && p.type !== 'Date')
        .map((p) => `${meta.className}.${p.name}: ${p.type}`),
    );
    expect(loose).toEqual([]);
  });

  it('a first session: the instance, its closed timer, the audit and session rows; never the year or the entity', async () => {
    const statements = await statementsOf(db.orm, () =>
      new SessionService(workflows).record(
        YEAR,
        'ALPHA',
        { leaderEmail: 'leader@un.test', heldOn: '2026-09-30', language: 'en', participants: 12 },
        ADMIN,
      ),
    );
    expect(statements.map(statementShape)).toEqual([
      'begin',
      'select entity_workflow',
      // The managers' cascade: the leader's instance and the managers whose turn the session brings (none here).
      'select manager_workflow',
      'select timer',
      // The re-plan moves mail timers past the holidays of the entity's duty station: the Ethics Office's changes.
      'select duty_station_holiday',
      'insert audit_event',
      'insert session',
      // The timer row refers to the instance (foreign key), so MikroORM writes the instance first.
      'update entity_workflow',
      'update timer',
      'commit',
    ]);
    const updates = statements.filter((s) => statementShape(s).startsWith('update'));
    expect(updates.map(columnsSetBy)).toEqual([
      ['state', 'sessions_recorded', 'events_recorded', 'version'],
      ['status', 'closed_at', 'outcome'],
    ]);
  });

  it('a statistics submission: closes the open timers and moves the instance, nothing else is rewritten', async () => {
    const statements = await statementsOf(db.orm, () =>
      new StatisticsService(workflows).submit(
        YEAR,
        'ALPHA',
        {
          eligibleStaff: 40,
          staffParticipated: 12,
          sessionsHeld: 1,
          managersLed: 1,
          nonStaffParticipants: 0,
        },
        ADMIN,
      ),
    );
    expect(statements.map(statementShape)).toEqual([
      'begin',
      'select entity_workflow',
      // The records, the tree and the submissions so far, counted in one statement.
      'select person',
      'select timer',
      // No duty station's holidays: a submitted entity has no timer to plan.
      'insert outbox',
      'insert audit_event',
      'insert statistics',
      // The timer row refers to the instance (foreign key), so MikroORM writes the instance first.
      'update entity_workflow',
      'update timer',
      'commit',
    ]);
    const updates = statements.filter((s) => statementShape(s).startsWith('update'));
    expect(updates.map(columnsSetBy)).toEqual([
      ['state', 'statistics_submitted_at', 'events_recorded', 'version'],
      ['status', 'closed_at', 'outcome'],
    ]);
  });
});
