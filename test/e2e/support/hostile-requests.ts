import fc from 'fast-check';
import { printable, type Fault, type HostileCase } from './hostile-cases';
import { HOSTILE_TREE, type HostileFixture } from './hostile-fixture';
import { text, withControl } from './hostile-values';

/**
 * Hostile requests that are not about a body's fields: path parameters (years, codes, ids, links) that do not
 * name anything, query parameters of the read endpoints, and bodies that are not JSON at all.
 */

const MAX_ID = 2_147_483_647;

/** Spellings of a number that are not a plain positive decimal (`2026.0`, `0x7EA`, ` 2026`…): 400. */
function oddNumber(of: number): fc.Arbitrary<string> {
  return fc.constantFrom(
    `${of}.0`,
    `0x${of.toString(16)}`,
    ` ${of}`,
    `${of} `,
    `+${of}`,
    `0${of}`,
    `${of / 1000}e3`,
    `${of}abc`,
    `-${of}`,
    '0',
    '-0',
    'abc',
    'NaN',
    'Infinity',
    'null',
    `${'9'.repeat(12)}`,
    '1'.repeat(40),
    String(MAX_ID + 1),
    '２０２６',
    `${of}\u0000`,
    '1,000',
    '1_000',
  );
}

export interface ParamValue {
  /** As it goes in the path (already encoded). */
  segment: string;
  fault: Fault;
}

/** A year that is not the fixture's: spelled oddly (400), or a plain number of no dialogue (404). */
function badYear(year: number): fc.Arbitrary<ParamValue> {
  return fc.oneof(
    oddNumber(year).map((s) => ({ segment: encodeURIComponent(s), fault: { field: 'year' } })),
    fc
      .integer({ min: 1, max: MAX_ID })
      .filter((y) => y !== year)
      .map((y) => ({ segment: String(y), fault: { field: 'year', mention: `dialogue '${y}' not found` } })),
  );
}

/** A code of no entity (404), or one with control characters (400). */
function badCode(): fc.Arbitrary<ParamValue> {
  return fc.oneof(
    fc
      .oneof(
        fc.stringMatching(/^[A-Za-z0-9-]{1,30}$/),
        text(20),
        fc.constantFrom('hst', 'Hst', 'HST ', "HST'--", 'HST%', 'x'.repeat(3000)),
      )
      .filter((c) => !['HST', 'HSB', '.', '..'].includes(c))
      .map((c) => ({
        segment: encodeURIComponent(c),
        fault: { field: 'code', mention: `'${c}' not found` },
      })),
    withControl(10).map((c) => ({ segment: encodeURIComponent(c), fault: { field: 'code' } })),
  );
}

/** An id of nothing: spelled oddly (400), or a plain number no row has (404: the fixture's ids are small). */
function badId(field: string, what: string): fc.Arbitrary<ParamValue> {
  return fc.oneof(
    oddNumber(12).map((s) => ({ segment: encodeURIComponent(s), fault: { field } })),
    fc.integer({ min: 1_000_000, max: MAX_ID }).map((id) => ({
      segment: String(id),
      fault: { field, mention: `${what} '${id}' not found` },
    })),
  );
}

/** An address of no manager of the entity's tree (404, naming it), or one with control characters (400). */
function badManager(): fc.Arbitrary<ParamValue> {
  return fc.oneof(
    fc
      .oneof(
        text(30),
        fc.constantFrom('nobody@hst.example.org', 'staff.one@hst.example.org', 'x'.repeat(300), 'a%b@c.org'),
      )
      .filter((e) => e !== '.' && e !== '..')
      .map((e) => ({
        segment: encodeURIComponent(e),
        fault: { field: 'email', mention: `'${e}' not found` },
      })),
    withControl(10).map((e) => ({ segment: encodeURIComponent(e), fault: { field: 'email' } })),
  );
}

