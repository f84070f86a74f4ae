import fc from 'fast-check';
import { printable, type Fault, type HostileCase } from './hostile-cases';
import { localStart, NOT_WEB_LINKS, springForward } from './hostile-cascade';
import { localToday, type HostileFixture } from './hostile-fixture';
import { CONTROL, day, text, words } from './hostile-values';

/**
 * The token-link pages' forms, posted as a browser would (urlencoded, with the `_csrf` the page rendered), each
 * with one to three fields wrong. A refused form comes back as the page (422) with an error summary whose links
 * point at the inputs at fault (`#<form>-<field>`, `#<form>-agency-<row>`): those are what the answer must name.
 */

type Fields = [string, string][];

interface FormFault {
  /** The input the summary must link to (`eligibleStaff`, `agency-1`…), or null for a summary item only. */
  target: string | null;
  /** Other inputs the page may also flag because of this fault. */
  touched?: string[];
  apply(fields: Map<string, string | string[]>): void;
}

const set = (name: string, value: string) => (fields: Map<string, string | string[]>) => {
  fields.set(name, value);
};

/** What a person types into a count box that is not a count (grouped thousands like "1 200" are counts). */
const badCountText = (min = 0) =>
  fc.oneof(
    fc.constantFrom(
      '',
      ' ',
      'abc',
      '-1',
      '1.5',
      '1e3',
      '99999999999',
      '1000001',
      '１２',
      '12a',
      '1,2,3',
      '0x10',
      '1 23',
      'NaN',
      '½',
    ),
    fc.integer({ min: -1000, max: min - 1 }).map(String),
  );

/**
 * Not a count, in a box that may be left empty (non-staff participants): empty means none, 0, so a blank is not
 * a fault there; everything else `badCountText` types still is.
 */
const badOptionalCountText = () => badCountText().filter((typed) => typed.trim() !== '');

/** An optional count as a person leaves it: a number, or nothing for none. */
const optionalCount = (max: number) =>
  fc.oneof(fc.integer({ min: 0, max }).map(String), fc.constantFrom('', ' '));

/** Text with a control character inside it (at the edges the form's trim would remove some). */
const controlled = (max: number) =>
  fc
    .tuple(words(Math.min(20, max - 2)), fc.constantFrom(...CONTROL))
    .map(([w, c]) => `${w.slice(0, 1)}${c}${w.slice(1)}x`);

/**
 * Longer than `max`, as typed into a page: the form parser takes 200 KB in all, so each long value stays within a
 * few times its limit (a body over the limit is its own case, in the suite's size test).
 */
const typedTooLong = (max: number) =>
  fc
    .tuple(fc.integer({ min: max + 1, max: max * 2 + 50 }), fc.constantFrom('y', 'é', 'ab'))
    .map(([n, unit]) => unit.repeat(n).slice(0, n));

/** Required text: blank, too long (even once trimmed), or with control characters. */
const badTextField = (max: number) =>
  fc.oneof(fc.constantFrom('', '   ', '\t'), typedTooLong(max), controlled(max));

const badOptionalTextField = (max: number) => fc.oneof(typedTooLong(max), controlled(max));

const badDayText = fc.constantFrom(
  '',
  '2026-02-30',
  '2026-13-01',
  '31/12/2026',
  '2026-1-5',
  'tomorrow',
  '20261231',
  '2026-12-01T00:00',
);

function textFault(name: string, values: fc.Arbitrary<string>): fc.Arbitrary<FormFault> {
  return values.map((value) => ({ target: name, apply: set(name, value) }));
}

/** Agency rows: names and counts as typed, each row's inputs `agency[]` and `count[]`. */
function agencyRows(min = 0): fc.Arbitrary<Fields> {
  return fc
    .uniqueArray(
      fc.tuple(
        fc.constantFrom('UNDP', 'UNHCR', 'WHO', 'Organisation météo', '国际', 'ILO'),
        fc.integer({ min: 0, max: 300 }),
      ),
      {
        minLength: min,
        maxLength: 3,
        selector: ([agency]) => agency,
      },
    )
    .map((rows) =>
      rows.flatMap(([agency, count]) => [
        ['agency[]', agency] as [string, string],
        ['count[]', String(count)] as [string, string],
      ]),
    );
}

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? [...value] : [value];

