import {
  openTestOrm,
  sampleDialogueInput,
  statementShape,
  statementsOf,
  testDrivers,
  type TestOrm,
} from '@cascade/testing';
import { DialogueService } from '../dialogue/dialogue.service';
import { EntityImportService } from '../entity/entity-import.service';
import { OrgTreeService } from '../org/org-tree.service';
import { Person } from '../org/person.entity';
import type { SessionReportInput } from '../portal/portal.types';
import { SessionRecord } from '../session/session-record.entity';
import { SessionService } from '../session/session.service';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { EntityWorkflowService } from '../workflow-instance/entity-workflow.service';
import { InvitationService } from '../workflow-instance/invitation.service';
import { AnnexEPrefillQueryService } from './annex-e-prefill-query.service';
import { StatisticsService } from './statistics.service';

const ADMIN = 'admin@test';
const YEAR = 2026;
const NOW = new Date('2026-11-10T15:00:00Z');
const MANAGERS = ['head', 'ann', 'bob', 'cem', 'dia'];
/** The Head, four managers under them, three staff under each manager: 17 people, 5 managers. */
const TREE = [
  'name,email,manager_email,language,is_manager',
  'Rosa Head,head@sums.example.org,,en,yes',
  ...MANAGERS.slice(1).flatMap((m) => [
    `${m} Manager,${m}@sums.example.org,head@sums.example.org,en,`,
    ...[1, 2, 3].map((i) => `${m} Staff ${i},${m}.staff${i}@sums.example.org,${m}@sums.example.org,fr,`),
  ]),
].join('\n');
/** How leaders type the agencies: the same agency in several spellings. */
const AGENCY_SPELLINGS = ['UNHCR', 'unhcr', 'UNDP', ' UNHCR', 'World Food Programme', 'UNDP'];

