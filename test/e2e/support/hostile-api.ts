import fc from 'fast-check';
import type { HostileFixture } from './hostile-fixture';
import { localToday } from './hostile-fixture';
import {
  badValue,
  extraField,
  jsonCase,
  missing,
  mutated,
  printable,
  rule,
  type Body,
  type Fault,
  type HostileCase,
  type Mutation,
} from './hostile-cases';
import { entityMutations, validEntity } from './hostile-entities';
import {
  badCount,
  badDay,
  badEmail,
  badEnum,
  badInstant,
  badOptionalText,
  badText,
  day,
  email,
  text,
  unknownKey,
} from './hostile-values';

/**
 * The JSON requests of the REST API (admin key) and of the token-link API, each as a valid body with one to three
 * faults put in. A body without its faults would change the database: the faults are what the suite checks.
 */
export type Surfaces = Record<string, fc.Arbitrary<HostileCase>>;

const localized = (max: number) =>
  fc.record(
    {
      en: text(Math.min(max, 60)),
      ar: text(Math.min(max, 60)),
      zh: text(Math.min(max, 60)),
      fr: text(Math.min(max, 60)),
      ru: text(Math.min(max, 60)),
      es: text(Math.min(max, 60)),
    },
    { requiredKeys: ['en'] },
  );
const LANGS = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];
const OPTIONAL_LANGS = LANGS.filter((l) => l !== 'en');

/**
 * Mutations of a translated text: English bad or missing, another language given but bad (left out, null or ''
 * is allowed: its readers fall back), a language Cascade does not speak, or not an object at all.
 */
function localizedMutations(field: string, max: number): fc.Arbitrary<Mutation>[] {
  return [
    badValue(`${field}.en`, badText(max)),
    missing(`${field}.en`),
    ...OPTIONAL_LANGS.map((l) =>
      badValue(
        `${field}.${l}`,
        badText(max, { nullable: true }).filter((v) => v !== ''),
      ),
    ),
    badValue(field, fc.oneof(text(20), fc.integer(), fc.constant([]), fc.constant(null))),
    extraField(LANGS, fc.constantFrom('de', 'pt', 'EN', 'ar-EG', 'zh-CN'), field),
  ];
}

/** The four integers of a valid statistics form and their rules: participated ≤ eligible, leaders ≤ sessions. */
function validStatistics(maxLeaders: number): fc.Arbitrary<Body> {
  return fc
    .record({
      eligible: fc.integer({ min: 0, max: 5000 }),
      participatedShare: fc.double({ min: 0, max: 1, noNaN: true }),
      extraSessions: fc.integer({ min: 0, max: 50 }),
      leaders: fc.integer({ min: 0, max: maxLeaders }),
      nonStaff: fc.integer({ min: 0, max: 500 }),
      agencies: fc.option(
        fc.dictionary(
          fc.constantFrom('UNDP', 'UNHCR', 'WHO', 'Organisation météo', '国际'),
          fc.integer({ min: 0, max: 300 }),
          { maxKeys: 3 },
        ),
        { nil: undefined },
      ),
      comments: fc.option(text(200), { nil: undefined }),
    })
    .map((r) => {
      const participated = Math.floor(r.eligible * r.participatedShare);
      const sessions = Math.max(r.leaders, participated > 0 ? 1 : 0) + r.extraSessions;
      return {
        eligibleStaff: r.eligible,
        staffParticipated: participated,
        sessionsHeld: sessions,
        managersLed: r.leaders,
        nonStaffParticipants: r.nonStaff,
        ...(r.agencies ? { otherAgencyParticipants: r.agencies } : {}),
        ...(r.comments ? { comments: r.comments } : {}),
      };
    });
}

const STATISTICS_FIELDS = [
  'eligibleStaff',
  'staffParticipated',
  'sessionsHeld',
  'managersLed',
  'nonStaffParticipants',
];

/**
 * Agency lists that break a rule: a blank, long, control-character or formula-like name (not starting with a
 * letter), a bad count, too many agencies.
 */
