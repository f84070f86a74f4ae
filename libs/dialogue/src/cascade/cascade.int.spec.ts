import { openTestOrm, sampleDialogueInput, testDrivers, type TestOrm } from '@cascade/testing';
import { OutboxMessage } from '@cascade/scheduling';
import { AuditEvent } from '../audit/audit-event.entity';
import { DialogueService } from '../dialogue/dialogue.service';
import { EntityImportService } from '../entity/entity-import.service';
import { DutyStationHolidaysService } from '../holidays/duty-station-holidays.service';
import { OrgTreeService } from '../org/org-tree.service';
import { ReportService } from '../report/report.service';
import { SessionService } from '../session/session.service';
import { ValidationFailed } from '../shared/errors';
import { TimerFiringService } from '../timers/timer-firing.service';
import { Timer } from '../timers/timer.entity';
import { EntityWorkflowService } from '../workflow-instance/entity-workflow.service';
import { InvitationService } from '../workflow-instance/invitation.service';
import { CascadeQueryService } from './cascade-query.service';
import { CascadeService } from './cascade.service';
import { ManagerWorkflow } from './manager-workflow.entity';

const ADMIN = 'admin@test';
const YEAR = 2026;
const CODE = 'CASC';
const D = '@casc.example.org';
const row = (name: string, email: string | null, manager: string | null, isManager = '') =>
  `${name},${email}${D},${manager ? manager + D : ''},en,${isManager}`;
/**
 * head → ann, bob (managers); ann → ann1, ann2 (staff) and cem (manager) → cem1; bob → bob1; lone reports to
 * nobody in the tree (the top of a branch of their own); lone → lone1.
 */
const TREE = [
  'name,email,manager_email,language,is_manager',
  row('Rosa Head', 'head', null),
  row('Ann Lead', 'ann', 'head'),
  row('Bob Lead', 'bob', 'head'),
  row('Ann One', 'ann1', 'ann'),
  row('Ann Two', 'ann2', 'ann'),
  row('Cem Lead', 'cem', 'ann'),
  row('Cem One', 'cem1', 'cem'),
  row('Bob One', 'bob1', 'bob'),
  `Lone Lead,lone${D},,fr,yes`,
  row('Lone One', 'lone1', 'lone'),
].join('\n');

