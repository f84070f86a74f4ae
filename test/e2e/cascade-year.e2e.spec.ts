import { DateTime } from 'luxon';
import {
  calendarPartsOf,
  generateEntityListTrees,
  readCalendar,
  sampleDialogueInput,
  startSmtpSink,
  startStack,
  testDrivers,
  waitFor,
  type ReportingTree,
  type SmtpSink,
  type Stack,
} from '@cascade/testing';
import { openDbQuery, instantOf, type DbQuery } from './support/db-query';
import { entitiesWithPeople } from './support/demo-entities';

const YEAR = 2026; // deadline Thu 31 Dec 2026, cutoff Sun 28 Feb 2027
/** A tenth of each entity's staff: every entity keeps a tree of several levels, and a year stays quick. */
const TREES: ReportingTree[] = generateEntityListTrees({ scale: 0.1 });
const ENTITIES = entitiesWithPeople();
/** Every manager who has their turn leads their session within the week; the cascade reaches the bottom. */
const ACTIVE = ENTITIES.filter((_, i) => i % 3 === 0).map((e) => e.code);
/** Only the Head leads a session; the managers below are asked, reminded, then their Head is nudged. */
const SLOW = ENTITIES.filter((_, i) => i % 3 === 1).map((e) => e.code);
/** Nobody leads a session: the Head is reminded, and the Focal Points' digest lists them. */
const IDLE = ENTITIES.filter((_, i) => i % 3 === 2).map((e) => e.code);

const treeOf = (code: string) => TREES.find((t) => t.code === code) as ReportingTree;
const managersOf = (code: string) => treeOf(code).people.filter((p) => p.isManager);
const headOf = (code: string) => treeOf(code).people[0];
/** The calendar part of a received mail, or null when it has none. */
const calendarPartsOfOrNull = (mail: Parameters<typeof calendarPartsOf>[0] | undefined) => {
  try {
    return mail ? calendarPartsOf(mail) : null;
  } catch {
    return null;
  }
};
const zoneOf = (code: string) => ENTITIES.find((e) => e.code === code)?.timeZone as string;

interface ManagerRow {
  id: number;
  email: string;
  code: string;
  state: string;
}
interface TimerRow {
  manager_id: number;
  timer_id: string;
  status: string;
  due_at: unknown;
  closed_at: unknown;
}