function badAgencies(): fc.Arbitrary<Mutation> {
  const field = 'otherAgencyParticipants';
  return fc.oneof(
    badValue(
      field,
      fc.oneof(fc.constant([]), fc.array(fc.integer(), { minLength: 1 }), text(10), fc.integer()),
    ),
    badValue(
      field,
      fc
        .tuple(
          fc.oneof(
            fc.constantFrom('', ' ', '\u3000'),
            fc.constantFrom('x'.repeat(101)),
            fc.constantFrom('UN\u0000DP', 'A\u0007'),
            // Not names: what a spreadsheet would run as a formula, or no letter first (issue 22).
            fc.constantFrom('=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '1UN', "'UNDP", ' =SUM(A1)'),
          ),
          fc.integer({ min: 0, max: 10 }),
        )
        .map(([name, count]) => ({ [name]: count })),
    ),
    badValue(
      field,
      fc.tuple(fc.constantFrom('UNDP', 'WHO'), badCount()).map(([name, count]) => ({ [name]: count })),
    ),
    badValue(
      field,
      fc
        .integer({ min: 51, max: 400 })
        .map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`Agency ${i}`, 1]))),
    ),
  );
}

function statisticsMutations(maxLeaders: number): fc.Arbitrary<Mutation>[] {
  const mutations = [
    ...STATISTICS_FIELDS.map((f) => badValue(f, badCount())),
    ...STATISTICS_FIELDS.map((f) => missing(f)),
    badAgencies(),
    badValue('comments', badOptionalText(5000)),
    extraField(STATISTICS_FIELDS, unknownKey([...STATISTICS_FIELDS, 'otherAgencyParticipants', 'comments'])),
    // More staff participated than were eligible (the sessions still cover them).
    rule(
      { field: 'staffParticipated' },
      fc
        .tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 100 }))
        .map(([eligible, over]) => ({
          eligibleStaff: eligible,
          staffParticipated: eligible + over,
          sessionsHeld: 1,
          managersLed: 0,
        })),
    ),
    // More managers led a session than there were sessions.
    rule(
      { field: 'managersLed' },
      fc.integer({ min: 0, max: Math.max(0, maxLeaders - 1) }).map((sessions) => ({
        staffParticipated: 0,
        sessionsHeld: sessions,
        managersLed: sessions + 1,
      })),
    ),
    // Staff took part, yet no session was held.
    rule(
      { field: 'sessionsHeld' },
      fc.integer({ min: 1, max: 100 }).map((participated) => ({
        eligibleStaff: participated,
        staffParticipated: participated,
        sessionsHeld: 0,
        managersLed: 0,
      })),
    ),
  ];
  return mutations;
}

/** A reason for the audit trail: missing, blank, too long, not text, control characters. */
function reasonMutations(max = 2000): fc.Arbitrary<Mutation>[] {
  return [badValue('reason', badText(max)), missing('reason')];
}