/** A link that was never issued (404, the same answer as an expired one), or one with control characters. */
function badToken(): fc.Arbitrary<ParamValue> {
  return fc.oneof(
    fc
      .oneof(
        fc.base64String({ minLength: 20, maxLength: 100 }),
        fc.stringMatching(/^[A-Za-z0-9_-]{20,100}$/),
        text(30),
        fc.constantFrom('x', 'x'.repeat(2000)),
      )
      // `.` and `..` are path steps, resolved away before the request leaves.
      .filter((t) => t !== '.' && t !== '..')
      .map((t) => ({
        segment: encodeURIComponent(t),
        fault: { field: 'token', mention: 'link is not valid' },
      })),
    withControl(30).map((t) => ({ segment: encodeURIComponent(t), fault: { field: 'token' } })),
  );
}

interface Route {
  method: HostileCase['method'];
  /** With `:year`, `:code`, `:id`, `:email` or `:token`. */
  template: string;
  /** What the route would accept if its parameters named something (so that only they are wrong). */
  body?: unknown;
  contentType?: string;
  idOf?: string;
  admin?: boolean;
}

export function pathSurfaces(f: HostileFixture): Record<string, fc.Arbitrary<HostileCase>> {
  const { year } = f;
  const next = year + 1;
  const entity = {
    code: 'LATEPATH',
    name: 'Late Path Office',
    kind: 'office',
    dutyStation: 'Geneva',
    timeZone: 'Europe/Zurich',
    language: 'en',
  };
  const statistics = {
    eligibleStaff: 10,
    staffParticipated: 5,
    sessionsHeld: 1,
    managersLed: 1,
    nonStaffParticipants: 0,
  };
  const session = {
    heldOn: `${year}-11-01`,
    durationMinutes: 60,
    language: 'en',
    format: 'virtual',
    staffParticipants: 12,
    nonStaffParticipants: 0,
  };
  const admin: Route[] = [
    { method: 'GET', template: '/api/dialogues/:year' },
    {
      method: 'PATCH',
      template: '/api/dialogues/:year',
      body: { reportCutoff: `${next}-03-31`, reason: 'moved' },
    },
    { method: 'POST', template: '/api/dialogues/:year/launch' },
    { method: 'POST', template: '/api/dialogues/:year/report' },
    { method: 'GET', template: '/api/dialogues/:year/report/draft' },
    { method: 'GET', template: '/api/dialogues/:year/reports' },
    { method: 'GET', template: '/api/dialogues/:year/audit' },
    { method: 'GET', template: '/api/dialogues/:year/plan' },
    { method: 'GET', template: '/api/dialogues/:year/mails' },
    { method: 'GET', template: '/api/dialogues/:year/entities' },
    { method: 'POST', template: '/api/dialogues/:year/entities', body: entity },
    { method: 'GET', template: '/api/dialogues/:year/extension-requests' },
    { method: 'GET', template: '/api/dialogues/:year/scenario-proposals' },
    { method: 'GET', template: '/api/dialogues/:year/questions' },
    { method: 'GET', template: '/api/dialogues/:year/entities/:code' },
    {
      method: 'POST',
      template: '/api/dialogues/:year/entities/:code/sessions',
      body: { leaderEmail: 'a@example.org', heldOn: `${year}-11-01`, language: 'en', participants: 12 },
    },
    { method: 'POST', template: '/api/dialogues/:year/entities/:code/statistics', body: statistics },
    { method: 'POST', template: '/api/dialogues/:year/entities/:code/withdraw', body: { reason: 'gone' } },
    {
      method: 'POST',
      template: '/api/dialogues/:year/entities/:code/override',
      body: { state: 'withdrawn', reason: 'gone' },
    },
    {
      method: 'POST',
      template: '/api/dialogues/:year/entities/:code/extension',
      body: { deadline: `${next}-01-31`, reason: 'late' },
    },
    {
      method: 'POST',
      template: '/api/dialogues/:year/entities/:code/org-tree',
      body: HOSTILE_TREE,
      contentType: 'text/csv',
    },
    { method: 'GET', template: '/api/dialogues/:year/entities/:code/org-tree' },
    {
      method: 'POST',
      template: '/api/dialogues/:year/entities/:code/tokens',
      body: { role: 'focal-point', email: 'fp@example.org' },
    },
    { method: 'GET', template: '/api/dialogues/:year/entities/:code/tokens' },
    { method: 'GET', template: '/api/dialogues/:year/entities/:code/managers' },
    { method: 'GET', template: '/api/dialogues/:year/entities/:code/managers/:email' },
    {
      method: 'POST',
      template: '/api/dialogues/:year/entities/:code/managers/:email/schedule',
      body: { startsAt: `${next}-01-15T10:00`, place: 'Room 4' },
    },
    { method: 'POST', template: '/api/dialogues/:year/entities/:code/managers/:email/cancel-session' },
    {
      method: 'POST',
      template: '/api/dialogues/:year/entities/:code/managers/:email/excuse',
      body: { reason: 'on leave' },
    },
    {
      method: 'POST',
      template: '/api/dialogues/:year/entities/:code/managers/:email/reinstate',
      body: { reason: 'back' },
    },
    { method: 'GET', template: '/api/dialogues/:year/reports/:id', idOf: `version of the ${year} report` },
    { method: 'POST', template: '/api/mails/:id/resend', idOf: 'mail' },
    { method: 'GET', template: '/api/mails/:id', idOf: 'mail' },
    { method: 'POST', template: '/api/tokens/:id/revoke', idOf: 'link' },
    {
      method: 'POST',
      template: '/api/extension-requests/:id/grant',
      body: { reason: 'granted' },
      idOf: 'extension request',
    },
    {
      method: 'POST',
      template: '/api/extension-requests/:id/refuse',
      body: { reason: 'refused' },
      idOf: 'extension request',
    },
    {
      method: 'POST',
      template: '/api/scenario-proposals/:id/decision',
      body: { approve: true, feedback: 'fine' },
      idOf: 'scenario proposal',
    },
    { method: 'POST', template: '/api/questions/:id/answer', body: { answer: 'yes' }, idOf: 'question' },
  ];
  const portal: Route[] = [
    { method: 'GET', template: '/api/portal/:token' },
    {
      method: 'POST',
      template: '/api/portal/:token/statistics',
      body: { ...statistics, confirmDifferences: true },
    },
    {
      method: 'POST',
      template: '/api/portal/:token/extension-requests',
      body: { wishedDeadline: `${next}-01-31`, reason: 'x' },
    },
    {
      method: 'POST',
      template: '/api/portal/:token/scenario-proposals',
      body: { title: 't', description: 'd' },
    },
    {
      method: 'POST',
      template: '/api/portal/:token/seminar-requests',
      body: { topic: 't', preferredPeriod: 'p', expectedParticipants: 5 },
    },
    { method: 'POST', template: '/api/portal/:token/leader-links', body: { leaderEmail: f.managers[1] } },
    { method: 'POST', template: '/api/portal/:token/sessions', body: session },
    {
      method: 'POST',
      template: '/api/portal/:token/feedback',
      body: { usefulness: 5, openness: 5, relevance: 5 },
    },
    { method: 'POST', template: '/api/portal/:token/confirmation', body: {} },
    {
      method: 'POST',
      template: '/api/portal/:token/schedule',
      body: { startsAt: `${next}-01-15T10:00`, place: 'Room 4' },
    },
    { method: 'POST', template: '/api/portal/:token/cancel-session', body: {} },
    {
      method: 'POST',
      template: '/api/portal/:token/excuse',
      body: { email: 'luc.martin@hst.example.org', reason: 'on leave' },
    },
  ].map((r) => ({ ...r, admin: false }) as Route);

  const build = (route: Route): fc.Arbitrary<HostileCase> => {
    const params = route.template.match(/:[a-z]+/g) ?? [];
    const slots = params.map((p) => {
      const good =
        p === ':year'
          ? String(year)
          : p === ':code'
            ? f.otherCode
            : p === ':token'
              ? f.tokens.focalPoint
              : '1';
      const bad =
        p === ':year'
          ? badYear(year)
          : p === ':code'
            ? badCode()
            : p === ':token'
              ? badToken()
              : p === ':email'
                ? badManager()
                : badId(route.template.startsWith('/api/dialogues') ? 'version' : 'id', route.idOf ?? '');
      return { name: p, good, bad };
    });
    // Every parameter good or bad, at least one bad; ids and links are always bad (a good one would act).
    return fc
      .tuple(
        ...slots.map((s) =>
          fc.tuple(s.bad, s.name === ':year' || s.name === ':code' ? fc.boolean() : fc.constant(true)),
        ),
      )
      .filter((chosen) => chosen.some(([, bad]) => bad))
      .map((chosen) => {
        let path = route.template;
        const faults: Fault[] = [];
        chosen.forEach(([value, bad], i) => {
          path = path.replace(slots[i].name, bad ? value.segment : slots[i].good);
          if (bad) faults.push(value.fault);
        });
        return printable({
          surface: `${route.method} ${route.template}`,
          method: route.method,
          path,
          body:
            route.body === undefined
              ? undefined
              : typeof route.body === 'string'
                ? route.body
                : JSON.stringify(route.body),
          contentType: route.body === undefined ? undefined : (route.contentType ?? 'application/json'),
          admin: route.admin ?? true,
          answer: 'json',
          faults,
        });
      });
  };
  return {
    'path parameters of the admin API': fc.oneof(...admin.map(build)),
    'path parameters of the token-link API': fc.oneof(...portal.map(build)),
  };
}

