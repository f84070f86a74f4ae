import { InvalidTransition } from '@cascade/workflow';
import {
  openTestOrm,
  sampleDialogueInput,
  statementShape,
  statementsOf,
  testDrivers,
  type TestOrm,
} from '@cascade/testing';
import { AuditEvent } from '../audit/audit-event.entity';
import { CascadeQueryService } from '../cascade/cascade-query.service';
import { CascadeService } from '../cascade/cascade.service';
import { ManagerWorkflow } from '../cascade/manager-workflow.entity';
import { DialogueService } from '../dialogue/dialogue.service';
import { EntityImportService } from '../entity/entity-import.service';
import { OrgTreeService } from '../org/org-tree.service';
import { SessionService } from '../session/session.service';
import { ValidationFailed } from '../shared/errors';
import { AnnexEPrefillQueryService } from '../statistics/annex-e-prefill-query.service';
import { StatisticsService } from '../statistics/statistics.service';
import { EntityWorkflowService } from '../workflow-instance/entity-workflow.service';
import { InvitationService } from '../workflow-instance/invitation.service';
import { AccessTokenService } from './access-token.service';
import { PortalCascadeService } from './portal-cascade.service';
import { PortalService } from './portal.service';
import type { PortalContext } from './portal.types';
import { TokenRoleRefused } from './token-role-refused';

const ADMIN = 'admin@test';
const YEAR = 2026;
const CODE = 'NYO';
const D = '@nyo.example.org';
const staff = (manager: string, n: number) =>
  Array.from(
    { length: n },
    (_v, i) => `${manager} Staff ${i + 1},${manager}.s${i + 1}${D},${manager}${D},en,`,
  );
/** head → ann (3 staff: a joint session), bob (30: split in 2), cem (12: one session); Ann speaks French. */
const TREE = [
  'name,email,manager_email,language,is_manager',
  `Rosa Head,head${D},,en,yes`,
  `Ann Lead,ann${D},head${D},fr,yes`,
  `Bob Lead,bob${D},head${D},en,yes`,
  `Cem Lead,cem${D},head${D},es,yes`,
  ...staff('ann', 3),
  ...staff('bob', 30),
  ...staff('cem', 12),
].join('\n');

/** The [field, code] of each issue of a ValidationFailed thrown by `work`. */
async function issuesOf(work: () => Promise<unknown>) {
  const error = await work().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationFailed);
  return (error as ValidationFailed).issues.map((i) => [i.field, i.code]);
}