export function apiSurfaces(f: HostileFixture): Surfaces {
  const { year, otherCode, code, tokens, ids } = f;
  const dialogue = `/api/dialogues/${year}`;
  const instance = `${dialogue}/entities/${otherCode}`;
  const nextYear = `${year + 1}`;
  const validYear = fc.integer({ min: 2000, max: 2200 }).filter((y) => y !== year);

  const surfaces: Surfaces = {};

  // ---- Dialogues ----
  surfaces['POST /api/dialogues'] = jsonCase(
    'create a dialogue',
    'POST',
    '/api/dialogues',
    mutated(
      fc.record(
        {
          year: validYear,
          topic: localized(300),
          materials: fc.record({
            leadersGuide: localized(2000),
            participantsGuide: localized(2000),
            presentation: localized(2000),
          }),
          workflowId: fc.constant('leadership-dialogue'),
        },
        { requiredKeys: ['year', 'topic', 'materials'] },
      ),
      [
        badValue(
          'year',
          fc.oneof(
            fc.integer({ min: -5000, max: 1999 }),
            fc.integer({ min: 2201, max: 2 ** 31 }),
            badCount(2000, 2200),
          ),
        ),
        missing('year'),
        missing('topic'),
        missing('materials'),
        ...localizedMutations('topic', 300),
        ...['leadersGuide', 'participantsGuide', 'presentation'].flatMap((m) => [
          ...localizedMutations(`materials.${m}`, 2000),
          missing(`materials.${m}`),
        ]),
        badValue('statisticsDeadline', badDay({ nullable: true })),
        badValue('reportCutoff', badDay({ nullable: true })),
        // The report cutoff on or before the statistics deadline.
        rule(
          { field: 'reportCutoff' },
          fc
            .tuple(day('2030-01-01', '2030-12-31'), fc.integer({ min: 0, max: 400 }))
            .map(([deadline, back]) => ({
              statisticsDeadline: deadline,
              reportCutoff: new Date(Date.parse(deadline) - back * 86400000).toISOString().slice(0, 10),
            })),
        ),
        badValue(
          'workflowId',
          fc.oneof(
            fc.constantFrom('nope', 'leadership-dialogue ', 'LEADERSHIP-DIALOGUE', '../etc/passwd', ''),
            badOptionalText(100),
          ),
        ),
        extraField(
          [],
          unknownKey(['year', 'topic', 'materials', 'statisticsDeadline', 'reportCutoff', 'workflowId']),
        ),
      ],
    ),
  );

  surfaces['PATCH /api/dialogues/:year'] = jsonCase(
    'change the dates',
    'PATCH',
    dialogue,
    mutated(
      fc
        .tuple(
          day(`${year + 1}-01-01`, `${year + 1}-01-31`),
          day(`${year + 1}-03-01`, `${year + 1}-04-30`),
          text(200),
        )
        .map(([statisticsDeadline, reportCutoff, reason]) => ({ statisticsDeadline, reportCutoff, reason })),
      [
        ...reasonMutations(),
        badValue('statisticsDeadline', badDay({ nullable: true })),
        badValue('reportCutoff', badDay({ nullable: true })),
        rule(
          { field: 'statisticsDeadline', also: ['reportCutoff'] },
          fc.constant({ statisticsDeadline: undefined, reportCutoff: undefined }),
        ),
        rule(
          { field: 'reportCutoff' },
          day(`${year}-01-01`, `${year}-12-31`).map((cutoff) => ({
            statisticsDeadline: undefined,
            reportCutoff: cutoff,
          })),
        ),
        rule(
          { field: 'reportCutoff' },
          fc
            .tuple(day(`${year + 1}-01-01`, `${year + 1}-06-30`), fc.integer({ min: 0, max: 60 }))
            .map(([deadline, back]) => ({
              statisticsDeadline: deadline,
              reportCutoff: new Date(Date.parse(deadline) - back * 86400000).toISOString().slice(0, 10),
            })),
        ),
        extraField([], unknownKey(['statisticsDeadline', 'reportCutoff', 'reason'])),
      ],
    ),
  );

  // ---- Entities ----
  surfaces['POST /api/entities/import (JSON)'] = jsonCase(
    'import entities as JSON',
    'POST',
    '/api/entities/import',
    fc.oneof(
      { weight: 6, arbitrary: importRows() },
      {
        weight: 1,
        arbitrary: fc.oneof<fc.Arbitrary<{ body: unknown; faults: Fault[] }>[]>(
          fc.constant({ body: { entities: [] }, faults: [{ field: 'entities' }] }),
          fc
            .oneof(fc.constant(null), fc.integer(), text(10), fc.constant({}), fc.constant({ code: 'X' }))
            .map((entities) => ({ body: { entities }, faults: [{ field: 'entities' }] })),
          fc.constant({ body: {}, faults: [{ field: 'entities' }] }),
          fc
            .tuple(
              fc.array(validEntity(), { minLength: 1, maxLength: 3 }),
              unknownKey(['entities']),
              text(10),
            )
            .map(([entities, key, value]) => {
              const body: Body = { entities };
              Object.defineProperty(body, key, { value, enumerable: true });
              return { body, faults: [{ field: key }] };
            }),
        ),
      },
    ),
  );

  surfaces['POST /api/dialogues/:year/entities (late entity)'] = jsonCase(
    'add a late entity',
    'POST',
    `${dialogue}/entities`,
    mutated(validEntity(), [
      ...entityMutations('dto'),
      badValue('deadline', badDay({ nullable: true })),
      // Never after the report cutoff (the last day of next February).
      rule(
        { field: 'deadline' },
        day(`${year + 1}-03-01`, `${year + 2}-12-31`).map((deadline) => ({ deadline })),
      ),
      extraField(
        [],
        unknownKey([
          'code',
          'name',
          'names',
          'kind',
          'dutyStation',
          'timeZone',
          'language',
          'staff',
          'headName',
          'headEmail',
          'focalPoints',
          'deadline',
        ]),
      ),
    ]),
  );

  // ---- An entity of the year (HSB: invited, no tree) ----
  surfaces['POST .../:code/sessions'] = jsonCase(
    'record a session (admin)',
    'POST',
    `${instance}/sessions`,
    mutated(
      fc.record({
        leaderEmail: email(),
        heldOn: day(`${year}-01-01`, `${year}-11-01`),
        language: text(40),
        participants: fc.integer({ min: 1, max: 300 }),
      }),
      [
        badValue('leaderEmail', badEmail()),
        badValue('heldOn', badDay()),
        rule(
          { field: 'heldOn' },
          day(`${year + 1}-01-01`, '2999-12-31').map((heldOn) => ({ heldOn })),
        ),
        badValue('language', badText(40)),
        badValue('participants', badCount(1)),
        ...['leaderEmail', 'heldOn', 'language', 'participants'].map((field) => missing(field)),
        extraField([], unknownKey(['leaderEmail', 'heldOn', 'language', 'participants'])),
      ],
    ),
  );

  surfaces['POST .../:code/statistics'] = jsonCase(
    'submit statistics (admin)',
    'POST',
    `${instance}/statistics`,
    mutated(validStatistics(100), statisticsMutations(100)),
  );

  surfaces['POST .../:code/withdraw'] = jsonCase(
    'withdraw',
    'POST',
    `${instance}/withdraw`,
    mutated(fc.record({ reason: text(200) }), [...reasonMutations(), extraField([], unknownKey(['reason']))]),
  );

  surfaces['POST .../:code/override'] = jsonCase(
    'override',
    'POST',
    `${instance}/override`,
    mutated(
      fc.record({
        state: fc.constantFrom('pending', 'cascading', 'overdue', 'withdrawn', 'not-completed'),
        reason: text(200),
      }),
      [
        ...reasonMutations(),
        missing('state'),
        // Not a state the workflow allows from `invited` (an unknown one, or a real one out of reach).
        badValue(
          'state',
          fc.oneof(
            badEnum(['pending', 'cascading', 'overdue', 'withdrawn', 'not-completed']),
            fc.constantFrom('invited', 'reported', 'stats-submitted'),
          ),
        ),
        extraField([], unknownKey(['state', 'reason'])),
      ],
    ),
  );

  surfaces['POST .../:code/extension'] = jsonCase(
    'grant an extension',
    'POST',
    `${instance}/extension`,
    mutated(fc.record({ deadline: day(`${nextYear}-01-05`, `${nextYear}-02-20`), reason: text(200) }), [
      ...reasonMutations(),
      badValue('deadline', badDay()),
      missing('deadline'),
      extraField([], unknownKey(['deadline', 'reason'])),
    ]),
  );

  surfaces['POST .../:code/tokens'] = jsonCase(
    'issue a link',
    'POST',
    `${dialogue}/entities/${code}/tokens`,
    mutated(
      fc.record(
        {
          role: fc.constantFrom('focal-point', 'head-of-entity', 'leader'),
          email: email(),
          name: text(60),
          language: fc.constantFrom(...LANGS),
        },
        { requiredKeys: ['role', 'email'] },
      ),
      [
        badValue(
          'role',
          badEnum(['focal-point', 'head-of-entity', 'leader']).filter((r) => r !== 'participants'),
        ),
        missing('role'),
        badValue('email', badEmail()),
        missing('email'),
        badValue('name', badOptionalText(200)),
        badValue(
          'language',
          badEnum(LANGS).filter((l) => l !== null),
        ),
        extraField([], unknownKey(['role', 'email', 'name', 'language'])),
      ],
    ),
  );

  // ---- Requests and decisions ----
  surfaces['POST /api/extension-requests/:id/grant'] = jsonCase(
    'grant a request',
    'POST',
    `/api/extension-requests/${ids.extensionRequest}/grant`,
    mutated(
      fc.record(
        { reason: text(200), deadline: day(`${nextYear}-01-05`, `${nextYear}-02-20`) },
        { requiredKeys: ['reason'] },
      ),
      [
        ...reasonMutations(),
        badValue('deadline', badDay({ nullable: true })),
        extraField([], unknownKey(['reason', 'deadline'])),
      ],
    ),
  );
  surfaces['POST /api/extension-requests/:id/refuse'] = jsonCase(
    'refuse a request',
    'POST',
    `/api/extension-requests/${ids.extensionRequest}/refuse`,
    mutated(fc.record({ reason: text(200) }), [...reasonMutations(), extraField([], unknownKey(['reason']))]),
  );
  surfaces['POST /api/scenario-proposals/:id/decision'] = jsonCase(
    'decide on a scenario',
    'POST',
    `/api/scenario-proposals/${ids.scenarioProposal}/decision`,
    mutated(fc.record({ approve: fc.boolean(), feedback: text(200) }), [
      badValue('approve', fc.oneof(fc.constantFrom('true', 'false', 'yes', 0, 1, null, [], {}), text(5))),
      missing('approve'),
      badValue('feedback', badText(5000)),
      missing('feedback'),
      extraField([], unknownKey(['approve', 'feedback'])),
    ]),
  );
  surfaces['POST /api/questions/:id/answer'] = jsonCase(
    'answer a question',
    'POST',
    `/api/questions/${ids.question}/answer`,
    mutated(fc.record({ answer: text(200) }), [
      badValue('answer', badText(5000)),
      missing('answer'),
      extraField([], unknownKey(['answer'])),
    ]),
  );

  // ---- Simulation (the clock is never moved: every body is wrong) ----
  surfaces['PUT /api/simulation/clock'] = jsonCase(
    'set the clock',
    'PUT',
    '/api/simulation/clock',
    mutated(fc.record({ now: fc.constant(`${year + 5}-01-01T00:00:00Z`) }), [
      badValue('now', badInstant()),
      missing('now'),
    ]).map(({ body, faults }) => ({ body, faults })),
  );
  surfaces['POST /api/simulation/advance'] = jsonCase(
    'advance the clock',
    'POST',
    '/api/simulation/advance',
    mutated(fc.constant({}), [
      // Neither `to` nor `days`, or both.
      rule({ field: 'to', also: ['days'] }, fc.constant({})),
      rule(
        { field: 'to', also: ['days'] },
        fc
          .tuple(fc.integer({ min: 1, max: 800 }), day(`${year + 3}-01-01`, `${year + 4}-01-01`))
          .map(([days, to]) => ({ days, to: `${to}T00:00:00Z` })),
      ),
      badValue('days', badCount(1, 800, { nullable: true })),
      badValue(
        'to',
        badInstant().filter((v) => v !== null),
      ),
      extraField([], unknownKey(['to', 'days'])),
    ]).map(({ body, faults }) => {
      // A lone good `days` or `to` would move the clock: a fault on one of them keeps the other out.
      return { body, faults };
    }),
  );

  // ---- The token-link API (no admin key; the token is the credential) ----
  const portal = (token: string, action: string) => `/api/portal/${token}/${action}`;
  surfaces['POST /api/portal/:token/statistics'] = jsonCase(
    'portal: statistics',
    'POST',
    portal(tokens.focalPoint, 'statistics'),
    // Random figures differ from the records: confirmed, so that only the faults are refused.
    mutated(
      validStatistics(3).map((body) => ({ ...body, confirmDifferences: true })),
      [
        ...statisticsMutations(3),
        // More leaders than the managers of the imported tree (3), with enough sessions.
        rule(
          { field: 'managersLed' },
          fc
            .integer({ min: 4, max: 50 })
            .map((leaders) => ({ staffParticipated: 0, sessionsHeld: leaders, managersLed: leaders })),
        ),
      ],
    ),
    { admin: false },
  );

  surfaces['POST /api/portal/:token/extension-requests'] = jsonCase(
    'portal: extension request',
    'POST',
    portal(tokens.focalPoint, 'extension-requests'),
    mutated(fc.record({ wishedDeadline: day(`${nextYear}-01-02`, `${nextYear}-06-30`), reason: text(200) }), [
      ...reasonMutations(),
      badValue('wishedDeadline', badDay()),
      missing('wishedDeadline'),
      // Not after the current deadline (31 December).
      rule(
        { field: 'wishedDeadline' },
        day(`${year - 1}-01-01`, `${year}-12-31`).map((wishedDeadline) => ({ wishedDeadline })),
      ),
      extraField([], unknownKey(['wishedDeadline', 'reason'])),
    ]),
    { admin: false },
  );

  surfaces['POST /api/portal/:token/scenario-proposals'] = jsonCase(
    'portal: scenario proposal',
    'POST',
    portal(tokens.focalPoint, 'scenario-proposals'),
    mutated(fc.record({ title: text(100), description: text(300) }), [
      badValue('title', badText(200)),
      badValue('description', badText(5000)),
      missing('title'),
      missing('description'),
      extraField([], unknownKey(['title', 'description'])),
    ]),
    { admin: false },
  );

  surfaces['POST /api/portal/:token/seminar-requests'] = jsonCase(
    'portal: seminar request',
    'POST',
    portal(tokens.focalPoint, 'seminar-requests'),
    mutated(
      fc.record(
        {
          topic: text(100),
          preferredPeriod: text(60),
          expectedParticipants: fc.integer({ min: 1, max: 5000 }),
          details: text(300),
        },
        { requiredKeys: ['topic', 'preferredPeriod', 'expectedParticipants'] },
      ),
      [
        badValue('topic', badText(200)),
        badValue('preferredPeriod', badText(100)),
        badValue('expectedParticipants', badCount(1)),
        badValue('details', badOptionalText(5000)),
        ...['topic', 'preferredPeriod', 'expectedParticipants'].map((field) => missing(field)),
        extraField([], unknownKey(['topic', 'preferredPeriod', 'expectedParticipants', 'details'])),
      ],
    ),
    { admin: false },
  );

  surfaces['POST /api/portal/:token/leader-links'] = jsonCase(
    'portal: leader link',
    'POST',
    portal(tokens.head, 'leader-links'),
    mutated(fc.record({ leaderEmail: fc.constantFrom(...f.managers) }), [
      badValue(
        'leaderEmail',
        fc.oneof(badEmail(), fc.constantFrom('staff.one@hst.example.org', 'nobody@hst.example.org'), email()),
      ),
      missing('leaderEmail'),
      extraField([], unknownKey(['leaderEmail'])),
    ]),
    { admin: false },
  );

  surfaces['POST /api/portal/:token/sessions'] = jsonCase(
    'portal: session report',
    'POST',
    portal(tokens.leader, 'sessions'),
    mutated(validSession(localToday('Europe/Zurich')), sessionMutations(year)),
    { admin: false },
  );

  surfaces['POST /api/portal/:token/feedback'] = jsonCase(
    'portal: feedback',
    'POST',
    portal(tokens.participants, 'feedback'),
    mutated(
      fc.record(
        {
          usefulness: fc.integer({ min: 1, max: 5 }),
          openness: fc.integer({ min: 1, max: 5 }),
          relevance: fc.integer({ min: 1, max: 5 }),
          comment: text(300),
        },
        { requiredKeys: ['usefulness', 'openness', 'relevance'] },
      ),
      [
        ...['usefulness', 'openness', 'relevance'].flatMap((field) => [
          badValue(field, fc.oneof(badCount(1, 5), fc.constantFrom(0, 6, -1, 10))),
          missing(field),
        ]),
        badValue('comment', badOptionalText(2000)),
        extraField([], unknownKey(['usefulness', 'openness', 'relevance', 'comment'])),
      ],
    ),
    { admin: false },
  );

  // The Head confirms while two managers have not led a session yet: refused whatever the body says.
  surfaces['POST /api/portal/:token/confirmation'] = fc
    .jsonValue({ maxDepth: 2 })
    .filter((v) => typeof v === 'object' && v !== null)
    .map((body) =>
      printable({
        surface: 'portal: confirmation',
        method: 'POST',
        path: portal(tokens.head, 'confirmation'),
        body: JSON.stringify(body),
        contentType: 'application/json',
        admin: false,
        answer: 'json',
        faults: [{ field: 'confirmation' }],
      }),
    );

  return surfaces;
}

