import fc from 'fast-check';
import {
  badValue,
  extraField,
  jsonCase,
  missing,
  mutated,
  rule,
  type Body,
  type HostileCase,
  type Mutation,
} from './hostile-cases';
import { localToday, type HostileFixture } from './hostile-fixture';
import {
  badEnum,
  badOptionalText,
  badText,
  day,
  notAString,
  text,
  unknownKey,
  withControl,
} from './hostile-values';

/**
 * The managers' cascade's JSON requests: scheduling a session (admin API and a leader's link), excusing and
 * reinstating a manager. Their manager is Luc, who waits for his turn: each request would act without its faults.
 */

/** The fixture's entity is in Geneva. */
const ZONE = 'Europe/Zurich';

/** The day Europe's clocks go forward in `year` (the last Sunday of March): 02:00–02:59 does not exist. */
export function springForward(year: number): string {
  const lastOfMarch = new Date(Date.UTC(year, 2, 31));
  lastOfMarch.setUTCDate(31 - lastOfMarch.getUTCDay());
  return lastOfMarch.toISOString().slice(0, 10);
}

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A start that the window takes: from the day after tomorrow in Geneva to mid-February (the cutoff is its end). */
export function localStart(year: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      day(addDays(localToday(ZONE), 2), `${year + 1}-02-15`),
      fc.integer({ min: 7, max: 19 }),
      fc.constantFrom('00', '15', '30', '45'),
    )
    .map(([d, hour, minute]) => `${d}T${String(hour).padStart(2, '0')}:${minute}`);
}

export const NOT_WEB_LINKS = [
  'javascript:alert(1)',
  'JAVASCRIPT:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'ftp://files.example.org/x',
  'www.example.org/meet',
  'https://exa mple.org/meet',
  'https://example.org/"><script>',
  '//example.org/meet',
];

/** A `startsAt` that is not a local date and time, not in the window, or skipped by the clock change. */
function badStart(year: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(
      '',
      'T',
      'tomorrow',
      `${year + 1}-01-15`,
      `${year + 1}-01-15 10:30`,
      `${year + 1}-01-15T10:30:00`,
      `${year + 1}-01-15T10:30Z`,
      `${year + 1}-01-15T25:00`,
      `${year + 1}-01-15T24:00`,
      `${year + 1}-01-15T10:60`,
      `${year + 1}-02-30T10:00`,
      `${year + 1}-13-01T10:00`,
      `15/01/${year + 1} 10:30`,
      `${springForward(year + 1)}T02:30`,
      `${year - 1}-06-01T10:00`,
      `${year + 2}-01-10T10:00`,
      null,
    ),
    withControl(16),
    notAString(),
  );
}

/** What would schedule Luc's session, and the faults to put into it. */
export function scheduleBodies(year: number) {
  const valid: fc.Arbitrary<Body> = fc.record(
    {
      startsAt: localStart(year),
      minutes: fc.integer({ min: 15, max: 480 }),
      place: text(120),
      url: fc.constantFrom('https://meet.example.org/luc', 'http://intranet.example.org/room/4'),
      language: fc.constantFrom('ar', 'zh', 'en', 'fr', 'ru', 'es'),
    },
    { requiredKeys: ['startsAt', 'place'] },
  );
  const mutations: fc.Arbitrary<Mutation>[] = [
    badValue('startsAt', badStart(year)),
    missing('startsAt'),
    badValue(
      'minutes',
      fc.oneof(
        fc.integer({ min: -1000, max: 14 }),
        fc.integer({ min: 481, max: 2 ** 31 }),
        fc.constantFrom(90.5, '90', 'ninety', true, [90]),
      ),
    ),
    badValue('place', badOptionalText(300)),
    badValue('url', fc.oneof(badOptionalText(500), fc.constantFrom(...NOT_WEB_LINKS))),
    // Neither a place nor a link: the place is named.
    rule(
      { field: 'place', also: ['url'] },
      fc.constantFrom<Body>(
        { place: undefined, url: undefined },
        { place: '   ', url: null },
        { place: null, url: '' },
      ),
    ),
    badValue(
      'language',
      badEnum(['ar', 'zh', 'en', 'fr', 'ru', 'es']).filter((v) => v !== null && v !== undefined),
    ),
    extraField([], unknownKey(['startsAt', 'minutes', 'place', 'url', 'language'])),
  ];
  return mutated(valid, mutations);
}

const reasonBodies = () =>
  mutated(fc.record({ reason: text(200) }), [
    badValue('reason', badText(2000)),
    missing('reason'),
    extraField([], unknownKey(['reason'])),
  ]);

export function cascadeSurfaces(f: HostileFixture): Record<string, fc.Arbitrary<HostileCase>> {
  const { year, code, tokens } = f;
  const luc = `/api/dialogues/${year}/entities/${code}/managers/${encodeURIComponent('luc.martin@hst.example.org')}`;
  const portal = (token: string, action: string) => `/api/portal/${token}/${action}`;
  return {
    'POST .../managers/:email/schedule': jsonCase(
      'schedule a session',
      'POST',
      `${luc}/schedule`,
      scheduleBodies(year),
    ),
    'POST .../managers/:email/excuse': jsonCase('excuse a manager', 'POST', `${luc}/excuse`, reasonBodies()),
    // Luc is not excused: without its faults the request would be refused by the state (409), not act.
    'POST .../managers/:email/reinstate': jsonCase(
      'reinstate a manager',
      'POST',
      `${luc}/reinstate`,
      reasonBodies(),
    ),
    'POST /api/portal/:token/schedule': jsonCase(
      'portal: schedule',
      'POST',
      portal(tokens.manager, 'schedule'),
      scheduleBodies(year),
      { admin: false },
    ),
    'POST /api/portal/:token/excuse': jsonCase(
      'portal: excuse a manager',
      'POST',
      portal(tokens.focalPoint, 'excuse'),
      mutated(fc.record({ email: fc.constant('luc.martin@hst.example.org'), reason: text(200) }), [
        badValue(
          'email',
          fc.oneof(
            fc.constantFrom('', 'plainaddress', 'a@', 'staff.one@hst.example.org', 'nobody@hst.example.org'),
            notAString(),
            withControl(10).map((s) => `${s}@hst.example.org`),
          ),
        ),
        missing('email'),
        badValue('reason', badText(2000)),
        missing('reason'),
        extraField([], unknownKey(['email', 'reason'])),
      ]),
      { admin: false },
    ),
  };
}