/** Query parameters of the read endpoints that are not what they must be. */
export function querySurfaces(f: HostileFixture): Record<string, fc.Arbitrary<HostileCase>> {
  const base = `/api/dialogues/${f.year}`;
  const badWhole = fc.constantFrom('0', '-5', '1.5', '1e3', 'abc', '99999999999', ' 7', '0x10', '１');
  const control = withControl(10);
  type Param = [string, fc.Arbitrary<string | string[]>];
  const endpoints: [string, Param[]][] = [
    [
      `${base}/mails`,
      [
        ['limit', fc.oneof(badWhole, fc.constantFrom('1001', '100000'), fc.constant<string[]>(['1', '2']))],
        ['beforeId', fc.oneof(badWhole, fc.constant<string[]>(['1', '2']))],
        [
          'status',
          fc.oneof(
            fc.constantFrom('', 'QUEUED', 'delivered', 'sent ', 'all'),
            control,
            fc.constant<string[]>(['sent', 'failed']),
          ),
        ],
        ['entity', control],
      ],
    ],
    [
      `${base}/audit`,
      [
        ['limit', fc.oneof(badWhole, fc.constantFrom('1001'))],
        ['beforeId', badWhole],
      ],
    ],
    [
      `${base}/plan`,
      [
        ['status', fc.oneof(fc.constantFrom('PENDING', 'done', 'pending '), control)],
        ['launchAt', fc.oneof(fc.constantFrom('next week', 'NaN', '2026-13-45'), control)],
        ['entity', control],
        ['format', fc.oneof(fc.constantFrom('xml', 'CSV', 'pdf', ''), control)],
      ],
    ],
    [`${base}/report/draft`, [['format', fc.oneof(fc.constantFrom('xml', 'CSV', 'docx', ' json'), control)]]],
    [`${base}/entities`, [['state', control]]],
    [
      `${base}/entities/${f.code}/managers`,
      [
        ['limit', fc.oneof(badWhole, fc.constantFrom('501', '100000'), fc.constant<string[]>(['1', '2']))],
        [
          'offset',
          fc.oneof(
            badWhole.filter((v) => v !== '0'),
            fc.constantFrom('99999999'),
          ),
        ],
        [
          'state',
          fc.oneof(
            fc.constantFrom('', 'YOUR-TURN', 'your turn', 'your-turn ', 'sleeping', 'held,waiting'),
            control,
            fc.constant<string[]>(['held', 'waiting']),
          ),
        ],
        ['lagging', fc.oneof(fc.constantFrom('', 'yes', '1', 'TRUE'), control)],
        [
          'q',
          fc.oneof(
            fc.integer({ min: 201, max: 400 }).map((n) => 'q'.repeat(n)),
            control,
          ),
        ],
        ['sort', fc.constantFrom('name', 'state')],
      ],
    ],
    [`${base}/extension-requests`, [['status', control]]],
    [`${base}/questions`, [['unanswered', control]]],
  ];
  const cases = endpoints.map(([path, params]) =>
    fc
      .oneof(...params.map(([name, values]) => values.map((value) => ({ name, value }))))
      .map(({ name, value }) => {
        const query = new URLSearchParams();
        for (const v of Array.isArray(value) ? value : [value]) query.append(name, v);
        return printable({
          surface: `GET ${path}?${name}`,
          method: 'GET',
          path: `${path}?${query}`,
          admin: true,
          answer: 'json',
          faults: [{ field: name }],
        });
      }),
  );
  return { 'query parameters of the read endpoints': fc.oneof(...cases) };
}