describe.each(testDrivers())("the managers' cascade (%s)", (driver) => {
  let db: TestOrm;
  let tree: OrgTreeService;
  let sessions: SessionService;
  let cascade: CascadeService;
  let query: CascadeQueryService;
  let firing: TimerFiringService;
  const fresh = () => db.orm.em.fork();
  const states = async () =>
    Object.fromEntries(
      (await fresh().find(ManagerWorkflow, {}, { orderBy: { email: 'asc' } })).map((m) => [
        m.email.replace(D, ''),
        m.state,
      ]),
    );
  const mailsOf = async (template: string) =>
    (await fresh().find(OutboxMessage, { idempotencyKey: { $like: `mail.%.${template}` } })).map(
      (o) => o.payload as { managerId: number; audience: string[] },
    );
  const pendingTimers = async (email: string) => {
    const m = await fresh().findOneOrFail(ManagerWorkflow, { email: email + D });
    return (
      await fresh().find(Timer, { managerId: m.id, status: 'pending' }, { orderBy: { dueAt: 'asc' } })
    ).map((t) => `${t.timerId} ${t.localDueAt}`);
  };

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-10-01T12:00:00Z'));
    const { orm, clock, registry } = db;
    const dialogues = new DialogueService(orm.em, clock, registry);
    const dialogue = await dialogues.create(sampleDialogueInput(YEAR), ADMIN);
    await new EntityImportService(orm.em, clock).importJson(
      [
        {
          code: CODE,
          name: 'Cascade Office',
          kind: 'office',
          dutyStation: 'Nairobi',
          timeZone: 'Africa/Nairobi',
          language: 'en',
          headName: 'Rosa Head',
          headEmail: `head${D}`,
          focalPoints: [{ name: 'Focal', email: `focal${D}` }],
        },
      ],
      ADMIN,
    );
    tree = new OrgTreeService(orm.em, clock, registry);
    sessions = new SessionService(new EntityWorkflowService(orm.em, clock, registry));
    cascade = new CascadeService(orm.em, clock, registry);
    query = new CascadeQueryService(orm.em, clock, registry);
    firing = new TimerFiringService(orm.em, clock, registry);
    // The tree is imported before the launch: every manager waits, nobody is asked yet.
    await dialogues.launch(YEAR, ADMIN);
    await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, ADMIN);
  });

  afterAll(async () => {
    await db?.close();
  });

  it('pins the manager workflow with the year', async () => {
    const dialogue = await fresh().findOneOrFail('Dialogue', { year: YEAR });
    expect(dialogue).toMatchObject({ managerWorkflowId: 'manager-session', managerWorkflowVersion: 1 });
  });

  it('an import after the launch makes one instance per manager; the top of each branch is asked at once', async () => {
    const result = await tree.importCsv(YEAR, CODE, TREE, ADMIN);
    expect(result.managers).toEqual({ added: 5, kept: 0, withdrawn: 0, rejoined: 0, turns: 2 });
    expect(await states()).toEqual({
      ann: 'waiting',
      bob: 'waiting',
      cem: 'waiting',
      head: 'your-turn',
      lone: 'your-turn',
    });
    const asked = await mailsOf('manager-your-turn');
    expect(asked).toHaveLength(2);
    expect(asked.every((p) => p.audience.join() === 'manager')).toBe(true);
  });

  it('plans reminders at 09:00 Nairobi on working days 14 and 28 days after the turn, then the nudge', async () => {
    // 1 October 2026 15:00 Nairobi (Thursday): +14 is Thursday 15 October, +28 Thursday 29, +35 Thursday 5 November.
    expect(await pendingTimers('head')).toEqual([
      'reminder-14 2026-10-15T09:00:00+03:00',
      'reminder-28 2026-10-29T09:00:00+03:00',
      'nudge-manager 2026-11-05T09:00:00+03:00',
    ]);
    expect(await pendingTimers('ann')).toEqual([]);
  });

  it('a session recorded by the Head marks theirs held and passes the turn to the managers reporting to them', async () => {
    db.clock.set(new Date('2026-10-06T08:00:00Z'));
    await sessions.record(
      YEAR,
      CODE,
      { leaderEmail: `head${D}`, heldOn: '2026-10-05', language: 'en', participants: 12 },
      ADMIN,
    );
    expect(await states()).toMatchObject({
      head: 'held',
      ann: 'your-turn',
      bob: 'your-turn',
      cem: 'waiting',
    });
    expect(await pendingTimers('head')).toEqual([]);
    expect(await pendingTimers('ann')).toEqual([
      // Tuesday 20 October is Mashujaa Day, a public holiday in Kenya: Wednesday 21.
      'reminder-14 2026-10-21T09:00:00+03:00',
      'reminder-28 2026-11-03T09:00:00+03:00',
      'nudge-manager 2026-11-10T09:00:00+03:00',
    ]);
    const head = await fresh().findOneOrFail(ManagerWorkflow, { email: `head${D}` });
    expect(head.sessionsLed).toBe(1);
    const trail = await fresh().find(AuditEvent, { managerId: head.id }, { orderBy: { id: 'asc' } });
    expect(trail.map((e) => `${e.event} ${e.fromState}→${e.toState}`)).toEqual([
      'manager:turn-comes waiting→your-turn',
      'manager:record-session your-turn→held',
    ]);
  });

  it('a manager schedules: the team is invited, the reminders give way to the record reminder', async () => {
    const scheduled = await cascade.schedule(
      YEAR,
      CODE,
      `ann${D}`,
      { startsAt: '2026-10-14T10:30', place: 'Room 4', language: 'fr' },
      `leader: ann${D}`,
    );
    expect(scheduled).toMatchObject({ state: 'scheduled', sessionMinutes: 90, sessionLanguage: 'fr' });
    expect(scheduled.sessionStartsAt?.toISOString()).toBe('2026-10-14T07:30:00.000Z');
    expect(await pendingTimers('ann')).toEqual(['record-reminder 2026-10-15T09:00:00+03:00']);
    const invited = await mailsOf('session-invitation');
    expect(invited.map((p) => p.audience.join())).toEqual(['team']);
  });

  it('rescheduling raises the calendar sequence; cancelling returns the turn with its reminders', async () => {
    const moved = await cascade.schedule(
      YEAR,
      CODE,
      `ann${D}`,
      { startsAt: '2026-10-16T09:00', url: 'https://meet.example.org/ann' },
      ADMIN,
    );
    expect([moved.state, moved.calendarSequence, moved.sessionPlace, moved.sessionUrl]).toEqual([
      'scheduled',
      1,
      null,
      'https://meet.example.org/ann',
    ]);
    expect(await pendingTimers('ann')).toEqual(['record-reminder 2026-10-19T09:00:00+03:00']);
    const cancelled = await cascade.cancelSession(YEAR, CODE, `ann${D}`, ADMIN);
    expect([cancelled.state, cancelled.calendarSequence]).toEqual(['your-turn', 2]);
    expect(await pendingTimers('ann')).toEqual([
      // Tuesday 20 October is Mashujaa Day, a public holiday in Kenya: Wednesday 21.
      'reminder-14 2026-10-21T09:00:00+03:00',
      'reminder-28 2026-11-03T09:00:00+03:00',
      'nudge-manager 2026-11-10T09:00:00+03:00',
    ]);
    expect(await mailsOf('session-cancelled')).toHaveLength(1);
  });

  it('refuses a schedule in the past, without a place or link, or with a bad link, naming each field', async () => {
    const error = await cascade
      .schedule(
        YEAR,
        CODE,
        `bob${D}`,
        { startsAt: '2026-10-01T10:00', url: 'javascript:alert(1)', minutes: 5 },
        ADMIN,
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).issues.map((i) => [i.field, i.code])).toEqual([
      ['startsAt', 'date-between'],
      ['minutes', 'whole-number-range'],
      ['url', 'web-link'],
    ]);
    const none = await cascade
      .schedule(YEAR, CODE, `bob${D}`, { startsAt: '2026-10-20T10:00' }, ADMIN)
      .catch((e: unknown) => e);
    expect((none as ValidationFailed).issues.map((i) => [i.field, i.code])).toEqual([
      ['place', 'place-or-link'],
    ]);
    expect((await states()).bob).toBe('your-turn');
  });

  it('a reminder fires at its time as a mail to the manager, about the manager', async () => {
    const bob = await fresh().findOneOrFail(ManagerWorkflow, { email: `bob${D}` });
    const [reminder] = await fresh().find(Timer, {
      managerId: bob.id,
      timerId: 'reminder-14',
      status: 'pending',
    });
    db.clock.set(reminder.dueAt);
    expect(await firing.fire(reminder.key)).toEqual({ status: 'fired' });
    const [mail] = await fresh().find(OutboxMessage, { idempotencyKey: `mail.timer.${reminder.key}` });
    expect(mail.payload).toMatchObject({
      managerId: bob.id,
      template: 'manager-reminder',
      audience: ['manager'],
    });
  });

  it('excusing needs a reason and cancels the reminders; reinstating brings them back', async () => {
    await expect(cascade.excuse(YEAR, CODE, `bob${D}`, '  ', ADMIN)).rejects.toBeInstanceOf(ValidationFailed);
    const excused = await cascade.excuse(YEAR, CODE, `bob${D}`, 'on mission until January', ADMIN);
    expect([excused.state, excused.excuseReason]).toEqual(['excused', 'on mission until January']);
    expect(await pendingTimers('bob')).toEqual([]);
    await cascade.reinstate(YEAR, CODE, `bob${D}`, 'back early', ADMIN);
    expect((await states()).bob).toBe('your-turn');
    expect(await pendingTimers('bob')).toEqual([
      'reminder-28 2026-11-03T09:00:00+03:00',
      'nudge-manager 2026-11-10T09:00:00+03:00',
    ]);
  });

  it('a re-import keeps those who stay, withdraws those who left, adds newcomers (asked at once when due)', async () => {
    const reimport = TREE.replace(row('Bob Lead', 'bob', 'head'), row('Bob Lead', 'bob', 'head'))
      .split('\n')
      .filter((l) => !l.startsWith('Lone'))
      .concat([row('Dee Lead', 'dee', 'head'), row('Dee One', 'dee1', 'dee')])
      .join('\n');
    const result = await tree.importCsv(YEAR, CODE, reimport, ADMIN);
    expect(result.managers).toEqual({ added: 1, kept: 4, withdrawn: 1, rejoined: 0, turns: 1 });
    expect(await states()).toEqual({
      ann: 'your-turn',
      bob: 'your-turn',
      cem: 'waiting',
      dee: 'your-turn',
      head: 'held',
      lone: 'withdrawn',
    });
    expect(await pendingTimers('lone')).toEqual([]);
    const back = await tree.importCsv(YEAR, CODE, TREE, ADMIN);
    expect(back.managers).toMatchObject({ added: 0, withdrawn: 1, rejoined: 1 });
    expect((await states()).lone).toBe('your-turn');
  });

  it('lists the managers with their subtree progress, searched, filtered and paged', async () => {
    const all = await query.list(YEAR, CODE);
    expect(all.total).toBe(6);
    expect(all.byState).toEqual({ held: 1, 'your-turn': 3, waiting: 1, withdrawn: 1 });
    const head = all.managers.find((m) => m.email === `head${D}`);
    expect(head?.subtree).toEqual({ managers: 4, held: 1 });
    expect((await query.list(YEAR, CODE, { q: 'ann' })).managers.map((m) => m.name)).toEqual(['Ann Lead']);
    expect((await query.list(YEAR, CODE, { state: 'waiting' })).managers.map((m) => m.name)).toEqual([
      'Cem Lead',
    ]);
    const page = await query.list(YEAR, CODE, { offset: 2, limit: 2 });
    expect([page.total, page.managers.length]).toEqual([6, 2]);
  });

  it("lists in the tree's order or one branch, finds a manager by id, and counts managers engaged per entity", async () => {
    const shape = (rows: { email: string; depth: number }[]) =>
      rows.map((r) => '.'.repeat(r.depth) + r.email.replace(D, ''));
    // dee left the tree again at the last import (withdrawn, still listed); lone's manager is outside it.
    expect(shape((await query.list(YEAR, CODE, { order: 'tree' })).managers)).toEqual([
      'lone',
      'head',
      '.ann',
      '..cem',
      '.bob',
      '.dee',
    ]);
    const branch = await query.list(YEAR, CODE, { under: `ANN${D}` });
    expect([branch.total, shape(branch.managers)]).toEqual([2, ['.ann', '..cem']]);
    expect((await query.list(YEAR, CODE, { under: `ann${D}`, state: 'waiting' })).managers).toHaveLength(1);

    const ann = await fresh().findOneOrFail(ManagerWorkflow, { email: `ann${D}` });
    const found = await query.byId(ann.id);
    expect([found.name, found.workflow.entity.code, found.workflow.dialogue.year]).toEqual([
      'Ann Lead',
      CODE,
      YEAR,
    ]);
    await expect(query.byId(999_999)).rejects.toThrow('not found');
    expect(await query.engagement(found.workflow.dialogue.id)).toEqual([
      { workflowId: found.workflow.id, code: CODE, name: 'Cascade Office', managers: 5, engaged: 1 },
    ]);
  });

  it("the weekly digest lists the entity's lagging managers for its Focal Points, then plans the next Monday", async () => {
    const [digest] = await fresh().find(Timer, { timerId: 'managers-digest', status: 'pending' });
    expect(digest.mail).toEqual({
      template: 'managers-digest',
      to: ['focal-points'],
      timeZone: 'Africa/Nairobi',
      dutyStation: 'Nairobi',
    });
    db.clock.set(new Date('2026-10-26T06:00:00Z')); // Monday 26 October, 09:00 in Nairobi
    expect(await firing.fire(digest.key)).toEqual({ status: 'fired' });
    const [mail] = await fresh().find(OutboxMessage, {
      idempotencyKey: { $like: `mail.timer.${digest.key}.%` },
    });
    const data = (
      mail.payload as { data: { managers: { email: string; daysSinceTurn: number }[]; counts: object } }
    ).data;
    expect(data.managers.map((m) => [m.email.replace(D, ''), m.daysSinceTurn])).toEqual([
      ['lone', 25],
      ['ann', 20],
      ['bob', 20],
    ]);
    expect(data.counts).toEqual({ managers: 5, held: 1, scheduled: 0, lagging: 3 }); // dee left again
    const [next] = await fresh().find(Timer, { timerId: 'managers-digest', status: 'pending' });
    expect(next.localDueAt).toBe('2026-11-02T09:00:00+03:00');
  });

  it("a holiday the Ethics Office adds at the station moves the pending managers' digest to the next working day, and its withdrawal moves it back", async () => {
    const holidays = new DutyStationHolidaysService(db.orm.em, db.clock, db.registry);
    const pendingDigests = () => fresh().find(Timer, { timerId: 'managers-digest', status: 'pending' });
    await holidays.change('Nairobi', { date: '2026-11-02', name: 'Office closure', effect: 'add' }, ADMIN);
    const moved = await pendingDigests();
    expect(moved.map((t) => t.localDueAt)).toEqual(['2026-11-03T09:00:00+03:00']);
    await holidays.withdraw('Nairobi', '2026-11-02', ADMIN);
    expect((await pendingDigests()).map((t) => t.localDueAt)).toEqual(['2026-11-02T09:00:00+03:00']);
  });

  it("the entity's year ending closes every manager and cancels their timers", async () => {
    await new ReportService(db.orm.em, db.clock, db.registry).issue(YEAR, ADMIN);
    expect(new Set(Object.values(await states()))).toEqual(new Set(['closed']));
    const pending = await fresh().count(Timer, { managerId: { $ne: null }, status: 'pending' });
    expect(pending).toBe(0);
  });
});