let importMutations: fc.Arbitrary<Mutation> | undefined;
/** One entity mutation for an import row (built once; the row is set by the caller). */
function importMutation(): fc.Arbitrary<Mutation> {
  return (importMutations ??= fc.oneof(...entityMutations('import')));
}

function importRows(): fc.Arbitrary<{ body: unknown; faults: Fault[] }> {
  return fc
    .tuple(
      fc.uniqueArray(validEntity(), { minLength: 1, maxLength: 12, selector: (e) => e.code.toUpperCase() }),
      fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }),
    )
    .chain(([entities, picks]) => {
      // Which rows get a fault, and which one: an entity mutation, a row that is not an entity, a duplicate code.
      const faults = picks.map(([at, kind]) => {
        const index = at % entities.length;
        const row = index + 1;
        if (kind % 10 === 0) {
          return fc
            .oneof(
              fc.constant(null),
              fc.integer(),
              text(10),
              fc.constant([]),
              fc.array(text(5), { minLength: 1, maxLength: 2 }),
            )
            .map((value) => ({ index, value, fault: { field: 'entity', row } }));
        }
        if (kind % 10 === 1 && entities.length > 1) {
          const earlier = (index + entities.length - 1) % entities.length;
          return fc.constant({
            index: Math.max(index, earlier),
            duplicateOf: Math.min(index, earlier),
            fault: { field: 'code', row: Math.max(index, earlier) + 1 },
          });
        }
        if (kind % 10 === 2) {
          return fc
            .tuple(
              unknownKey([
                'code',
                'name',
                'names',
                'kind',
                'dutyStation',
                'timeZone',
                'language',
                'staff',
                'headName',
                'headEmail',
                'focalPoints',
              ]),
              fc.jsonValue({ maxDepth: 1 }),
            )
            .map(([key, value]) => ({ index, extra: [key, value] as const, fault: { field: key, row } }));
        }
        return importMutation().map((m) => {
          const mutation = { ...m, faults: m.faults.map((fault) => ({ ...fault, row })) };
          return { index, mutation, fault: mutation.faults[0] };
        });
      });
      return fc.tuple(...faults).map((chosen) => {
        const rows: unknown[] = structuredClone(entities);
        for (const c of chosen) {
          const target = rows[c.index];
          if ('value' in c) rows[c.index] = c.value;
          else if ('duplicateOf' in c && c.duplicateOf !== undefined) {
            const source = rows[c.duplicateOf] as Body | null;
            if (
              typeof target === 'object' &&
              target !== null &&
              !Array.isArray(target) &&
              source &&
              typeof source.code === 'string'
            ) {
              (target as Body)['code'] = source.code.toLowerCase();
            }
          } else if ('extra' in c && c.extra) {
            if (typeof target === 'object' && target !== null && !Array.isArray(target))
              Object.defineProperty(target, c.extra[0], {
                value: c.extra[1],
                enumerable: true,
                writable: true,
              });
          } else if ('mutation' in c && c.mutation) {
            if (typeof target === 'object' && target !== null && !Array.isArray(target))
              c.mutation.apply(target as Body);
          }
        }
        return { body: { entities: rows }, faults: chosen.map((c) => c.fault) };
      });
    });
}

