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
      [entity('TREE'), entity('PAGE'), entity('NOTREE')],
      ADMIN,
    );
    await dialogues.launch(YEAR, ADMIN);
    await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, ADMIN);
    const workflows = new EntityWorkflowService(orm.em, clock, registry);
    const tree = new OrgTreeService(orm.em, clock, registry);
    await tree.importCsv(YEAR, 'TREE', TREE, ADMIN);
    await tree.importCsv(YEAR, 'PAGE', TREE.replace(/tree\.example/g, 'page.example'), ADMIN);
    statistics = new StatisticsService(workflows);
    tokens = new AccessTokenService(orm.em, clock);
    portal = new PortalService(
      orm.em,
      clock,
      tokens,
      tree,
      new SessionService(workflows, clock),
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
    expect(await portal.submitStatistics(ctx, STATS)).toEqual({ state: 'stats-submitted', revision: 1 });
  });

  it('counts the managers inside the transaction that writes the submission', async () => {
    const statements = (
      await statementsOf(db.orm, () => statistics.submit(YEAR, 'TREE', STATS, Actors.adminApiKey))
    ).map(statementShape);
    const counted = statements.indexOf('select person');
    expect(counted).toBeGreaterThan(statements.indexOf('begin'));
    expect(counted).toBeLessThan(statements.indexOf('insert statistics'));
    expect(statements.at(-1)).toBe('commit');
    expect(statements.filter((s) => s === 'begin')).toHaveLength(1);
  });

  it('without a reporting tree there is nothing to compare with: any count that fits the sessions is taken', async () => {
    const outcome = await statistics.submit(YEAR, 'NOTREE', { ...STATS, managersLed: 3 }, ADMIN);
    expect(outcome.submission.managersLed).toBe(3);
  });
});
