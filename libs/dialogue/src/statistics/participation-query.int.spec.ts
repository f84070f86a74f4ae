import { openTestOrm, sampleDialogueInput, testDrivers, type TestOrm } from '@cascade/testing';
import { DialogueService } from '../dialogue/dialogue.service';
import { EntityImportService } from '../entity/entity-import.service';
import { EntityWorkflowService } from '../workflow-instance/entity-workflow.service';
import { InvitationService } from '../workflow-instance/invitation.service';
import { ParticipationQueryService } from './participation-query.service';
import { StatisticsService } from './statistics.service';

const ADMIN = 'admin@test';
const YEAR = 2026;
const figures = (eligibleStaff: number, staffParticipated: number) => ({
  eligibleStaff,
  staffParticipated,
  sessionsHeld: 1,
  managersLed: 1,
  nonStaffParticipants: 0,
  confirmDifferences: true,
});

/** The dashboard's participation, whole and per kind, summed by the database from each entity's latest figures. */
describe.each(testDrivers())('participation so far (%s)', (driver) => {
  let db: TestOrm;
  let participation: ParticipationQueryService;
  let dialogueId: number;

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-10-01T12:00:00Z'));
    const { orm, clock, registry } = db;
    const dialogues = new DialogueService(orm.em, clock, registry);
    dialogueId = (await dialogues.create(sampleDialogueInput(YEAR), ADMIN)).id;
    const entity = (code: string, kind: string) => ({
      code,
      name: code,
      kind,
      dutyStation: 'Geneva',
      timeZone: 'Europe/Zurich',
      language: 'en',
    });
    await new EntityImportService(orm.em, clock).importJson(
      [entity('OFA', 'office'), entity('OFB', 'office'), entity('DEP', 'department'), entity('FND', 'fund')],
      ADMIN,
    );
    await dialogues.launch(YEAR, ADMIN);
    await new InvitationService(orm.em, clock, registry).inviteAll(dialogueId, ADMIN);
    const statistics = new StatisticsService(new EntityWorkflowService(orm.em, clock, registry));
    await statistics.submit(YEAR, 'OFA', figures(100, 10), ADMIN);
    await statistics.submit(YEAR, 'OFA', figures(100, 50), ADMIN); // the revision counts, not the first
    await statistics.submit(YEAR, 'OFB', figures(300, 250), ADMIN);
    await statistics.submit(YEAR, 'DEP', figures(8, 1), ADMIN);
    participation = new ParticipationQueryService(orm.em);
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  });

  it('sums the latest revision of each entity, per kind of entity; a kind without statistics is absent', async () => {
    expect(await participation.byKind(dialogueId)).toEqual([
      { kind: 'department', entities: 1, eligible: 8, participated: 1, rate: 1 / 8 },
      { kind: 'office', entities: 2, eligible: 400, participated: 300, rate: 0.75 },
    ]);
    expect(await participation.soFar(dialogueId)).toEqual({
      entities: 3,
      eligible: 408,
      participated: 301,
      rate: 301 / 408,
    });
  });
});
