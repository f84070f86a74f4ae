import fs from 'node:fs';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/core';
import { GuardRefused, InvalidTransition, ReasonRequired } from '@cascade/workflow';
import { JobName, OutboxMessage } from '@cascade/scheduling';
import { openTestOrm, testDrivers, type TestOrm } from '@cascade/testing';
import { AuditEvent } from './audit/audit-event.entity';
import { Dialogue } from './dialogue/dialogue.entity';
import { DialogueService, type CreateDialogueInput } from './dialogue/dialogue.service';
import { EntityImportService } from './entity/entity-import.service';
import { OrgEntity } from './entity/org-entity.entity';
import { Report } from './report/report.entity';
import { ReportService } from './report/report.service';
import { SessionRecord } from './session/session-record.entity';
import { SessionService } from './session/session.service';
import { Conflict, DialogueAlreadyLaunched, ValidationFailed } from './shared/errors';
import { StatisticsSubmission } from './statistics/statistics-submission.entity';
import { StatisticsService, type StatisticsInput } from './statistics/statistics.service';
import { EntityWorkflow } from './workflow-instance/entity-workflow.entity';
import { EntityWorkflowService } from './workflow-instance/entity-workflow.service';
import { InvitationService } from './workflow-instance/invitation.service';

const ENTITIES_CSV = fs.readFileSync(path.resolve(__dirname, '../../persistence/seed/entities.csv'), 'utf8');
const ADMIN = 'admin@test';
const YEAR = 2026;

function localized(text: string) {
  return { en: `${text} (en)`, fr: `${text} (fr)`, es: `${text} (es)` };
}

function dialogueInput(year: number, extra: Partial<CreateDialogueInput> = {}): CreateDialogueInput {
  return {
    year,
    topic: localized('Speaking up'),
    materials: {
      leadersGuide: localized('guide'),
      participantsGuide: localized('participants'),
      presentation: localized('slides'),
    },
    ...extra,
  };
}

/** Every field named by a ValidationFailed thrown by `work` (fails the test when nothing is thrown). */
async function issuesOf(work: () => Promise<unknown>): Promise<ValidationFailed['issues']> {
  const error = await work().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationFailed);
  return (error as ValidationFailed).issues;
}