/** A session the leader (Marta, a manager of the tree) could report today. */
function validSession(today: string): fc.Arbitrary<Body> {
  return fc.record(
    {
      heldOn: fc.constant(today),
      durationMinutes: fc.integer({ min: 10, max: 600 }),
      language: text(40),
      format: fc.constantFrom('in-person', 'virtual'),
      staffParticipants: fc.integer({ min: 1, max: 60 }),
      nonStaffParticipants: fc.integer({ min: 0, max: 10 }),
      otherAgencyParticipants: fc.dictionary(
        fc.constantFrom('UNDP', 'UNHCR', 'WHO'),
        fc.integer({ min: 0, max: 10 }),
        { maxKeys: 2 },
      ),
      split: fc.option(
        fc.integer({ min: 2, max: 5 }).map((of) => ({ part: 1, of })),
        { nil: null },
      ),
      jointUnits: fc.array(text(60), { maxLength: 3 }),
      facilitator: text(60),
      scenarios: fc.array(text(60), { maxLength: 3 }),
      questions: fc.array(text(100), { maxLength: 2 }),
    },
    {
      requiredKeys: [
        'heldOn',
        'durationMinutes',
        'language',
        'format',
        'staffParticipants',
        'nonStaffParticipants',
      ],
    },
  );
}

