import { sampleDialogueInput, startStack, testDrivers, waitFor, type Stack } from '@cascade/testing';
import type { AuditView, Problem } from './support/views';

const YEAR = new Date().getUTCFullYear();
const CODE = 'MGR';
const D = '@mgr.example.org';
const ENTITY = {
  code: CODE,
  name: 'Office of Manager Testing',
  kind: 'office',
  dutyStation: 'New York',
  timeZone: 'America/New_York',
  language: 'en',
  headName: 'Rosa Head',
  headEmail: `head${D}`,
  focalPoints: [{ name: 'Farah Point', email: `focal${D}`, language: 'en' }],
};
// Rosa leads Marta (two staff) and Luc (one).
const TREE = [
  'name,email,manager_email,language,is_manager',
  `Rosa Head,head${D},,en,yes`,
  `Marta Gómez,marta${D},head${D},es,yes`,
  `Luc Martin,luc${D},head${D},fr,yes`,
  `Staff One,s1${D},marta${D},en,`,
  `Staff Two,s2${D},marta${D},en,`,
  `Staff Three,s3${D},luc${D},en,`,
].join('\n');

interface Row {
  email: string;
  state: string;
  subtree: { managers: number; held: number };
}
interface List {
  states: string[];
  total: number;
  byState: Record<string, number>;
  lagging: number;
  managers: Row[];
}
interface Manager {
  email: string;
  state: string;
  calendarSequence: number;
  excuseReason: string | null;
  session: { localStartsAt: string; minutes: number; place: string | null; url: string | null } | null;
  events: AuditView[];
  timers: { timer: string; status: string }[];
  advice: { kind: string } | null;
}
type Issues = Omit<Problem, 'issues'> & { code: string; issues: { field: string; code: string }[] };

/** A day `days` after today in New York, as 'YYYY-MM-DD'. */
function nyDay(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ENTITY.timeZone }).format(new Date());
  return new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** 02:30 on the day the United States' clocks go forward in `year` (the second Sunday of March). */
function springForward(year: number): string {
  const first = new Date(Date.UTC(year, 2, 1));
  const firstSunday = 1 + ((7 - first.getUTCDay()) % 7);
  return `${year}-03-${String(firstSunday + 7).padStart(2, '0')}T02:30`;
}

const fieldsOf = (problem: Issues) => problem.issues.map((i) => [i.field, i.code]);