/** Text that is not a JSON object or list (what `strict` JSON parsing refuses), sent as JSON. */
function notJson(): fc.Arbitrary<string> {
  const isJunk = (s: string) => {
    if (s.trim() === '') return false;
    try {
      const value = JSON.parse(s);
      return typeof value !== 'object' || value === null;
    } catch {
      return true;
    }
  };
  return fc
    .oneof(
      fc.constantFrom(
        '{',
        '{"reason":',
        "{'reason':'x'}",
        '{"reason": "x",}',
        '{"reason": "x"}}',
        '[1,2',
        ']',
        'NaN',
        'undefined',
        'null',
        '"text"',
        '12',
        'true',
        '<xml/>',
        'reason=x',
        '{"reason": "\u0001"',
        '{reason: "x"}',
        '{"a": 01}',
        '{"a": .5}',
        '{"a": +1}',
        '{"a": 0x10}',
        '{"a": Infinity}',
        '{"a": "\\x41"}',
        '\u0000',
      ),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.json().map((s) => s.slice(0, Math.max(1, s.length - 1))),
    )
    .filter(isJunk);
}

type Target = {
  path: string;
  method: HostileCase['method'];
  admin: boolean;
  required: string[];
  dto: boolean;
};

/**
 * Every JSON endpoint given text that is not JSON, JSON in a charset the API does not read, a list where the
 * object belongs, or nothing at all (an empty body, `{}`, JSON sent as text/plain, which is not read as JSON, or
 * a form, which only the token-link pages read).
 */
