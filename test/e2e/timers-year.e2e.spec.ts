import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { sampleDialogueInput, startStack, testDrivers, waitFor, type Stack } from '@cascade/testing';
import { ENTITIES_CSV, ENTITY_CODES as CODES } from './support/demo-entities';
import type { DialogueSummary, EntityView } from './support/views';

const YEAR = 2026; // deadline Thu 31 Dec 2026, cutoff Sun 28 Feb 2027
const STATS = {
  eligibleStaff: 50,
  staffParticipated: 40,
  sessionsHeld: 4,
  managersLed: 4,
  nonStaffParticipants: 1,
};

const WITHDRAWN = 'UNMHA';
const EXTENDED = 'UNAMA'; // Kabul, extended past the cutoff
const LATE = 'UNLATE'; // added on 1 December, Kabul
const rest = CODES.filter((c) => c !== WITHDRAWN && c !== EXTENDED);
const group = (n: number) => rest.filter((_, i) => i % 4 === n);
const EARLY = group(0); // submit on 16 November
const SESSION_THEN_SUBMIT = group(1); // session 16 November, statistics 20 December
const LATE_SUBMITTERS = group(2); // statistics 20 January, while overdue
const NEVER = group(3); // never submit

interface PlanRowView {
  key: string | null;
  entity: string | null;
  timeZone: string;
  timer: string;
  kind: string;
  dueAt: string;
  localDueAt: string;
  mail: { template: string; to: string[] } | null;
  status: string;
  closedAt: string | null;
  outcome: string | null;
}

interface AdvanceReport {
  steps: number;
  fired: number;
  skipped: number;
  elapsedMs: number;
}

interface PlanView {
  launched: boolean;
  timers: PlanRowView[];
}

const escalations = (n: number) => Array.from({ length: n }, (_, i) => `escalation-${i + 1}`);
/** Every reminder and the deadline notice: what an entity that never submits in time receives. */
const UNTIL_DEADLINE = ['nudge-head', 'reminder-30', 'reminder-14', 'reminder-7', 'reminder-1', 'deadline'];

/**
 * The timers each group must have fired, worked out by hand from the brief's rules (09:00 local on working
 * days, reminders 30/14/7/1 days before the deadline, nudge 21 days after the 30 October invitation, overdue
 * notice the day after the deadline, escalation after 7 days then weekly until the 28 February cutoff).
 */
const EXPECTED_FIRED: Record<string, string[]> = {
  early: [],
  sessionThenSubmit: ['reminder-30', 'reminder-14'],
  lateSubmitters: [...UNTIL_DEADLINE, ...escalations(3)],
  never: [...UNTIL_DEADLINE, ...escalations(9), 'close-year'],
  withdrawn: ['nudge-head', 'reminder-30'],
  extended: ['nudge-head', 'reminder-30', 'reminder-14', 'close-year'],
  // Kabul, invited 1 December with the others' 62-day runway: deadline Mon 1 February. reminder-30 (Sat 2 Jan)
  // moves to Monday 4, reminder-1 (Sun 31 Jan) to the deadline day's morning; escalations on 2, 8, 15, 22 Feb.
  late: [...UNTIL_DEADLINE, ...escalations(4), 'close-year'],
};

/**
 * The `never` entities whose duty station keeps New Year's Day (every station the holiday library places):
 * escalation 1, due on Friday 1 January 2027, moves past the holiday and the weekend to Monday 4 January. The
 * others (no library holidays there, only the Ethics Office's list, empty here) keep 1 January.
 */
const NEW_YEAR_KEPT = new Set([
  'DOS',
  'DGC',
  'OIOS',
  'ETHICS',
  'UNCTAD',
  'UNOV',
  'UNEP',
  'ESCAP',
  'UNMISS',
  'UNSOS',
  'UNVMC',
  'RSCE',
]);

