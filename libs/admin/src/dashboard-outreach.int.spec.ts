import {
  AlreadyRemindedToday,
  AuditEvent,
  CascadeQueryService,
  DialogueQueryService,
  DialogueService,
  EntityImportService,
  EntityWorkflow,
  EntityWorkflowService,
  InstanceQueryService,
  InvitationService,
  LaunchPreviewQueryService,
  MailQueryService,
  OrgTreeService,
  ParticipationQueryService,
  RecordQueryService,
  RemindNowService,
  ReportService,
  type ConsoleIdentity,
} from '@cascade/dialogue';
import { OutboxMessage } from '@cascade/scheduling';
import { openTestOrm, sampleDialogueInput, statementsOf, testDrivers, type TestOrm } from '@cascade/testing';
import { entityWorkflowBulkActions } from './actions/entity-workflow-bulk.actions';
import { remindNow } from './actions/remind-now.action';
import { toBulkAdminAction, type BulkActionSpec } from './bulk-action';
import { toAdminAction } from './console-action';
import type { ConsoleQueries, ConsoleServices } from './console-services';
import type { ConsoleTable, ConsoleView } from './console-view';
import { dashboardView, type DashboardView } from './dashboard';

const YEAR = 2026;
/** Setting up a migrated database and a year of 200 entities takes more than Jest's 5 s on a busy machine. */
const SETUP_MS = 60_000;
const ADMIN: ConsoleIdentity = { id: 1, email: 'alice@un.example.org', role: 'admin', language: 'en' };
const FRENCH_ADMIN: ConsoleIdentity = { id: 3, email: 'felix@un.example.org', role: 'admin', language: 'fr' };
const VIEWER: ConsoleIdentity = { id: 2, email: 'victor@un.example.org', role: 'viewer', language: 'en' };

/** Entities made by rule: `OFF001`, `OFF002`… of two kinds, each with a Focal Point and a Head. */
const entities = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => {
    const code = `OFF${String(from + i).padStart(3, '0')}`;
    return {
      code,
      name: `Office ${code}`,
      kind: (from + i) % 2 === 0 ? 'office' : 'department',
      dutyStation: 'Nairobi',
      timeZone: 'Africa/Nairobi',
      language: 'en',
      headName: `Head Of ${code}`,
      headEmail: `head@${code.toLowerCase()}.example.org`,
      focalPoints: [{ name: `Focal ${code}`, email: `focal@${code.toLowerCase()}.example.org` }],
    };
  });

const tableOf = (view: ConsoleView, id: string) => view.tables?.find((t) => t.id === id) as ConsoleTable;
const factOf = (view: ConsoleView, label: string) => view.facts?.find(([l]) => l === label)?.[1];

/** AdminJS's record as the bulk handler gets it (the console reads only `params.id`). */
const recordOf = (instance: EntityWorkflow) => ({
  params: { id: instance.id },
  toJSON: () => ({ id: String(instance.id) }),
});

