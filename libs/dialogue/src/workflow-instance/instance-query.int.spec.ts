import { openTestOrm, sampleDialogueInput, testDrivers, type TestOrm } from '@cascade/testing';
import { AdminUserQueryService } from '../admin/admin-user-query.service';
import { AuditEvent } from '../audit/audit-event.entity';
import { DialogueQueryService } from '../dialogue/dialogue-query.service';
import { DialogueService } from '../dialogue/dialogue.service';
import { EntityImportService } from '../entity/entity-import.service';
import { MailQueryService } from '../mail/mail-query.service';
import { OrgTreeService } from '../org/org-tree.service';
import { RequestQueryService } from '../portal/request-query.service';
import { RecordQueryService } from '../records/record-query.service';
import { NotFound } from '../shared/errors';
import { ParticipationQueryService } from '../statistics/participation-query.service';
import { StatisticsService, type StatisticsInput } from '../statistics/statistics.service';
import { laggingEntities } from '../timers/lagging-entities';
import { nextTimers } from '../timers/timer-views';
import { EntityWorkflow } from './entity-workflow.entity';
import { EntityWorkflowService } from './entity-workflow.service';
import { InstanceQueryService } from './instance-query.service';
import { InvitationService } from './invitation.service';

const ADMIN = 'admin@test';
const YEAR = 2026;
const ENTITIES_CSV = [
  'code,name,kind,duty_station,timezone,language',
  'UNA,Office A,office,New York,America/New_York,en',
  'UNB,Office B,office,Geneva,Europe/Zurich,fr',
  'UNC,Office C,office,Nairobi,Africa/Nairobi,en',
  'UND,Office D,office,Bangkok,Asia/Bangkok,en',
].join('\n');

const figures = (eligible: number, participated: number): StatisticsInput => ({
  eligibleStaff: eligible,
  staffParticipated: participated,
  sessionsHeld: 2,
  managersLed: 1,
  nonStaffParticipants: 0,
  otherAgencyParticipants: {},
});

