import fs from 'node:fs';
import path from 'node:path';
import { openTestOrm, sampleDialogueInput, testDrivers, type TestOrm } from '@cascade/testing';
import { DialogueService } from '../dialogue/dialogue.service';
import { EntityImportService } from '../entity/entity-import.service';
import { StatisticsService, type StatisticsInput } from '../statistics/statistics.service';
import { EntityWorkflowService } from '../workflow-instance/entity-workflow.service';
import { InvitationService } from '../workflow-instance/invitation.service';
import { OutboxMessage } from '@cascade/scheduling';
import { AuditEvent } from '../audit/audit-event.entity';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { Report } from './report.entity';
import type { ReportMailFacts } from './report-mails';
import { ReportService } from './report.service';

const ENTITIES_CSV = fs.readFileSync(
  path.resolve(__dirname, '../../../persistence/seed/entities.csv'),
  'utf8',
);
const CODES = ENTITIES_CSV.trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',')[0]);
const ADMIN = 'admin@test';
const YEAR = 2026;

/** Figures that differ per entity, so a sum over the wrong set cannot match by chance. */
function figures(i: number): StatisticsInput {
  const eligible = 20 + ((i * 37) % 400);
  return {
    eligibleStaff: eligible,
    staffParticipated: Math.floor(eligible * (0.5 + ((i * 13) % 50) / 100)),
    sessionsHeld: 2 + (i % 9),
    managersLed: 1 + (i % 2),
    nonStaffParticipants: i % 5,
    otherAgencyParticipants: i % 3 === 0 ? { UNDP: i % 4, UNICEF: 1 } : {},
  };
}

/**
 * A year of the 58 real entities through the services, on a fixed clock: some submit early, some late (overdue,
 * before the cutoff), one is extended past the cutoff and submits, one is extended past the cutoff and never does,
 * one is added late and submits, one withdraws, the rest never submit. The report's figures are recomputed here
 * from what the test submitted.
 */
