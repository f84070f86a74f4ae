import {
  generateReportingTree,
  openTestOrm,
  sampleDialogueInput,
  testDrivers,
  type TestOrm,
} from '@cascade/testing';
import { DialogueService } from '../dialogue/dialogue.service';
import { EntityImportService } from '../entity/entity-import.service';
import { OrgTreeService } from '../org/org-tree.service';
import { InvitationService } from '../workflow-instance/invitation.service';
import { ManagerWorkflow } from './manager-workflow.entity';

const ADMIN = 'admin@test';
const YEAR = 2026;

describe.each(testDrivers())('trees imported before the launch (%s)', (driver) => {
  let db: TestOrm;

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-10-01T12:00:00Z'));
  });

  afterAll(async () => {
    await db?.close();
  });

  it('become manager instances at the invitation, and the Head of each tree is asked', async () => {
    const { orm, clock, registry } = db;
    const dialogues = new DialogueService(orm.em, clock, registry);
    const dialogue = await dialogues.create(sampleDialogueInput(YEAR), ADMIN);
    const entity = {
      code: 'OCHA',
      name: 'Office for the Coordination of Humanitarian Affairs',
      dutyStation: 'Geneva',
      timeZone: 'Europe/Zurich',
      language: 'fr' as const,
      staff: 140,
    };
    const tree = generateReportingTree(entity, { seed: 7 });
    await new EntityImportService(orm.em, clock).importJson(
      [
        {
          code: entity.code,
          name: entity.name,
          kind: 'office',
          dutyStation: entity.dutyStation,
          timeZone: entity.timeZone,
          language: entity.language,
          focalPoints: [{ name: 'Focal', email: 'focal@ocha.example.org' }],
        },
      ],
      ADMIN,
    );
    await new OrgTreeService(orm.em, clock, registry).importEntityCsv('OCHA', tree.csv, ADMIN);
    await dialogues.launch(YEAR, ADMIN);
    await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, ADMIN);
    const managers = await orm.em.fork().find(ManagerWorkflow, {}, { orderBy: { id: 'asc' } });
    const expected = tree.people.filter((p) => p.isManager);
    expect(managers.map((m) => m.email).sort()).toEqual(expected.map((p) => p.email).sort());
    const head = tree.people.find((p) => p.managerEmail === null);
    expect(managers.filter((m) => m.state === 'your-turn').map((m) => m.email)).toEqual([head?.email]);
    const reportsOf = (email: string) => tree.people.filter((p) => p.managerEmail === email).length;
    for (const m of managers) expect([m.email, m.directReports]).toEqual([m.email, reportsOf(m.email)]);
  });
});
