import { OptimisticLockError } from '@mikro-orm/core';
import { openTestOrm, testDrivers, type TestOrm, sampleDialogueInput } from '@cascade/testing';
import { AuditEvent } from './audit/audit-event.entity';
import { DialogueService } from './dialogue/dialogue.service';
import { EntityImportService } from './entity/entity-import.service';
import { SessionRecord } from './session/session-record.entity';
import { SessionService } from './session/session.service';
import { ConcurrentModification } from './shared/errors';
import { EntityWorkflow } from './workflow-instance/entity-workflow.entity';
import { EntityWorkflowService } from './workflow-instance/entity-workflow.service';
import { InvitationService } from './workflow-instance/invitation.service';

const ADMIN = 'admin@test';
const YEAR = 2026;
const CODES = ['ALPHA', 'BRAVO', 'CHARLIE'];

describe.each(testDrivers())('optimistic locking of workflow instances (%s)', (driver) => {
  let db: TestOrm;
  let workflows: EntityWorkflowService;
  let sessions: SessionService;
  const instanceOf = (code: string) =>
    db.orm.em.fork().findOneOrFail(EntityWorkflow, { dialogue: { year: YEAR }, entity: { code } });

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-10-01T12:00:00Z'));
    const { orm, clock, registry } = db;
    const dialogues = new DialogueService(orm.em, clock, registry);
    const dialogue = await dialogues.create(sampleDialogueInput(YEAR), ADMIN);
    await new EntityImportService(orm.em, clock).importJson(
      CODES.map((code) => ({
        code,
        name: code,
        kind: 'office',
        dutyStation: 'Geneva',
        timeZone: 'Europe/Zurich',
        language: 'en',
      })),
      ADMIN,
    );
    await dialogues.launch(YEAR, ADMIN);
    await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, ADMIN);
    workflows = new EntityWorkflowService(orm.em, clock, registry);
    sessions = new SessionService(workflows);
  });

  afterAll(async () => {
    await db?.close();
  });

  it('refuses to flush a change made on a stale copy of an instance', async () => {
    const first = db.orm.em.fork();
    const second = db.orm.em.fork();
    const a = await first.findOneOrFail(EntityWorkflow, { entity: { code: 'ALPHA' } });
    const b = await second.findOneOrFail(EntityWorkflow, { entity: { code: 'ALPHA' } });
    expect(a.version).toBe(b.version);
    const version = a.version;

    a.escalationLevel = 1;
    await first.flush();
    expect(a.version).toBe(version + 1);

    b.sessionsRecorded = 5;
    await expect(second.flush()).rejects.toBeInstanceOf(OptimisticLockError);

    const stored = await instanceOf('ALPHA');
    expect(stored).toMatchObject({ version: version + 1, escalationLevel: 1, sessionsRecorded: 0 });
  });

  it('the service turns a change on a stale copy into ConcurrentModification', async () => {
    const before = await instanceOf('CHARLIE');
    const auditBefore = await db.orm.em.fork().count(AuditEvent, { entityCode: 'CHARLIE' });
    // Someone else changes the row between the service's read and its write. PostgreSQL: another connection,
    // committed at once. SQLite has one connection, so the change is made inside the service's transaction.
    const bump = 'update entity_workflow set version = version + 1 where id = ?';
    const outcome = workflows.applyEvent(
      { year: YEAR, code: 'CHARLIE' },
      { type: 'record-session' },
      ADMIN,
      () => [],
      async (em) => {
        if (driver === 'postgresql') await db.orm.em.fork().getConnection().execute(bump, [before.id]);
        else await em.getConnection().execute(bump, [before.id], 'run', em.getTransactionContext());
      },
    );
    await expect(outcome).rejects.toBeInstanceOf(ConcurrentModification);
    const after = await instanceOf('CHARLIE');
    expect(after.state).toBe('invited');
    expect(after.sessionsRecorded).toBe(0);
    expect(await db.orm.em.fork().count(AuditEvent, { entityCode: 'CHARLIE' })).toBe(auditBefore);
  });

  it('concurrent events on one instance never lose an update', async () => {
    const attempts = 6;
    const results = await Promise.allSettled(
      Array.from({ length: attempts }, (_, i) =>
        sessions.record(
          YEAR,
          'BRAVO',
          { leaderEmail: `leader${i}@un.test`, heldOn: '2026-09-30', language: 'en', participants: 12 },
          ADMIN,
        ),
      ),
    );
    const successes = results.filter((r) => r.status === 'fulfilled').length;
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(successes).toBeGreaterThanOrEqual(1);
    for (const failure of failures) expect(failure).toBeInstanceOf(ConcurrentModification);

    const em = db.orm.em.fork();
    const bravo = await instanceOf('BRAVO');
    expect(bravo.state).toBe('cascading');
    expect(bravo.sessionsRecorded).toBe(successes);
    expect(await em.count(SessionRecord, { workflow: bravo })).toBe(successes);
    expect(await em.count(AuditEvent, { entityCode: 'BRAVO', event: 'record-session' })).toBe(successes);
  });
});
