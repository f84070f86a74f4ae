import fs from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { plan } from '@cascade/workflow';
import { bullConnection, evictionPolicyWarning, OutboxMessage, QueueName } from '@cascade/scheduling';
import {
  clearQueuePrefix,
  openTestOrm,
  sampleDialogueInput,
  startPrivateRedis,
  statementShape,
  statementsOf,
  testDrivers,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  type PrivateRedis,
  type TestOrm,
} from '@cascade/testing';
import { AuditEvent } from '../audit/audit-event.entity';
import { DialogueService } from '../dialogue/dialogue.service';
import { EntityImportService } from '../entity/entity-import.service';
import { StatisticsService } from '../statistics/statistics.service';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { EntityWorkflowService } from '../workflow-instance/entity-workflow.service';
import { InvitationService } from '../workflow-instance/invitation.service';
import { snapshotOf } from '../workflow-instance/snapshot';
import { stationCalendar } from '../holidays/station-calendar';
import { addTimerJobs } from './mirror/timer-jobs';
import { TimerMirror } from './mirror/timer-mirror';
import { TimerReconciler } from './mirror/timer-reconciler';
import { TimerFiringService } from './timer-firing.service';
import { Timer } from './timer.entity';

const ENTITIES_CSV = fs.readFileSync(
  path.resolve(__dirname, '../../../persistence/seed/entities.csv'),
  'utf8',
);
const ADMIN = 'admin@test';
const YEAR = 2026;
const LAUNCH = new Date('2026-11-02T12:00:00Z'); // Monday
const STATS = {
  eligibleStaff: 40,
  staffParticipated: 30,
  sessionsHeld: 3,
  managersLed: 3,
  nonStaffParticipants: 2,
};

