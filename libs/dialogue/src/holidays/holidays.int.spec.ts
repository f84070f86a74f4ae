import fs from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import { bullConnection, QueueName } from '@cascade/scheduling';
import {
  clearQueuePrefix,
  openTestOrm,
  sampleDialogueInput,
  testDrivers,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  type TestOrm,
} from '@cascade/testing';
import { AuditEvent } from '../audit/audit-event.entity';
import { Dialogue } from '../dialogue/dialogue.entity';
import { DialogueService } from '../dialogue/dialogue.service';
import { EntityImportService } from '../entity/entity-import.service';
import { ValidationFailed } from '../shared/errors';
import { TimerMirror } from '../timers/mirror/timer-mirror';
import { PlanPreviewService } from '../timers/plan-preview.service';
import { Timer } from '../timers/timer.entity';
import { TimerPlanner } from '../timers/timer-planner';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { InvitationService } from '../workflow-instance/invitation.service';
import { DutyStationHoliday } from './duty-station-holiday.entity';
import { DutyStationHolidaysService } from './duty-station-holidays.service';
import { holidayNameIn } from './station-calendar';

const ENTITIES_CSV = fs.readFileSync(
  path.resolve(__dirname, '../../../persistence/seed/entities.csv'),
  'utf8',
);
const ADMIN = 'admin@test';
const YEAR = 2026;
const LAUNCH = new Date('2026-11-02T12:00:00Z'); // Monday