/** Expected local dates of the `never` group, independent of the zone (all are working days, see NEW_YEAR_KEPT). */
const NEVER_LOCAL: Record<string, string> = {
  'nudge-head': '2026-11-20T09:00',
  'reminder-30': '2026-12-01T09:00',
  'reminder-14': '2026-12-17T09:00',
  'reminder-7': '2026-12-24T09:00',
  'reminder-1': '2026-12-30T09:00',
  deadline: '2027-01-01T00:00',
  'escalation-1': '2027-01-01T09:00',
  'escalation-2': '2027-01-07T09:00',
  'escalation-3': '2027-01-14T09:00',
  'escalation-4': '2027-01-21T09:00',
  'escalation-5': '2027-01-28T09:00',
  'escalation-6': '2027-02-04T09:00',
  'escalation-7': '2027-02-11T09:00',
  'escalation-8': '2027-02-18T09:00',
  'escalation-9': '2027-02-25T09:00',
  'close-year': '2027-03-01T00:00',
};

describe.each(testDrivers())('a whole dialogue year on the simulation clock, two workers (%s)', (driver) => {
  let stack: Stack;
  let prefix: string;
  let call: Stack['call'];
  let ok: Stack['ok'];
  const advanced = { steps: 0, fired: 0, skipped: 0, elapsedMs: 0 };

  async function advanceTo(to: string) {
    const report = await ok<AdvanceReport>('POST', '/api/simulation/advance', { to });
    advanced.steps += report.steps;
    advanced.fired += report.fired;
    advanced.skipped += report.skipped;
    advanced.elapsedMs += report.elapsedMs;
    return report;
  }

  beforeAll(async () => {
    stack = await startStack({
      driver,
      env: { SIMULATION: 'true', TIMER_RATE_LIMIT: '2000' },
      workers: 2,
    });
    ({ prefix, call, ok } = stack);
  });

  afterAll(() => stack?.stop());

  it('starts the clock on 30 October and previews the plan before launch, as JSON and CSV', async () => {
    expect(
      (await ok<{ now: string }>('PUT', '/api/simulation/clock', { now: '2026-10-30T12:00:00Z' })).now,
    ).toBe('2026-10-30T12:00:00.000Z');
    await ok('POST', '/api/dialogues', sampleDialogueInput(YEAR));
    await ok('POST', '/api/entities/import', ENTITIES_CSV, { contentType: 'text/csv' });
    const preview = await ok<PlanView>('GET', `/api/dialogues/${YEAR}/plan?entity=UNAMA`);
    expect(preview.launched).toBe(false);
    const kabul = preview.timers.filter((t) => t.status === 'projected');
    expect(kabul.find((t) => t.timer === 'reminder-30')).toMatchObject({
      localDueAt: '2026-12-01T09:00:00+04:30',
      dueAt: '2026-12-01T04:30:00.000Z',
      mail: { template: 'reminder', to: ['focal-points'] },
    });
    expect(kabul.filter((t) => t.kind === 'escalation')).toHaveLength(9);
    const csv = await call<string>('GET', `/api/dialogues/${YEAR}/plan?format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe(
      'entity,entity_name,time_zone,timer,kind,due_at_utc,due_at_local,mail_template,recipients,event,escalation_level,status,condition,closed_at_utc,outcome,key',
    );
    expect(lines.length).toBeGreaterThan(58 * 7);
  });

  it('launches: the worker invites all 58 at the virtual time and every timer is planned', async () => {
    await ok('POST', `/api/dialogues/${YEAR}/launch`);
    await waitFor(
      async () => (await ok<DialogueSummary>('GET', `/api/dialogues/${YEAR}`)).byState.invited === 58,
      {
        what: '58 invited entities',
        timeoutMs: 30000,
      },
    );
    const eosg = await ok<EntityView>('GET', `/api/dialogues/${YEAR}/entities/EOSG`);
    expect(eosg.invitedAt).toBe('2026-10-30T12:00:00.000Z');
    expect(eosg.nextTimer).toMatchObject({ timer: 'nudge-head', localDueAt: '2026-11-20T09:00:00-05:00' });
  });

  it('runs the year: early, late, extended past the cutoff, added late, withdrawn, never submitted', async () => {
    await advanceTo('2026-11-16T12:00:00Z');
    for (const code of EARLY) await ok('POST', `/api/dialogues/${YEAR}/entities/${code}/statistics`, STATS);
    for (const code of SESSION_THEN_SUBMIT) {
      await ok('POST', `/api/dialogues/${YEAR}/entities/${code}/sessions`, {
        leaderEmail: `head@${code.toLowerCase()}.example.org`,
        heldOn: '2026-11-13',
        language: 'en',
        participants: 14,
      });
    }

    await advanceTo('2026-12-01T12:00:00Z');
    const late = await ok<EntityView>('POST', `/api/dialogues/${YEAR}/entities`, {
      code: LATE,
      name: 'A late office',
      kind: 'office',
      dutyStation: 'Kabul',
      timeZone: 'Asia/Kabul',
      language: 'en',
      focalPoints: [{ name: 'Late Focal', email: 'focal@late.example.org', language: 'en' }],
    });
    expect(late.accommodatedDeadline).toBe('2027-02-01');

    await advanceTo('2026-12-10T12:00:00Z');
    await ok('POST', `/api/dialogues/${YEAR}/entities/${WITHDRAWN}/withdraw`, { reason: 'Mission closed' });

    await advanceTo('2026-12-20T12:00:00Z');
    for (const code of SESSION_THEN_SUBMIT) {
      await ok('POST', `/api/dialogues/${YEAR}/entities/${code}/statistics`, STATS);
    }
    const extended = await ok<{ warnings: string[] }>(
      'POST',
      `/api/dialogues/${YEAR}/entities/${EXTENDED}/extension`,
      {
        deadline: '2027-03-31',
        reason: 'Security situation',
      },
    );
    expect(extended.warnings[0]).toMatch(/after the report cutoff/);

    await advanceTo('2027-01-20T12:00:00Z');
    // Overdue since 1 January: three escalation steps so far, the fourth is next.
    const overdue = await ok<EntityView>('GET', `/api/dialogues/${YEAR}/entities/${LATE_SUBMITTERS[0]}`);
    expect(overdue).toMatchObject({ state: 'overdue', escalationLevel: 3 });
    expect(overdue.nextTimer).toMatchObject({
      timer: 'escalation-4',
      kind: 'escalation',
      escalationLevel: 4,
    });
    for (const code of LATE_SUBMITTERS)
      await ok('POST', `/api/dialogues/${YEAR}/entities/${code}/statistics`, STATS);

    await advanceTo('2027-03-05T00:00:00Z');
    const summary = await ok<DialogueSummary>('GET', `/api/dialogues/${YEAR}`);
    expect(summary.byState).toEqual({
      'stats-submitted': EARLY.length + SESSION_THEN_SUBMIT.length + LATE_SUBMITTERS.length,
      'not-completed': NEVER.length + 2,
      withdrawn: 1,
    });
    const never = await ok('GET', `/api/dialogues/${YEAR}/entities/${NEVER[0]}`);
    expect(never).toMatchObject({ state: 'not-completed', escalationLevel: 9, nextTimer: null });
    console.log(
      `year simulation (${driver}): ${advanced.steps} clock stops, ${advanced.fired} timers fired, ${advanced.skipped} skipped, ${(advanced.elapsedMs / 1000).toFixed(1)} s advancing`,
    );
  });

  it('fired every timer exactly once, on its local 09:00 working-day slot (or at the end of the day), or not at all', async () => {
    const all = (await ok<PlanView>('GET', `/api/dialogues/${YEAR}/plan?status=all`)).timers;
    expect(all.filter((t) => t.status === 'pending')).toEqual([]);
    const fired = all.filter((t) => t.status === 'fired');
    expect(fired.length).toBe(advanced.fired);
    for (const timer of fired) {
      // Fired at its due instant of the virtual clock, never before nor late.
      expect(timer.closedAt).toBe(timer.dueAt);
      const local = DateTime.fromISO(timer.dueAt, { zone: timer.timeZone });
      const slot = local.toFormat('HH:mm');
      if (timer.kind === 'deadline' || timer.kind === 'close-year') expect(slot).toBe('00:00');
      else {
        expect([slot, local.weekday <= 5]).toEqual(['09:00', true]);
      }
      expect(timer.localDueAt).toBe(local.toISO({ suppressMilliseconds: true }));
    }
    const firedOf = (code: string) =>
      fired
        .filter((t) => t.entity === code)
        .map((t) => t.timer)
        .sort();
    const expectGroup = (codes: string[], name: string) => {
      for (const code of codes)
        expect([code, firedOf(code)]).toEqual([code, [...EXPECTED_FIRED[name]].sort()]);
    };
    expectGroup(EARLY, 'early');
    expectGroup(SESSION_THEN_SUBMIT, 'sessionThenSubmit');
    expectGroup(LATE_SUBMITTERS, 'lateSubmitters');
    expectGroup(NEVER, 'never');
    expectGroup([WITHDRAWN], 'withdrawn');
    expectGroup([EXTENDED], 'extended');
    expectGroup([LATE], 'late');
    for (const timer of fired.filter((t) => NEVER.includes(t.entity as string))) {
      expect([timer.entity, timer.timer, timer.localDueAt.slice(0, 16)]).toEqual([
        timer.entity,
        timer.timer,
        timer.timer === 'escalation-1' && NEW_YEAR_KEPT.has(timer.entity as string)
          ? '2027-01-04T09:00'
          : NEVER_LOCAL[timer.timer],
      ]);
    }
    // The digest went out at 09:00 in New York on every working day from launch until the cutoff that is not a
    // public holiday there (the Ethics Office's duty station): Election Day, Veterans Day, Thanksgiving, Christmas…
    const newYork = new Holidays('US', 'NY', { types: ['public'] });
    const digestDays = fired.filter((t) => t.kind === 'digest').map((t) => t.localDueAt.slice(0, 10));
    const expectedDays: string[] = [];
    for (
      let day = DateTime.fromISO('2026-10-30');
      day <= DateTime.fromISO('2027-02-28');
      day = day.plus({ days: 1 })
    ) {
      const publicHoliday = (newYork.isHoliday(day.set({ hour: 12 }).toJSDate()) || []).some(
        (h) => h.type === 'public',
      );
      if (day.weekday <= 5 && !publicHoliday) expectedDays.push(day.toISODate() as string);
    }
    expect(digestDays).toEqual(expectedDays);
    expect(expectedDays).not.toContain('2026-11-26'); // Thanksgiving Day
  });

  it('queued exactly one mail per fired mail-bearing timer, and none for a timer that did not fire', async () => {
    const all = (await ok<PlanView>('GET', `/api/dialogues/${YEAR}/plan?status=all`)).timers;
    const mailing = all.filter(
      (t) => t.status === 'fired' && t.mail && !t.outcome?.startsWith('nothing lagging'),
    );
    const expected = mailing.map((t) => `mail.timer.${t.key}`).sort();
    expect(expected.length).toBeGreaterThan(NEVER.length * 10);
    const timerMailJobs = async () => {
      const ids: string[] = [];
      let cursor = '0';
      do {
        const [next, found] = await stack
          .redis()
          .scan(cursor, 'MATCH', `${prefix}:mail:mail.timer.*`, 'COUNT', 1000);
        cursor = next;
        ids.push(...found.filter((k) => !k.endsWith(':logs')).map((k) => k.slice(`${prefix}:mail:`.length)));
      } while (cursor !== '0');
      return ids.sort();
    };
    // The workers hand the outbox to Redis right after each firing; the last ones may still be on their way.
    const jobs = await waitFor(
      async () => ((await timerMailJobs()).length >= expected.length ? timerMailJobs() : null),
      {
        what: 'every timer mail in the mail queue',
        timeoutMs: 20000,
      },
    );
    expect(jobs).toEqual(expected);
  });
});