describe.each(testDrivers())("the managers' cascade through the REST API (%s)", (driver) => {
  let stack: Stack;
  const managers = `/api/dialogues/${YEAR}/entities/${CODE}/managers`;
  const of = (who: string) => `${managers}/${encodeURIComponent(`${who}${D}`)}`;
  const portal = async <T>(token: string, action: string, body?: unknown) => {
    const suffix = action.startsWith('?') ? action : `/${action}`;
    const response = await fetch(`${stack.base}/api/portal/${token}${suffix}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  const link = async (role: string, who: string) =>
    (
      await stack.ok<{ token: string }>('POST', `/api/dialogues/${YEAR}/entities/${CODE}/tokens`, {
        role,
        email: `${who}${D}`,
      })
    ).token;

  beforeAll(async () => {
    stack = await startStack({ driver, workers: 1 });
    await stack.ok('POST', '/api/dialogues', sampleDialogueInput(YEAR));
    await stack.ok('POST', '/api/entities/import', { entities: [ENTITY] });
    await stack.ok('POST', `/api/dialogues/${YEAR}/launch`);
    await waitFor(
      async () =>
        (await stack.ok<{ byState: Record<string, number> }>('GET', `/api/dialogues/${YEAR}`)).byState[
          'invited'
        ] === 1,
      { what: 'the worker to invite the entity', timeoutMs: 60000 },
    ).catch((error) => {
      throw new Error(`${error.message}\n${stack.outputs()}`);
    });
  });

  afterAll(() => stack?.stop());

  it("makes one instance per manager of the tree imported after the launch; the Head's turn comes at once", async () => {
    await stack.ok('POST', `/api/dialogues/${YEAR}/entities/${CODE}/org-tree`, TREE, {
      contentType: 'text/csv',
    });
    const head = await stack.ok<Manager>('GET', of('head'));
    expect([head.state, head.events.map((e) => e.event)]).toEqual(['your-turn', ['manager:turn-comes']]);
    expect(head.timers.filter((t) => t.status === 'pending').map((t) => t.timer)).toEqual([
      'reminder-14',
      'reminder-28',
      'nudge-manager',
    ]);
  });

  it('lists the managers by name with their state and subtree progress, filtered and paged', async () => {
    const all = await stack.ok<List>('GET', managers);
    expect(all).toMatchObject({
      states: ['waiting', 'your-turn', 'scheduled', 'held', 'excused', 'withdrawn', 'closed'],
      total: 3,
      byState: { 'your-turn': 1, waiting: 2 },
      lagging: 0,
    });
    expect(all.managers.map((m) => [m.email, m.state, m.subtree])).toEqual([
      [`luc${D}`, 'waiting', { managers: 1, held: 0 }],
      [`marta${D}`, 'waiting', { managers: 1, held: 0 }],
      [`head${D}`, 'your-turn', { managers: 3, held: 0 }],
    ]);
    const found = await stack.ok<List>('GET', `${managers}?state=waiting&q=${encodeURIComponent('GÓMEZ')}`);
    expect([found.total, found.managers.map((m) => m.email)]).toEqual([1, [`marta${D}`]]);
    const page = await stack.ok<List>('GET', `${managers}?offset=1&limit=1`);
    expect([page.total, page.managers.map((m) => m.email)]).toEqual([3, [`marta${D}`]]);
  });

  it('refuses a malformed query with 400 naming the parameter, and a state the definition lacks with 422', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['offset=-1', 'offset'],
      ['lagging=yes', 'lagging'],
      ['state=Your-Turn', 'state'],
      ['sort=name', 'sort'],
    ]) {
      const answer = await stack.call<Issues>('GET', `${managers}?${query}`);
      expect([query, answer.status, answer.body.issues.map((i) => i.field)]).toEqual([query, 400, [field]]);
    }
    const unknown = await stack.call<Issues>('GET', `${managers}?state=sleeping`);
    expect([unknown.status, fieldsOf(unknown.body)]).toEqual([422, [['state', 'one-of']]]);
    expect((await stack.call('GET', `/api/dialogues/${YEAR}/entities/NOPE/managers`)).status).toBe(404);
  });

  it("schedules a manager's session in the entity's zone, changes it and cancels it, each on their timeline", async () => {
    const day = nyDay(3);
    const scheduled = await stack.call<Manager>('POST', `${of('marta')}/schedule`, {
      startsAt: `${day}T10:30`,
      place: 'Room 4',
      language: 'es',
    });
    expect(scheduled.status).toBe(201);
    expect(scheduled.body).toMatchObject({
      state: 'scheduled',
      calendarSequence: 0,
      session: { minutes: 90, place: 'Room 4', url: null, language: 'es' },
    });
    expect(scheduled.body.session?.localStartsAt).toMatch(new RegExp(`^${day}T10:30:00-0[45]:00$`));
    const moved = await stack.ok<Manager>('POST', `${of('marta')}/schedule`, {
      startsAt: `${nyDay(4)}T15:00`,
      minutes: 60,
      url: 'https://meet.example.org/marta',
    });
    expect([moved.calendarSequence, moved.session?.place, moved.session?.url]).toEqual([
      1,
      null,
      'https://meet.example.org/marta',
    ]);
    const timeline = await stack.ok<Manager>('GET', of('marta'));
    expect(timeline.events.map((e) => [e.event, e.from, e.to, e.actor])).toEqual([
      ['manager:schedule', 'waiting', 'scheduled', 'admin (API key)'],
      ['manager:reschedule', 'scheduled', 'scheduled', 'admin (API key)'],
    ]);
    expect(timeline.timers.filter((t) => t.status === 'pending').map((t) => t.timer)).toEqual([
      'record-reminder',
    ]);
    expect(timeline.advice).toMatchObject({ kind: 'joint' });
    const cancelled = await stack.ok<Manager>('POST', `${of('marta')}/cancel-session`);
    expect([cancelled.state, cancelled.session, cancelled.calendarSequence]).toEqual(['waiting', null, 2]);
    const again = await stack.call<Issues>('POST', `${of('marta')}/cancel-session`);
    expect([again.status, again.body.code]).toEqual([409, 'invalid-transition']);
  });

  it('names every bad field of a schedule: 400 for its shape, 422 for its rules, and changes nothing', async () => {
    const shape = await stack.call<Issues>('POST', `${of('luc')}/schedule`, {
      startsAt: `${nyDay(3)} 10:30`,
      minutes: '90',
      language: 'de',
    });
    expect([shape.status, shape.body.issues.map((i) => i.field).sort()]).toEqual([
      400,
      ['language', 'minutes', 'startsAt'],
    ]);
    const rules = await stack.call<Issues>('POST', `${of('luc')}/schedule`, {
      startsAt: `${YEAR - 1}-06-01T10:00`,
      minutes: 5,
      place: 'x'.repeat(301),
      url: 'javascript:alert(1)',
    });
    expect([rules.status, fieldsOf(rules.body)]).toEqual([
      422,
      [
        ['startsAt', 'date-between'],
        ['minutes', 'whole-number-range'],
        ['place', 'too-long'],
        ['url', 'web-link'],
      ],
    ]);
    const gap = await stack.call<Issues>('POST', `${of('luc')}/schedule`, {
      startsAt: springForward(YEAR + 1),
      url: 'https://meet.example.org/luc',
    });
    expect([gap.status, gap.body.issues]).toEqual([
      422,
      [
        expect.objectContaining({
          field: 'startsAt',
          code: 'local-time-gap',
          params: { zone: ENTITY.timeZone },
        }),
      ],
    ]);
    const nothing = await stack.call<Issues>('POST', `${of('luc')}/schedule`, {
      startsAt: `${nyDay(3)}T10:30`,
    });
    expect(fieldsOf(nothing.body)).toEqual([['place', 'place-or-link']]);
    const luc = await stack.ok<Manager>('GET', of('luc'));
    expect([luc.state, luc.events]).toEqual(['waiting', []]);
  });

  it('excuses a manager with a reason and reinstates them; what the state does not allow is 409', async () => {
    expect((await stack.call<Issues>('POST', `${of('luc')}/excuse`, {})).status).toBe(400);
    const blank = await stack.call<Issues>('POST', `${of('luc')}/excuse`, { reason: '  ' });
    expect([blank.status, fieldsOf(blank.body)]).toEqual([422, [['reason', 'required']]]);
    const excused = await stack.ok<Manager>('POST', `${of('luc')}/excuse`, {
      reason: 'On mission until March',
    });
    expect([excused.state, excused.excuseReason]).toEqual(['excused', 'On mission until March']);
    expect((await stack.call<Issues>('POST', `${of('luc')}/excuse`, { reason: 'again' })).status).toBe(409);
    const reinstated = await stack.ok<Manager>('POST', `${of('luc')}/reinstate`, { reason: 'Back early' });
    expect([reinstated.state, reinstated.excuseReason]).toEqual(['waiting', null]);
    const twice = await stack.call<Issues>('POST', `${of('luc')}/reinstate`, { reason: 'Back early' });
    expect([twice.status, twice.body.code]).toEqual([409, 'invalid-transition']);
    const events = (await stack.ok<Manager>('GET', of('luc'))).events;
    expect(events.map((e) => [e.event, e.reason])).toEqual([
      ['manager:excuse', 'On mission until March'],
      ['manager:reinstate', 'Back early'],
    ]);
    const nobody = await stack.call<Problem>('POST', `${managers}/nobody${encodeURIComponent(D)}/excuse`, {
      reason: 'x',
    });
    expect([nobody.status, nobody.body.message]).toEqual([
      404,
      `manager of ${CODE}'s reporting tree 'nobody${D}' not found`,
    ]);
  });

  it('lets a leader link schedule and cancel its own session, and a Focal Point link excuse a manager', async () => {
    const luc = await link('leader', 'luc');
    const refused = await portal<Issues>(luc, 'schedule', { startsAt: `${nyDay(5)}T09:00`, url: 'ftp://x' });
    expect([refused.status, fieldsOf(refused.body)]).toEqual([422, [['url', 'web-link']]]);
    const scheduled = await portal<{ state: string; session: { localStartsAt: string }; advice: object }>(
      luc,
      'schedule',
      { startsAt: `${nyDay(5)}T09:00`, place: 'Salle 2' },
    );
    expect(scheduled.status).toBe(201);
    expect(scheduled.body).toMatchObject({
      state: 'scheduled',
      session: { localStartsAt: `${nyDay(5)}T09:00` },
      advice: { kind: 'joint', secondReportingOfficer: { name: 'Rosa Head', email: `head${D}` } },
    });
    expect((await portal<{ state: string }>(luc, 'cancel-session', {})).body.state).toBe('waiting');
    expect((await portal<Issues>(luc, 'excuse', { email: `marta${D}`, reason: 'x' })).status).toBe(403);

    const focal = await link('focal-point', 'focal');
    const typo = await portal<Issues>(focal, 'excuse', { email: `marta.gomez${D}`, reason: 'On leave' });
    expect([typo.status, fieldsOf(typo.body)]).toEqual([422, [['email', 'not-a-manager']]]);
    const excused = await portal<{ email: string; state: string }>(focal, 'excuse', {
      email: `Marta${D}`,
      reason: 'On leave',
    });
    expect([excused.status, excused.body]).toEqual([201, { email: `marta${D}`, state: 'excused' }]);
    const view = await portal<{ managers: List }>(focal, '?state=excused');
    expect(view.body.managers.managers.map((m) => m.email)).toEqual([`marta${D}`]);
    expect((await stack.ok<Manager>('GET', of('marta'))).events.at(-1)).toMatchObject({
      event: 'manager:excuse',
      actor: `focal-point: focal${D}`,
    });
  });

  it('documents every operation in OpenAPI, each with the error answer', async () => {
    const openapi = (await (await fetch(`${stack.base}/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>;
    };
    const error = {
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBodySchema' } } },
    };
    const operations: [string, string][] = [
      ['/api/dialogues/{year}/entities/{code}/managers', 'get'],
      ['/api/dialogues/{year}/entities/{code}/managers/{email}', 'get'],
      ['/api/dialogues/{year}/entities/{code}/managers/{email}/schedule', 'post'],
      ['/api/dialogues/{year}/entities/{code}/managers/{email}/cancel-session', 'post'],
      ['/api/dialogues/{year}/entities/{code}/managers/{email}/excuse', 'post'],
      ['/api/dialogues/{year}/entities/{code}/managers/{email}/reinstate', 'post'],
      ['/api/portal/{token}/schedule', 'post'],
      ['/api/portal/{token}/cancel-session', 'post'],
      ['/api/portal/{token}/excuse', 'post'],
    ];
    for (const [path, method] of operations) {
      expect([path, openapi.paths[path]?.[method]?.responses['default']]).toMatchObject([path, error]);
    }
    expect(
      openapi.paths['/api/dialogues/{year}/entities/{code}/managers'].get.responses['200'],
    ).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ManagerListDto' } } },
    });
  });
});
