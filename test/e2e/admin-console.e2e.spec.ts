import { testDrivers, waitFor } from '@cascade/testing';
import {
  ADMIN,
  ConsoleClient,
  createConsoleAccount,
  FRENCH_VIEWER,
  VIEWER,
  type ConsoleScreen,
} from './support/console';
import { entitiesWithPeople } from './support/demo-entities';
import { startMailStack, type MailStack } from './support/mail';

const YEAR = new Date().getUTCFullYear();
const ENTITIES = entitiesWithPeople().slice(0, 8);
const CODES = ENTITIES.map((e) => e.code);
/** Today in a time zone, YYYY-MM-DD (a session is held between the invitation and today). */
const todayIn = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());

/** Every resource of the console, and the actions it offers besides AdminJS's own. */
const RESOURCES: Record<string, { record?: string[]; resource?: string[] }> = {
  Dialogue: { record: ['launch', 'launchProgress', 'addLateEntity', 'issueReport'] },
  EntityWorkflow: {
    record: [
      'timeline',
      'cascade',
      'previewMails',
      'grantExtension',
      'override',
      'withdraw',
      'reissueLinks',
      'importOrgTree',
    ],
    resource: ['remindNow'],
  },
  ManagerWorkflow: { record: ['timeline', 'excuse', 'reinstate'] },
  OrgEntity: { resource: ['importEntities'] },
  FocalPoint: {},
  Person: {},
  ExtensionRequest: { record: ['grant', 'refuse'] },
  SessionQuestion: { record: ['answer'] },
  ScenarioProposal: { record: ['approve', 'reject'] },
  SeminarRequest: {},
  SessionRecord: {},
  StatisticsSubmission: {},
  Report: {},
  MailMessage: { record: ['resend'] },
  Timer: {},
  AuditEvent: {},
  AdminUser: {
    record: ['changeRole', 'changeLanguage', 'disableAccount', 'enableAccount', 'resetPassword'],
    resource: ['createAccount'],
  },
};
/** A console account made in the console by the admin. */
const VERA = { email: 'vera@un.example.org', password: 'vera-made-in-the-console-42' };

interface EntityView {
  entity: { code: string };
  state: string;
  extendedDeadline: string | null;
}