/** The reads the console shows (timeline, dashboard, participation, lists), against the real migrations. */
describe.each(testDrivers())('the console’s query services (%s)', (driver) => {
  let db: TestOrm;
  let dialogueId: number;
  let instances: InstanceQueryService;

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-10-01T12:00:00Z'));
    const { orm, clock, registry } = db;
    const dialogues = new DialogueService(orm.em, clock, registry);
    const workflows = new EntityWorkflowService(orm.em, clock, registry);
    const statistics = new StatisticsService(workflows);
    const invitations = new InvitationService(orm.em, clock, registry);
    instances = new InstanceQueryService(orm.em, new OrgTreeService(orm.em, clock, registry));
    dialogueId = (await dialogues.create(sampleDialogueInput(YEAR), ADMIN)).id;
    await new EntityImportService(orm.em, clock).importCsv(ENTITIES_CSV, ADMIN);
    await dialogues.launch(YEAR, ADMIN);
    await invitations.inviteAll(dialogueId, ADMIN);
    clock.set(new Date('2026-11-02T12:00:00Z'));
    await statistics.submit(YEAR, 'UNA', figures(100, 40), ADMIN);
    await statistics.submit(YEAR, 'UNA', figures(100, 60), ADMIN); // a revision replaces the first figures
    await statistics.submit(YEAR, 'UNB', figures(50, 50), ADMIN);
  });

  afterAll(async () => {
    await db?.close();
  });

  const instanceOf = async (code: string) =>
    db.orm.em
      .fork()
      .findOneOrFail(EntityWorkflow, { entity: { code } }, { populate: ['entity', 'dialogue'] });

  it('reads participation from the latest revision of each entity that sent statistics', async () => {
    const soFar = await new ParticipationQueryService(db.orm.em).soFar(dialogueId);
    expect(soFar).toEqual({ entities: 2, eligible: 150, participated: 110, rate: 110 / 150 });
    expect(await new ParticipationQueryService(db.orm.em).soFar(dialogueId + 1000)).toEqual({
      entities: 0,
      eligible: 0,
      participated: 0,
      rate: null,
    });
  });

  it('gives an instance with its entity and dialogue, and NotFound for an unknown id', async () => {
    const known = await instanceOf('UNC');
    const instance = await instances.byId(known.id);
    expect([instance.entity.code, instance.dialogue.year]).toEqual(['UNC', YEAR]);
    await expect(instances.byId(999_999)).rejects.toBeInstanceOf(NotFound);
    await expect(instances.byId(null)).rejects.toBeInstanceOf(NotFound);
  });

  it('tells an instance’s timeline: its audit rows newest first, its timers by due date, its tree', async () => {
    const instance = await instances.byId((await instanceOf('UNA')).id);
    const story = await instances.timeline(instance);
    const audit = await db.orm.em.fork().find(AuditEvent, { workflow: instance.id });
    expect(story.audit.map((a) => a.id)).toEqual(audit.map((a) => a.id).sort((a, b) => b - a));
    expect(story.audit.map((a) => a.event)).toContain('submit-statistics');
    const due = story.timers.map((t) => t.dueAt.getTime());
    expect(due).toEqual([...due].sort((a, b) => a - b));
    expect(story.timers.every((t) => t.workflowId === instance.id)).toBe(true);
    expect(story.progress.tree).toEqual([]);
  });

  it('gives the next timer of each instance of a page, as the timer views do', async () => {
    const page = await Promise.all(['UNC', 'UND'].map(instanceOf));
    const next = await instances.nextTimersOf(page);
    const expected = await nextTimers(
      db.orm.em.fork(),
      dialogueId,
      page.map((i) => i.id),
    );
    expect([...next.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [id, timer] of expected) expect(next.get(id)?.id).toBe(timer.id);
  });

  it('lists the lagging entities as the digest does, with the next timer of the first ones', async () => {
    db.clock.set(new Date('2027-01-20T12:00:00Z'));
    const dialogue = await new DialogueQueryService(db.orm.em).byId(dialogueId);
    const definition = db.registry.get(dialogue.workflowId, dialogue.workflowVersion);
    const now = db.clock.now();
    const { lagging, nextTimerOf } = await instances.lagging(dialogue, definition, now, 1);
    expect(lagging).toEqual(await laggingEntities(db.orm.em.fork(), dialogue, definition, now));
    expect(lagging.map((l) => l.code).sort()).toEqual(['UNC', 'UND']);
    const first = await instanceOf(lagging[0].code);
    const expected = await nextTimers(db.orm.em.fork(), dialogueId, [first.id]);
    expect([...nextTimerOf.keys()]).toEqual(expected.size ? [first.entity.code] : []);
    expect(nextTimerOf.get(first.entity.code)?.id).toBe(expected.get(first.id)?.id);
  });

  it('reads dialogues newest first, mails, requests and accounts by id, NotFound otherwise', async () => {
    const dialogues = new DialogueQueryService(db.orm.em);
    expect((await dialogues.newestFirst()).map((d) => d.year)).toEqual([YEAR]);
    await expect(dialogues.byId(dialogueId + 1000)).rejects.toBeInstanceOf(NotFound);
    const mails = new MailQueryService(db.orm.em);
    const dialogue = await dialogues.byId(dialogueId);
    expect(await mails.failed(dialogue, 20)).toEqual({ count: 0, latest: [] });
    await expect(mails.byId(999_999)).rejects.toBeInstanceOf(NotFound);
    const requests = new RequestQueryService(db.orm.em);
    await expect(requests.extensionRequest(1)).rejects.toBeInstanceOf(NotFound);
    await expect(requests.question(1)).rejects.toBeInstanceOf(NotFound);
    await expect(requests.scenarioProposal(1)).rejects.toBeInstanceOf(NotFound);
    await expect(new AdminUserQueryService(db.orm.em).byId(1)).rejects.toBeInstanceOf(NotFound);
  });

  it('pages, counts and finds rows of any table for the console’s lists', async () => {
    const records = new RecordQueryService(db.orm.em);
    const where = { dialogue: dialogueId };
    const page = await records.page(EntityWorkflow, {
      where,
      orderBy: { id: 'asc' },
      limit: 3,
      offset: 1,
      populate: ['entity'],
    });
    const all = await records.page(EntityWorkflow, { where, orderBy: { id: 'asc' }, limit: 10, offset: 0 });
    expect(page.map((i) => i.id)).toEqual(all.slice(1, 4).map((i) => i.id));
    expect(page[0].entity.code).toMatch(/^UN[A-D]$/);
    expect(await records.count(EntityWorkflow, where)).toBe(4);
    expect((await records.byId(EntityWorkflow, page[0].id, ['entity']))?.entity.code).toBe(
      page[0].entity.code,
    );
    expect(await records.byId(EntityWorkflow, 999_999)).toBeNull();
    const some = await records.byIds(EntityWorkflow, [all[0].id, all[2].id]);
    expect(some.map((i) => i.id).sort()).toEqual([all[0].id, all[2].id].sort());
  });
});