export function notJsonSurface(f: HostileFixture): Record<string, fc.Arbitrary<HostileCase>> {
  const { year, otherCode, tokens, ids } = f;
  const admin = (path: string, required: string[], method: HostileCase['method'] = 'POST'): Target => ({
    path,
    method,
    admin: true,
    required,
    dto: true,
  });
  const portal = (token: string, action: string, required: string[]): Target => ({
    path: `/api/portal/${token}/${action}`,
    method: 'POST',
    admin: false,
    required,
    dto: action !== 'confirmation',
  });
  const instance = `/api/dialogues/${year}/entities/${otherCode}`;
  const statistics = [
    'eligibleStaff',
    'staffParticipated',
    'sessionsHeld',
    'managersLed',
    'nonStaffParticipants',
  ];
  const targets: Target[] = [
    admin('/api/dialogues', ['year', 'topic', 'materials']),
    admin(`/api/dialogues/${year}`, ['reason'], 'PATCH'),
    { ...admin('/api/entities/import', ['entities']), dto: false },
    admin(`/api/dialogues/${year}/entities`, ['code', 'name', 'kind', 'dutyStation', 'timeZone', 'language']),
    admin(`${instance}/sessions`, ['leaderEmail', 'heldOn', 'language', 'participants']),
    admin(`${instance}/statistics`, statistics),
    admin(`${instance}/withdraw`, ['reason']),
    admin(`${instance}/override`, ['state', 'reason']),
    admin(`${instance}/extension`, ['deadline', 'reason']),
    admin(`${instance}/tokens`, ['role', 'email']),
    admin(`/api/extension-requests/${ids.extensionRequest}/grant`, ['reason']),
    admin(`/api/extension-requests/${ids.extensionRequest}/refuse`, ['reason']),
    admin(`/api/scenario-proposals/${ids.scenarioProposal}/decision`, ['approve', 'feedback']),
    admin(`/api/questions/${ids.question}/answer`, ['answer']),
    admin('/api/simulation/clock', ['now'], 'PUT'),
    admin('/api/simulation/advance', ['to']),
    portal(tokens.focalPoint, 'statistics', statistics),
    portal(tokens.focalPoint, 'extension-requests', ['wishedDeadline', 'reason']),
    portal(tokens.focalPoint, 'scenario-proposals', ['title', 'description']),
    portal(tokens.focalPoint, 'seminar-requests', ['topic', 'preferredPeriod', 'expectedParticipants']),
    portal(tokens.focalPoint, 'leader-links', ['leaderEmail']),
    portal(tokens.leader, 'sessions', [
      'heldOn',
      'durationMinutes',
      'language',
      'format',
      'staffParticipants',
      'nonStaffParticipants',
    ]),
    portal(tokens.participants, 'feedback', ['usefulness', 'openness', 'relevance']),
    portal(tokens.head, 'confirmation', ['confirmation']),
  ];
  // Charsets the JSON parser refuses (it reads only utf-*; a utf-7 body would be read, and acted on).
  const charsets = fc.constantFrom('latin1', 'koi8-r', 'x-unknown', 'ascii', 'iso-8859-1');
  type Body = { body: string; contentType: string; faults: (t: Target) => Fault[] };
  const bodies: fc.Arbitrary<Body> = fc.oneof(
    {
      weight: 4,
      arbitrary: notJson().map((body) => ({
        body,
        contentType: 'application/json',
        faults: () => [{ field: 'body', mention: 'JSON' }],
      })),
    },
    {
      weight: 1,
      arbitrary: charsets.map((charset) => ({
        body: '{"reason":"x"}',
        contentType: `application/json; charset=${charset}`,
        faults: () => [{ field: 'body', mention: 'charset' }],
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('[]', '[1,"x"]', '[{"reason":"x"}]', '[[]]').map((body) => ({
        body,
        contentType: 'application/json',
        // The DTO routes refuse the list itself; the others find none of their fields in it.
        faults: (t: Target) => (t.dto ? [{ field: 'body' }] : t.required.map((field) => ({ field }))),
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          ['', 'application/json'],
          ['{}', 'application/json'],
          ['{"reason":"x","answer":"x"}', 'text/plain'],
          // Only the token-link pages read forms: the API must not act on one.
          ['reason=x&answer=x&approve=true', 'application/x-www-form-urlencoded'],
        )
        .map(([body, contentType]) => ({
          body,
          contentType,
          faults: (t: Target) => t.required.map((field) => ({ field })),
        })),
    },
  );
  return {
    'bodies that are not JSON': fc.tuple(fc.constantFrom(...targets), bodies).map(([t, b]) =>
      printable({
        surface: `${t.method} ${t.path} (not JSON)`,
        method: t.method,
        path: t.path,
        body: b.body,
        contentType: b.contentType,
        admin: t.admin,
        answer: 'json',
        faults: b.faults(t),
      }),
    ),
  };
}