describe.each(testDrivers())("the managers' cascade through token links (%s)", (driver) => {
  let db: TestOrm;
  let portal: PortalService;
  let cascade: PortalCascadeService;
  let tokens: AccessTokenService;
  const link = async (role: 'leader' | 'focal-point' | 'head-of-entity', who: string) =>
    portal.resolve((await tokens.issueFor(YEAR, CODE, { role, email: `${who}${D}` }, ADMIN)).token);
  const managerRow = (who: string) =>
    db.orm.em.fork().findOneOrFail(ManagerWorkflow, { email: `${who}${D}` });

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-10-01T12:00:00Z'));
    const { orm, clock, registry } = db;
    const workflows = new EntityWorkflowService(orm.em, clock, registry);
    const tree = new OrgTreeService(orm.em, clock, registry);
    tokens = new AccessTokenService(orm.em, clock);
    portal = new PortalService(
      orm.em,
      clock,
      tokens,
      tree,
      new SessionService(workflows),
      new StatisticsService(workflows),
      new AnnexEPrefillQueryService(orm.em),
    );
    cascade = new PortalCascadeService(
      new CascadeService(orm.em, clock, registry),
      new CascadeQueryService(orm.em, clock, registry),
    );
    const dialogues = new DialogueService(orm.em, clock, registry);
    const dialogue = await dialogues.create(sampleDialogueInput(YEAR), ADMIN);
    await new EntityImportService(orm.em, clock).importJson(
      [
        {
          code: CODE,
          name: 'New York Office',
          kind: 'office',
          dutyStation: 'New York',
          timeZone: 'America/New_York',
          language: 'en',
          headName: 'Rosa Head',
          headEmail: `head${D}`,
          focalPoints: [{ name: 'Focal', email: `focal${D}` }],
        },
      ],
      ADMIN,
    );
    await dialogues.launch(YEAR, ADMIN);
    await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, ADMIN);
    await tree.importCsv(YEAR, CODE, TREE, ADMIN);
  });

  afterAll(async () => {
    await db?.close();
  });

  it("gives a leader their standing with the advice from the tree and the definition's numbers", async () => {
    const ann = await cascade.standing(await link('leader', 'ann'));
    expect(ann).toMatchObject({
      name: 'Ann Lead',
      state: 'waiting',
      turnOn: null,
      expectedBy: null,
      directReports: 3,
      language: 'fr',
      timeZone: 'America/New_York',
      session: null,
      defaultMinutes: 90,
      parameters: { splitAbove: 25, jointBelow: 10 },
      advice: {
        kind: 'joint',
        directReports: 3,
        secondReportingOfficer: { name: 'Rosa Head', email: `head${D}` },
        units: [
          { name: 'Bob Lead', email: `bob${D}` },
          { name: 'Cem Lead', email: `cem${D}` },
        ],
      },
    });
    expect((await cascade.standing(await link('leader', 'bob')))?.advice).toEqual({
      kind: 'split',
      directReports: 30,
      sessions: 2,
      maxSize: 15,
    });
    expect((await cascade.standing(await link('leader', 'cem')))?.advice).toEqual({
      kind: 'single',
      directReports: 12,
    });
    // The Head: asked at the launch; three direct reports and nobody above them in the tree.
    // Expected by the day the definition counts a manager as lagging (laggingAfterDays, 14, after the turn).
    expect(await cascade.standing(await link('leader', 'head'))).toMatchObject({
      state: 'your-turn',
      turnOn: '2026-10-01',
      expectedBy: '2026-10-15',
      advice: { kind: 'joint', secondReportingOfficer: null, units: [] },
    });
    // The Head's own page reads the same standing from the Head's link.
    expect(await cascade.standing(await link('head-of-entity', 'head'))).toMatchObject({
      state: 'your-turn',
      expectedBy: '2026-10-15',
    });
    // The leader page adds three reads: the instance, the manager, their own manager with their peers.
    const cem = await link('leader', 'cem');
    const reads = await statementsOf(db.orm, () => cascade.standing(cem));
    expect(reads.map(statementShape)).toEqual([
      'select entity_workflow',
      'select manager_workflow',
      'select manager_workflow',
    ]);
    // A leader link for someone who leads no team of the tree has no place in the cascade.
    expect(await cascade.standing(await link('leader', 'ann.s1'))).toBeNull();
  });

  it('a leader schedules, changes and cancels their own session, each audited under their name', async () => {
    const ann = await link('leader', 'ann');
    const scheduled = await cascade.scheduleSession(ann, { startsAt: '2026-10-14T10:30', place: 'Room 4' });
    expect(scheduled).toMatchObject({
      state: 'scheduled',
      session: {
        startsAt: new Date('2026-10-14T14:30:00Z'),
        localStartsAt: '2026-10-14T10:30',
        minutes: 90,
        place: 'Room 4',
        url: null,
        language: 'fr',
      },
    });
    const moved = await cascade.scheduleSession(ann, {
      startsAt: '2026-11-03T09:00',
      minutes: 120,
      url: 'https://meet.example.org/ann',
      language: 'en',
    });
    expect(moved.session).toMatchObject({ localStartsAt: '2026-11-03T09:00', minutes: 120, place: null });
    expect((await managerRow('ann')).calendarSequence).toBe(1);
    // Her own manager has not held theirs: cancelling puts her back to waiting, not to her turn.
    expect(await cascade.cancelSession(ann)).toMatchObject({ state: 'waiting', session: null });
    await expect(cascade.cancelSession(ann)).rejects.toBeInstanceOf(InvalidTransition);
    const trail = await db.orm.em
      .fork()
      .find(AuditEvent, { managerId: (await managerRow('ann')).id }, { orderBy: { id: 'asc' } });
    expect(trail.map((e) => [e.event, e.actor])).toEqual([
      ['manager:schedule', `leader: ann${D}`],
      ['manager:reschedule', `leader: ann${D}`],
      ['manager:cancel-session', `leader: ann${D}`],
    ]);
  });

  it('names every bad field of a schedule and changes nothing', async () => {
    const bob = await link('leader', 'bob');
    expect(
      await issuesOf(() =>
        cascade.scheduleSession(bob, {
          startsAt: '2027-03-14T02:30',
          url: 'javascript:alert(1)',
          place: 'x'.repeat(301),
        }),
      ),
    ).toEqual([
      ['startsAt', 'local-time-gap'],
      ['place', 'too-long'],
      ['url', 'web-link'],
    ]);
    expect(await managerRow('bob')).toMatchObject({
      state: 'waiting',
      sessionStartsAt: null,
      calendarSequence: 0,
    });
  });

  it('lets each link do only its part', async () => {
    const [focal, head, leader] = await Promise.all([
      link('focal-point', 'focal'),
      link('head-of-entity', 'head'),
      link('leader', 'cem'),
    ]);
    await expect(cascade.scheduleSession(focal, { startsAt: '2026-10-14T10:30' })).rejects.toBeInstanceOf(
      TokenRoleRefused,
    );
    await expect(cascade.cancelSession(head)).rejects.toBeInstanceOf(TokenRoleRefused);
    await expect(cascade.managers(leader)).rejects.toBeInstanceOf(TokenRoleRefused);
    await expect(cascade.excuseManager(head, `cem${D}`, 'no')).rejects.toBeInstanceOf(TokenRoleRefused);
    expect((await cascade.managers(head)).total).toBe(4);
  });

  it('a Focal Point excuses a manager with a reason; a typo in the address is the address field’s problem', async () => {
    const focal: PortalContext = await link('focal-point', 'focal');
    expect(await issuesOf(() => cascade.excuseManager(focal, 'not an address', ' '))).toEqual([
      ['email', 'email'],
      ['reason', 'required'],
    ]);
    expect(await issuesOf(() => cascade.excuseManager(focal, `nobody${D}`, 'On leave'))).toEqual([
      ['email', 'not-a-manager'],
    ]);
    expect(await cascade.excuseManager(focal, ` CEM${D} `, 'On mission until March')).toEqual({
      email: `cem${D}`,
      state: 'excused',
    });
    await expect(cascade.excuseManager(focal, `cem${D}`, 'again')).rejects.toBeInstanceOf(InvalidTransition);
    const [excused] = await db.orm.em
      .fork()
      .find(AuditEvent, { managerId: (await managerRow('cem')).id, event: 'manager:excuse' });
    expect([excused.actor, excused.reason]).toEqual([`focal-point: focal${D}`, 'On mission until March']);
    const row = (await cascade.managers(focal, { state: 'excused' })).managers[0];
    expect([row.email, row.excuseReason]).toEqual([`cem${D}`, 'On mission until March']);
  });

  it("lists the definition's states, refuses one it lacks, and counts who lags past its threshold", async () => {
    const focal = await link('focal-point', 'focal');
    expect(await issuesOf(() => cascade.managers(focal, { state: 'sleeping' }))).toEqual([
      ['state', 'one-of'],
    ]);
    // The Focal Point's and the Head's page add the list to their reads: the instance, then every manager row.
    const statements = await statementsOf(db.orm, () => cascade.managers(focal));
    expect(statements.map(statementShape)).toEqual(['select entity_workflow', 'select manager_workflow']);
    const now = await cascade.managers(focal);
    expect(now.states).toEqual([
      'waiting',
      'your-turn',
      'scheduled',
      'held',
      'excused',
      'withdrawn',
      'closed',
    ]);
    expect([now.lagging, now.laggingAfterDays]).toEqual([0, 14]);
    db.clock.set(new Date('2026-10-21T12:00:00Z')); // the Head's turn came 20 days ago
    const later = await cascade.managers(focal, { lagging: true });
    expect([later.lagging, later.total, later.managers.map((m) => [m.email, m.laggingDays])]).toEqual([
      1,
      1,
      [[`head${D}`, 20]],
    ]);
  });
});