/**
 * A bad agency row appended after the good ones: a blank, bad or formula-like name with a count, or a name with a
 * bad count.
 */
function badAgencyRow(): fc.Arbitrary<FormFault> {
  return fc
    .oneof(
      fc
        .tuple(fc.constantFrom('', 'x'.repeat(101)), fc.constant('3'))
        .map(([agency, count]) => ({ agency, count, part: 'agency' })),
      fc
        .tuple(controlled(20), fc.constant('2'))
        .map(([agency, count]) => ({ agency, count, part: 'agency' })),
      fc
        .tuple(fc.constantFrom('=HYPERLINK("http://x")', '@SUM(A1)', '+1', '-UNDP', '1 UN'), fc.constant('2'))
        .map(([agency, count]) => ({ agency, count, part: 'agency' })),
      fc
        .tuple(fc.constant('Agency Bad'), badCountText())
        .map(([agency, count]) => ({ agency, count, part: 'count' })),
    )
    .map(({ agency, count, part }) => {
      const fault: FormFault = {
        target: null,
        apply: (fields) => {
          const agencies = asList(fields.get('agency[]'));
          const counts = asList(fields.get('count[]'));
          const row = agencies.length;
          agencies.push(agency);
          counts.push(count);
          fields.set('agency[]', agencies);
          fields.set('count[]', counts);
          fault.target = `${part}-${row}`;
        },
      };
      return fault;
    });
}

function tooManyAgencies(): fc.Arbitrary<FormFault> {
  return fc.integer({ min: 51, max: 120 }).map((n) => ({
    target: null,
    apply: (fields) => {
      fields.set(
        'agency[]',
        Array.from({ length: n }, (_, i) => `Agency ${i}`),
      );
      fields.set(
        'count[]',
        Array.from({ length: n }, () => '1'),
      );
    },
  }));
}

interface FormSpec {
  form: string;
  token: string;
  valid: fc.Arbitrary<Fields>;
  faults: fc.Arbitrary<FormFault>[];
}

function statisticsForm(token: string): FormSpec {
  const counts = [
    'eligibleStaff',
    'staffParticipated',
    'sessionsHeld',
    'managersLed',
    'nonStaffParticipants',
  ];
  return {
    form: 'statistics',
    token,
    valid: fc
      .record({
        eligible: fc.integer({ min: 0, max: 5000 }),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
        leaders: fc.integer({ min: 0, max: 3 }),
        extra: fc.integer({ min: 0, max: 10 }),
        nonStaff: optionalCount(50),
        grouped: fc.boolean(),
        agencies: agencyRows(),
        comments: fc.option(text(200), { nil: '' }),
      })
      .map((r) => {
        const participated = Math.floor(r.eligible * r.share);
        const sessions = Math.max(r.leaders, participated > 0 ? 1 : 0) + r.extra;
        // "1 200" as people type it in French or Spanish: read as 1200.
        const show = (n: number) =>
          r.grouped && n >= 1000 ? n.toLocaleString('fr-FR').replace(/\u202f/g, ' ') : String(n);
        return [
          ['eligibleStaff', show(r.eligible)],
          ['staffParticipated', show(participated)],
          ['sessionsHeld', String(sessions)],
          ['managersLed', String(r.leaders)],
          ['nonStaffParticipants', r.nonStaff],
          ...r.agencies,
          ['comments', r.comments],
          // Random figures differ from the records: confirmed, so that only the faults are refused.
          ['confirmDifferences', 'yes'],
        ] as Fields;
      }),
    faults: [
      ...counts.map((name) =>
        textFault(name, name === 'nonStaffParticipants' ? badOptionalCountText() : badCountText()),
      ),
      badAgencyRow(),
      tooManyAgencies().map((f) => ({ ...f, target: null })),
      textFault('comments', badOptionalTextField(5000)),
      fc.integer({ min: 1, max: 100 }).map((over) => ({
        target: 'staffParticipated',
        touched: ['eligibleStaff', 'sessionsHeld', 'managersLed'],
        apply: (fields) => {
          fields.set('eligibleStaff', '10');
          fields.set('staffParticipated', String(10 + over));
          fields.set('sessionsHeld', '1');
          fields.set('managersLed', '0');
        },
      })),
      fc.integer({ min: 0, max: 2 }).map((sessions) => ({
        target: 'managersLed',
        touched: ['staffParticipated', 'sessionsHeld'],
        apply: (fields) => {
          fields.set('staffParticipated', '0');
          fields.set('sessionsHeld', String(sessions));
          fields.set('managersLed', String(sessions + 1));
        },
      })),
      // More leaders than the three managers of the tree.
      fc.integer({ min: 4, max: 40 }).map((leaders) => ({
        target: 'managersLed',
        touched: ['staffParticipated', 'sessionsHeld'],
        apply: (fields) => {
          fields.set('staffParticipated', '0');
          fields.set('sessionsHeld', String(leaders));
          fields.set('managersLed', String(leaders));
        },
      })),
    ],
  };
}