describe.each(testDrivers())('the dashboard’s outreach and the bulk actions (%s)', (driver) => {
  let db: TestOrm;
  let services: ConsoleServices;
  let queries: ConsoleQueries;
  const fresh = () => db.orm.em.fork();
  const instance = (code: string) =>
    fresh().findOneOrFail(EntityWorkflow, { entity: { code } }, { populate: ['entity', 'dialogue'] });
  const auditsOf = (code: string, event: string) => fresh().count(AuditEvent, { entityCode: code, event });
  const bulk = (name: string) => entityWorkflowBulkActions.find((a) => a.name === name) as BulkActionSpec;
  /** The bulk action as AdminJS calls it: the selected records, the account, the form posted. */
  const runBulk = async (
    name: string,
    codes: string[],
    payload: Record<string, string>,
    admin: ConsoleIdentity = ADMIN,
  ) => {
    const action = toBulkAdminAction(bulk(name), 'ConsoleBulkAction', { services, queries });
    const records = await Promise.all(codes.map(async (c) => recordOf(await instance(c))));
    const answer = await action.handler({ method: 'post', payload }, undefined, {
      currentAdmin: admin,
      records,
    });
    return answer.console as ConsoleView;
  };
  const outcomes = (view: ConsoleView) =>
    tableOf(view, 'bulk-outcomes').rows.map(([code, result, why]) => [code, result, why]);

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-10-01T12:00:00Z'));
    ({ services, queries } = consoleOf(db));
    await services.dialogues.create(sampleDialogueInput(YEAR), 'admin@test');
    await new EntityImportService(db.orm.em, db.clock).importJson(entities(1, 10), 'admin@test');
  }, SETUP_MS);

  afterAll(async () => {
    await db?.close();
  });

  describe('before the launch', () => {
    it('shows the entities launching will invite and the invitations it will send, not "Entities 0"', async () => {
      const view = await dashboardView({ services, queries }, YEAR);
      expect(factOf(view, 'Entities')).toBeUndefined();
      expect(factOf(view, 'Entities launching will invite')).toBe(10);
      expect(factOf(view, 'Invitation mails launching will send')).toBe(20);
      const invitations = tableOf(view, 'launch-invitations');
      expect(invitations.rows).toHaveLength(10);
      expect(invitations.rows[0]).toEqual([
        'OFF001 — Office OFF001',
        'department',
        'focal@off001.example.org, head@off001.example.org',
      ]);
      expect((view as DashboardView).charts).toEqual([]);
    });
  });

  describe('once launched', () => {
    beforeAll(async () => {
      const { orm, clock, registry } = db;
      const launched = await services.dialogues.launch(YEAR, 'admin@test');
      const dialogue = await queries.dialogues.newestFirst();
      await new InvitationService(orm.em, clock, registry).inviteAll(dialogue[0].id, 'admin@test');
      expect(launched.entitiesToInvite).toBe(10);
    }, SETUP_MS);

    it('draws entities per state over time and participation by kind, and offers "Remind now" to an admin only', async () => {
      const view = (await dashboardView({ services, queries }, YEAR, 'en', true)) as DashboardView;
      expect(factOf(view, 'Entities')).toBe(10);
      expect(view.tables?.some((t) => t.id === 'launch-invitations')).toBe(false);
      const overTime = view.charts?.find((c) => c.id === 'states-over-time');
      expect(overTime?.type).toBe('line');
      expect(overTime?.datasets.find((d) => d.label === 'invited')?.data.at(-1)).toBe(10);
      expect(view.charts?.map((c) => c.id)).toEqual(['states-over-time', 'participation-by-kind']);
      const asViewer = await dashboardView({ services, queries }, YEAR, 'en', false);
      const lagging = tableOf(asViewer, 'lagging');
      expect(lagging.columns).not.toContain('Remind');
    });

    it('reminds an entity now once a day: audited, queued through the outbox, a second click refused', async () => {
      const action = toAdminAction(remindNow, 'ConsoleAction', { services, queries });
      const post = (admin: ConsoleIdentity) =>
        action.handler({ method: 'post', payload: { code: 'OFF001', year: String(YEAR) } }, undefined, {
          currentAdmin: admin,
        });
      const outboxBefore = await fresh().count(OutboxMessage, {
        idempotencyKey: { $like: 'mail.remind-now.%' },
      });

      const first = (await post(ADMIN)).console as ConsoleView;
      expect(first.success).toBe(
        'OFF001: the reminder mail is on its way; the next reminder can be sent tomorrow.',
      );
      const queued = await fresh().find(OutboxMessage, { idempotencyKey: { $like: 'mail.remind-now.%' } });
      expect(queued).toHaveLength(outboxBefore + 1);
      expect(queued.at(-1)?.payload).toEqual({
        workflowId: (await instance('OFF001')).id,
        template: 'reminder',
        audience: ['focal-points'],
        at: expect.any(String),
      });
      const audit = await fresh().findOneOrFail(AuditEvent, { entityCode: 'OFF001', event: 'remind-now' });
      expect([audit.actor, audit.details]).toEqual([
        'admin: alice@un.example.org',
        { template: 'reminder', to: ['focal-points'], day: '2026-10-01' },
      ]);

      const again = (await post(ADMIN)).console as ConsoleView;
      expect(again.errors).toEqual(['OFF001 was already reminded today (2026-10-01); try again tomorrow']);
      const inFrench = (await post(FRENCH_ADMIN)).console as ConsoleView;
      expect(inFrench.errors).toEqual([
        'OFF001 a déjà reçu un rappel aujourd’hui (2026-10-01) ; le prochain pourra partir demain.',
      ]);
      const viewer = (await post(VIEWER)).console as ConsoleView;
      expect(viewer.errors).toHaveLength(1);
      expect(await auditsOf('OFF001', 'remind-now')).toBe(1);
      expect(await fresh().count(OutboxMessage, { idempotencyKey: { $like: 'mail.remind-now.%' } })).toBe(
        outboxBefore + 1,
      );

      // The entity's next day (Nairobi is UTC+3: 21:00 UTC is already tomorrow there).
      db.clock.set(new Date('2026-10-01T21:00:00Z'));
      try {
        const nextDay = (await post(ADMIN)).console as ConsoleView;
        expect(nextDay.errors).toBeUndefined();
        expect(await auditsOf('OFF001', 'remind-now')).toBe(2);
      } finally {
        db.clock.set(new Date('2026-10-01T12:00:00Z'));
      }
    });

    it('lets one of two simultaneous reminders of an entity through, and refuses the other as already sent', async () => {
      const attempts = await Promise.allSettled([
        services.remindNow.remindNow(YEAR, 'OFF009', 'admin: one'),
        services.remindNow.remindNow(YEAR, 'OFF009', 'admin: two'),
      ]);
      expect(attempts.map((a) => a.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refusal = attempts.find((a) => a.status === 'rejected') as PromiseRejectedResult;
      expect(refusal.reason).toBeInstanceOf(AlreadyRemindedToday);
      expect(await auditsOf('OFF009', 'remind-now')).toBe(1);
    });

    it('bulk remind: each entity reminded and audited, one already reminded today refused with why', async () => {
      const view = await runBulk('bulkRemind', ['OFF001', 'OFF002', 'OFF003'], {});
      expect(view.title).toBe('Remind: 2 done, 1 refused');
      expect(outcomes(view)).toEqual([
        ['OFF001', 'Refused', 'OFF001 was already reminded today (2026-10-01); try again tomorrow'],
        ['OFF002', 'Done', 'reminder mail on its way'],
        ['OFF003', 'Done', 'reminder mail on its way'],
      ]);
      expect([await auditsOf('OFF002', 'remind-now'), await auditsOf('OFF003', 'remind-now')]).toEqual([
        1, 1,
      ]);
    });

    it('bulk extension: the same date and reason to each, refusals kept per entity with nothing half-written', async () => {
      await services.workflows.withdraw(YEAR, 'OFF006', 'merged into another office', 'admin@test');
      const before = await instance('OFF004');
      const dialogue = before.dialogue;
      // A date the form refuses refuses the whole: no entity touched.
      const badDate = await runBulk('bulkExtend', ['OFF004', 'OFF005'], {
        deadline: 'soon',
        reason: 'flood',
      });
      expect(badDate.errors).toEqual(['deadline: must be a date YYYY-MM-DD']);
      const noReason = await runBulk('bulkExtend', ['OFF004'], { deadline: dialogue.statisticsDeadline });
      expect(noReason.errors).toEqual(['reason: is required']);
      expect(await auditsOf('OFF004', 'grant-extension')).toBe(0);

      const pastCutoff = nextDay(dialogue.reportCutoff);
      const refusedPast = await runBulk('bulkExtend', ['OFF004'], { deadline: pastCutoff, reason: 'flood' });
      expect(outcomes(refusedPast)).toEqual([
        [
          'OFF004',
          'Refused',
          `past the report cutoff (${dialogue.reportCutoff}): tick the confirmation to extend it anyway`,
        ],
      ]);
      expect((await instance('OFF004')).effectiveDeadline).toBe(before.effectiveDeadline);

      const newDeadline = nextDay(dialogue.statisticsDeadline);
      const view = await runBulk('bulkExtend', ['OFF004', 'OFF005', 'OFF006'], {
        deadline: newDeadline,
        reason: 'flood at the duty station',
      });
      expect(view.title).toBe('Grant the same extension: 2 done, 1 refused');
      const rows = outcomes(view);
      expect(rows.slice(0, 2)).toEqual([
        ['OFF004', 'Done', `deadline now ${newDeadline}`],
        ['OFF005', 'Done', `deadline now ${newDeadline}`],
      ]);
      expect(rows[2].slice(0, 2)).toEqual(['OFF006', 'Refused']);
      expect(String(rows[2][2])).toMatch(/withdrawn/);
      const withdrawn = await instance('OFF006');
      expect([withdrawn.state, withdrawn.extendedDeadline]).toEqual(['withdrawn', null]);
      expect(await auditsOf('OFF006', 'grant-extension')).toBe(0);
      const audit = await fresh().findOneOrFail(AuditEvent, {
        entityCode: 'OFF005',
        event: 'grant-extension',
      });
      expect([audit.actor, audit.reason]).toEqual([
        'admin: alice@un.example.org',
        'flood at the duty station',
      ]);

      const confirmed = await runBulk('bulkExtend', ['OFF007'], {
        deadline: pastCutoff,
        reason: 'flood',
        confirmPastCutoff: 'yes',
      });
      expect(outcomes(confirmed)).toEqual([['OFF007', 'Done', `deadline now ${pastCutoff}`]]);
    });

    it('bulk withdrawal: with a reason, audited per entity; an already withdrawn one refused; a viewer refused', async () => {
      const noReason = await runBulk('bulkWithdraw', ['OFF008'], { reason: '  ' });
      expect(noReason.errors).toEqual(['reason: is required']);
      const byViewer = await runBulk('bulkWithdraw', ['OFF008'], { reason: 'a viewer tries' }, VIEWER);
      expect(byViewer.errors).toEqual(['Your role may look but not act.']);
      expect((await instance('OFF008')).state).toBe('invited');

      const view = await runBulk('bulkWithdraw', ['OFF006', 'OFF008'], { reason: 'closed this year' });
      expect(view.title).toBe('Withdraw: 1 done, 1 refused');
      expect(outcomes(view)[1]).toEqual(['OFF008', 'Done', 'withdrawn']);
      expect(outcomes(view)[0].slice(0, 2)).toEqual(['OFF006', 'Refused']);
      expect((await instance('OFF008')).state).toBe('withdrawn');
      expect(await auditsOf('OFF008', 'withdraw')).toBe(1);
      expect(await auditsOf('OFF006', 'withdraw')).toBe(1); // the earlier one only
    });

    it('says a summary in the account’s language', async () => {
      const view = await runBulk('bulkRemind', ['OFF002'], {}, FRENCH_ADMIN);
      expect(view.title).toBe('Relancer : 0 effectuée(s), 1 refusée(s)');
      expect(outcomes(view)[0][1]).toBe('Refusé');
    });
  });
});