describe.each(testDrivers())("the managers' cascade through a whole year, 58 entities (%s)", (driver) => {
  let stack: Stack;
  let sink: SmtpSink;
  let db: DbQuery;
  let managers: ManagerRow[] = [];
  let timers: TimerRow[] = [];
  /** The managers who scheduled their session through the API (one under each active Head with managers). */
  const scheduled: { code: string; email: string }[] = [];
  const advance = (to: string) => stack.ok('POST', '/api/simulation/advance', { to });
  const managerRows = () =>
    db.rows<ManagerRow>(
      `select m.id, m.email, e.code, m.state from manager_workflow m
       join entity_workflow w on w.id = m.workflow_id join entity e on e.id = w.entity_id order by m.id`,
    );

  /** Every manager of these entities whose turn has come (or who scheduled) and has not held their session leads it now. */
  async function leadSessions(codes: string[], heldOn: string, states = ['your-turn', 'scheduled']) {
    const due = (await managerRows()).filter((m) => codes.includes(m.code) && states.includes(m.state));
    for (const m of due) {
      await stack.ok('POST', `/api/dialogues/${YEAR}/entities/${m.code}/sessions`, {
        leaderEmail: m.email,
        heldOn,
        language: 'en',
        participants: 12,
      });
    }
    return due.length;
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    stack = await startStack({
      driver,
      workers: 2,
      env: {
        SIMULATION: 'true',
        TIMER_RATE_LIMIT: '2000',
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        SMTP_IGNORE_TLS: 'true',
        MAIL_FROM: 'Ethics Office <ethics-office@un.example.org>',
      },
    });
    db = await openDbQuery(stack.database as NonNullable<Stack['database']>);
  });

  afterAll(async () => {
    await db?.close();
    await stack?.stop();
    await sink?.close();
  });

  it('imports a generated tree for each of the 58 entities and launches: the Head of each is asked', async () => {
    await stack.ok('PUT', '/api/simulation/clock', { now: '2026-10-30T12:00:00Z' });
    await stack.ok('POST', '/api/dialogues', sampleDialogueInput(YEAR));
    await stack.ok('POST', '/api/entities/import', { entities: ENTITIES });
    await stack.ok('POST', `/api/dialogues/${YEAR}/launch`);
    await waitFor(async () => (await db.rows('select id from entity_workflow')).length === 58, {
      what: '58 invited entities',
      timeoutMs: 60_000,
    });
    for (const tree of TREES) {
      await stack.ok('POST', `/api/dialogues/${YEAR}/entities/${tree.code}/org-tree`, tree.csv, {
        contentType: 'text/csv',
      });
    }
    managers = await managerRows();
    const expected = TREES.reduce((n, t) => n + t.people.filter((p) => p.isManager).length, 0);
    expect(managers).toHaveLength(expected);
    const asked = managers.filter((m) => m.state === 'your-turn');
    expect(asked.map((m) => m.email).sort()).toEqual(TREES.map((t) => t.people[0].email).sort());
  });

  it('runs the year: the cascade goes down the active trees, stops under the slow Heads, never starts in the idle', async () => {
    await advance('2026-11-02T12:00:00Z');
    expect(await leadSessions([...ACTIVE, ...SLOW], '2026-10-31')).toBe(ACTIVE.length + SLOW.length);
    // On 9 November one manager under each active Head schedules their session for Wednesday 10:00 local: their
    // team gets calendar invitations; they record it the Monday after.
    await advance('2026-11-09T12:00:00Z');
    for (const code of ACTIVE) {
      const first = managersOf(code).find((m) => m.managerEmail === headOf(code).email);
      if (!first) continue;
      await stack.ok('POST', `/api/dialogues/${YEAR}/entities/${code}/managers/${first.email}/schedule`, {
        startsAt: '2026-11-11T10:00',
        place: 'Conference room 1',
      });
      scheduled.push({ code, email: first.email });
    }
    await leadSessions(ACTIVE, '2026-11-07', ['your-turn']);
    // Week after week the active trees' managers lead their sessions as their turn comes.
    let monday = DateTime.fromISO('2026-11-16T12:00:00Z', { zone: 'utc' });
    for (let week = 0; week < 7; week += 1, monday = monday.plus({ weeks: 1 })) {
      await advance(monday.toISO() as string);
      await leadSessions(ACTIVE, monday.minus({ days: 2 }).toISODate() as string);
    }
    await advance('2027-03-05T00:00:00Z');
    managers = await managerRows();
    expect(new Set(managers.map((m) => m.state))).toEqual(new Set(['closed']));
    timers = await db.rows<TimerRow>(
      'select manager_id, timer_id, status, due_at, closed_at from timer where manager_id is not null',
    );
    expect(timers.filter((t) => t.status === 'pending')).toEqual([]);
  });

  it('reminded at 09:00 local on working days, 14 and 28 days after the turn, then nudged at 35', async () => {
    const fired = timers.filter((t) => t.status === 'fired');
    expect(fired.length).toBeGreaterThan(0);
    const codeOf = new Map(managers.map((m) => [m.id, m.code]));
    const emailOf = new Map(managers.map((m) => [m.id, m.email]));
    for (const t of fired) {
      const local = DateTime.fromJSDate(instantOf(t.due_at), {
        zone: zoneOf(codeOf.get(t.manager_id) as string),
      });
      expect([t.timer_id, local.toFormat('HH:mm'), local.weekday <= 5]).toEqual([t.timer_id, '09:00', true]);
      expect(instantOf(t.closed_at).getTime()).toBe(instantOf(t.due_at).getTime());
    }
    const firedFor = (email: string) =>
      fired
        .filter((t) => emailOf.get(t.manager_id) === email)
        .map((t) => t.timer_id)
        .sort();
    // The active trees' managers all led within a week of their turn: no reminder ever fired for them; those who
    // scheduled were reminded to record it the day after the session.
    const schedulers = new Set(scheduled.map((s) => s.email));
    expect(schedulers.size).toBeGreaterThan(ACTIVE.length / 2);
    for (const code of ACTIVE)
      for (const m of managersOf(code))
        expect([m.email, firedFor(m.email)]).toEqual([
          m.email,
          schedulers.has(m.email) ? ['record-reminder'] : [],
        ]);
    // Under a slow Head, every manager was asked on 2 November and never acted: two reminders, then the nudge.
    for (const code of SLOW) {
      const head = headOf(code);
      for (const m of managersOf(code).filter((p) => p.managerEmail === head.email))
        expect([m.email, firedFor(m.email)]).toEqual([
          m.email,
          ['nudge-manager', 'reminder-14', 'reminder-28'],
        ]);
    }
    for (const code of IDLE) {
      const head = headOf(code).email;
      expect([head, firedFor(head)]).toEqual([head, ['nudge-manager', 'reminder-14', 'reminder-28']]);
    }
  });

  it('mailed each manager their turn, the slow Heads the nudges about their managers, and the Focal Points a weekly digest', async () => {
    type MailRow = { template: string; recipient_address: string; entity_code: string };
    // Composition runs behind the clock: wait until the outbox is drained and no more mail rows appear.
    let seen = -1;
    const mails = (await waitFor(
      async () => {
        const pending = await db.rows("select id from outbox where status = 'pending'");
        const rows = await db.rows<MailRow>('select template, recipient_address, entity_code from mail');
        const settled = pending.length === 0 && rows.length === seen;
        seen = rows.length;
        return settled ? rows : null;
      },
      { what: 'the managers’ mails composed', timeoutMs: 120_000, intervalMs: 1000 },
    )) as MailRow[];
    const to = (template: string) =>
      mails.filter((m) => m.template === template).map((m) => m.recipient_address);
    for (const code of ACTIVE)
      for (const m of managersOf(code)) expect(to('manager-your-turn')).toContain(m.email);
    // A Head with managers under them was nudged about them (a tiny tree is the Head and their staff alone).
    const nudged = SLOW.filter((code) => managersOf(code).some((m) => m.managerEmail === headOf(code).email));
    expect(nudged.length).toBeGreaterThan(SLOW.length / 2);
    for (const code of nudged) expect(to('manager-nudge')).toContain(headOf(code).email);
    const digests = mails.filter((m) => m.template === 'managers-digest');
    // Every entity with a lagging manager: each idle Head, the managers under each slow Head.
    for (const code of [...nudged, ...IDLE]) expect(digests.map((d) => d.entity_code)).toContain(code);
    // The SMTP server received them: every Head of an idle tree has their turn and both reminders.
    await waitFor(() => sink.received.length >= mails.length, {
      what: 'every mail at the SMTP server',
      timeoutMs: 120_000,
    });
    for (const code of IDLE) {
      const head = headOf(code).email;
      expect(sink.received.filter((r) => r.rcptTo.includes(head)).length).toBeGreaterThanOrEqual(3);
    }
    // Each team member of a manager who scheduled received the calendar file: read by ical.js, the session starts at
    // 10:00 on Wednesday 11 November in the entity's zone, organised by the manager.
    for (const { code, email } of scheduled) {
      for (const member of treeOf(code).people.filter((p) => p.managerEmail === email)) {
        const mail = sink.received.find(
          (r) => r.rcptTo.includes(member.email) && calendarPartsOfOrNull(r)?.method === 'REQUEST',
        );
        const ics = readCalendar((calendarPartsOfOrNull(mail) as { alternative: string }).alternative);
        expect([member.email, ics.startZone, ics.startLocal, ics.organizer.email, ics.location]).toEqual([
          member.email,
          zoneOf(code),
          '2026-11-11T10:00:00',
          email,
          'Conference room 1',
        ]);
        const expected = DateTime.fromISO('2026-11-11T10:00', { zone: zoneOf(code) }).toJSDate();
        expect(ics.start.toISOString()).toBe(expected.toISOString());
      }
    }
  });
});
