import {
  openTestOrm,
  sampleDialogueInput,
  statementShape,
  statementsOf,
  testDrivers,
  type TestOrm,
} from '@cascade/testing';
import { AuditEvent } from '../audit/audit-event.entity';
import { DialogueService } from '../dialogue/dialogue.service';
import { EntityImportService } from '../entity/entity-import.service';
import { OrgTreeService } from '../org/org-tree.service';
import { AccessTokenService } from '../portal/access-token.service';
import { PortalService } from '../portal/portal.service';
import { SessionService } from '../session/session.service';
import { Actors } from '../shared/actor';
import { ValidationFailed } from '../shared/errors';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { EntityWorkflowService } from '../workflow-instance/entity-workflow.service';
import { InvitationService } from '../workflow-instance/invitation.service';
import { AnnexEPrefillQueryService } from './annex-e-prefill-query.service';
import { StatisticsSubmission } from './statistics-submission.entity';
import { StatisticsService, type StatisticsInput } from './statistics.service';

const ADMIN = 'admin@test';
const YEAR = 2026;
// Two managers: the Head and Ann; Carla reports to Ann.
const TREE = [
  'name,email,manager_email,language,is_manager',
  'Rosa Head,head@tree.example.org,,en,yes',
  'Ann Manager,ann@tree.example.org,head@tree.example.org,en,',
  'Carla Staff,carla@tree.example.org,ann@tree.example.org,en,',
].join('\n');
const STATS: StatisticsInput = {
  eligibleStaff: 40,
  staffParticipated: 30,
  sessionsHeld: 3,
  managersLed: 2,
  nonStaffParticipants: 0,
};