/** The console's services and reads on the test database, as the module injects them. */
function consoleOf({ orm, clock, registry }: TestOrm): {
  services: ConsoleServices;
  queries: ConsoleQueries;
} {
  const em = orm.em;
  const orgTree = new OrgTreeService(em, clock, registry);
  return {
    services: {
      clock,
      registry,
      dialogues: new DialogueService(em, clock, registry),
      workflows: new EntityWorkflowService(em, clock, registry),
      reports: new ReportService(em, clock, registry),
      remindNow: new RemindNowService(em, clock, registry),
    } as unknown as ConsoleServices,
    queries: {
      dialogues: new DialogueQueryService(em),
      instances: new InstanceQueryService(em, orgTree),
      participation: new ParticipationQueryService(em),
      mails: new MailQueryService(em),
      records: new RecordQueryService(em),
      cascade: new CascadeQueryService(em, clock, registry),
      launchPreview: new LaunchPreviewQueryService(em),
    } as unknown as ConsoleQueries,
  };
}

describe.each(testDrivers())('the dashboard’s statements (%s)', (driver) => {
  let db: TestOrm;
  let services: ConsoleServices;
  let queries: ConsoleQueries;

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-10-01T12:00:00Z'));
    ({ services, queries } = consoleOf(db));
    await services.dialogues.create(sampleDialogueInput(YEAR), 'admin@test');
    await new EntityImportService(db.orm.em, db.clock).importJson(entities(1, 10), 'admin@test');
  }, SETUP_MS);

  afterAll(async () => {
    await db?.close();
  });

  const launchAndInvite = async (year: number) => {
    await services.dialogues.launch(year, 'admin@test');
    const dialogue = (await queries.dialogues.newestFirst()).find((d) => d.year === year);
    await new InvitationService(db.orm.em, db.clock, db.registry).inviteAll(
      dialogue?.id as number,
      'admin@test',
    );
  };

  it(
    'reads the dashboard in as many statements at 200 entities as at 10, before and after the launch',
    async () => {
      const { orm, clock } = db;
      const countAt = async (year: number) =>
        (await statementsOf(orm, () => dashboardView({ services, queries }, year, 'en', true))).length;
      const beforeLaunchAt10 = await countAt(YEAR);
      await launchAndInvite(YEAR);
      const launchedAt10 = await countAt(YEAR);

      await new EntityImportService(orm.em, clock).importJson(entities(11, 190), 'admin@test');
      await services.dialogues.create(sampleDialogueInput(YEAR + 1), 'admin@test');
      const preview = await dashboardView({ services, queries }, YEAR + 1);
      expect(factOf(preview, 'Entities launching will invite')).toBe(200);
      const beforeLaunchAt200 = await countAt(YEAR + 1);

      await launchAndInvite(YEAR + 1);
      const launched = await dashboardView({ services, queries }, YEAR + 1, 'en', true);
      expect(factOf(launched, 'Entities')).toBe(200);
      const launchedAt200 = await countAt(YEAR + 1);

      expect(launchedAt200).toBe(launchedAt10);
      expect(beforeLaunchAt200).toBe(beforeLaunchAt10);
      // The counts themselves, so that a statement added to the dashboard is seen: 12 before, 14 after the launch.
      expect([beforeLaunchAt10, launchedAt10]).toEqual([12, 14]);
    },
    SETUP_MS,
  );
});

const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