function sessionForm(token: string, year: number, form = 'session'): FormSpec {
  const lines = (items: string[]) => items.join('\n');
  return {
    form,
    token,
    valid: fc
      .record({
        duration: fc.integer({ min: 10, max: 600 }),
        language: text(40),
        format: fc.constantFrom('in-person', 'virtual'),
        staff: fc.integer({ min: 1, max: 60 }),
        nonStaff: optionalCount(10),
        agencies: agencyRows(),
        split: fc.option(fc.integer({ min: 2, max: 5 }), { nil: null }),
        jointUnits: fc.array(words(30), { maxLength: 3 }),
        facilitator: fc.option(text(60), { nil: '' }),
        scenarios: fc.array(words(30), { maxLength: 3 }),
        questions: fc.array(text(100), { maxLength: 2 }),
      })
      .map(
        (r) =>
          [
            ['heldOn', localToday('Europe/Zurich')],
            ['durationMinutes', String(r.duration)],
            ['language', r.language],
            ['format', r.format],
            ['staffParticipants', String(r.staff)],
            ['nonStaffParticipants', r.nonStaff],
            ...r.agencies,
            ['splitPart', r.split ? '1' : ''],
            ['splitOf', r.split ? String(r.split) : ''],
            ['splitFirstPartId', ''],
            ['jointUnits', lines(r.jointUnits)],
            ['facilitator', r.facilitator],
            ['scenarios', lines(r.scenarios)],
            ['questions', lines(r.questions)],
          ] as Fields,
      ),
    faults: [
      textFault(
        'heldOn',
        fc.oneof(
          badDayText,
          day(`${year - 5}-01-01`, `${year}-10-31`),
          day(`${year + 1}-01-01`, `${year + 9}-12-31`),
        ),
      ),
      textFault('durationMinutes', fc.oneof(badCountText(), fc.constantFrom('0', '9', '601', '6000'))),
      textFault('language', badTextField(40)),
      textFault('format', fc.constantFrom('', 'zoom', 'In-Person', 'VIRTUAL', 'both')),
      textFault('staffParticipants', badCountText()),
      textFault('nonStaffParticipants', badOptionalCountText()),
      badAgencyRow(),
      // Nobody there (no non-staff typed as 0 or left empty: the same).
      fc.constantFrom('0', '').map((none) => ({
        target: 'staffParticipants',
        touched: ['nonStaffParticipants'],
        apply: (fields: Map<string, string | string[]>) => {
          fields.set('staffParticipants', '0');
          fields.set('nonStaffParticipants', none);
          fields.delete('agency[]');
          fields.delete('count[]');
        },
      })),
      // Split sessions: a part without the number of parts, fewer than two parts, a part out of range, a later
      // part without or with a wrong first part.
      fc.constant({
        target: 'splitOf',
        apply: (f: Map<string, string | string[]>) => (f.set('splitPart', '1'), f.set('splitOf', '')),
      }),
      fc.constantFrom('0', '1').map((of) => ({
        target: 'splitOf',
        touched: ['splitPart'],
        apply: (f: Map<string, string | string[]>) => (
          f.set('splitPart', '1'),
          f.set('splitOf', of),
          f.set('splitFirstPartId', '')
        ),
      })),
      fc.integer({ min: 2, max: 5 }).map((of) => ({
        target: 'splitPart',
        touched: ['splitOf', 'splitFirstPartId'],
        apply: (f: Map<string, string | string[]>) => (
          f.set('splitPart', String(of + 1)),
          f.set('splitOf', String(of)),
          f.set('splitFirstPartId', '1')
        ),
      })),
      fc.integer({ min: 2, max: 5 }).map((of) => ({
        target: 'splitFirstPartId',
        apply: (f: Map<string, string | string[]>) => (
          f.set('splitPart', '2'),
          f.set('splitOf', String(of)),
          f.set('splitFirstPartId', '')
        ),
      })),
      fc
        .tuple(fc.integer({ min: 2, max: 5 }), fc.constantFrom('99999', 'abc', '-3', '99999999999', '1.5'))
        .map(([of, id]) => ({
          target: 'splitFirstPartId',
          apply: (f: Map<string, string | string[]>) => (
            f.set('splitPart', '2'),
            f.set('splitOf', String(of)),
            f.set('splitFirstPartId', id)
          ),
        })),
      // Session 1 was not split: its part count disagrees.
      fc.integer({ min: 2, max: 5 }).map((of) => ({
        target: 'splitOf',
        touched: ['splitFirstPartId'],
        apply: (f: Map<string, string | string[]>) => (
          f.set('splitPart', '2'),
          f.set('splitOf', String(of)),
          f.set('splitFirstPartId', '1')
        ),
      })),
      ...(['jointUnits', 'scenarios', 'questions'] as const).flatMap((name) => [
        fc.integer({ min: 21, max: 60 }).map((n) => ({
          target: name,
          apply: set(name, Array.from({ length: n }, (_, i) => `line ${i}`).join('\n')),
        })),
        fc
          .tuple(
            words(20),
            fc.oneof(
              typedTooLong({ jointUnits: 200, scenarios: 300, questions: 2000 }[name]),
              controlled(20),
            ),
          )
          .map(([good, bad]) => ({
            target: name,
            apply: set(name, `${good}\n${bad}`),
          })),
      ]),
      textFault('facilitator', badOptionalTextField(200)),
    ],
  };
}