describe.each(testDrivers())('the report of a simulated 58-entity year (%s)', (driver) => {
  let db: TestOrm;
  let reports: ReportService;
  const submitted = new Map<string, StatisticsInput>();
  const EARLY = CODES.slice(0, 20);
  const LATE = CODES.slice(20, 30);
  const [EXTENDED_SUBMITS, EXTENDED_SILENT, WITHDRAWN] = CODES.slice(30, 33);
  const NEVER = CODES.slice(33);
  const LATE_ADDED = 'UNLATE';

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-10-30T12:00:00Z'));
    const { orm, clock, registry } = db;
    const dialogues = new DialogueService(orm.em, clock, registry);
    const workflows = new EntityWorkflowService(orm.em, clock, registry);
    const statistics = new StatisticsService(workflows);
    const invitations = new InvitationService(orm.em, clock, registry);
    reports = new ReportService(orm.em, clock, registry);
    const dialogue = await dialogues.create(sampleDialogueInput(YEAR), ADMIN);
    await new EntityImportService(orm.em, clock).importCsv(ENTITIES_CSV, ADMIN);
    await dialogues.launch(YEAR, ADMIN);
    await invitations.inviteAll(dialogue.id, ADMIN);
    const submit = async (code: string, i: number) => {
      submitted.set(code, figures(i));
      await statistics.submit(YEAR, code, figures(i), ADMIN);
    };

    clock.set(new Date('2026-12-01T12:00:00Z'));
    for (const [i, code] of EARLY.entries()) await submit(code, i);
    await invitations.addLateEntity(
      YEAR,
      {
        code: LATE_ADDED,
        name: 'A late office',
        kind: 'office',
        dutyStation: 'Kabul',
        timeZone: 'Asia/Kabul',
        language: 'en',
      },
      ADMIN,
    );
    await workflows.withdraw(YEAR, WITHDRAWN, 'Mission closed', ADMIN);
    await workflows.grantExtension(YEAR, EXTENDED_SUBMITS, '2027-03-31', 'Security situation', ADMIN);
    await workflows.grantExtension(YEAR, EXTENDED_SILENT, '2027-04-15', 'Relocation', ADMIN);

    clock.set(new Date('2027-01-20T12:00:00Z')); // after the deadline: the late ones are overdue by now
    for (const [i, code] of LATE.entries()) await submit(code, 100 + i);
    await submit(EXTENDED_SUBMITS, 200);
    await submit(LATE_ADDED, 300);
    clock.set(new Date('2027-03-01T12:00:00Z'));
    // Some eighty transitions, each in its own transaction: more than the default 5 s on a loaded machine.
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  });

  it('lists as completed exactly those that submitted in time without an extension past the cutoff', async () => {
    const draft = await reports.draft(YEAR);
    const status = (code: string) => draft.rows.find((r) => r.code === code)?.status;
    for (const code of [...EARLY, ...LATE, LATE_ADDED])
      expect([code, status(code)]).toEqual([code, 'completed']);
    expect(status(EXTENDED_SUBMITS)).toBe('not-included');
    expect(draft.rows.find((r) => r.code === EXTENDED_SUBMITS)?.statusReason).toMatch(
      /extension until 2027-03-31/,
    );
    expect(status(EXTENDED_SILENT)).toBe('not-included');
    expect(status(WITHDRAWN)).toBe('withdrawn');
    for (const code of NEVER) expect([code, status(code)]).toEqual([code, 'not-completed']);
  });

  it('adds up to the figures recomputed from the raw submissions, overall and per kind', async () => {
    const report = await reports.issue(YEAR, ADMIN);
    const completed = [...EARLY, ...LATE, LATE_ADDED];
    const sum = (pick: (s: StatisticsInput) => number, codes = completed) =>
      codes.reduce((t, code) => t + pick(submitted.get(code) as StatisticsInput), 0);
    const agencies: Record<string, number> = {};
    for (const code of completed) {
      for (const [a, n] of Object.entries(submitted.get(code)?.otherAgencyParticipants ?? {})) {
        agencies[a] = (agencies[a] ?? 0) + n;
      }
    }
    expect(report.content.totals).toEqual({
      entities: 59,
      completed: completed.length,
      notCompleted: NEVER.length,
      notIncluded: 2,
      withdrawn: 1,
      eligibleStaff: sum((s) => s.eligibleStaff),
      staffParticipated: sum((s) => s.staffParticipated),
      participationRate: sum((s) => s.staffParticipated) / sum((s) => s.eligibleStaff),
      sessionsHeld: sum((s) => s.sessionsHeld),
      managersLed: sum((s) => s.managersLed),
      nonStaffParticipants: sum((s) => s.nonStaffParticipants),
      otherAgencyParticipants: agencies,
    });
    const kindOf = new Map(report.content.rows.map((r) => [r.code, r.kind]));
    for (const [kind, totals] of Object.entries(report.content.byKind)) {
      const ofKind = completed.filter((c) => kindOf.get(c) === kind);
      expect([kind, totals.completed, totals.staffParticipated]).toEqual([
        kind,
        ofKind.length,
        sum((s) => s.staffParticipated, ofKind),
      ]);
    }
    const eosg = report.content.rows.find((r) => r.code === EARLY[0]);
    expect(eosg?.participationRate).toBeCloseTo(figures(0).staffParticipated / figures(0).eligibleStaff, 10);
    // States over time start with the 58 invited at the launch (the late addition not yet invited) and end with
    // the final states.
    expect(report.content.statesOverTime[0].byState).toEqual({ invited: 58, pending: 1 });
    expect(report.content.statesOverTime.at(-1)?.byState).toMatchObject({
      reported: completed.length,
      withdrawn: 1,
    });
    const stored = await db.orm.em.fork().findOneOrFail(Report, { version: 1 });
    expect(stored.content.totals.completed).toBe(completed.length);
  });

  it('tells every Focal Point and Head how their entity is listed, in the report’s transaction; a re-issue that changes no listing mails no one', async () => {
    const em = db.orm.em.fork();
    const mailsOf = async (version: number) =>
      (
        await em.find(
          OutboxMessage,
          { idempotencyKey: { $like: `mail.report.%.${version}.%` } },
          { orderBy: { id: 'asc' } },
        )
      ).map(
        (m) =>
          m.payload as { workflowId: number; template: string; audience: string[]; data: ReportMailFacts },
      );
    const instances = await em.find(EntityWorkflow, { dialogue: { year: YEAR } }, { populate: ['entity'] });
    const codeOf = new Map(instances.map((i) => [i.id, i.entity.code]));
    const first = await mailsOf(1);
    // 59 entities in the report, the withdrawn one not written to.
    expect(first).toHaveLength(58);
    expect(first.map((m) => codeOf.get(m.workflowId))).not.toContain(WITHDRAWN);
    for (const mail of first) {
      const code = codeOf.get(mail.workflowId) as string;
      expect([
        code,
        mail.template,
        mail.audience,
        mail.data.reportVersion,
        mail.data.listedAsCompleted,
      ]).toEqual([
        code,
        'report-issued',
        ['focal-points', 'head-of-entity'],
        1,
        [...EARLY, ...LATE, LATE_ADDED].includes(code),
      ]);
    }
    const audit = await em.findOneOrFail(AuditEvent, { event: 'issue-report', workflow: null });
    expect(audit.details).toMatchObject({ version: 1, mailed: 58 });

    const second = await reports.issue(YEAR, ADMIN);
    expect(second.version).toBe(2);
    expect(await mailsOf(2)).toEqual([]);
  });
});
