import {
  AuditEvent,
  CascadeQueryService,
  CascadeService,
  consoleActor,
  DialogueQueryService,
  DialogueService,
  EntityImportService,
  EntityWorkflow,
  EntityWorkflowService,
  InstanceQueryService,
  InvitationService,
  LaunchPreviewQueryService,
  MailQueryService,
  ManagerWorkflow,
  OrgTreeService,
  ParticipationQueryService,
  RecordQueryService,
  ReportService,
  SessionService,
  ValidationFailed,
  type ConsoleIdentity,
} from '@cascade/dialogue';
import {
  openTestOrm,
  sampleDialogueInput,
  statementShape,
  statementsOf,
  testDrivers,
  type TestOrm,
} from '@cascade/testing';
import { cascadeTree, CASCADE_PAGE } from './actions/cascade-tree.action';
import { managerWorkflowActions } from './actions/manager-workflow.actions';
import { InvalidTransition } from '@cascade/workflow';
import { errorsOf, toAdminAction, type ActionCall, type ConsoleActionSpec } from './console-action';
import type { ConsoleQueries, ConsoleServices } from './console-services';
import type { BarCell, ConsoleTable, ConsoleView, IndentedCell, QueryCell } from './console-view';
import { dashboardView } from './dashboard';
import { translator } from './locale/console-text';
import type { AdminJsModules } from './esm';
import { consoleResourceClass } from './resources/console-resource';
import { entityWorkflowResource } from './resources/entity-workflow.resource';
import type { FilterEntry } from './resources/list-filters';
import { managerWorkflowResource } from './resources/manager-workflow.resource';
import { ADMIN_ONLY_RESOURCES } from './resources/resource-kit';

const YEAR = 2026;
const ADMIN: ConsoleIdentity = { id: 1, email: 'alice@un.example.org', role: 'admin', language: 'en' };
const VIEWER: ConsoleIdentity = { id: 2, email: 'victor@un.example.org', role: 'viewer', language: 'en' };
const TEAMS = 10;
const PER_TEAM = 12;
/** head + 10 team leads + 120 managers below them. */
const BIG_MANAGERS = 1 + TEAMS + TEAMS * PER_TEAM;

/**
 * A reporting tree made by rule (never written by hand): the head, `teams` team leads (French speakers) reporting
 * to the head, `perTeam` managers under each lead, two staff under each manager.
 */
function treeCsv(domain: string, teams: number, perTeam: number): string {
  const at = (local: string) => `${local}@${domain}`;
  const rows = ['name,email,manager_email,language,is_manager', `Head Of ${domain},${at('head')},,en,yes`];
  for (let t = 1; t <= teams; t++) {
    const lead = `lead${two(t)}`;
    rows.push(`Team Lead ${two(t)},${at(lead)},${at('head')},fr,yes`);
    for (let p = 1; p <= perTeam; p++) {
      const m = `m${two(t)}-${two(p)}`;
      rows.push(`Manager ${two(t)}-${two(p)},${at(m)},${at(lead)},en,yes`);
      for (let s = 1; s <= 2; s++) rows.push(`Staff ${m}-${s},${at(`${m}-s${s}`)},${at(m)},en,`);
    }
  }
  return rows.join('\n');
}

/** Two digits, so that every collation sorts the names the same way. */
const two = (n: number) => String(n).padStart(2, '0');

const entity = (code: string) => ({
  code,
  name: `Office ${code}`,
  kind: 'office',
  dutyStation: 'Nairobi',
  timeZone: 'Africa/Nairobi',
  language: 'en',
  headName: `Head Of ${code}`,
  headEmail: `head@${code.toLowerCase()}.example.org`,
  focalPoints: [{ name: `Focal ${code}`, email: `focal@${code.toLowerCase()}.example.org` }],
});

/**
 * AdminJS is ES modules only and Jest runs CommonJS, so AdminJS's own base classes are stood in for by the least
 * that the console's resource uses of them (a record keeps its params; a resource knows its id). Every read below
 * is the console's own code against the real database; the e2e suites drive the real AdminJS.
 */
const standIns = {
  adminjs: {
    BaseRecord: class {
      constructor(
        readonly params: Record<string, unknown>,
        readonly resource: unknown,
      ) {}
    },
  },
  mikroorm: {
    Resource: class {
      constructor(private readonly args: { model: { name: string } }) {}
      id() {
        return this.args.model.name;
      }
    },
  },
} as unknown as AdminJsModules;