/**
 * Luc schedules his session: a date and a time in Geneva, its length, a place or a link, its language. A bad
 * start is the date's problem, or the time's when the day is fine (a time that does not exist, or the hour the
 * clocks skip on the day they go forward).
 */
function scheduleForm(token: string, year: number): FormSpec {
  return {
    form: 'schedule',
    token,
    valid: fc
      .tuple(
        localStart(year),
        fc.integer({ min: 15, max: 480 }),
        text(100),
        fc.constantFrom('ar', 'zh', 'en', 'fr', 'ru', 'es'),
      )
      .map(
        ([start, minutes, place, language]) =>
          [
            ['date', start.slice(0, 10)],
            ['time', start.slice(11)],
            ['minutes', String(minutes)],
            ['place', place],
            ['url', ''],
            ['language', language],
          ] as Fields,
      ),
    faults: [
      textFault('date', fc.oneof(badDayText, fc.constantFrom(`${year - 1}-06-01`, `${year + 2}-01-10`))),
      textFault('time', fc.constantFrom('', 'noon', '1030', '10:3', '25:00', '24:00', '10:60', '-1:00')),
      fc.constant<FormFault>({
        target: 'time',
        touched: ['date'],
        apply: (fields) => {
          fields.set('date', springForward(year + 1));
          fields.set('time', '02:30');
        },
      }),
      textFault('minutes', fc.constantFrom('0', '5', '481', '1000', 'abc', '1.5', '-30', '90 min')),
      textFault('place', badOptionalTextField(300)),
      textFault('url', fc.oneof(fc.constantFrom(...NOT_WEB_LINKS), typedTooLong(500))),
      fc.constant<FormFault>({
        target: 'place',
        touched: ['url'],
        apply: (fields) => {
          fields.set('place', '');
          fields.set('url', '');
        },
      }),
      textFault('language', fc.constantFrom('de', 'EN', 'xx', 'english')),
    ],
  };
}