describe.each(testDrivers())('the Ethics Office console over HTTP (%s)', (driver) => {
  let stack: MailStack;
  let admin: ConsoleClient;
  let viewer: ConsoleClient;
  const ids: Record<string, string> = {};

  const entity = async (code: string) =>
    stack.ok<EntityView>('GET', `/api/dialogues/${YEAR}/entities/${code}`);
  const instanceId = async (code: string) => (await admin.list('EntityWorkflow', { code }))[0].id;
  const linkFor = async (code: string, role: string, email: string) => {
    const issued = await stack.ok<{ token: string }>(
      'POST',
      `/api/dialogues/${YEAR}/entities/${code}/tokens`,
      {
        role,
        email,
      },
    );
    return issued.token;
  };
  const portalStatus = async (token: string) => (await fetch(`${stack.base}/api/portal/${token}`)).status;
  /** What must not move when a refused request comes: the audit trail, accounts, every entity's state and deadline. */
  const snapshot = async () => ({
    audit: (await admin.list('AuditEvent', {}, 500)).map((r) => r.id),
    accounts: (await admin.list('AdminUser')).map((r) => [
      r.params['email'],
      r.params['role'],
      r.params['disabledAt'],
    ]),
    entities: (await stack.ok<EntityView[]>('GET', `/api/dialogues/${YEAR}/entities`)).map((e) => [
      e.entity.code,
      e.state,
      e.extendedDeadline,
    ]),
  });

  beforeAll(async () => {
    stack = await startMailStack(driver, { year: YEAR, entities: ENTITIES, workers: 1 });
    await createConsoleAccount(stack, ADMIN, 'admin');
    await createConsoleAccount(stack, VIEWER, 'viewer');
    await createConsoleAccount(stack, FRENCH_VIEWER, 'viewer', 'fr');
    admin = new ConsoleClient(stack.base);
    viewer = new ConsoleClient(stack.base);
  });

  afterAll(() => stack?.stop());

  it('answers every anonymous request under /admin with the login page (302) or 401', async () => {
    const anonymous = new ConsoleClient(stack.base);
    const paths = [
      '/admin',
      '/admin/resources/EntityWorkflow',
      '/admin/api/dashboard',
      ...Object.keys(RESOURCES).map((r) => `/admin/api/resources/${r}/actions/list`),
      '/admin/api/resources/EntityWorkflow/records/1/timeline',
      '/admin/api/resources/Dialogue/records/1/launch',
      '/admin/queues',
      '/admin/queues/api/queues',
      '/admin/assets/mermaid.min.js',
      '/admin/resources/AdminUser',
      '/admin/api/resources/AdminUser/records/1/changeRole',
    ];
    for (const path of paths) {
      const answer = await anonymous.get(path);
      expect([path, answer.status === 302 ? answer.location : answer.status]).toEqual([
        path,
        answer.status === 302 ? '/admin/login' : 401,
      ]);
    }
    for (const path of [
      '/admin/api/resources/Dialogue/records/1/launch',
      '/admin/queues/api/queues/mail/pause',
    ]) {
      const answer = await anonymous.request(path.includes('queues') ? 'PUT' : 'POST', path, {});
      expect([path, [302, 401].includes(answer.status)]).toEqual([path, true]);
    }
    expect((await anonymous.post('/admin/account/language', { language: 'fr' })).status).toBe(401);
    const login = await anonymous.get('/admin/login');
    expect(login.status).toBe(200);
    expect(login.text).toContain('Cascade — Ethics Office');
    // Nothing was launched by the anonymous POST.
    expect(
      (await stack.ok<{ launchedAt: string | null }>('GET', `/api/dialogues/${YEAR}`)).launchedAt,
    ).toBeNull();
  });

  it('logs in with a hashed password into an httpOnly, SameSite=Strict session cookie; a wrong one gets nowhere', async () => {
    const stranger = new ConsoleClient(stack.base);
    const wrong = await stranger.login({ email: ADMIN.email, password: 'not-the-password' });
    expect(wrong.status).toBe(200);
    expect(stranger.cookies.has('cascade.console')).toBe(false);
    expect((await stranger.get('/admin/api/dashboard')).status).toBe(302);

    const answer = await admin.login(ADMIN);
    expect(answer.status).toBe(302);
    const cookie = answer.setCookies.find((c) => c.startsWith('cascade.console='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/admin/i);
    expect(admin.cookies.get('XSRF-TOKEN')).toBeTruthy();
    expect((await viewer.login(VIEWER)).status).toBe(302);
    const dashboard = await admin.get<{ title: string }>('/admin/api/dashboard');
    expect(dashboard.body.title).toBe(`Leadership Dialogue ${YEAR}`);
  });

  it('runs each admin action through the domain, audited with the admin’s identity', async () => {
    ids['Dialogue'] = (await admin.list('Dialogue', { year: String(YEAR) }))[0].id;
    const launch = await admin.act(`Dialogue/records/${ids['Dialogue']}/launch`);
    expect(launch.success).toContain('Launched');
    await waitFor(
      async () =>
        (await stack.ok<{ byState: Record<string, number> }>('GET', `/api/dialogues/${YEAR}`)).byState[
          'invited'
        ] === ENTITIES.length,
      { what: 'every entity invited', timeoutMs: 60000 },
    );
    await waitFor(() => stack.sink.received.length >= ENTITIES.length * 2, {
      what: 'the invitations',
      timeoutMs: 60000,
    });
    // The launch's progress, as a bar of the entities invited and the invitation mails by status; a viewer reads it.
    const invited = (facts?: [string, unknown][]) =>
      facts?.find(([label]) => label === 'Entities invited')?.[1];
    expect(invited(launch.facts)).toEqual({ bar: { value: expect.any(Number), max: ENTITIES.length } });
    const progress = await waitFor(
      async () => {
        const { body } = await viewer.get<{ console: ConsoleScreen }>(
          `/admin/api/resources/Dialogue/records/${ids['Dialogue']}/launchProgress`,
        );
        const mails = body.console.facts?.find(([label]) => label === 'Invitation mails')?.[1];
        const sent = /^(\d+) sent, 0 queued, 0 failed$/.exec(String(mails))?.[1];
        return Number(sent) >= ENTITIES.length * 2 ? body.console : null;
      },
      { what: 'the launch progress with every invitation sent' },
    );
    expect(invited(progress?.facts)).toEqual({ bar: { value: ENTITIES.length, max: ENTITIES.length } });
    expect(progress?.facts).toEqual(expect.arrayContaining([['State', 'every entity invited']]));

    const late = await admin.act(`Dialogue/records/${ids['Dialogue']}/addLateEntity`, {
      code: 'LATE1',
      name: 'Office Added Late',
      kind: 'department',
      dutyStation: 'New York',
      timeZone: 'America/New_York',
      language: 'en',
      headName: 'Head of Late',
      headEmail: 'head@late1.example.org',
      focalPoints: 'Focal Point of Late <focal@late1.example.org>',
    });
    expect(late.errors).toBeUndefined();
    expect(late.facts?.find(([label]) => label === 'Accommodated deadline')?.[1]).toMatch(
      /^\d{4}-\d{2}-\d{2}$/,
    );

    for (const code of CODES) ids[code] = await instanceId(code);
    const granted = await admin.act(`EntityWorkflow/records/${ids[CODES[0]]}/grantExtension`, {
      deadline: `${YEAR + 1}-01-15`,
      reason: 'field missions in December',
    });
    expect(granted.success).toContain(`until ${YEAR + 1}-01-15`);

    // Past the cutoff: the warning comes first and nothing is granted until it is acknowledged.
    const warned = await admin.act(`EntityWorkflow/records/${ids[CODES[1]]}/grantExtension`, {
      deadline: `${YEAR + 1}-03-31`,
      reason: 'a late start',
    });
    expect(warned.success).toBeUndefined();
    expect(warned.warnings?.[0]).toContain('will not be listed among the entities that completed');
    expect((await entity(CODES[1])).extendedDeadline).toBeNull();
    const confirmed = await admin.act(`EntityWorkflow/records/${ids[CODES[1]]}/grantExtension`, {
      deadline: `${YEAR + 1}-03-31`,
      reason: 'a late start',
      acknowledge: 'yes',
    });
    expect(confirmed.success).toContain('Extension granted');
    expect((await entity(CODES[1])).extendedDeadline).toBe(`${YEAR + 1}-03-31`);

    const refusedOverride = await admin.act(`EntityWorkflow/records/${ids[CODES[2]]}/override`, {
      targetState: 'reported',
      reason: 'not a target the workflow allows from invited',
    });
    expect(refusedOverride.errors?.[0]).toContain('allows no override from invited to reported');
    const overridden = await admin.act(`EntityWorkflow/records/${ids[CODES[2]]}/override`, {
      targetState: 'cascading',
      reason: 'sessions held before the invitation',
    });
    expect(overridden.success).toContain('from invited to cascading');
    expect((await entity(CODES[2])).state).toBe('cascading');

    expect(
      (await admin.act(`EntityWorkflow/records/${ids[CODES[3]]}/withdraw`, { reason: 'merged' })).success,
    ).toContain('withdrawn');
    const tree = await admin.act(`EntityWorkflow/records/${ids[CODES[4]]}/importOrgTree`, {
      csv: [
        'name,email,manager_email,language,is_manager',
        `Head,${ENTITIES[4].headEmail},,en,true`,
        `Manager One,m1@${CODES[4].toLowerCase()}.example.org,${ENTITIES[4].headEmail},en,true`,
      ].join('\n'),
    });
    expect(tree.success).toContain('2 added');

    // The tree's managers: the head is asked at once (the dialogue is launched), Manager One waits for the head.
    const managers = await admin.list('ManagerWorkflow', { code: CODES[4].toLowerCase() });
    expect(managers.map((m) => [m.params['name'], m.params['state']])).toEqual([
      ['Manager One', 'waiting'],
      ['Head', 'your-turn'],
    ]);
    const [managerOne] = await admin.list('ManagerWorkflow', { q: 'MANAGER one' });
    ids['ManagerWorkflow'] = managerOne.id;
    const excuse = (reason: string) =>
      admin.act(`ManagerWorkflow/records/${managerOne.id}/excuse`, { reason });
    expect((await excuse(' ')).errors?.[0]).toMatch(/^reason: /);
    expect((await excuse('on leave until the cutoff')).success).toContain('from waiting to excused');
    const reinstated = await admin.act(`ManagerWorkflow/records/${managerOne.id}/reinstate`, {
      reason: 'back from leave',
    });
    expect(reinstated.success).toContain('from excused to waiting');

    const oldLink = await linkFor(CODES[5], 'focal-point', ENTITIES[5].focalPoints[0].email);
    const linksOf = (code: string) =>
      stack.ok<{ id: number; revokedAt: string | null }[]>(
        'GET',
        `/api/dialogues/${YEAR}/entities/${code}/tokens`,
      );
    const links = await linksOf(CODES[5]);
    expect(await portalStatus(oldLink)).toBe(200);
    const reissued = await admin.act(`EntityWorkflow/records/${ids[CODES[5]]}/reissueLinks`, {
      link: String(links[0].id),
    });
    expect(reissued.texts?.[0].text).toMatch(/\/p\/[A-Za-z0-9_-]{20,}$/);
    const newLink = (reissued.texts?.[0].text ?? '').split('/p/')[1];
    expect([await portalStatus(oldLink), await portalStatus(newLink)]).toEqual([404, 200]);
    // The same form sent again (the link is revoked by now) is refused and issues nothing.
    const stale = await admin.act(`EntityWorkflow/records/${ids[CODES[5]]}/reissueLinks`, {
      link: String(links[0].id),
    });
    expect(stale.errors?.[0]).toContain('already revoked');
    expect(await linksOf(CODES[5])).toHaveLength(links.length + 1);
    // A link of another entity cannot be re-issued from this entity's page.
    const elsewhere = await admin.act(`EntityWorkflow/records/${ids[CODES[4]]}/reissueLinks`, {
      link: String((await linksOf(CODES[5]))[0].id),
    });
    expect(elsewhere.errors?.[0]).toContain('not found');
    expect(await portalStatus(newLink)).toBe(200);

    const imported = await admin.act('OrgEntity/actions/importEntities', {
      csv: 'code,name,kind,duty_station,timezone,language\nNEW1,A New Office,department,Geneva,Europe/Zurich,fr',
    });
    expect(imported.success).toContain('1 created');

    await waitFor(
      async () =>
        (await stack.ok<unknown[]>('GET', `/api/dialogues/${YEAR}/mails?entity=${CODES[0]}`)).length > 0,
      {
        what: 'a mail of the first entity',
      },
    );
    const [mail] = await stack.ok<{ id: number }[]>('GET', `/api/dialogues/${YEAR}/mails?entity=${CODES[0]}`);
    ids['MailMessage'] = String(mail.id);
    expect((await admin.act(`MailMessage/records/${mail.id}/resend`)).success).toContain('Queued again');

    // What entities ask, through their links.
    const focal6 = await linkFor(CODES[6], 'focal-point', ENTITIES[6].focalPoints[0].email);
    const focal7 = await linkFor(CODES[7], 'focal-point', ENTITIES[7].focalPoints[0].email);
    for (const token of [focal6, focal7]) {
      const asked = await fetch(`${stack.base}/api/portal/${token}/extension-requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ wishedDeadline: `${YEAR + 1}-01-20`, reason: 'a mission abroad' }),
      });
      expect(asked.status).toBeLessThan(300);
      for (const title of ['Gifts', 'Hiring']) {
        const proposed = await fetch(`${stack.base}/api/portal/${token}/scenario-proposals`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ title: `${title} at ${token.slice(0, 4)}`, description: 'a case of ours' }),
        });
        expect(proposed.status).toBeLessThan(300);
      }
    }
    const head = await linkFor(CODES[7], 'head-of-entity', ENTITIES[7].headEmail);
    const session = await fetch(`${stack.base}/api/portal/${head}/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        heldOn: todayIn(ENTITIES[7].timeZone),
        durationMinutes: 90,
        language: 'en',
        format: 'in-person',
        staffParticipants: 12,
        nonStaffParticipants: 0,
        questions: ['May I accept a gift from a supplier?'],
      }),
    });
    const recorded = await session.text();
    expect([session.status, recorded]).toEqual([201, recorded]);

    const requests = await admin.list('ExtensionRequest', { status: 'pending' });
    expect(requests).toHaveLength(2);
    const grant = await admin.act(`ExtensionRequest/records/${requests[0].id}/grant`, {
      deadline: `${YEAR + 1}-01-20`,
      reason: 'agreed',
    });
    expect(grant.success).toContain('Extension granted');
    ids['ExtensionRequest'] = requests[1].id;
    expect(
      (await admin.act(`ExtensionRequest/records/${requests[1].id}/refuse`, { reason: 'no' })).success,
    ).toContain('refused');
    const proposals = await admin.list('ScenarioProposal', { status: 'pending' });
    expect(proposals.length).toBeGreaterThanOrEqual(2);
    ids['ScenarioProposal'] = proposals[2]?.id ?? proposals[1].id;
    expect(
      (await admin.act(`ScenarioProposal/records/${proposals[0].id}/approve`, { feedback: 'fine' })).success,
    ).toContain('approved');
    expect(
      (await admin.act(`ScenarioProposal/records/${proposals[1].id}/reject`, { feedback: 'replaces one' }))
        .success,
    ).toContain('rejected');
    const [question] = await admin.list('SessionQuestion');
    ids['SessionQuestion'] = question.id;
    expect(
      (await admin.act(`SessionQuestion/records/${question.id}/answer`, { answer: 'No: decline it.' }))
        .success,
    ).toContain('answered');

    const report = await admin.act(`Dialogue/records/${ids['Dialogue']}/issueReport`);
    expect(report.success).toBe('Version 1 issued.');

    const audit = await admin.list('AuditEvent', { actor: `admin: ${ADMIN.email}` }, 500);
    const events = audit.map((r) => r.params['event']);
    for (const event of [
      'admin-login',
      'launch',
      'invite',
      'grant-extension',
      'override',
      'withdraw',
      'import-org-tree',
      'manager:excuse',
      'manager:reinstate',
      'revoke-link',
      'issue-link',
      'import-entities',
      'resend-mail',
      'refuse-extension',
      'approve-scenario',
      'reject-scenario',
      'answer-question',
      'issue-report',
    ]) {
      expect([event, events.includes(event)]).toEqual([event, true]);
    }
    expect(audit.every((r) => r.params['actor'] === `admin: ${ADMIN.email}`)).toBe(true);
    const override = audit.find((r) => r.params['event'] === 'override');
    expect(override?.params).toMatchObject({
      entityCode: CODES[2],
      fromState: 'invited',
      toState: 'cascading',
      reason: 'sessions held before the invitation',
    });
  });

  it('refuses a viewer every write, on every resource and action, and changes nothing', async () => {
    const before = await snapshot();
    const reads = await viewer.get<{ records: unknown[] }>(
      '/admin/api/resources/EntityWorkflow/actions/list',
    );
    expect(reads.status).toBe(200);
    expect(reads.body.records.length).toBeGreaterThan(0);
    const timeline = await viewer.get<{ console: { title: string } }>(
      `/admin/api/resources/EntityWorkflow/records/${ids[CODES[0]]}/timeline`,
    );
    expect(timeline.body.console.title).toContain(CODES[0]);
    // A manager's timeline and an entity's cascade, searched (a GET with the search in its query string).
    const managerTimeline = await viewer.get<{ console: { title: string } }>(
      `/admin/api/resources/ManagerWorkflow/records/${ids['ManagerWorkflow']}/timeline`,
    );
    expect(managerTimeline.body.console.title).toContain('Manager One');
    const cascade = await viewer.get<{ console: { pager: { total: number }; title: string } }>(
      `/admin/api/resources/EntityWorkflow/records/${ids[CODES[4]]}/cascade?q=manager%20one`,
    );
    expect([cascade.status, cascade.body.console.pager.total]).toEqual([200, 1]);

    const attempts: string[] = [];
    for (const [resource, custom] of Object.entries(RESOURCES)) {
      const id = ids[resource] ?? (resource === 'EntityWorkflow' ? ids[CODES[0]] : '1');
      attempts.push(
        `${resource}/actions/new`,
        `${resource}/records/${id}/edit`,
        `${resource}/records/${id}/delete`,
        `${resource}/bulk/bulkDelete?recordIds=${id}`,
        ...(custom.record ?? []).map((a) => `${resource}/records/${id}/${a}`),
        ...(custom.resource ?? []).map((a) => `${resource}/actions/${a}`),
      );
    }
    const data = {
      reason: 'a viewer tries',
      deadline: `${YEAR + 1}-01-31`,
      targetState: 'withdrawn',
      acknowledge: 'yes',
      answer: 'x',
      feedback: 'x',
      csv: 'code,name,kind,duty_station,timezone,language\nVIEW1,Viewer Office,department,Geneva,Europe/Zurich,fr',
      code: 'VIEW2',
      email: 'made-by-a-viewer@un.example.org',
      role: 'admin',
      password: 'a viewer tries this one',
      confirm: 'a viewer tries this one',
    };
    for (const path of attempts) {
      const answer = await viewer.post(`/admin/api/resources/${path}`, data);
      expect([path, answer.status]).toEqual([path, 403]);
    }
    for (const path of [
      '/admin/queues/api/queues/mail/retry/failed',
      '/admin/queues/api/queues/mail/pause',
    ]) {
      expect([path, (await viewer.request('PUT', path, {})).status]).toEqual([path, 403]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('keeps console accounts from viewers: no list, no record, no form, no change (403)', async () => {
    const [alice] = await admin.list('AdminUser', { email: ADMIN.email });
    for (const path of [
      '/admin/api/resources/AdminUser/actions/list',
      '/admin/api/resources/AdminUser/actions/search/ali',
      `/admin/api/resources/AdminUser/records/${alice.id}/show`,
      '/admin/api/resources/AdminUser/actions/createAccount',
      `/admin/api/resources/AdminUser/records/${alice.id}/changeRole`,
      `/admin/api/resources/AdminUser/records/${alice.id}/resetPassword`,
    ]) {
      const answer = await viewer.get(path);
      expect([path, answer.status]).toEqual([path, 403]);
      expect(answer.text).not.toContain(ADMIN.email);
    }
    const before = await snapshot();
    for (const [path, data] of [
      ['AdminUser/actions/createAccount', { email: VERA.email, role: 'admin', password: VERA.password }],
      [`AdminUser/records/${alice.id}/changeRole`, { role: 'viewer' }],
      [`AdminUser/records/${alice.id}/disableAccount`, {}],
      [`AdminUser/records/${alice.id}/resetPassword`, { password: VERA.password, confirm: VERA.password }],
    ] as const) {
      expect([path, (await viewer.post(`/admin/api/resources/${path}`, data)).status]).toEqual([path, 403]);
    }
    expect(await snapshot()).toEqual(before);
    // What the dashboard's diagram needs is there for a viewer too, behind the login.
    const mermaid = await viewer.get('/admin/assets/mermaid.min.js');
    expect([mermaid.status, mermaid.text.length > 1_000_000]).toEqual([200, true]);
  });

  it('lets an admin manage console accounts, each change audited; a disabled account’s sessions end', async () => {
    // Create: the password is checked and typed twice; the hash is never shown.
    const short = await admin.act('AdminUser/actions/createAccount', {
      email: VERA.email,
      role: 'viewer',
      password: 'short',
      confirm: 'short',
    });
    expect(short.errors?.[0]).toContain('password: must be at least 12 characters');
    const mismatch = await admin.act('AdminUser/actions/createAccount', {
      email: VERA.email,
      role: 'viewer',
      password: VERA.password,
      confirm: `${VERA.password}!`,
    });
    expect(mismatch.errors?.[0]).toContain('confirm: is not the same as the password');
    const created = await admin.act('AdminUser/actions/createAccount', {
      email: VERA.email,
      role: 'viewer',
      password: VERA.password,
      confirm: VERA.password,
    });
    expect(created.success).toBe(`Account ${VERA.email} created with the viewer role.`);
    const [vera] = await admin.list('AdminUser', { email: VERA.email });
    expect(vera.params).toMatchObject({ email: VERA.email, role: 'viewer', disabledAt: null });
    const listed = await admin.get('/admin/api/resources/AdminUser/actions/list');
    const shown = await admin.get(`/admin/api/resources/AdminUser/records/${vera.id}/show`);
    for (const text of [listed.text, shown.text, JSON.stringify(created)]) {
      expect(text).not.toMatch(/argon2|passwordHash/);
    }

    const veraClient = new ConsoleClient(stack.base);
    expect((await veraClient.login(VERA)).status).toBe(302);
    expect((await veraClient.get('/admin/api/dashboard')).status).toBe(200);

    // The last active admin can neither step down nor be disabled.
    const [alice] = await admin.list('AdminUser', { email: ADMIN.email });
    const demoteSelf = await admin.act(`AdminUser/records/${alice.id}/changeRole`, { role: 'viewer' });
    expect(demoteSelf.errors?.[0]).toContain(`${ADMIN.email} is the last active admin`);
    const disableSelf = await admin.act(`AdminUser/records/${alice.id}/disableAccount`);
    expect(disableSelf.errors?.[0]).toContain('is the last active admin');
    expect((await admin.get('/admin/api/dashboard')).status).toBe(200);

    // Disabled: her open session ends at once and she cannot log in; enabled again, she can.
    const disabled = await admin.act(`AdminUser/records/${vera.id}/disableAccount`);
    expect(disabled.success).toBe(`${VERA.email} is disabled. Its open sessions (1) ended.`);
    const afterDisable = await veraClient.get('/admin/api/dashboard');
    expect([afterDisable.status, afterDisable.location]).toEqual([302, '/admin/login']);
    const refusedLogin = await new ConsoleClient(stack.base).login(VERA);
    expect(refusedLogin.status).toBe(200);
    expect(refusedLogin.setCookies.some((c) => c.startsWith('cascade.console='))).toBe(false);
    expect((await admin.act(`AdminUser/records/${vera.id}/enableAccount`)).success).toBe(
      `${VERA.email} can log in again.`,
    );
    expect((await veraClient.login(VERA)).status).toBe(302);

    // A new password: the old one stops working, and so does her session.
    const newPassword = 'vera-second-password-42';
    const reset = await admin.act(`AdminUser/records/${vera.id}/resetPassword`, {
      password: newPassword,
      confirm: newPassword,
    });
    expect(reset.success).toContain('has a new password');
    expect((await veraClient.get('/admin/api/dashboard')).status).toBe(302);
    expect((await new ConsoleClient(stack.base).login(VERA)).status).toBe(200);
    expect((await veraClient.login({ ...VERA, password: newPassword })).status).toBe(302);

    // Made an admin, she logs in again and may act; the last admin rule holds for her too.
    const promoted = await admin.act(`AdminUser/records/${vera.id}/changeRole`, { role: 'admin' });
    expect(promoted.success).toContain(`${VERA.email} is now admin.`);
    expect((await veraClient.get('/admin/api/dashboard')).status).toBe(302);
    expect((await veraClient.login({ ...VERA, password: newPassword })).status).toBe(302);
    const unchanged = await veraClient.act(`AdminUser/records/${alice.id}/changeRole`, { role: 'admin' });
    expect(unchanged.success).toContain('already had the admin role');
    const demoted = await veraClient.act(`AdminUser/records/${vera.id}/changeRole`, { role: 'viewer' });
    expect(demoted.success).toContain(`${VERA.email} is now viewer.`);

    const audit = await admin.list('AuditEvent', {}, 500);
    const changes = audit
      .filter((r) => /admin-user|admin-role|admin-password/.test(String(r.params['event'])))
      .filter((r) => r.params['details.email'] === VERA.email)
      .map((r) => [r.params['actor'], r.params['event'], r.params['details.to'] ?? null])
      .reverse();
    expect(changes).toEqual([
      [`admin: ${ADMIN.email}`, 'create-admin-user', null],
      [`admin: ${ADMIN.email}`, 'disable-admin-user', null],
      [`admin: ${ADMIN.email}`, 'enable-admin-user', null],
      [`admin: ${ADMIN.email}`, 'reset-admin-password', null],
      [`admin: ${ADMIN.email}`, 'change-admin-role', 'admin'],
      [`admin: ${VERA.email}`, 'change-admin-role', 'viewer'],
    ]);
    expect(JSON.stringify(audit)).not.toContain(newPassword);
  });

  it('pages a long list with the same exact total on every page', async () => {
    const first = await admin.get<{ meta: { total: number }; records: { id: string }[] }>(
      '/admin/api/resources/AuditEvent/actions/list?perPage=5&page=1',
    );
    const total = first.body.meta.total;
    expect(total).toBeGreaterThan(10);
    const lastPage = Math.ceil(total / 5);
    for (const page of [2, lastPage - 1, lastPage]) {
      const answer = await admin.get<{ meta: { total: number }; records: unknown[] }>(
        `/admin/api/resources/AuditEvent/actions/list?perPage=5&page=${page}`,
      );
      expect([page, answer.body.meta.total]).toEqual([page, total]);
      expect(answer.body.records).toHaveLength(page === lastPage ? total - 5 * (lastPage - 1) : 5);
    }
  });

  it('serves a French account the console in French from its login on; its own switch is saved and lasts', async () => {
    const french = new ConsoleClient(stack.base);
    expect((await french.login(FRENCH_VIEWER)).status).toBe(302);
    // AdminJS's page: its locale setting is the account's, with Cascade's French labels in its Redux state.
    const page = await french.get('/admin');
    expect(page.text).toContain('<html lang=fr>');
    expect(page.text).toContain('<title>Cascade — Bureau de la déontologie</title>');
    const state = JSON.parse(/window\.REDUX_STATE = (.*);\n/.exec(page.text)?.[1] ?? '{}');
    expect(state.locale).toMatchObject({ language: 'fr', lng: 'fr', availableLanguages: ['en', 'fr'] });
    expect(state.locale.translations.fr.labels.EntityWorkflow).toBe('Entités (par année)');
    expect(state.locale.translations.fr.buttons.logout).toBe('Se déconnecter');
    const dashboard = await french.get<{ title: string }>('/admin/api/dashboard');
    expect(dashboard.body.title).toBe(`Dialogue sur le leadership ${YEAR}`);
    const [instance] = await french.list('EntityWorkflow', { code: CODES[0] });
    const story = await french.get<{ console: { tables: { title: string }[] } }>(
      `/admin/api/resources/EntityWorkflow/records/${instance.id}/timeline`,
    );
    expect(story.body.console.tables[0].title).toBe('Piste d’audit (les plus récents d’abord)');
    expect((await admin.get('/admin')).text).toContain('<html lang=en>');

    // The account's own switch (a viewer's too): saved, audited under its name, the next page in English.
    expect((await french.post('/admin/account/language', { language: 'es' })).status).toBe(422);
    const switched = await french.post('/admin/account/language', { language: 'en' });
    expect(switched).toMatchObject({ status: 200, body: { language: 'en' } });
    expect((await french.get('/admin')).text).toContain('<html lang=en>');
    const again = new ConsoleClient(stack.base);
    await again.login(FRENCH_VIEWER);
    expect((await again.get<{ title: string }>('/admin/api/dashboard')).body.title).toBe(
      `Leadership Dialogue ${YEAR}`,
    );
    const audit = await admin.list('AuditEvent', { event: 'change-admin-language' });
    expect(audit.map((r) => [r.params['actor'], r.params['details.to']])).toEqual([
      [`admin: ${FRENCH_VIEWER.email}`, 'en'],
    ]);
    // Back to French, by an admin in the console this time.
    const [account] = await admin.list('AdminUser', { email: FRENCH_VIEWER.email });
    const set = await admin.act(`AdminUser/records/${account.id}/changeLanguage`, { language: 'fr' });
    expect(set.success).toBe(`${FRENCH_VIEWER.email} now has the console in French.`);
    // Its open sessions follow at their next identity refresh (10 seconds at most); a new login at once.
    const third = new ConsoleClient(stack.base);
    await third.login(FRENCH_VIEWER);
    expect((await third.get<{ title: string }>('/admin/api/dashboard')).body.title).toBe(
      `Dialogue sur le leadership ${YEAR}`,
    );
  });

  it('refuses a write without the session’s CSRF token or from another site', async () => {
    const wrongToken = new ConsoleClient(stack.base);
    await wrongToken.login(ADMIN);
    wrongToken.cookies.set('XSRF-TOKEN', admin.cookies.get('XSRF-TOKEN') as string);
    const before = await snapshot();
    const path = `/admin/api/resources/EntityWorkflow/records/${ids[CODES[0]]}/withdraw`;
    const noToken = await admin.post(path, { reason: 'forged' }, { csrf: false });
    expect([noToken.status, (noToken.body as { error: string }).error]).toEqual([403, 'CsrfRefused']);
    const otherSite = await admin.post(path, { reason: 'forged' }, { origin: 'https://evil.example.org' });
    expect(otherSite.status).toBe(403);
    expect((await wrongToken.post(path, { reason: 'forged' })).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('rate-limits login attempts on an account with 429 and Retry-After, without locking its owner out', async () => {
    // The counters so far (every login of this suite came from this address), not what the address is known for.
    const redis = stack.redis();
    const counters = [
      ...(await redis.keys(`${stack.prefix}:ratelimit:console-login:address:*`)),
      ...(await redis.keys(`${stack.prefix}:ratelimit:console-login:account:*`)),
    ];
    if (counters.length) await redis.del(...counters);
    const guesser = new ConsoleClient(stack.base);
    const account = { email: 'nobody@un.example.org', password: 'guess-guess-guess' };
    for (let i = 0; i < 10; i++) {
      const answer = await guesser.login(account);
      expect([answer.status, answer.text.includes('Too many login attempts')]).toEqual([200, false]);
    }
    const blocked = await guesser.login(account);
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Too many login attempts');
    const retryAfter = Number(
      (
        await fetch(`${stack.base}/admin/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(account).toString(),
        })
      ).headers.get('retry-after'),
    );
    expect(retryAfter > 0 && retryAfter <= 15 * 60).toBe(true);
    // The admin has logged in from this address before: eleven wrong passwords from it do not lock them out.
    for (let i = 0; i < 11; i++) {
      expect((await guesser.login({ email: ADMIN.email, password: `wrong-${i}` })).status).toBe(200);
    }
    expect((await new ConsoleClient(stack.base).login(ADMIN)).status).toBe(302);
  });
});