describe.each(testDrivers())('duty-station holidays on the database and real Redis (%s)', (driver) => {
  let db: TestOrm;
  let prefix: string;
  let queue: Queue;
  let mirror: TimerMirror;
  let dialogues: DialogueService;
  let holidays: DutyStationHolidaysService;
  let preview: PlanPreviewService;
  const fresh = () => db.orm.em.fork();
  const pendingOf = async (code: string, timerId: string) => {
    const instance = await fresh().findOneOrFail(EntityWorkflow, { entity: { code } });
    return fresh().find(Timer, { workflowId: instance.id, timerId, status: 'pending' });
  };

  beforeAll(async () => {
    db = await openTestOrm(driver, LAUNCH);
    const { orm, clock, registry } = db;
    prefix = uniqueQueuePrefix();
    queue = new Queue(QueueName.Timers, { connection: bullConnection(TEST_REDIS_URL), prefix });
    mirror = new TimerMirror(orm.em, queue, clock);
    dialogues = new DialogueService(orm.em, clock, registry);
    holidays = new DutyStationHolidaysService(orm.em, clock, registry);
    preview = new PlanPreviewService(orm.em, clock, registry);
    const dialogue = await dialogues.create(sampleDialogueInput(YEAR), ADMIN);
    await new EntityImportService(orm.em, clock).importCsv(ENTITIES_CSV, ADMIN);
    // Deadline Friday 1 January 2027: the 7-day reminder falls on Friday 25 December, Christmas Day.
    await dialogues.changeDates(YEAR, { statisticsDeadline: '2027-01-01', reason: 'holiday test' }, ADMIN);
    await dialogues.launch(YEAR, ADMIN);
    await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, ADMIN);
    await mirror.syncPending();
  }, 60_000);

  afterAll(async () => {
    await queue?.close();
    await clearQueuePrefix(prefix);
    await db?.close();
  });

  it('plans no reminder on Christmas Day in New York (library holiday): Monday 28 December instead', async () => {
    const [reminder] = await pendingOf('EOSG', 'reminder-7');
    expect(reminder.localDueAt).toBe('2026-12-28T09:00:00-05:00');
    // Vienna keeps Christmas too; Beirut has no library holidays at all (no Lebanon in the library).
    expect((await pendingOf('UNODC', 'reminder-7'))[0]?.localDueAt).toBe('2026-12-28T09:00:00+01:00');
    expect((await pendingOf('ESCWA', 'reminder-7'))[0]?.localDueAt).toBe('2026-12-25T09:00:00+02:00');
  });

  it('the plan preview shows the moved date and why', async () => {
    const { timers } = await preview.forDialogue(YEAR, { entity: 'EOSG' });
    expect(timers.find((t) => t.timer === 'reminder-7')).toMatchObject({
      localDueAt: '2026-12-28T09:00:00-05:00',
      movedFrom: '2026-12-25',
      movedBecause: 'moved from Friday 25 December: Christmas Day, New York',
    });
    expect(timers.find((t) => t.timer === 'reminder-30')).toMatchObject({
      movedFrom: null,
      movedBecause: null,
    });
  });

  it("names the holidays in the reader's language where the library has them (Noël, Navidad), in English where not", async () => {
    const movedFor = async (language?: string) =>
      (await preview.forDialogue(YEAR, { entity: 'EOSG', language })).timers.find(
        (t) => t.timer === 'reminder-7',
      )?.movedFor;
    expect(await movedFor()).toBe('Christmas Day, New York');
    expect(await movedFor('fr')).toBe('Noël, New York');
    expect(await movedFor('es')).toBe('Navidad, New York');
    // The API's sentence stays English whatever the reader's language.
    const { timers } = await preview.forDialogue(YEAR, { entity: 'EOSG', language: 'fr' });
    expect(timers.find((t) => t.timer === 'reminder-7')?.movedBecause).toBe(
      'moved from Friday 25 December: Christmas Day, New York',
    );
    // A name the library has in no other language stays English; one the Ethics Office typed stays as typed.
    expect(holidayNameIn('New York', '2026-11-26', 'Thanksgiving Day', 'fr')).toBe('Thanksgiving Day');
    expect(holidayNameIn('New York', '2026-12-25', 'Fermeture du bureau', 'es')).toBe('Fermeture du bureau');
  });

  it('an Ethics Office holiday re-plans the station in one audited change, and the Redis job follows the row', async () => {
    // The library has no Lebanon: Beirut's holidays are the UN's list only. A stand-in day on the reminder.
    const [before] = await pendingOf('ESCWA', 'reminder-7');
    expect(await queue.getJob(before.key)).toBeDefined();
    const result = await holidays.change(
      'Beirut',
      { date: '2026-12-25', name: 'Christmas Day (UN list, Beirut)', effect: 'add' },
      ADMIN,
      'UN list of holidays, Beirut 2026',
    );
    expect(result.entitiesReplanned).toBe(1); // ESCWA; UNIFIL is at Naqoura
    const [after] = await pendingOf('ESCWA', 'reminder-7');
    expect(after.localDueAt).toBe('2026-12-28T09:00:00+02:00');
    const cancelled = await fresh().findOneOrFail(Timer, { key: before.key });
    expect(cancelled).toMatchObject({ status: 'cancelled', outcome: 'the holidays of Beirut changed' });
    await mirror.syncPending();
    expect(await queue.getJob(before.key)).toBeUndefined();
    expect(await queue.getJob(after.key)).toBeDefined();
    const audit = await fresh().findOneOrFail(AuditEvent, { event: 'change-holiday' });
    expect(audit).toMatchObject({ actor: ADMIN, reason: 'UN list of holidays, Beirut 2026' });
    expect(audit.details).toMatchObject({ dutyStation: 'Beirut', date: '2026-12-25', entitiesReplanned: 1 });
  });

  it('removing a library holiday the UN does not observe brings the reminder back to the day, and withdrawing it undoes that', async () => {
    const change = await holidays.change('New York', { date: '2026-12-25', effect: 'remove' }, ADMIN);
    expect(change.holiday).toMatchObject({ name: 'Christmas Day', effect: 'remove' });
    expect((await pendingOf('EOSG', 'reminder-7'))[0].localDueAt).toBe('2026-12-25T09:00:00-05:00');
    await holidays.withdraw('New York', '2026-12-25', ADMIN);
    expect((await pendingOf('EOSG', 'reminder-7'))[0].localDueAt).toBe('2026-12-28T09:00:00-05:00');
    expect(await fresh().count(DutyStationHoliday, { dutyStation: 'New York' })).toBe(0);
    expect(await fresh().count(AuditEvent, { event: 'withdraw-holiday' })).toBe(1);
  });

  it("the Ethics Office's daily digest skips New York's holidays: Thanksgiving (library), and a day the office adds", async () => {
    const dialogue = await fresh().findOneOrFail(Dialogue, { year: YEAR });
    const definition = db.registry.get(dialogue.workflowId, dialogue.workflowVersion);
    expect(definition.digest?.dutyStation).toBe('New York');
    // After Wednesday 25 November's digest comes Friday 27th: Thursday is Thanksgiving Day in New York.
    const planned = await new TimerPlanner().planDigest(
      fresh(), // never flushed: nothing is written
      dialogue,
      definition,
      new Date('2026-11-25T15:00:00Z'),
      LAUNCH,
      'test',
    );
    expect(planned?.localDueAt).toBe('2026-11-27T09:00:00-05:00');
    const pendingDigest = async () =>
      (await fresh().find(Timer, { timerId: 'digest', status: 'pending' })).map((t) => t.localDueAt);
    expect(await pendingDigest()).toEqual(['2026-11-02T09:00:00-05:00']); // launched at 07:00 on Monday
    await holidays.change('New York', { date: '2026-11-02', name: 'Office closure', effect: 'add' }, ADMIN);
    // Not Tuesday either: 3 November 2026 is Election Day, a public holiday in New York.
    expect(await pendingDigest()).toEqual(['2026-11-04T09:00:00-05:00']);
    await holidays.withdraw('New York', '2026-11-02', ADMIN);
    expect(await pendingDigest()).toEqual(['2026-11-02T09:00:00-05:00']);
  });

  it("the launch preview's first digest says what moved it: launched on the eve of Thanksgiving, it goes on Friday", async () => {
    await dialogues.create(sampleDialogueInput(YEAR + 1), ADMIN);
    // Wednesday 25 November 2026, 10:00 in New York: today's 09:00 digest has passed, Thursday is Thanksgiving.
    const { timers } = await preview.forDialogue(YEAR + 1, { launchAt: new Date('2026-11-25T15:00:00Z') });
    expect(timers.find((t) => t.timer === 'digest')).toMatchObject({
      localDueAt: '2026-11-27T09:00:00-05:00',
      movedFrom: '2026-11-26',
      movedBecause: 'moved from Thursday 26 November: Thanksgiving Day, New York',
    });
  });

  it('refuses a bad date, an unknown station or a removal of no library holiday, naming the field, writing nothing', async () => {
    const fieldOf = async (call: Promise<unknown>) => {
      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationFailed);
      return (error as ValidationFailed).issues.map((i) => i.field);
    };
    const rows = await fresh().count(DutyStationHoliday, {});
    const audits = await fresh().count(AuditEvent, {});
    expect(
      await fieldOf(holidays.change('Beirut', { date: '2026-02-30', name: 'x', effect: 'add' }, ADMIN)),
    ).toEqual(['date']);
    expect(
      await fieldOf(holidays.change('Beirut', { date: '2026-12-24', name: 'x', effect: 'hide' }, ADMIN)),
    ).toEqual(['effect']);
    expect(await fieldOf(holidays.change('Beirut', { date: '2026-12-24', effect: 'add' }, ADMIN))).toEqual([
      'name',
    ]);
    expect(
      await fieldOf(holidays.change('Atlantis', { date: '2026-12-24', name: 'x', effect: 'add' }, ADMIN)),
    ).toEqual(['dutyStation']);
    expect(
      await fieldOf(holidays.change('New York', { date: '2026-12-24', effect: 'remove' }, ADMIN)),
    ).toEqual(['date']);
    expect(await fieldOf(holidays.withdraw('New York', '24-12-2026', ADMIN))).toEqual(['date']);
    expect(await fresh().count(DutyStationHoliday, {})).toBe(rows);
    expect(await fresh().count(AuditEvent, {})).toBe(audits);
  });
});