describe.each(testDrivers())('statistics: one way in, every rule inside the transaction (%s)', (driver) => {
  let db: TestOrm;
  let statistics: StatisticsService;
  let portal: PortalService;
  let tokens: AccessTokenService;
  let sessions: SessionService;
  const fresh = () => db.orm.em.fork();

  const refusal = async (work: () => Promise<unknown>) => {
    const error = await work().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationFailed);
    return (error as ValidationFailed).issues;
  };
  const nothingWritten = async (code: string) => {
    const instance = await fresh().findOneOrFail(EntityWorkflow, { entity: { code } });
    expect(instance.state).toBe('invited');
    expect(await fresh().count(StatisticsSubmission, { workflow: instance })).toBe(0);
    expect(await fresh().count(AuditEvent, { workflow: instance, event: 'submit-statistics' })).toBe(0);
  };

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-10-01T12:00:00Z'));
    const { orm, clock, registry } = db;
    const dialogues = new DialogueService(orm.em, clock, registry);
    const dialogue = await dialogues.create(sampleDialogueInput(YEAR), ADMIN);
    const entity = (code: string) => ({
      code,
      name: code,
      kind: 'office',
      dutyStation: 'Geneva',
      timeZone: 'Europe/Zurich',
      language: 'en',
      focalPoints: [{ name: 'Focal', email: `focal@${code.toLowerCase()}.example.org` }],
    });
    await new EntityImportService(orm.em, clock).importJson(
      [entity('TREE'), entity('PAGE'), entity('NOTREE'), entity('EMPTY'), entity('AGREE')],
      ADMIN,
    );
    await dialogues.launch(YEAR, ADMIN);
    await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, ADMIN);
    const workflows = new EntityWorkflowService(orm.em, clock, registry);
    const tree = new OrgTreeService(orm.em, clock, registry);
    await tree.importCsv(YEAR, 'TREE', TREE, ADMIN);
    await tree.importCsv(YEAR, 'PAGE', TREE.replace(/tree\.example/g, 'page.example'), ADMIN);
    await tree.importCsv(YEAR, 'AGREE', TREE.replace(/tree\.example/g, 'agree.example'), ADMIN);
    sessions = new SessionService(workflows);
    statistics = new StatisticsService(workflows);
    tokens = new AccessTokenService(orm.em, clock);
    portal = new PortalService(
      orm.em,
      clock,
      tokens,
      tree,
      sessions,
      statistics,
      new AnnexEPrefillQueryService(orm.em),
    );
  });

  afterAll(async () => {
    await db?.close();
  });

  it('the admin API path: more managers who led than the tree has is refused naming managersLed, nothing written', async () => {
    const issues = await refusal(() =>
      statistics.submit(YEAR, 'TREE', { ...STATS, managersLed: 3 }, Actors.adminApiKey),
    );
    expect(issues).toEqual([
      {
        field: 'managersLed',
        code: 'leaders-over-managers',
        message: 'must not exceed the 2 managers of the reporting tree',
        params: { max: 2 },
      },
    ]);
    await nothingWritten('TREE');
  });

  it('the token-link path (page and JSON alike): the same refusal from the same method', async () => {
    const { token } = await tokens.issueFor(
      YEAR,
      'PAGE',
      { role: 'focal-point', email: 'focal@page.example.org' },
      ADMIN,
    );
    const ctx = await portal.resolve(token);
    const issues = await refusal(() => portal.submitStatistics(ctx, { ...STATS, managersLed: 3 }));
    expect(issues.map((i) => i.field)).toEqual(['managersLed']);
    await nothingWritten('PAGE');
    // The tree's 3 people and no session recorded: the figures differ, confirmed by the Focal Point.
    expect(await portal.submitStatistics(ctx, { ...STATS, confirmDifferences: true })).toEqual({
      state: 'stats-submitted',
      revision: 1,
      crossCheck: {
        confirmed: true,
        differences: [
          { field: 'eligibleStaff', entered: 40, recorded: 3 },
          { field: 'sessionsHeld', entered: 3, recorded: 0 },
          { field: 'managersLed', entered: 2, recorded: 0 },
        ],
        records: { sessions: 0, leaders: 0, people: 3, managers: 2 },
      },
    });
  });

  it('counts the managers (with the sessions, in one statement) inside the transaction that writes the submission', async () => {
    const raw = await statementsOf(db.orm, () => statistics.submit(YEAR, 'TREE', STATS, Actors.adminApiKey));
    const statements = raw.map(statementShape);
    const counted = raw.findIndex((s) => /is_manager/.test(s) && /count\(distinct leader_email\)/.test(s));
    expect(counted).toBeGreaterThan(statements.indexOf('begin'));
    expect(counted).toBeLessThan(statements.indexOf('insert statistics'));
    expect(statements.at(-1)).toBe('commit');
    expect(statements.filter((s) => s === 'begin')).toHaveLength(1);
  });

  it('without a reporting tree there is nothing to compare with: any count that fits the sessions is taken', async () => {
    const outcome = await statistics.submit(YEAR, 'NOTREE', { ...STATS, managersLed: 3 }, ADMIN);
    expect(outcome.submission.managersLed).toBe(3);
  });

  describe('figures checked against what Cascade knows (issue 21, point 4)', () => {
    const focalPointOf = async (code: string) =>
      portal.resolve(
        (
          await tokens.issueFor(
            YEAR,
            code,
            { role: 'focal-point', email: `focal@${code.toLowerCase()}.example.org` },
            ADMIN,
          )
        ).token,
      );
    const latest = (code: string) =>
      fresh().findOneOrFail(
        StatisticsSubmission,
        { workflow: { entity: { code } } },
        { orderBy: { revision: 'desc' } },
      );
    const audits = async (code: string) =>
      fresh().find(
        AuditEvent,
        { workflow: { entity: { code } }, event: 'submit-statistics' },
        { orderBy: { id: 'asc' } },
      );

    it('22 sessions and 20 leaders while nothing is recorded and no tree imported: both sides named, nothing written', async () => {
      const fp = await focalPointOf('EMPTY');
      const figures = {
        ...STATS,
        eligibleStaff: 400,
        staffParticipated: 300,
        sessionsHeld: 22,
        managersLed: 20,
      };
      const issues = await refusal(() => portal.submitStatistics(fp, figures));
      expect(issues.map(({ field, code, params }) => ({ field, code, params }))).toEqual([
        {
          field: 'sessionsHeld',
          code: 'sessions-differ-from-records',
          params: { entered: 22, recorded: 0, sessions: 0, people: 0, managers: 0 },
        },
        {
          field: 'managersLed',
          code: 'leaders-differ-from-records',
          params: { entered: 20, recorded: 0, sessions: 0, people: 0, managers: 0 },
        },
        { field: 'confirmDifferences', code: 'confirm-differences', params: { count: 2 } },
      ]);
      expect(issues[0].message).toBe('is 22; Cascade has no session recorded');
      expect(issues[1].message).toContain('(no reporting tree imported)');
      expect(issues[2].message).toContain('confirmDifferences: true');
      await nothingWritten('EMPTY');
      // An explicit "no" is no confirmation.
      await refusal(() => portal.submitStatistics(fp, { ...figures, confirmDifferences: false }));
      await nothingWritten('EMPTY');
    });

    it('confirmed: accepted, the state moves, and the differences are kept with the submission, in its audit row and in the view', async () => {
      const fp = await focalPointOf('EMPTY');
      const figures = {
        ...STATS,
        eligibleStaff: 400,
        staffParticipated: 300,
        sessionsHeld: 22,
        managersLed: 20,
      };
      const result = await portal.submitStatistics(fp, { ...figures, confirmDifferences: true });
      const crossCheck = {
        confirmed: true,
        differences: [
          { field: 'sessionsHeld', entered: 22, recorded: 0 },
          { field: 'managersLed', entered: 20, recorded: 0 },
        ],
        records: { sessions: 0, leaders: 0, people: 0, managers: 0 },
      };
      expect(result).toEqual({ state: 'stats-submitted', revision: 1, crossCheck });
      expect((await latest('EMPTY')).crossCheck).toEqual(crossCheck);
      const [audit] = await audits('EMPTY');
      expect(audit).toMatchObject({ fromState: 'invited', toState: 'stats-submitted' });
      expect(audit.details).toEqual({ crossCheck });
      expect((await portal.focalPointView(fp)).statistics?.['crossCheck']).toEqual(crossCheck);
    });

    it('figures that agree with the sessions and the tree need no confirmation, and keep no difference', async () => {
      const fp = await focalPointOf('AGREE');
      await sessions.record(
        YEAR,
        'AGREE',
        { leaderEmail: 'head@agree.example.org', heldOn: '2026-09-30', language: 'en', participants: 3 },
        ADMIN,
      );
      const prefill = await portal.statisticsPrefill(fp);
      const figures = {
        eligibleStaff: prefill.eligibleStaff.value ?? 0,
        staffParticipated: prefill.staffParticipated.value ?? 0,
        sessionsHeld: prefill.sessionsHeld.value ?? 0,
        managersLed: prefill.managersLed.value ?? 0,
        nonStaffParticipants: prefill.nonStaffParticipants.value ?? 0,
      };
      expect(figures).toMatchObject({ eligibleStaff: 3, sessionsHeld: 1, managersLed: 1 });
      const result = await portal.submitStatistics(fp, figures);
      expect(result).toMatchObject({ revision: 1, crossCheck: null });
      expect((await latest('AGREE')).crossCheck).toBeNull();
      expect((await audits('AGREE'))[0].details).toBeNull();
      // A revision that now differs asks again: the confirmation belongs to the figures it was given for.
      const issues = await refusal(() => portal.submitStatistics(fp, { ...figures, eligibleStaff: 5 }));
      expect(issues.map((i) => [i.field, i.code])).toEqual([
        ['eligibleStaff', 'staff-differ-from-tree'],
        ['confirmDifferences', 'confirm-differences'],
      ]);
      expect(issues[0].params).toMatchObject({ entered: 5, recorded: 3, people: 3, managers: 2 });
    });

    it('the admin API takes differing figures without a confirmation and keeps them, unconfirmed', async () => {
      const outcome = await statistics.submit(YEAR, 'TREE', STATS, Actors.adminApiKey);
      expect(outcome.submission.crossCheck).toEqual({
        confirmed: false,
        differences: [
          { field: 'eligibleStaff', entered: 40, recorded: 3 },
          { field: 'sessionsHeld', entered: 3, recorded: 0 },
          { field: 'managersLed', entered: 2, recorded: 0 },
        ],
        records: { sessions: 0, leaders: 0, people: 3, managers: 2 },
      });
      const rows = await audits('TREE');
      expect(rows.at(-1)?.details).toEqual({ crossCheck: outcome.submission.crossCheck });
    });
  });
});