function sessionMutations(year: number): fc.Arbitrary<Mutation>[] {
  const lists = ['jointUnits', 'scenarios', 'questions'] as const;
  const listMax = { jointUnits: 200, scenarios: 300, questions: 2000 };
  return [
    badValue('heldOn', badDay()),
    // Before the launch, or after today.
    rule(
      { field: 'heldOn' },
      fc
        .oneof(day(`${year - 5}-01-01`, `${year}-10-31`), day(`${year + 1}-01-01`, `${year + 9}-12-31`))
        .map((heldOn) => ({ heldOn })),
    ),
    badValue(
      'durationMinutes',
      fc.oneof(badCount(10, 600), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 601, max: 100000 })),
    ),
    badValue('language', badText(40)),
    badValue('format', badEnum(['in-person', 'virtual'])),
    badValue('staffParticipants', badCount()),
    badValue('nonStaffParticipants', badCount()),
    badAgencies(),
    ...['heldOn', 'durationMinutes', 'language', 'format', 'staffParticipants', 'nonStaffParticipants'].map(
      (field) => missing(field),
    ),
    // Nobody at all.
    rule(
      { field: 'staffParticipants' },
      fc.constant({ staffParticipants: 0, nonStaffParticipants: 0, otherAgencyParticipants: {} }),
    ),
    // Split sessions: a bad shape, fewer than two parts, a part out of range, a later part without or with a
    // wrong first part (no such session; or session 1, which was not split).
    badValue(
      'split',
      fc.oneof(
        fc.constant([1, 2]),
        text(5),
        fc.integer(),
        fc.constant({ part: 'one', of: 2 }),
        fc.constant({ part: 1, of: 2, extra: true }),
      ),
    ),
    rule(
      { field: 'split.of' },
      fc.integer({ min: -5, max: 1 }).map((of) => ({ split: { part: 1, of } })),
    ),
    rule(
      { field: 'split.part' },
      fc
        .integer({ min: 2, max: 6 })
        .chain((of) =>
          fc
            .oneof(fc.integer({ min: of + 1, max: 50 }), fc.constant(0))
            .map((part) => ({ split: { part, of, firstPartId: 1 } })),
        ),
    ),
    rule(
      { field: 'split.firstPartId' },
      fc.integer({ min: 2, max: 6 }).map((of) => ({ split: { part: 2, of } })),
    ),
    rule(
      { field: 'split.firstPartId', also: ['split.of'] },
      fc
        .tuple(
          fc.integer({ min: 2, max: 6 }),
          fc.oneof(fc.integer({ min: 100000, max: 2 ** 31 - 1 }), fc.constant(1)),
        )
        .map(([of, id]) => ({ split: { part: 2, of, firstPartId: id } })),
    ),
    rule(
      { field: 'split.firstPartId' },
      fc.integer({ min: 2, max: 6 }).chain((of) =>
        badCount(0, 2 ** 31 - 1)
          .filter(
            (v) =>
              v !== null &&
              typeof v !== 'string' &&
              !Array.isArray(v) &&
              typeof v !== 'boolean' &&
              !(typeof v === 'object'),
          )
          .map((id) => ({ split: { part: 2, of, firstPartId: id } })),
      ),
    ),
    ...lists.flatMap((list) => [
      badValue(
        list,
        fc.oneof(
          text(20),
          fc.integer(),
          fc.constant({}),
          fc.array(text(5), { minLength: 21, maxLength: 60 }),
        ),
      ),
      badValue(
        list,
        fc
          .tuple(fc.array(text(20), { maxLength: 3 }), badText(listMax[list]))
          .map(([good, bad]) => [...good, bad]),
      ),
    ]),
    badValue('facilitator', badOptionalText(200)),
    extraField(
      [],
      unknownKey([
        'heldOn',
        'durationMinutes',
        'language',
        'format',
        'staffParticipants',
        'nonStaffParticipants',
        'otherAgencyParticipants',
        'split',
        'jointUnits',
        'facilitator',
        'scenarios',
        'questions',
      ]),
    ),
  ];
}