/** A deterministic sequence, so that a failure is the same on every run. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe.each(testDrivers())('Annex E pre-filled from the records (%s)', (driver) => {
  let db: TestOrm;
  let prefills: AnnexEPrefillQueryService;
  let sessions: SessionService;
  let statistics: StatisticsService;
  const fresh = () => db.orm.em.fork();
  const instanceOf = (code: string) =>
    fresh().findOneOrFail(EntityWorkflow, { entity: { code } }, { populate: ['entity'] });

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-11-02T12:00:00Z'));
    const { orm, clock, registry } = db;
    const dialogues = new DialogueService(orm.em, clock, registry);
    const dialogue = await dialogues.create(sampleDialogueInput(YEAR), ADMIN);
    const entity = (code: string) => ({
      code,
      name: code,
      kind: 'office',
      dutyStation: 'Geneva',
      timeZone: 'Europe/Zurich',
      language: 'en',
      headName: 'Rosa Head',
      headEmail: `head@${code.toLowerCase()}.example.org`,
      focalPoints: [{ name: 'Focal', email: `focal@${code.toLowerCase()}.example.org` }],
    });
    await new EntityImportService(orm.em, clock).importJson([entity('SUMS'), entity('EMPTY')], ADMIN);
    await dialogues.launch(YEAR, ADMIN);
    await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, ADMIN);
    const workflows = new EntityWorkflowService(orm.em, clock, registry);
    await new OrgTreeService(orm.em, clock, registry).importCsv(YEAR, 'SUMS', TREE, ADMIN);
    clock.set(NOW);
    sessions = new SessionService(workflows);
    statistics = new StatisticsService(workflows);
    prefills = new AnnexEPrefillQueryService(orm.em);

    // Annex C reports by the managers (some lead several: split or repeated sessions), and two sessions recorded
    // by the admin API with their total only.
    const next = sequence(20261110);
    for (let i = 0; i < 14; i++) {
      const leader = MANAGERS[Math.floor(next() * 4)];
      const agencies: Record<string, number> = {};
      for (let a = Math.floor(next() * 3); a > 0; a--) {
        const name = AGENCY_SPELLINGS[Math.floor(next() * AGENCY_SPELLINGS.length)];
        agencies[name] = (agencies[name] ?? 0) + 1 + Math.floor(next() * 3);
      }
      const report: SessionReportInput = {
        heldOn: `2026-11-0${3 + (i % 5)}`,
        durationMinutes: 90,
        language: 'English',
        format: i % 2 ? 'virtual' : 'in-person',
        staffParticipants: 5 + Math.floor(next() * 20),
        nonStaffParticipants: Math.floor(next() * 4),
        otherAgencyParticipants: agencies,
      };
      await sessions.report(YEAR, 'SUMS', { email: `${leader}@sums.example.org`, name: null }, report, ADMIN);
    }
    for (const participants of [12, 7]) {
      await sessions.record(
        YEAR,
        'SUMS',
        { leaderEmail: 'Dia@sums.example.org', heldOn: '2026-11-05', language: 'French', participants },
        ADMIN,
      );
    }
  });

  afterAll(async () => {
    await db?.close();
  });

  /** The sums as a reader of the rows would make them, one session at a time. */
  async function sumsOfTheRecords(code: string) {
    const em = fresh();
    const instance = await instanceOf(code);
    const rows = await em.find(SessionRecord, { workflow: instance.id });
    const agencies: Record<string, number> = {};
    for (const row of rows) {
      for (const [name, count] of Object.entries(row.otherAgencyParticipants ?? {})) {
        const key = name.trim().toLowerCase();
        agencies[key] = (agencies[key] ?? 0) + count;
      }
    }
    return {
      sessionsHeld: rows.length,
      managersLed: new Set(rows.map((r) => r.leaderEmail)).size,
      staffParticipated: rows.reduce((sum, r) => sum + (r.staffParticipants ?? r.participants), 0),
      nonStaffParticipants: rows.reduce((sum, r) => sum + (r.nonStaffParticipants ?? 0), 0),
      agencies,
      eligibleStaff: await em.count(Person, { entity: instance.entity.id }),
      managers: await em.count(Person, { entity: instance.entity.id, isManager: true }),
      withoutBreakdown: rows.filter((r) => r.staffParticipants === null).length,
    };
  }

  const lowerCased = (agencies: Record<string, number> | null) =>
    Object.fromEntries(Object.entries(agencies ?? {}).map(([k, v]) => [k.toLowerCase(), v]));

  it('the pre-filled Annex E equals the sums of the records', async () => {
    const expected = await sumsOfTheRecords('SUMS');
    expect(expected.sessionsHeld).toBe(16);
    expect(expected.withoutBreakdown).toBe(2);
    expect(Object.keys(expected.agencies).length).toBeGreaterThan(1);

    const prefill = await prefills.forEntity(YEAR, 'SUMS');
    expect({
      sessionsHeld: prefill.sessionsHeld.value,
      managersLed: prefill.managersLed.value,
      staffParticipated: prefill.staffParticipated.value,
      nonStaffParticipants: prefill.nonStaffParticipants.value,
      agencies: lowerCased(prefill.otherAgencyParticipants.value),
      eligibleStaff: prefill.eligibleStaff.value,
      managers: prefill.records.managers,
      withoutBreakdown: prefill.records.withoutBreakdown,
    }).toEqual(expected);
    expect(prefill.eligibleStaff).toMatchObject({ value: 17, source: 'tree' });
    expect(prefill.sessionsHeld.source).toBe('sessions');
    expect(prefill.staffParticipated.params).toEqual({ sessions: 16, withoutBreakdown: 2 });
    // One spelling per agency, whichever way the leaders typed it.
    const names = Object.keys(prefill.otherAgencyParticipants.value ?? {});
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('reads the sums in one statement and the previous submission in another, however many sessions', async () => {
    const em = fresh();
    const instance = await instanceOf('SUMS');
    const statements = await statementsOf(db.orm, () => prefills.ofInstance(em, instance));
    expect(statements).toHaveLength(2);
    const [sums] = statements.filter((s) => statementShape(s) !== 'select statistics');
    expect(statements.map(statementShape)).toContain('select statistics');
    expect(sums.replace(/[`"]/g, '')).toMatch(/^select [\s\S]* from session [\s\S]* from person /);
    // A caller that read the latest submission already (the Focal Point page) adds the sums only.
    expect(await statementsOf(db.orm, () => prefills.ofInstance(em, instance, null))).toEqual([sums]);
  });

  it('an entity with no session and no tree: every figure null, from nowhere', async () => {
    const prefill = await prefills.forEntity(YEAR, 'EMPTY');
    for (const field of [
      'eligibleStaff',
      'staffParticipated',
      'sessionsHeld',
      'managersLed',
      'nonStaffParticipants',
      'otherAgencyParticipants',
    ] as const) {
      expect([field, prefill[field].value, prefill[field].source]).toEqual([field, null, 'none']);
    }
  });

  it('once the Focal Point submitted, their figures win; a session recorded since shows beside them', async () => {
    const before = await prefills.forEntity(YEAR, 'SUMS');
    const corrected = {
      eligibleStaff: 20,
      staffParticipated: 15,
      sessionsHeld: 16,
      managersLed: 4,
      nonStaffParticipants: 3,
      otherAgencyParticipants: { UNHCR: 2 },
      comments: 'Corrected by hand',
    };
    await statistics.submit(YEAR, 'SUMS', corrected, ADMIN);
    await sessions.record(
      YEAR,
      'SUMS',
      { leaderEmail: 'cem@sums.example.org', heldOn: '2026-11-09', language: 'English', participants: 11 },
      ADMIN,
    );
    const after = await prefills.forEntity(YEAR, 'SUMS');
    expect(after.sessionsHeld).toMatchObject({
      value: 16,
      source: 'previous-submission',
      params: { revision: 1 },
      fromRecords: { value: 17, source: 'sessions' },
    });
    expect(after.staffParticipated.fromRecords?.value).toBe((before.staffParticipated.value ?? 0) + 11);
    expect(after.otherAgencyParticipants.value).toEqual({ UNHCR: 2 });
    expect(after.comments).toMatchObject({ value: 'Corrected by hand', source: 'previous-submission' });
    expect(after.previous?.revision).toBe(1);
  });
});