describe.each(testDrivers())('dialogue lifecycle (%s)', (driver) => {
  let db: TestOrm;
  let dialogues: DialogueService;
  let imports: EntityImportService;
  let invitations: InvitationService;
  let workflows: EntityWorkflowService;
  let sessions: SessionService;
  let statistics: StatisticsService;
  let reports: ReportService;
  let dialogueId: number;
  const fresh = (): EntityManager => db.orm.em.fork();
  const instanceOf = (code: string) =>
    fresh().findOneOrFail(
      EntityWorkflow,
      { dialogue: { year: YEAR }, entity: { code } },
      { populate: ['entity'] },
    );
  const auditOf = (code: string) =>
    fresh().find(AuditEvent, { entityCode: code, dialogue: { year: YEAR } }, { orderBy: { id: 'asc' } });
  /** The latest submission per entity code, as the test submitted them. */
  const submitted = new Map<string, StatisticsInput>();

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-10-01T12:00:00Z'));
    const { orm, clock, registry } = db;
    dialogues = new DialogueService(orm.em, clock, registry);
    imports = new EntityImportService(orm.em, clock);
    invitations = new InvitationService(orm.em, clock, registry);
    workflows = new EntityWorkflowService(orm.em, clock, registry);
    sessions = new SessionService(workflows);
    statistics = new StatisticsService(workflows);
    reports = new ReportService(orm.em, clock, registry);
  });

  afterAll(async () => {
    await db?.close();
  });

  it('creates a dialogue with the default dates, the pinned workflow and an audit row', async () => {
    const dialogue = await dialogues.create(dialogueInput(YEAR), ADMIN);
    dialogueId = dialogue.id;
    const stored = await fresh().findOneOrFail(Dialogue, { year: YEAR });
    expect(stored).toMatchObject({
      statisticsDeadline: '2026-12-31',
      reportCutoff: '2027-02-28',
      workflowId: 'leadership-dialogue',
      workflowVersion: db.registry.latest('leadership-dialogue').version,
      launchedAt: null,
      reportIssuedAt: null,
    });
    expect(stored.workflowVersion).toBe(1);
    expect(stored.createdAt.toISOString()).toBe('2026-10-01T12:00:00.000Z');
    const audit = await fresh().find(AuditEvent, { dialogue: stored, event: 'create-dialogue' });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor).toBe(ADMIN);
  });

  it('ends the report cutoff on 29 February when the next year is a leap year', async () => {
    const dialogue = await dialogues.create(dialogueInput(2027), ADMIN);
    expect(dialogue.statisticsDeadline).toBe('2027-12-31');
    expect(dialogue.reportCutoff).toBe('2028-02-29');
    expect((await fresh().findOneOrFail(Dialogue, { year: 2027 })).reportCutoff).toBe('2028-02-29');
  });

  it('takes a topic and guides in English and any other official languages, keeping only those given', async () => {
    await dialogues.create(
      {
        year: 2032,
        topic: { en: 'Speaking up', ar: 'التحدث بصراحة', zh: '', ru: null } as never,
        materials: {
          leadersGuide: { en: 'https://x.org/lg-en', ar: 'https://x.org/lg-ar' },
          participantsGuide: { en: 'https://x.org/pg-en' },
          presentation: { en: 'https://x.org/p-en', fr: 'https://x.org/p-fr' },
        },
      },
      ADMIN,
    );
    const stored = await fresh().findOneOrFail(Dialogue, { year: 2032 });
    expect(stored.topic).toEqual({ ar: 'التحدث بصراحة', en: 'Speaking up' });
    expect(stored.materials.presentation).toEqual({ en: 'https://x.org/p-en', fr: 'https://x.org/p-fr' });
  });

  it('refuses a second dialogue for the same year', async () => {
    await expect(dialogues.create(dialogueInput(YEAR), ADMIN)).rejects.toBeInstanceOf(Conflict);
    expect(await fresh().count(Dialogue, { year: YEAR })).toBe(1);
  });

  it('refuses the manager workflow as the workflow of a dialogue: a year runs an entity workflow', async () => {
    const issues = await issuesOf(() =>
      dialogues.create({ ...dialogueInput(2031), workflowId: 'manager-session' }, ADMIN),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        field: 'workflowId',
        code: 'unknown-workflow',
        params: { id: 'manager-session' },
      }),
    ]);
    expect(await fresh().count(Dialogue, { year: 2031 })).toBe(0);
  });

  it('names every bad field of a dialogue and writes nothing', async () => {
    const before = await fresh().count(AuditEvent, {});
    const issues = await issuesOf(() =>
      dialogues.create(
        {
          year: 1999,
          topic: { fr: 'seulement en français', de: 'auf Deutsch', ru: '  ' } as never,
          materials: { leadersGuide: localized('g'), participantsGuide: localized('p') } as never,
          statisticsDeadline: '2026-02-30',
          reportCutoff: 'soon',
        },
        ADMIN,
      ),
    );
    const fields = issues.map((i) => i.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'year',
        'topic.en',
        'topic.de',
        'topic.ru',
        'materials.presentation',
        'statisticsDeadline',
        'reportCutoff',
      ]),
    );
    expect(fields).not.toContain('topic.fr');
    const cutoffIssues = await issuesOf(() =>
      dialogues.create(
        dialogueInput(2030, { statisticsDeadline: '2030-12-31', reportCutoff: '2030-12-31' }),
        ADMIN,
      ),
    );
    expect(cutoffIssues).toEqual([
      {
        field: 'reportCutoff',
        code: 'after-statistics-deadline',
        message: 'must be after the statistics deadline',
      },
    ]);
    expect(await fresh().count(Dialogue, {})).toBe(3);
    expect(await fresh().count(AuditEvent, {})).toBe(before);
  });

  it('refuses to launch a dialogue without entities', async () => {
    const issues = await issuesOf(() => dialogues.launch(YEAR, ADMIN));
    expect(issues.map((i) => i.field)).toEqual(['entities']);
    expect((await fresh().findOneOrFail(Dialogue, dialogueId)).launchedAt).toBeNull();
    expect(await fresh().count(OutboxMessage, {})).toBe(0);
  });

  it('imports the 58 entities of the CSV, then updates them in place on a second import', async () => {
    expect(await imports.importCsv(ENTITIES_CSV, ADMIN)).toEqual({ created: 58, updated: 0, total: 58 });
    const ids = (await fresh().find(OrgEntity, {}, { orderBy: { id: 'asc' } })).map((e) => e.id);
    expect(ids).toHaveLength(58);
    const eosg = await fresh().findOneOrFail(OrgEntity, { code: 'EOSG' });
    expect(eosg).toMatchObject({ timeZone: 'America/New_York', language: 'en', staff: 210, kind: 'office' });

    const renamed = ENTITIES_CSV.replace(
      'Executive Office of the Secretary-General',
      'Executive Office (renamed)',
    );
    expect(await imports.importCsv(renamed, ADMIN)).toEqual({ created: 0, updated: 58, total: 58 });
    const after = await fresh().find(OrgEntity, {}, { orderBy: { id: 'asc' } });
    expect(after.map((e) => e.id)).toEqual(ids);
    expect(after.find((e) => e.code === 'EOSG')?.name).toBe('Executive Office (renamed)');
    expect(await fresh().count(AuditEvent, { event: 'import-entities' })).toBe(2);
  });

  it('imports JSON, updating an entity with its head and Focal Points', async () => {
    const result = await imports.importJson(
      [
        {
          code: 'eosg',
          name: 'Executive Office of the Secretary-General',
          kind: 'office',
          dutyStation: 'New York',
          timeZone: 'America/New_York',
          language: 'en',
          staff: 212,
          headName: 'Head of EOSG',
          headEmail: 'Head@UN.test',
          focalPoints: [
            { name: 'Ana', email: 'ana@un.test' },
            { name: 'Bo', email: 'BO@un.test', language: 'fr' },
          ],
        },
      ],
      ADMIN,
    );
    expect(result).toEqual({ created: 0, updated: 1, total: 1 });
    const eosg = await fresh().findOneOrFail(OrgEntity, { code: 'EOSG' }, { populate: ['focalPoints'] });
    expect(eosg).toMatchObject({ staff: 212, headName: 'Head of EOSG', headEmail: 'head@un.test' });
    expect(
      eosg.focalPoints
        .getItems()
        .map((fp) => `${fp.email}/${fp.language}`)
        .sort(),
    ).toEqual(['ana@un.test/en', 'bo@un.test/fr']);
    expect(await fresh().count(OrgEntity, {})).toBe(58);
  });

  it('imports the same Focal Points again: kept by address and updated in place, the others removed or added', async () => {
    const eosg = () => fresh().findOneOrFail(OrgEntity, { code: 'EOSG' }, { populate: ['focalPoints'] });
    const row = (focalPoints: { name: string; email: string; language?: string }[]) => ({
      code: 'EOSG',
      name: 'Executive Office of the Secretary-General',
      kind: 'office',
      dutyStation: 'New York',
      timeZone: 'America/New_York',
      language: 'en',
      staff: 212,
      focalPoints,
    });
    const before = (await eosg()).focalPoints.getItems().find((fp) => fp.email === 'ana@un.test');
    await imports.importJson(
      [
        row([
          { name: 'Ana Lima', email: 'ana@un.test' },
          { name: 'Cy', email: 'cy@un.test', language: 'es' },
        ]),
      ],
      ADMIN,
    );
    const points = (await eosg()).focalPoints.getItems();
    expect(points.map((fp) => `${fp.email}/${fp.name}/${fp.language}`).sort()).toEqual([
      'ana@un.test/Ana Lima/en',
      'cy@un.test/Cy/es',
    ]);
    expect(points.find((fp) => fp.email === 'ana@un.test')?.id).toBe(before?.id);

    // Back as the tests after this one expect them.
    await imports.importJson(
      [
        row([
          { name: 'Ana', email: 'ana@un.test' },
          { name: 'Bo', email: 'bo@un.test', language: 'fr' },
        ]),
      ],
      ADMIN,
    );
    expect(
      (await eosg()).focalPoints
        .getItems()
        .map((fp) => `${fp.email}/${fp.name}/${fp.language}`)
        .sort(),
    ).toEqual(['ana@un.test/Ana/en', 'bo@un.test/Bo/fr']);
  });

  it('launches once: launchedAt, an audit row and one outbox job keyed by the dialogue', async () => {
    const result = await dialogues.launch(YEAR, ADMIN);
    expect(result).toEqual({ year: YEAR, launchedAt: db.clock.now(), entitiesToInvite: 58 });
    expect((await fresh().findOneOrFail(Dialogue, dialogueId)).launchedAt?.toISOString()).toBe(
      '2026-10-01T12:00:00.000Z',
    );
    const outbox = await fresh().find(OutboxMessage, {});
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      job: JobName.LaunchDialogue,
      idempotencyKey: `launch.${dialogueId}`,
      payload: { dialogueId },
      status: 'pending',
    });
    expect(await fresh().count(AuditEvent, { event: 'launch', dialogue: dialogueId })).toBe(1);

    await expect(dialogues.launch(YEAR, ADMIN)).rejects.toBeInstanceOf(DialogueAlreadyLaunched);
    expect(await fresh().count(OutboxMessage, {})).toBe(1);
    expect(await fresh().count(AuditEvent, { event: 'launch' })).toBe(1);
  });

  it('invites every entity in batches, with an audit row and an invitation mail each, and only once', async () => {
    expect(await invitations.inviteAll(dialogueId, 'system: worker', 10)).toBe(58);
    const instances = await fresh().find(EntityWorkflow, { dialogue: dialogueId }, { populate: ['entity'] });
    expect(instances).toHaveLength(58);
    expect(new Set(instances.map((i) => i.entity.id)).size).toBe(58);
    for (const instance of instances) {
      expect(instance.state).toBe('invited');
      expect(instance.invitedAt?.toISOString()).toBe('2026-10-01T12:00:00.000Z');
      expect(instance.deadline).toBe('2026-12-31');
      expect(instance.lateAdded).toBe(false);
    }
    const invites = await fresh().find(AuditEvent, { event: 'invite' });
    expect(invites).toHaveLength(58);
    for (const row of invites)
      expect(row).toMatchObject({ fromState: 'pending', toState: 'invited', actor: 'system: worker' });
    expect(new Set(invites.map((a) => a.entityCode)).size).toBe(58);

    const mails = await fresh().find(OutboxMessage, { job: JobName.SendMail });
    expect(mails).toHaveLength(58);
    expect(mails.every((m) => m.payload['template'] === 'invitation')).toBe(true);
    expect(new Set(mails.map((m) => m.payload['workflowId'])).size).toBe(58);
    expect(new Set(mails.map((m) => m.payload['workflowId']))).toEqual(new Set(instances.map((i) => i.id)));

    expect(await invitations.inviteAll(dialogueId, 'system: worker', 10)).toBe(0);
    expect(await fresh().count(EntityWorkflow, {})).toBe(58);
    expect(await fresh().count(OutboxMessage, { job: JobName.SendMail })).toBe(58);
    expect(await fresh().count(AuditEvent, { event: 'invite' })).toBe(58);
  });

  it('records a session: cascading, an audit row, and a warning for a small session only', async () => {
    const small = await sessions.record(
      YEAR,
      'EOSG',
      { leaderEmail: 'Lead@UN.test', heldOn: '2026-09-30', language: 'en', participants: 8 },
      ADMIN,
    );
    expect(small.instance.state).toBe('cascading');
    expect(small.warnings).toHaveLength(1);
    expect(small.warnings[0]).toContain('8 participants');
    const eosg = await instanceOf('EOSG');
    expect(eosg.state).toBe('cascading');
    expect(eosg.sessionsRecorded).toBe(1);
    const rows = await fresh().find(SessionRecord, { workflow: eosg });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ leaderEmail: 'lead@un.test', participants: 8 });
    expect(rows[0]?.sizeWarning).toContain('below');
    const audit = await auditOf('EOSG');
    expect(audit.at(-1)).toMatchObject({
      event: 'record-session',
      fromState: 'invited',
      toState: 'cascading',
    });

    const ideal = await sessions.record(
      YEAR,
      'DPPA',
      { leaderEmail: 'lead@un.test', heldOn: '2026-09-30', language: 'fr', participants: 15 },
      ADMIN,
    );
    expect(ideal.warnings).toEqual([]);
    expect(ideal.session.sizeWarning).toBeNull();
    expect((await instanceOf('DPPA')).state).toBe('cascading');
  });

  it('submits statistics and keeps every revision', async () => {
    const first: StatisticsInput = {
      eligibleStaff: 200,
      staffParticipated: 150,
      sessionsHeld: 12,
      managersLed: 10,
      nonStaffParticipants: 3,
    };
    const outcome = await statistics.submit(YEAR, 'EOSG', first, ADMIN);
    expect(outcome.instance.state).toBe('stats-submitted');
    expect(outcome.submission.revision).toBe(1);
    const revised: StatisticsInput = {
      ...first,
      staffParticipated: 160,
      sessionsHeld: 13,
      otherAgencyParticipants: { UNDP: 4 },
    };
    const revision = await statistics.submit(YEAR, 'EOSG', revised, ADMIN);
    expect(revision.submission.revision).toBe(2);
    expect(revision.instance.state).toBe('stats-submitted');
    // A second revision at the very same instant (the test clock stands still, as a simulated one does) changes
    // nothing on the instance but its count of events: it is still a change of its own, with its own mail.
    revised.sessionsHeld = 14;
    const again = await statistics.submit(YEAR, 'EOSG', revised, ADMIN);
    expect(again.submission.revision).toBe(3);
    expect(again.instance.version).toBeGreaterThan(revision.instance.version);
    submitted.set('EOSG', revised);

    // Straight from `invited`, without any recorded session.
    const dpo: StatisticsInput = {
      eligibleStaff: 500,
      staffParticipated: 420,
      sessionsHeld: 30,
      managersLed: 25,
      nonStaffParticipants: 0,
    };
    await statistics.submit(YEAR, 'DPO', dpo, ADMIN);
    submitted.set('DPO', dpo);

    const eosg = await instanceOf('EOSG');
    expect(eosg.state).toBe('stats-submitted');
    expect(eosg.statisticsSubmittedAt).not.toBeNull();
    const rows = await fresh().find(
      StatisticsSubmission,
      { workflow: eosg },
      { orderBy: { revision: 'asc' } },
    );
    expect(rows.map((r) => [r.revision, r.staffParticipated, r.sessionsHeld])).toEqual([
      [1, 150, 12],
      [2, 160, 13],
      [3, 160, 14],
    ]);
    expect(rows[1]?.otherAgencyParticipants).toEqual({ UNDP: 4 });
    const audit = await auditOf('EOSG');
    expect(audit.filter((a) => a.event === 'submit-statistics').map((a) => [a.fromState, a.toState])).toEqual(
      [
        ['cascading', 'stats-submitted'],
        ['stats-submitted', 'stats-submitted'],
        ['stats-submitted', 'stats-submitted'],
      ],
    );
    expect(
      await fresh().count(OutboxMessage, {
        idempotencyKey: { $like: `mail.${eosg.id}.%.statistics-received` },
      }),
    ).toBe(3);
  });

  it('withdraws with a reason, and refuses a withdrawal without one', async () => {
    const outcome = await workflows.withdraw(YEAR, 'DOS', 'merged into another department', ADMIN);
    expect(outcome.instance.state).toBe('withdrawn');
    expect((await instanceOf('DOS')).state).toBe('withdrawn');
    expect((await auditOf('DOS')).at(-1)).toMatchObject({
      event: 'withdraw',
      fromState: 'invited',
      toState: 'withdrawn',
      reason: 'merged into another department',
    });

    const auditBefore = await fresh().count(AuditEvent, {});
    await expect(workflows.withdraw(YEAR, 'DPPA', '', ADMIN)).rejects.toBeInstanceOf(ReasonRequired);
    await expect(workflows.withdraw(YEAR, 'DPPA', '   ', ADMIN)).rejects.toBeInstanceOf(ReasonRequired);
    expect((await instanceOf('DPPA')).state).toBe('cascading');
    expect(await fresh().count(AuditEvent, {})).toBe(auditBefore);
  });

  it('overrides to an allowed target only', async () => {
    const codes = await fresh().find(OrgEntity, {}, { orderBy: { id: 'asc' } });
    const target = codes[10]?.code as string;
    const outcome = await workflows.override(YEAR, target, 'cascading', 'cascade started on paper', ADMIN);
    expect(outcome.instance.state).toBe('cascading');
    expect((await auditOf(target)).at(-1)).toMatchObject({
      event: 'override',
      fromState: 'invited',
      toState: 'cascading',
      reason: 'cascade started on paper',
    });

    const other = codes[11]?.code as string;
    const auditBefore = await fresh().count(AuditEvent, {});
    await expect(workflows.override(YEAR, other, 'reported', 'skip ahead', ADMIN)).rejects.toBeInstanceOf(
      GuardRefused,
    );
    expect((await instanceOf(other)).state).toBe('invited');
    expect(await fresh().count(AuditEvent, {})).toBe(auditBefore);
  });

  it('grants extensions, warning when one ends after the report cutoff', async () => {
    const before = await instanceOf('DPPA');
    const within = await workflows.grantExtension(YEAR, 'DPPA', '2027-01-31', 'mission transition', ADMIN);
    expect(within.warnings).toEqual([]);
    const dppa = await instanceOf('DPPA');
    expect(dppa.extendedDeadline).toBe('2027-01-31');
    expect(dppa.deadline).toBe('2026-12-31');
    expect(dppa.effectiveDeadline).toBe('2027-01-31');
    expect(dppa.version).toBeGreaterThan(before.version);
    expect((await auditOf('DPPA')).at(-1)).toMatchObject({
      event: 'grant-extension',
      reason: 'mission transition',
    });

    const late = await workflows
      .grantExtension(YEAR, 'DPO', '2027-03-15', 'crisis', ADMIN)
      .catch((e: unknown) => e);
    // DPO submitted statistics already: no grant-extension from stats-submitted.
    expect(late).toBeInstanceOf(InvalidTransition);
    const beyond = await workflows.grantExtension(YEAR, 'DPPA', '2027-03-15', 'crisis', ADMIN);
    expect(beyond.warnings).toHaveLength(1);
    expect(beyond.warnings[0]).toContain('report cutoff 2027-02-28');
    expect((await instanceOf('DPPA')).effectiveDeadline).toBe('2027-03-15');
    expect((await auditOf('DPPA')).at(-1)?.details).toEqual({ warnings: beyond.warnings });
  });

  it('adds a late entity, invited at once with an accommodated deadline', async () => {
    db.clock.set(new Date('2026-11-15T12:00:00Z'));
    const late = {
      code: 'LATE-1',
      name: 'Office added late',
      kind: 'office',
      dutyStation: 'Geneva',
      timeZone: 'Europe/Zurich',
      language: 'fr',
      focalPoints: [{ name: 'Fp', email: 'fp@late.test' }],
    };
    const { instance, accommodatedDeadline } = await invitations.addLateEntity(YEAR, late, ADMIN);
    expect(instance.state).toBe('invited');
    const stored = await instanceOf('LATE-1');
    expect(stored).toMatchObject({ state: 'invited', lateAdded: true, deadline: accommodatedDeadline });
    expect(stored.invitedAt?.toISOString()).toBe('2026-11-15T12:00:00.000Z');
    expect(accommodatedDeadline > '2026-12-31').toBe(true);
    expect(accommodatedDeadline <= '2027-02-28').toBe(true);
    expect((await auditOf('LATE-1')).map((a) => a.event)).toEqual(['invite']);
    expect(
      await fresh().count(OutboxMessage, { idempotencyKey: { $like: `mail.${stored.id}.%.invitation` } }),
    ).toBe(1);

    const tooLate = await issuesOf(() =>
      invitations.addLateEntity(YEAR, { ...late, code: 'LATE-2', deadline: '2027-03-01' }, ADMIN),
    );
    expect(tooLate.map((i) => i.field)).toEqual(['deadline']);
    expect(await fresh().count(OrgEntity, { code: 'LATE-2' })).toBe(0);

    await expect(invitations.addLateEntity(YEAR, late, ADMIN)).rejects.toBeInstanceOf(Conflict);
    expect(await fresh().count(EntityWorkflow, { entity: { code: 'LATE-1' } })).toBe(1);

    const explicit = await invitations.addLateEntity(
      YEAR,
      { ...late, code: 'LATE-3', deadline: '2027-02-28' },
      ADMIN,
    );
    expect(explicit.accommodatedDeadline).toBe('2027-02-28');
    expect((await instanceOf('LATE-3')).deadline).toBe('2027-02-28');
  });

  it('issues the report: submitted entities reported, the others not completed, totals from the submissions', async () => {
    db.clock.set(new Date('2027-03-01T09:00:00Z'));
    const statesBefore = new Map(
      (await fresh().find(EntityWorkflow, { dialogue: dialogueId }, { populate: ['entity'] })).map((i) => [
        i.entity.code,
        i.state,
      ]),
    );
    expect(statesBefore.get('DOS')).toBe('withdrawn');
    const report = await reports.issue(YEAR, ADMIN);
    expect(report.version).toBe(1);

    const after = await fresh().find(EntityWorkflow, { dialogue: dialogueId }, { populate: ['entity'] });
    expect(after).toHaveLength(60);
    for (const instance of after) {
      const before = statesBefore.get(instance.entity.code);
      const expected =
        before === 'stats-submitted' ? 'reported' : before === 'withdrawn' ? 'withdrawn' : 'not-completed';
      expect([instance.entity.code, instance.state]).toEqual([instance.entity.code, expected]);
    }
    expect(
      after
        .filter((i) => i.state === 'reported')
        .map((i) => i.entity.code)
        .sort(),
    ).toEqual(['DPO', 'EOSG']);

    const stored = await fresh().findOneOrFail(Report, { dialogue: dialogueId });
    // Figures over the entities listed as completed, summed here from what the test submitted.
    const completedCodes = stored.content.rows.filter((r) => r.status === 'completed').map((r) => r.code);
    expect(completedCodes.sort()).toEqual(['DPO', 'EOSG']);
    const sum = (pick: (s: StatisticsInput) => number) =>
      completedCodes.reduce((t, code) => t + pick(submitted.get(code) as StatisticsInput), 0);
    expect(stored.content.totals).toMatchObject({
      entities: 60,
      completed: 2,
      withdrawn: 1,
      eligibleStaff: sum((s) => s.eligibleStaff),
      staffParticipated: sum((s) => s.staffParticipated),
      sessionsHeld: sum((s) => s.sessionsHeld),
      managersLed: sum((s) => s.managersLed),
      nonStaffParticipants: sum((s) => s.nonStaffParticipants),
    });
    expect(
      stored.content.totals.completed +
        stored.content.totals.notCompleted +
        stored.content.totals.notIncluded +
        1,
    ).toBe(60);
    expect(stored.content.rows.find((r) => r.code === 'EOSG')).toMatchObject({
      status: 'completed',
      staffParticipated: 160,
    });
    expect(stored.content.rows.find((r) => r.code === 'DOS')).toMatchObject({
      status: 'withdrawn',
      state: 'withdrawn',
    });
    expect((await fresh().findOneOrFail(Dialogue, dialogueId)).reportIssuedAt?.toISOString()).toBe(
      '2027-03-01T09:00:00.000Z',
    );
    const issued = await fresh().find(AuditEvent, { event: 'issue-report', workflow: null });
    expect(issued).toHaveLength(1);
    expect(issued[0]?.details).toMatchObject({ version: 1, completed: 2 });
    expect(await fresh().count(AuditEvent, { event: 'issue-report', workflow: { $ne: null } })).toBe(59);
  });

  it('keeps statistics sent after the report, flagged late, without touching the issued version; a re-issue shows them', async () => {
    const before = await instanceOf('EOSG');
    const issued = await fresh().findOneOrFail(Report, { dialogue: dialogueId, version: 1 });
    db.clock.set(new Date('2027-03-02T09:00:00Z'));
    const late = await statistics.submit(
      YEAR,
      'EOSG',
      {
        eligibleStaff: 200,
        staffParticipated: 170,
        sessionsHeld: 9,
        managersLed: 8,
        nonStaffParticipants: 0,
      },
      ADMIN,
    );
    expect(late.submission.late).toBe(true);
    expect((await instanceOf('EOSG')).state).toBe('reported');
    expect(before.state).toBe('reported');
    const unchanged = await fresh().findOneOrFail(Report, { dialogue: dialogueId, version: 1 });
    expect(unchanged.content).toEqual(issued.content);

    const second = await reports.issue(YEAR, ADMIN);
    expect(second.version).toBe(2);
    // Exactly the figures that differ, each with its issued and its new value.
    expect(second.content.changes).toEqual([
      { code: 'EOSG', field: 'staffParticipated', before: 160, after: 170 },
      { code: 'EOSG', field: 'sessionsHeld', before: 14, after: 9 },
      { code: 'EOSG', field: 'managersLed', before: 10, after: 8 },
      { code: 'EOSG', field: 'nonStaffParticipants', before: 3, after: 0 },
    ]);
    expect(await fresh().count(AuditEvent, { event: 'reissue-report' })).toBe(1);
  });
});