describe.each(testDrivers())('timers on the database and real Redis (%s)', (driver) => {
  let db: TestOrm;
  let prefix: string;
  let queue: Queue;
  let mirror: TimerMirror;
  let workflows: EntityWorkflowService;
  let statistics: StatisticsService;
  let dialogues: DialogueService;
  let firing: TimerFiringService;
  const fresh = () => db.orm.em.fork();
  const instanceOf = (code: string) =>
    fresh().findOneOrFail(EntityWorkflow, { entity: { code } }, { populate: ['entity', 'dialogue'] });
  const timersOf = async (code: string, status?: Timer['status']) => {
    const instance = await instanceOf(code);
    return fresh().find(
      Timer,
      { workflowId: instance.id, ...(status ? { status } : {}) },
      { orderBy: { dueAt: 'asc', id: 'asc' } },
    );
  };
  const jobExists = async (key: string) => (await queue.getJob(key)) !== undefined;

  beforeAll(async () => {
    db = await openTestOrm(driver, LAUNCH);
    const { orm, clock, registry } = db;
    prefix = uniqueQueuePrefix();
    queue = new Queue(QueueName.Timers, { connection: bullConnection(TEST_REDIS_URL), prefix });
    mirror = new TimerMirror(orm.em, queue, clock);
    dialogues = new DialogueService(orm.em, clock, registry);
    workflows = new EntityWorkflowService(orm.em, clock, registry);
    statistics = new StatisticsService(workflows);
    firing = new TimerFiringService(orm.em, clock, registry);
    const dialogue = await dialogues.create(sampleDialogueInput(YEAR), ADMIN);
    await new EntityImportService(orm.em, clock).importCsv(ENTITIES_CSV, ADMIN);
    await dialogues.launch(YEAR, ADMIN);
    await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, ADMIN);
  });

  afterAll(async () => {
    await queue?.close();
    await clearQueuePrefix(prefix);
    await db?.close();
  });

  it('plans every invited entity’s timers as rows, exactly what the workflow plans, plus one digest', async () => {
    const instances = await fresh().find(EntityWorkflow, {}, { populate: ['entity', 'dialogue'] });
    expect(instances).toHaveLength(58);
    const definition = db.registry.get('leadership-dialogue', 1);
    for (const instance of instances) {
      const rows = await fresh().find(
        Timer,
        { workflowId: instance.id },
        { orderBy: { dueAt: 'asc', id: 'asc' } },
      );
      // What the workflow plans for the entity where it is: with its duty station's holidays (none added here).
      const holidays = stationCalendar(instance.entity.dutyStation);
      const expected = plan(definition, { ...snapshotOf(instance), holidays }, LAUNCH);
      expect(rows.map((r) => [r.timerId, r.dueAt.toISOString(), r.status])).toEqual(
        expected.map((t) => [t.timerId, t.dueAt.toISOString(), 'pending']),
      );
    }
    const kabul = await timersOf('UNAMA');
    expect(kabul.find((t) => t.timerId === 'reminder-30')).toMatchObject({
      localDueAt: '2026-12-01T09:00:00+04:30',
      mail: { template: 'reminder', to: ['focal-points'] },
      kind: 'reminder',
    });
    const digests = await fresh().find(Timer, { workflowId: null });
    expect(digests.map((d) => [d.timerId, d.localDueAt, d.status])).toEqual([
      ['digest', '2026-11-02T09:00:00-05:00', 'pending'], // launched at 07:00 in New York
    ]);
  });

  it('mirrors each pending row as a delayed job whose id is the row’s key', async () => {
    const pending = await fresh().count(Timer, { status: 'pending' });
    expect(await mirror.syncPending(100)).toBe(pending);
    expect(await queue.getJobCounts('delayed')).toEqual({ delayed: pending });
    expect(await fresh().count(Timer, { synced: false })).toBe(0);
    const [nudge] = (await timersOf('EOSG')).filter((t) => t.timerId === 'nudge-head');
    const job = await queue.getJob(nudge.key);
    expect(job?.data).toEqual({ key: nudge.key });
    expect(job?.delay).toBe(nudge.dueAt.getTime() - LAUNCH.getTime());
    // Mirroring again changes nothing.
    expect(await mirror.syncPending()).toBe(0);
    expect(await queue.getJobCounts('delayed')).toEqual({ delayed: pending });
  });

  it('re-plans in the same transaction: statistics cancel the chase, and Redis loses the obsolete jobs', async () => {
    const before = await timersOf('DPPA', 'pending');
    expect(before.length).toBeGreaterThan(4);
    await statistics.submit(YEAR, 'DPPA', STATS, ADMIN);
    const after = await timersOf('DPPA');
    expect(after.every((t) => t.status === 'cancelled' && !t.synced)).toBe(true);
    expect(after[0].outcome).toBe('re-planned after submit-statistics');
    await mirror.syncPending();
    for (const timer of before) expect(await jobExists(timer.key)).toBe(false);
  });

  it('an extension moves the reminders: old jobs removed, new ones added at the new local times', async () => {
    const before = await timersOf('UNOG', 'pending');
    await workflows.grantExtension(YEAR, 'UNOG', '2027-01-29', 'Staff retreat', ADMIN);
    await mirror.syncPending();
    const pending = await timersOf('UNOG', 'pending');
    expect(pending.map((t) => [t.timerId, t.localDueAt])).toEqual([
      ['nudge-head', '2026-11-23T09:00:00+01:00'],
      ['reminder-30', '2026-12-30T09:00:00+01:00'],
      ['reminder-14', '2027-01-15T09:00:00+01:00'],
      ['reminder-7', '2027-01-22T09:00:00+01:00'],
      ['reminder-1', '2027-01-28T09:00:00+01:00'],
      ['deadline', '2027-01-30T00:00:00+01:00'],
      ['close-year', '2027-03-01T00:00:00+01:00'],
    ]);
    for (const timer of pending) expect(await jobExists(timer.key)).toBe(true);
    // The nudge (anchored on the invitation) did not move, so its row and job were kept.
    const nudge = before.find((t) => t.timerId === 'nudge-head') as Timer;
    expect(pending[0].key).toBe(nudge.key);
    const kept = new Set(pending.map((t) => t.key));
    const dropped = before.filter((t) => !kept.has(t.key));
    expect(dropped.map((t) => t.timerId)).toEqual([
      'reminder-30',
      'reminder-14',
      'reminder-7',
      'reminder-1',
      'deadline',
    ]);
    for (const old of dropped) expect(await jobExists(old.key)).toBe(false);
  });

  it('a withdrawal cancels every timer of the entity', async () => {
    await workflows.withdraw(YEAR, 'UNMHA', 'Mission closed', ADMIN);
    await mirror.syncPending();
    const rows = await timersOf('UNMHA');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((t) => t.status === 'cancelled')).toBe(true);
    for (const row of rows) expect(await jobExists(row.key)).toBe(false);
  });

  it('moving the dialogue deadline re-plans the entities on it, not those with their own', async () => {
    const result = await dialogues.changeDates(
      YEAR,
      { statisticsDeadline: '2027-01-15', reason: 'Holidays' },
      ADMIN,
    );
    // Every open entity on the old deadline (UNOG's extension still governs it); not UNMHA, withdrawn.
    expect(result.entitiesMoved).toBe(57);
    const ny = await timersOf('EOSG', 'pending');
    expect(ny.find((t) => t.timerId === 'deadline')?.localDueAt).toBe('2027-01-16T00:00:00-05:00');
    expect(ny.find((t) => t.timerId === 'reminder-1')?.localDueAt).toBe('2027-01-14T09:00:00-05:00');
    const unog = await timersOf('UNOG', 'pending');
    expect(unog.find((t) => t.timerId === 'deadline')?.localDueAt).toBe('2027-01-30T00:00:00+01:00');
    const audit = await fresh().find(AuditEvent, { event: 'change-dates' });
    expect(audit).toHaveLength(1);
    expect(audit[0].reason).toBe('Holidays');
  });

  it('a timer made obsolete between planning and firing does nothing', async () => {
    const [reminder] = await timersOf('DESA', 'pending');
    expect(reminder.timerId).toBe('nudge-head');
    const next = (await timersOf('DESA', 'pending')).find((t) => t.timerId === 'reminder-30') as Timer;
    // A change that bypassed re-planning (as if the cancellation were lost): the deadline moved.
    const instance = await instanceOf('DESA');
    await fresh().nativeUpdate(EntityWorkflow, { id: instance.id }, { extendedDeadline: '2027-02-20' });
    db.clock.set(next.dueAt);
    const outcome = await firing.fire(next.key);
    expect(outcome).toEqual({
      status: 'skipped',
      reason: expect.stringMatching(/^obsolete: DESA is invited/),
    });
    expect(await fresh().count(OutboxMessage, { idempotencyKey: `mail.timer.${next.key}` })).toBe(0);
    expect((await fresh().findOneOrFail(Timer, { key: next.key })).status).toBe('skipped');
    // A cancelled row is never performed either.
    const cancelled = (await timersOf('DPPA'))[0];
    expect(await firing.fire(cancelled.key)).toEqual({ status: 'ignored', reason: 'already cancelled' });
    db.clock.set(LAUNCH);
  });

  it('a reminder mails once; firing it again does nothing', async () => {
    const reminder = (await timersOf('EOSG', 'pending')).find((t) => t.timerId === 'reminder-30') as Timer;
    db.clock.set(reminder.dueAt);
    expect(await firing.fire(reminder.key)).toEqual({ status: 'fired' });
    expect(await firing.fire(reminder.key)).toEqual({ status: 'ignored', reason: 'already fired' });
    const mails = await fresh().find(OutboxMessage, { idempotencyKey: `mail.timer.${reminder.key}` });
    expect(mails.map((m) => m.payload)).toEqual([
      {
        workflowId: reminder.workflowId,
        template: 'reminder',
        audience: ['focal-points'],
        timerKey: reminder.key,
        // Composed as of the timer's instant, whenever a worker gets to it.
        at: reminder.dueAt.toISOString(),
      },
    ]);
  });

  it('a deadline fired late plans the escalations from its own due time, so the missed steps fire in order', async () => {
    const deadline = (await timersOf('DOS', 'pending')).find((t) => t.timerId === 'deadline') as Timer;
    // The worker was down for ten days: the deadline fires on 25 January.
    db.clock.set(new Date('2027-01-25T15:00:00Z'));
    let outcome: unknown;
    const statements = await statementsOf(db.orm, async () => (outcome = await firing.fire(deadline.key)));
    expect(outcome).toEqual({ status: 'fired' });
    // The firing checks its timer against the station's calendar and re-plans with it: the holidays are read once.
    expect(statements.map(statementShape).filter((s) => s === 'select duty_station_holiday')).toHaveLength(1);
    expect((await instanceOf('DOS')).state).toBe('overdue');
    const pending = await timersOf('DOS', 'pending');
    // Escalation 1 (16 Jan is a Saturday, Monday 18 is Martin Luther King Jr. Day in New York: Tuesday 19) and
    // 2 (22 Jan) are already due; then weekly.
    expect(pending.slice(0, 3).map((t) => [t.timerId, t.localDueAt])).toEqual([
      ['escalation-1', '2027-01-19T09:00:00-05:00'],
      ['escalation-2', '2027-01-22T09:00:00-05:00'],
      ['escalation-3', '2027-01-29T09:00:00-05:00'],
    ]);
    // The reminders and close-year planned for `invited` were replaced (close-year re-planned for `overdue`).
    expect(pending.filter((t) => t.kind === 'reminder')).toHaveLength(0);
    for (const step of pending.slice(0, 2)) expect(await firing.fire(step.key)).toEqual({ status: 'fired' });
    expect((await instanceOf('DOS')).escalationLevel).toBe(2);
    const mails = await fresh().find(OutboxMessage, {
      idempotencyKey: { $in: pending.slice(0, 2).map((t) => `mail.timer.${t.key}`) },
    });
    expect(mails.map((m) => m.payload['template']).sort()).toEqual(['escalation', 'overdue-notice']);
    db.clock.set(LAUNCH);
  });

  it('the digest lists the lagging entities, then plans the next working day', async () => {
    const [digest] = await fresh().find(Timer, { workflowId: null, status: 'pending' });
    db.clock.set(new Date('2027-01-25T15:00:00Z'));
    expect(await firing.fire(digest.key)).toEqual({ status: 'fired' });
    const [mail] = await fresh().find(OutboxMessage, { idempotencyKey: `mail.timer.${digest.key}` });
    const lagging = (mail.payload['data'] as { lagging: { code: string; state: string }[] }).lagging;
    expect(lagging[0]).toMatchObject({ code: 'DOS', state: 'overdue', escalationLevel: 2, daysOverdue: 10 });
    // Everyone still `invited` 21 days after the invitation is lagging too (no session recorded).
    expect(lagging.map((l) => l.code)).toContain('EOSG');
    expect(lagging.map((l) => l.code)).not.toContain('DPPA');
    const [next] = await fresh().find(Timer, { workflowId: null, status: 'pending' });
    expect(next.localDueAt).toBe('2027-01-26T09:00:00-05:00');
    db.clock.set(LAUNCH);
  });

  it('two workers handed the same timer perform its effect once', async () => {
    const second = await db.openAnother();
    try {
      const other = new TimerFiringService(second.em, db.clock, db.registry);
      const reminder = (await timersOf('DGC', 'pending')).find((t) => t.timerId === 'reminder-30') as Timer;
      db.clock.set(reminder.dueAt);
      const workers = [firing, other];
      // SQLite's driver is synchronous and serialises writers: two connections in one process would wait on
      // each other with the event loop blocked, so there the two claims run one after the other (separate
      // worker processes are exercised end to end). PostgreSQL races them for real.
      const statuses =
        driver === 'postgresql'
          ? await Promise.all(workers.map((w) => w.fire(reminder.key)))
          : [await workers[0].fire(reminder.key), await workers[1].fire(reminder.key)];
      expect(statuses.map((s) => s.status).sort()).toEqual(['fired', 'ignored']);
      expect(await fresh().count(OutboxMessage, { idempotencyKey: `mail.timer.${reminder.key}` })).toBe(1);
    } finally {
      await second.close(true);
      db.clock.set(LAUNCH);
    }
  });

  describe('a deadline passing for a whole time zone', () => {
    /** The pending deadline timers due at one instant, largest group first. */
    const deadlineGroups = async () => {
      const rows = await fresh().find(
        Timer,
        { timerId: 'deadline', status: 'pending' },
        { orderBy: { id: 'asc' } },
      );
      const byInstant = new Map<number, Timer[]>();
      for (const row of rows)
        byInstant.set(row.dueAt.getTime(), [...(byInstant.get(row.dueAt.getTime()) ?? []), row]);
      return [...byInstant.values()].sort((a, b) => b.length - a.length);
    };
    const statusOf = async (timers: Timer[]) => {
      const rows = await fresh().find(
        Timer,
        { id: { $in: timers.map((t) => t.id) } },
        { orderBy: { id: 'asc' } },
      );
      return rows.map((r) => r.status);
    };
    const overdueAuditOf = (timers: Timer[]) =>
      fresh().find(AuditEvent, {
        workflow: { $in: timers.map((t) => t.workflowId as number) },
        event: 'deadline-passed',
      });
    const mailsOf = (timers: Timer[]) =>
      fresh().count(OutboxMessage, { idempotencyKey: { $in: timers.map((t) => `mail.timer.${t.key}`) } });

    beforeAll(async () => {
      // DESA's deadline moved behind the planner's back above: its stale deadline row would join the batches.
      const desa = await instanceOf('DESA');
      await fresh().nativeUpdate(Timer, { workflowId: desa.id, status: 'pending' }, { status: 'cancelled' });
    });

    afterEach(() => db.clock.set(LAUNCH));

    it('one job fires up to `batch` timers of its slot in one transaction; their own jobs then do nothing', async () => {
      const [group] = await deadlineGroups();
      expect(group.length).toBeGreaterThanOrEqual(5);
      await mirror.syncPending();
      db.clock.set(group[0].dueAt);
      const [own, ...rest] = group;
      expect(await firing.fire(own.key, { batch: 3 })).toEqual({ status: 'fired', together: 2 });
      // The others' jobs leave Redis with the next mirroring; the still pending keep theirs.
      await mirror.syncPending();
      for (const timer of rest.slice(0, 2)) expect(await jobExists(timer.key)).toBe(false);
      for (const timer of rest.slice(2)) expect(await jobExists(timer.key)).toBe(true);
      expect(await statusOf(group)).toEqual([
        'fired',
        'fired',
        'fired',
        ...rest.slice(2).map(() => 'pending'),
      ]);
      const fired = group.slice(0, 3);
      const audit = await overdueAuditOf(fired);
      // Each entity's own audit row names its own timer.
      expect(audit.map((a) => [a.workflow?.id, a.toState, a.details?.['timer']]).sort()).toEqual(
        fired.map((t) => [t.workflowId, 'overdue', t.key]).sort(),
      );
      for (const timer of fired)
        expect((await fresh().findOneOrFail(EntityWorkflow, timer.workflowId as number)).state).toBe(
          'overdue',
        );
      expect(await mailsOf(fired)).toBe(fired.filter((t) => t.mail).length);
      // What the firing re-planned (escalations) exists for each of the three, as for a firing alone.
      for (const timer of fired) {
        expect(
          await fresh().count(Timer, {
            workflowId: timer.workflowId,
            timerId: 'escalation-1',
            status: 'pending',
          }),
        ).toBe(1);
      }
      for (const timer of rest.slice(0, 2)) {
        expect(await firing.fire(timer.key, { batch: 3 })).toEqual({
          status: 'ignored',
          reason: 'already fired',
        });
      }
      expect(await overdueAuditOf(fired)).toHaveLength(3);
    });

    it('an entity of the batch whose plan moved on is skipped with its reason; the others fire', async () => {
      const [group] = await deadlineGroups();
      expect(group.length).toBeGreaterThanOrEqual(2);
      const obsolete = group[group.length - 1];
      // A change that bypassed re-planning (as if the cancellation were lost): its deadline moved.
      await fresh().nativeUpdate(
        EntityWorkflow,
        { id: obsolete.workflowId as number },
        { extendedDeadline: '2027-02-20' },
      );
      db.clock.set(group[0].dueAt);
      expect(await firing.fire(group[0].key, { batch: 50 })).toEqual({
        status: 'fired',
        together: group.length - 1,
      });
      const statuses = await statusOf(group);
      expect(statuses.slice(0, -1).every((s) => s === 'fired')).toBe(true);
      expect(statuses[statuses.length - 1]).toBe('skipped');
      const row = await fresh().findOneOrFail(Timer, obsolete.id);
      expect(row.outcome).toMatch(/^obsolete: .* is invited, deadline 2027-02-20/);
      expect((await fresh().findOneOrFail(EntityWorkflow, obsolete.workflowId as number)).state).toBe(
        'invited',
      );
      expect(await overdueAuditOf([obsolete])).toHaveLength(0);
      expect(await mailsOf([obsolete])).toBe(0);
      expect(await overdueAuditOf(group.slice(0, -1))).toHaveLength(group.length - 1);
    });

    it('two workers firing one slot at once share it out: every timer once', async () => {
      const [group] = await deadlineGroups();
      expect(group.length).toBeGreaterThanOrEqual(3);
      db.clock.set(group[0].dueAt);
      const second = await db.openAnother();
      try {
        const other = new TimerFiringService(second.em, db.clock, db.registry);
        const options = { batch: 50, skipLocked: driver === 'postgresql' };
        // As above, SQLite's synchronous driver runs the two one after the other; PostgreSQL races them.
        const outcomes =
          driver === 'postgresql'
            ? await Promise.all([firing.fire(group[0].key, options), other.fire(group[1].key, options)])
            : [await firing.fire(group[0].key, options), await other.fire(group[1].key, options)];
        const performed = outcomes.map((o) => (o.status === 'fired' ? 1 + (o.together ?? 0) : 0));
        expect(performed.reduce((a, b) => a + b, 0)).toBe(group.length);
        expect(await statusOf(group)).toEqual(group.map(() => 'fired'));
        expect(await overdueAuditOf(group)).toHaveLength(group.length);
        expect(await mailsOf(group)).toBe(group.filter((t) => t.mail).length);
      } finally {
        await second.close(true);
      }
    });
  });

  describe('reconciler on a Redis of its own', () => {
    let redis: PrivateRedis;
    let client: Redis;
    let ownQueue: Queue;
    let reconciler: TimerReconciler;

    beforeAll(async () => {
      redis = await startPrivateRedis();
      client = new Redis(redis.url, { maxRetriesPerRequest: null });
      ownQueue = new Queue(QueueName.Timers, { connection: bullConnection(redis.url), prefix });
      const ownMirror = new TimerMirror(db.orm.em, ownQueue, db.clock);
      reconciler = new TimerReconciler(db.orm.em, ownQueue, client, ownMirror, db.clock);
    });

    afterAll(async () => {
      await ownQueue?.close();
      client?.disconnect();
      await redis?.stop();
    });

    it('after FLUSHALL restores every pending timer, once, and removes orphans', async () => {
      await mirror.syncPending();
      const pending = await fresh().find(Timer, { status: 'pending' });
      expect(pending.length).toBeGreaterThan(300);
      // This Redis never saw the rows: everything is missing, as after a FLUSHALL.
      let report = await reconciler.reconcile();
      expect(report).toEqual({ restored: pending.length, requeued: 0, orphansRemoved: 0 });
      await client.flushall();
      await addTimerJobs(
        ownQueue,
        [{ key: 'w999.reminder-1.0.gone', dueAt: new Date('2027-01-01') }],
        LAUNCH,
      );
      report = await reconciler.reconcile();
      expect(report).toEqual({ restored: pending.length, requeued: 0, orphansRemoved: 1 });
      const ids = new Set(await ownQueue.getRanges(['delayed', 'wait'], 0, -1));
      expect(ids.size).toBe(pending.length);
      for (const timer of pending) expect(ids.has(timer.key)).toBe(true);
      // A second pass finds nothing to do.
      expect(await reconciler.reconcile()).toEqual({ restored: 0, requeued: 0, orphansRemoved: 0 });
    });

    it('warns unless Redis is set never to evict', async () => {
      expect(await evictionPolicyWarning(client)).toBeNull();
      await client.config('SET', 'maxmemory-policy', 'allkeys-lru');
      expect(await evictionPolicyWarning(client)).toMatch(/'allkeys-lru'.*'noeviction'/);
    });
  });
});
