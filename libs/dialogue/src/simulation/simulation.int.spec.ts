import fs from 'node:fs';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { AfterCommit, bullConnection, QueueName } from '@cascade/scheduling';
import { TimerSyncService } from '../timers/mirror/timer-sync.service';
import { Timer } from '../timers/timer.entity';
import {
  clearQueuePrefix,
  openTestOrm,
  sampleDialogueInput,
  testDrivers,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  type TestOrm,
} from '@cascade/testing';
import { DialogueService } from '../dialogue/dialogue.service';
import { EntityImportService } from '../entity/entity-import.service';
import { Conflict } from '../shared/errors';
import { TimerFiringService } from '../timers/timer-firing.service';
import { InvitationService } from '../workflow-instance/invitation.service';
import { SimulatedClock } from './simulated-clock';
import { SimulationService } from './simulation.service';

const ENTITIES_CSV = fs.readFileSync(
  path.resolve(__dirname, '../../../persistence/seed/entities.csv'),
  'utf8',
);
const YEAR = 2026;
const LAUNCH = new Date('2026-11-02T12:00:00Z');

describe.each(testDrivers())('the simulation clock on the database and real Redis (%s)', (driver) => {
  let db: TestOrm;
  let prefix: string;
  let queue: Queue;
  let clock: SimulatedClock;
  let simulation: SimulationService;
  let firing: TimerFiringService;
  let worker: Worker | undefined;
  /** Milliseconds the in-process worker takes before each firing. */
  let slowness = 0;

  const startWorker = () => {
    worker = new Worker(
      QueueName.Timers,
      async (job) => {
        await new Promise((resolve) => setTimeout(resolve, slowness));
        return firing.fire(job.data.key, { batch: 1 });
      },
      { connection: bullConnection(TEST_REDIS_URL), prefix, concurrency: 1 },
    );
  };
  const pendingCount = () => db.orm.em.fork().count(Timer, { status: 'pending' });

  beforeAll(async () => {
    // The mirror logs each sync at debug level; the assertions say what matters.
    Logger.overrideLogger(['error', 'warn']);
    db = await openTestOrm(driver, LAUNCH);
    const { orm, registry } = db;
    clock = new SimulatedClock(orm.em);
    await clock.set(LAUNCH);
    prefix = uniqueQueuePrefix();
    queue = new Queue(QueueName.Timers, { connection: bullConnection(TEST_REDIS_URL), prefix });
    simulation = new SimulationService(
      orm.em,
      clock,
      new TimerSyncService(orm.em, queue, clock, new AfterCommit(orm.em)),
    );
    firing = new TimerFiringService(orm.em, clock, registry);
    const dialogues = new DialogueService(orm.em, clock, registry);
    const dialogue = await dialogues.create(sampleDialogueInput(YEAR), 'admin@test');
    await new EntityImportService(orm.em, clock).importCsv(ENTITIES_CSV, 'admin@test');
    await dialogues.launch(YEAR, 'admin@test');
    await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, 'admin@test');
  });

  afterEach(async () => {
    await worker?.close();
    worker = undefined;
  });

  afterAll(async () => {
    await queue?.close();
    await clearQueuePrefix(prefix);
    await db?.close();
  });

  /** The earliest instant at which at least `size` timers are due together. */
  const firstCrowdedInstant = async (size: number) => {
    const pending = await db.orm.em.fork().find(Timer, { status: 'pending' }, { orderBy: { dueAt: 'asc' } });
    const counts = new Map<number, number>();
    for (const timer of pending)
      counts.set(timer.dueAt.getTime(), (counts.get(timer.dueAt.getTime()) ?? 0) + 1);
    const [instant, count] = [...counts].find(([, n]) => n >= size) ?? [];
    if (instant === undefined) throw new Error(`no instant with ${size} timers due`);
    return { at: new Date(instant), count: count as number };
  };

  it('a step nobody works on fails once it has made no progress for the step timeout, naming its timers', async () => {
    const before = await pendingCount();
    const { at } = await firstCrowdedInstant(1);
    const failure = await simulation.advance(at, { stepTimeoutMs: 300 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Conflict);
    expect((failure as Error).message).toMatch(
      /^\d+ timer\(s\) still pending after 300 ms without progress \(is a worker running\?\): [wd]\d+\./,
    );
    expect(await pendingCount()).toBe(before);
    // The clock stands at the step; the next advance picks the same timers up once a worker runs.
    expect(clock.now()).toEqual(at);
    startWorker();
    const report = await simulation.advance(at, { stepTimeoutMs: 30_000 });
    expect(report.fired + report.skipped).toBeGreaterThanOrEqual(1);
    expect(await db.orm.em.fork().count(Timer, { status: 'pending', dueAt: { $lte: at } })).toBe(0);
  });

  it('a long step goes on as long as its timers keep closing: the timeout counts from the last progress', async () => {
    const { at, count } = await firstCrowdedInstant(4);
    // Everything before the crowded instant fires at full speed.
    startWorker();
    await simulation.advance(new Date(at.getTime() - 1));
    slowness = 150;
    const started = Date.now();
    // Each firing takes 150 ms, so the step lasts several timeouts of 400 ms; it never stalls for one.
    const report = await simulation.advance(at, { stepTimeoutMs: 400 });
    expect(Date.now() - started).toBeGreaterThan(count * 150);
    expect(report).toMatchObject({ steps: 1, fired: count, skipped: 0 });
    expect(await db.orm.em.fork().count(Timer, { status: 'pending', dueAt: { $lte: at } })).toBe(0);
    slowness = 0;
    // Its own clock is the step timeout above; Jest's 5 s default only measured how busy the machine was
    // (about 3 s on a quiet one).
  }, 30_000);
});