function formSpecs(f: HostileFixture): FormSpec[] {
  const { tokens, year } = f;
  return [
    statisticsForm(tokens.focalPoint),
    {
      form: 'extension',
      token: tokens.focalPoint,
      valid: fc.tuple(day(`${year + 1}-01-02`, `${year + 1}-06-30`), text(200)).map(
        ([d, reason]) =>
          [
            ['wishedDeadline', d],
            ['reason', reason],
          ] as Fields,
      ),
      faults: [
        textFault('wishedDeadline', fc.oneof(badDayText, day(`${year - 1}-01-01`, `${year}-12-31`))),
        textFault('reason', badTextField(2000)),
      ],
    },
    {
      form: 'scenario',
      token: tokens.focalPoint,
      valid: fc.tuple(text(100), text(300)).map(
        ([title, description]) =>
          [
            ['title', title],
            ['description', description],
          ] as Fields,
      ),
      faults: [textFault('title', badTextField(200)), textFault('description', badTextField(5000))],
    },
    {
      form: 'seminar',
      token: tokens.focalPoint,
      valid: fc
        .tuple(text(100), text(60), fc.integer({ min: 1, max: 500 }), fc.option(text(200), { nil: '' }))
        .map(
          ([topic, period, n, details]) =>
            [
              ['topic', topic],
              ['preferredPeriod', period],
              ['expectedParticipants', String(n)],
              ['details', details],
            ] as Fields,
        ),
      faults: [
        textFault('topic', badTextField(200)),
        textFault('preferredPeriod', badTextField(100)),
        textFault('expectedParticipants', fc.oneof(badCountText(1), fc.constant('0'))),
        textFault('details', badOptionalTextField(5000)),
      ],
    },
    {
      form: 'leader-link',
      token: tokens.focalPoint,
      valid: fc.constantFrom(...f.managers).map((m) => [['leaderEmail', m]] as Fields),
      faults: [
        textFault(
          'leaderEmail',
          fc.constantFrom(
            '',
            'plainaddress',
            'a@',
            'staff.one@hst.example.org',
            'nobody@hst.example.org',
            'Marta <marta.gomez@hst.example.org>',
            'x'.repeat(300) + '@hst.example.org',
          ),
        ),
      ],
    },
    sessionForm(tokens.leader, year),
    {
      form: 'feedback',
      token: tokens.participants,
      valid: fc
        .tuple(
          fc.integer({ min: 1, max: 5 }),
          fc.integer({ min: 1, max: 5 }),
          fc.integer({ min: 1, max: 5 }),
          fc.option(text(200), { nil: '' }),
        )
        .map(
          ([u, o, r, comment]) =>
            [
              ['usefulness', String(u)],
              ['openness', String(o)],
              ['relevance', String(r)],
              ['comment', comment],
            ] as Fields,
        ),
      faults: [
        ...['usefulness', 'openness', 'relevance'].map((name) =>
          textFault(name, fc.constantFrom('', '0', '6', 'x', '2.5', '-1', '10', '５')),
        ),
        textFault('comment', badOptionalTextField(2000)),
      ],
    },
    scheduleForm(tokens.manager, year),
    {
      // The Focal Point excuses a manager: only addresses that are not a manager of the tree, or no reason.
      form: 'excuse',
      token: tokens.focalPoint,
      valid: text(200).map(
        (reason) =>
          [
            ['email', 'luc.martin@hst.example.org'],
            ['reason', reason],
          ] as Fields,
      ),
      faults: [
        textFault(
          'email',
          fc.constantFrom('', 'plainaddress', 'a@', 'staff.one@hst.example.org', 'nobody@hst.example.org'),
        ),
        textFault('reason', badTextField(2000)),
      ],
    },
    {
      // A new participants' link: only for a session the leader led (Marta's only session is hers; none of
      // these numbers is one of her sessions, and the Head's session is not hers either).
      form: 'participants-link',
      token: tokens.leader,
      valid: fc.constant([['sessionId', '1']] as Fields),
      faults: [
        textFault(
          'sessionId',
          fc.constantFrom('', '0', '-1', 'abc', '1.5', '1e3', '99999999', '9007199254740993'),
        ),
      ],
    },
    {
      // The Head confirms while two managers have not led a session: refused whatever else is sent.
      form: 'confirm',
      token: tokens.head,
      valid: fc.constant([['confirmation', 'yes']] as Fields),
      faults: [fc.constant({ target: 'confirmation', apply: () => undefined })],
    },
  ];
}