type Records = { params: Record<string, unknown> }[];
const filter = (values: Record<string, string>) => ({
  filters: Object.fromEntries(
    Object.entries(values).map(([path, value]): [string, FilterEntry] => [path, { path, value }]),
  ),
});
const tableOf = (view: ConsoleView, id: string) => view.tables?.find((t) => t.id === id) as ConsoleTable;
const factOf = (view: ConsoleView, label: string) => view.facts?.find(([l]) => l === label)?.[1];

describe.each(testDrivers())('the console’s managers (%s)', (driver) => {
  let db: TestOrm;
  let services: ConsoleServices;
  let queries: ConsoleQueries;
  let instanceOf: Record<string, EntityWorkflow>;
  const fresh = () => db.orm.em.fork();
  const managerId = async (email: string) => (await fresh().findOneOrFail(ManagerWorkflow, { email })).id;
  const call = (over: Partial<ActionCall>): ActionCall => ({
    admin: ADMIN,
    actor: consoleActor(ADMIN),
    recordId: null,
    payload: {},
    query: {},
    services,
    queries,
    language: 'en',
    t: translator('en'),
    ...over,
  });
  const action = (name: string) => managerWorkflowActions.find((a) => a.name === name) as ConsoleActionSpec;

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-10-01T12:00:00Z'));
    const { orm, clock, registry } = db;
    const em = orm.em;
    const dialogues = new DialogueService(em, clock, registry);
    const dialogue = await dialogues.create(sampleDialogueInput(YEAR), 'admin@test');
    await new EntityImportService(em, clock).importJson(
      [entity('CASC'), entity('TINY'), entity('NONE')],
      'admin@test',
    );
    await dialogues.launch(YEAR, 'admin@test');
    await new InvitationService(em, clock, registry).inviteAll(dialogue.id, 'admin@test');
    const orgTree = new OrgTreeService(em, clock, registry);
    await orgTree.importCsv(YEAR, 'CASC', treeCsv('casc.example.org', TEAMS, PER_TEAM), 'admin@test');
    await orgTree.importCsv(YEAR, 'TINY', treeCsv('tiny.example.org', 1, 1), 'admin@test');
    // The head of CASC holds the first session: the ten team leads get their turn.
    await new SessionService(new EntityWorkflowService(em, clock, registry)).record(
      YEAR,
      'CASC',
      { leaderEmail: 'head@casc.example.org', heldOn: '2026-10-01', language: 'en', participants: 10 },
      'admin@test',
    );
    services = {
      clock,
      registry,
      dialogues,
      cascade: new CascadeService(em, clock, registry),
      // The dashboard's charts read the report's figures as of now.
      reports: new ReportService(em, clock, registry),
    } as unknown as ConsoleServices;
    queries = {
      dialogues: new DialogueQueryService(em),
      instances: new InstanceQueryService(em, orgTree),
      participation: new ParticipationQueryService(em),
      mails: new MailQueryService(em),
      records: new RecordQueryService(em),
      cascade: new CascadeQueryService(em, clock, registry),
      launchPreview: new LaunchPreviewQueryService(em),
    } as unknown as ConsoleQueries;
    const instances = await fresh().find(EntityWorkflow, {}, { populate: ['entity'] });
    instanceOf = Object.fromEntries(instances.map((i) => [i.entity.code, i]));
    // A year with its trees imported and cascades started: more than the default 5 s on a loaded machine.
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  });

  describe('the Managers list', () => {
    let managers: InstanceType<ReturnType<typeof consoleResourceClass>>;
    let entities: InstanceType<ReturnType<typeof consoleResourceClass>>;

    beforeAll(() => {
      const ConsoleResource = consoleResourceClass(standIns, queries.records);
      const states = Object.keys(db.registry.get('manager-session', 1).states);
      managers = new ConsoleResource(
        { model: ManagerWorkflow, orm: db.orm },
        managerWorkflowResource(states, queries.records).reading,
      );
      entities = new ConsoleResource(
        { model: EntityWorkflow, orm: db.orm },
        entityWorkflowResource([], queries.instances).reading,
      );
    });

    /** What AdminJS's list action does: the page, the entities it refers to (for their links), the total. */
    const listPage = async (values: Record<string, string>, limit: number, offset = 0) => {
      const context = {};
      // AdminJS asks for the resource's own order (options.sort) when the person picked none.
      const sort = { sortBy: 'id', direction: 'asc' as const };
      const page = (await managers.find(
        filter(values),
        { limit, offset, sort },
        context,
      )) as unknown as Records;
      await entities.findMany([...new Set(page.map((r) => r.params['workflow'] as number))]);
      const total = await managers.count(filter(values), context);
      return { page, total };
    };

    it('shows entity, year, state, turn date, sessions led, scheduled session and direct reports', async () => {
      await services.cascade.schedule(
        YEAR,
        'CASC',
        'lead02@casc.example.org',
        { startsAt: '2026-10-20T10:30', minutes: 60, place: 'Room 4' },
        'admin@test',
      );
      const { page, total } = await listPage({ code: 'casc' }, 20);
      expect(total).toBe(BIG_MANAGERS);
      const [head, lead1] = page.map((r) => r.params);
      const lead2 = page.find((r) => r.params['email'] === 'lead02@casc.example.org')?.params;
      expect(head).toMatchObject({
        name: 'Head Of casc.example.org',
        code: 'CASC',
        year: YEAR,
        state: 'held',
        turnOn: '2026-10-01',
        sessionsLed: 1,
        directReports: TEAMS,
        workflow: instanceOf['CASC'].id,
      });
      expect([lead1['state'], lead1['turnOn'], lead1['directReports']]).toEqual([
        'your-turn',
        '2026-10-01',
        12,
      ]);
      expect(lead2).toMatchObject({
        state: 'scheduled',
        scheduledSession: '2026-10-20 10:30 (Africa/Nairobi), 60 min, Room 4',
      });
      expect(page[15].params).toMatchObject({ state: 'waiting', turnOn: '', sessionsLed: 0 });
    });

    it('filters by entity, year and state, and finds a name or an address whatever its case', async () => {
      expect((await listPage({ code: 'TINY' }, 50)).total).toBe(3);
      expect((await listPage({ code: 'NONE' }, 50)).total).toBe(0);
      expect((await listPage({ code: 'CASC', year: String(YEAR) }, 50)).total).toBe(BIG_MANAGERS);
      expect((await listPage({ code: 'CASC', year: String(YEAR + 1) }, 50)).total).toBe(0);
      expect((await listPage({ year: 'not a year' }, 50)).total).toBe(0);
      const scheduled = await listPage({ state: 'scheduled' }, 50);
      expect(scheduled.page.map((r) => r.params['email'])).toEqual(['lead02@casc.example.org']);
      const byName = await listPage({ q: 'team LEAD 0' }, 50);
      expect(byName.page.map((r) => r.params['email'])).toEqual([
        ...Array.from({ length: 9 }, (_, i) => `lead0${i + 1}@casc.example.org`),
        'lead01@tiny.example.org',
      ]);
      const byAddress = await listPage({ q: 'M03-1', code: 'CASC' }, 50);
      expect(byAddress.page.map((r) => r.params['email'])).toEqual([
        'm03-10@casc.example.org',
        'm03-11@casc.example.org',
        'm03-12@casc.example.org',
      ]);
    });

    it('reads a page in a bounded number of statements, whatever its size', async () => {
      const shapes = async (limit: number, offset: number) =>
        (await statementsOf(db.orm, () => listPage({ code: 'CASC' }, limit, offset))).map(statementShape);
      await listPage({ code: 'CASC' }, 10); // counts the total once; later pages reuse it
      const small = await shapes(10, 10);
      const large = await shapes(100, 20);
      expect(large).toEqual(small);
      expect(small).toEqual([
        'select manager_workflow', // the page, with its entity instance, entity and dialogue joined
        'select entity_workflow', // the instances it links to (AdminJS's reference), with their entities
        'select timer', // and their next timers (the instance list's own extra), two statements per year
        'select timer',
      ]);
    });
  });

  describe('excusing and reinstating a manager', () => {
    it('needs a reason, goes through the cascade service and is audited under the admin’s name', async () => {
      const id = await managerId('lead01@casc.example.org');
      const excuse = action('excuse');
      expect(excuse.appliesTo?.({ state: 'your-turn' })).toBe(true);
      expect(excuse.appliesTo?.({ state: 'held' })).toBe(false);
      const form = await excuse.show(call({ recordId: id }));
      expect(form.form?.fields.map((f) => [f.name, f.required])).toEqual([['reason', true]]);
      expect(factOf(form, 'Manager')).toBe('Team Lead 01 <lead01@casc.example.org>');

      const refused = await excuse
        .submit?.(call({ recordId: id, payload: { reason: '   ' } }))
        .catch((e) => e);
      expect(refused).toBeInstanceOf(ValidationFailed);
      expect((refused as ValidationFailed).issues.map((i) => i.field)).toEqual(['reason']);
      expect((await fresh().findOneOrFail(ManagerWorkflow, id)).state).toBe('your-turn');

      const done = await excuse.submit?.(
        call({ recordId: id, payload: { reason: 'on mission until March' } }),
      );
      expect(done?.success).toBe('Team Lead 01 (CASC) moved from your-turn to excused.');
      const excused = await fresh().findOneOrFail(ManagerWorkflow, id);
      expect([excused.state, excused.excuseReason]).toEqual(['excused', 'on mission until March']);

      const reinstate = action('reinstate');
      expect(reinstate.appliesTo?.({ state: 'excused' })).toBe(true);
      const noReason = await reinstate.submit?.(call({ recordId: id, payload: {} })).catch((e) => e);
      expect(noReason).toBeInstanceOf(ValidationFailed);
      const back = await reinstate.submit?.(call({ recordId: id, payload: { reason: 'back early' } }));
      expect(back?.success).toBe('Team Lead 01 (CASC) moved from excused to your-turn.');

      const trail = await fresh().find(AuditEvent, { managerId: id }, { orderBy: { id: 'asc' } });
      expect(trail.map((e) => [e.event, e.actor, e.reason])).toEqual([
        ['manager:turn-comes', 'admin@test', null],
        ['manager:excuse', `admin: ${ADMIN.email}`, 'on mission until March'],
        ['manager:reinstate', `admin: ${ADMIN.email}`, 'back early'],
      ]);
    });

    it('refuses what the workflow does not allow, and changes nothing', async () => {
      const id = await managerId('head@casc.example.org');
      const refused = await action('excuse')
        .submit?.(call({ recordId: id, payload: { reason: 'too late' } }))
        .catch((e) => e);
      expect(refused).toBeInstanceOf(InvalidTransition);
      expect(errorsOf(refused)).toEqual([expect.stringMatching(/excuse/)]);
      expect((await fresh().findOneOrFail(ManagerWorkflow, id)).state).toBe('held');
      expect(await fresh().count(AuditEvent, { managerId: id, event: 'manager:excuse' })).toBe(0);
    });

    it('lets viewers read the timeline, and neither excuse nor reinstate; the list is not for admins only', () => {
      const deps = { services, queries };
      const who = (admin: ConsoleIdentity) => ({ currentAdmin: admin });
      const [timeline, excuse, reinstate] = ['timeline', 'excuse', 'reinstate'].map((name) =>
        toAdminAction(action(name), 'ConsoleAction', deps),
      );
      expect([timeline, excuse, reinstate].map((a) => a.isAccessible(who(VIEWER)))).toEqual([
        true,
        false,
        false,
      ]);
      expect([timeline, excuse, reinstate].map((a) => a.isAccessible(who(ADMIN)))).toEqual([
        true,
        true,
        true,
      ]);
      expect(toAdminAction(cascadeTree, 'ConsoleAction', deps).isAccessible(who(VIEWER))).toBe(true);
      expect(ADMIN_ONLY_RESOURCES).not.toContain('ManagerWorkflow');
    });
  });

  it('shows a manager’s timeline: audit rows and timers, oldest first', async () => {
    const id = await managerId('lead01@casc.example.org');
    const view = await action('timeline').show(call({ recordId: id, admin: VIEWER }));
    expect(view.title).toBe(`Team Lead 01 — CASC ${YEAR}`);
    expect(tableOf(view, 'audit').rows.map((r) => r[2])).toEqual([
      'manager:turn-comes',
      'manager:excuse',
      'manager:reinstate',
    ]);
    const timers = tableOf(view, 'timers').rows;
    const due = timers.map((r) => String(r[0]));
    expect(due).toEqual([...due].sort());
    // The reminders planned at the turn were cancelled by the excuse, and planned again by the reinstatement.
    expect(timers.map((r) => `${r[2]} ${r[4]}`)).toEqual(
      expect.arrayContaining(['reminder-14 cancelled', 'reminder-14 pending', 'nudge-manager pending']),
    );
    expect(view.links?.[0].href).toBe(
      `/admin/resources/EntityWorkflow/records/${instanceOf['CASC'].id}/cascade`,
    );
  });

  describe('an entity’s cascade', () => {
    const show = (query: Record<string, string> = {}, code = 'CASC') =>
      cascadeTree.show(call({ recordId: instanceOf[code].id, query, admin: VIEWER }));
    const managersOf = (view: ConsoleView) => tableOf(view, 'cascade').rows;
    const nameCell = (row: unknown[]) => row[0] as IndentedCell;

    it('draws a page of the tree in its order, with each branch’s progress as a bar', async () => {
      const view = await show();
      const rows = managersOf(view);
      expect(rows).toHaveLength(CASCADE_PAGE);
      expect(rows.slice(0, 3).map((r) => [nameCell(r).text, nameCell(r).indent])).toEqual([
        ['Head Of casc.example.org <head@casc.example.org>', 0],
        ['Team Lead 01 <lead01@casc.example.org>', 1],
        ['Manager 01-01 <m01-01@casc.example.org>', 2],
      ]);
      expect((rows[0][5] as BarCell).bar).toEqual({ value: 1, max: BIG_MANAGERS });
      expect((rows[1][5] as BarCell).bar).toEqual({ value: 0, max: 1 + PER_TEAM });
      expect((factOf(view, 'Managers who held their session') as BarCell).bar).toEqual({
        value: 1,
        max: BIG_MANAGERS,
      });
      expect(view.pager).toEqual({ from: 1, to: CASCADE_PAGE, total: BIG_MANAGERS, next: { offset: '50' } });
      expect(view.form?.method).toBe('get');
    });

    it('pages through a long tree a page at a time, and opens one branch', async () => {
      const last = await show({ offset: String(CASCADE_PAGE * 2) });
      expect(managersOf(last)).toHaveLength(BIG_MANAGERS - CASCADE_PAGE * 2);
      expect(last.pager).toMatchObject({ from: 101, to: BIG_MANAGERS, previous: { offset: '50' } });
      expect(last.pager?.next).toBeUndefined();
      const branchLink = managersOf(await show())[1][7] as QueryCell;
      expect(branchLink.query).toEqual({ under: 'lead01@casc.example.org' });
      const branch = await show(branchLink.query);
      expect(managersOf(branch).map((r) => nameCell(r).text.split(' <')[0])).toEqual([
        'Team Lead 01',
        ...Array.from({ length: PER_TEAM }, (_, i) => `Manager 01-${two(i + 1)}`),
      ]);
      expect(branch.links?.map((l) => l.label)).toContain('The whole tree');
      expect(managersOf(await show({ under: 'nobody@casc.example.org' }))).toEqual([]);
    });

    it('searches by name, state and lagging, keeping the search in the page links', async () => {
      const found = await show({ q: 'manager 07-1' });
      expect(managersOf(found).map((r) => nameCell(r).text.split(' <')[0])).toEqual([
        'Manager 07-10',
        'Manager 07-11',
        'Manager 07-12',
      ]);
      expect(found.form?.fields.find((f) => f.name === 'q')?.value).toBe('manager 07-1');
      const waiting = await show({ state: 'waiting' });
      expect(waiting.pager).toMatchObject({
        total: TEAMS * PER_TEAM,
        next: { state: 'waiting', offset: '50' },
      });
      // Nobody lags yet; 20 days after their turn, the team leads still without a session do.
      expect(managersOf(await show({ lagging: 'yes' }))).toEqual([]);
      db.clock.set(new Date('2026-10-21T12:00:00Z'));
      const lagging = managersOf(await show({ lagging: 'yes' }));
      expect(lagging.map((r) => [nameCell(r).text.split(' <')[0], r[6]])).toEqual(
        Array.from({ length: TEAMS }, (_, i) => [`Team Lead ${two(i + 1)}`, '2026-10-01 (20 days)']).filter(
          ([name]) => name !== 'Team Lead 02', // scheduled: not lagging
        ),
      );
    });
  });

  it('shows on the dashboard the managers engaged per entity with a tree', async () => {
    const view = await dashboardView({ services, queries }, YEAR);
    const table = tableOf(view, 'managers-engaged');
    expect(
      table.rows.map(([entityCell, progress]) => [(entityCell as { label: string }).label, progress]),
    ).toEqual([
      ['CASC — Office CASC', { bar: { value: 1, max: BIG_MANAGERS } }],
      ['TINY — Office TINY', { bar: { value: 0, max: 3 } }],
    ]);
    expect((table.rows[0][0] as { href: string }).href).toBe(
      `/admin/resources/EntityWorkflow/records/${instanceOf['CASC'].id}/cascade`,
    );
    expect((factOf(view, 'Managers engaged (led a session)') as BarCell).bar).toEqual({
      value: 1,
      max: BIG_MANAGERS + 3,
    });
  });
});