/** The `_csrf` of each form of a page, as rendered for its link. */
export async function csrfTokens(base: string, token: string): Promise<Record<string, string>> {
  const html = await (await fetch(`${base}/p/${token}`)).text();
  const forms: Record<string, string> = {};
  for (const m of html.matchAll(
    /<form[^>]*action="\/p\/[^/"]+\/([a-z-]+)[^"]*"[\s\S]*?name="_csrf" value="([^"]+)"/g,
  )) {
    forms[m[1]] = m[2];
  }
  return forms;
}

export function formSurfaces(
  f: HostileFixture,
  csrf: Record<string, Record<string, string>>,
): Record<string, fc.Arbitrary<HostileCase>> {
  const surfaces: Record<string, fc.Arbitrary<HostileCase>> = {};
  for (const spec of formSpecs(f)) {
    const token = csrf[spec.token]?.[spec.form];
    if (!token) throw new Error(`no ${spec.form} form with a _csrf on the page of its link`);
    surfaces[`POST /p/:token/${spec.form}`] = fc
      .tuple(
        spec.valid,
        fc.array(fc.oneof(...spec.faults), { minLength: 1, maxLength: 3 }),
        fc.constantFrom('', '?lang=fr', '?lang=es', '?lang=en', '?lang=xx'),
        fc.array(fc.tuple(fc.stringMatching(/^[a-z]{3,10}$/), words(10)), { maxLength: 2 }),
      )
      .map(([valid, faults, lang, noise]) => {
        const fields = new Map<string, string | string[]>();
        for (const [name, value] of valid) {
          const had = fields.get(name);
          fields.set(name, had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value]);
        }
        for (const fault of faults) fault.apply(fields);
        const form = new URLSearchParams();
        form.append('_csrf', token);
        for (const [name, value] of fields)
          for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
        // Fields no form has are ignored, like a browser extension's.
        for (const [name, value] of noise) if (!fields.has(name) && name !== 'csrf') form.append(name, value);
        const expected: Fault[] = faults.map((fault) => ({
          field: fault.target ?? '(summary)',
          touched: fault.touched,
        }));
        return printable({
          surface: `form ${spec.form}`,
          method: 'POST',
          path: `/p/${spec.token}/${spec.form}${lang}`,
          body: form.toString(),
          contentType: 'application/x-www-form-urlencoded',
          admin: false,
          answer: 'page',
          faults: expected,
        });
      });
  }
  return surfaces;
}

/**
 * A refused form: 4xx, an error summary, a link in it to an input at fault (or, for a rule without an input,
 * an item), and no link to an input the case did not touch.
 */
export function judgePage(hostile: HostileCase, status: number, html: string): string[] {
  const problems: string[] = [];
  if (status < 400 || status >= 500 || status === 429) problems.push(`status ${status}, expected a 4xx`);
  const form = hostile.path.split('/')[3].split('?')[0];
  const summary = /<div class="error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0];
  if (!summary) return [...problems, 'the page has no error summary'];
  const links = [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
  const items = (summary.match(/<li>/g) ?? []).length;
  const targets = hostile.faults.map((fault) => fault.field);
  const allowed = new Set(
    hostile.faults
      .flatMap((fault) => [fault.field, ...(fault.touched ?? [])])
      .map((field) => `${form}-${field}`),
  );
  const named =
    targets.some((t) => links.includes(`${form}-${t}`)) ||
    (targets.includes('(summary)') && items > links.length);
  if (!named)
    problems.push(
      `the summary links to none of ${targets.join(', ')} (links: ${links.join(', ') || 'none'})`,
    );
  for (const link of links)
    if (!allowed.has(link)) problems.push(`the summary blames #${link}, which the case did not touch`);
  return problems;
}
