import { openTestOrm, testDrivers, type TestOrm } from '@cascade/testing';
import { AfterCommit, type AfterCommitWork } from './after-commit';
import { enqueueInOutbox } from './outbox';
import { OutboxMessage } from './outbox-message.entity';
import { JobName } from './queue-registry';

describe.each(testDrivers())('AfterCommit, the unit-of-work hook (%s)', (driver) => {
  let db: TestOrm;
  const kicks: string[] = [];
  const work = (name: string): AfterCommitWork => ({ name, kick: () => kicks.push(name) });
  let key = 0;
  const enqueue = (em: Parameters<typeof enqueueInOutbox>[0]) =>
    enqueueInOutbox(em, JobName.LaunchDialogue, { dialogueId: 1 }, `after-commit.${(key += 1)}`, new Date());

  beforeAll(async () => {
    db = await openTestOrm(driver);
    const hook = new AfterCommit(db.orm.em);
    hook.onModuleInit();
    hook.register(work('outbox'));
    hook.register(work('timers'));
  });
  beforeEach(() => kicks.splice(0));
  afterAll(() => db.close());

  it('kicks every registered work once after a transaction commits, on any fork', async () => {
    await db.orm.em.fork().transactional(async (em) => {
      enqueue(em);
      // A nested transaction is a savepoint: nothing has committed yet.
      await em.transactional(async (inner) => enqueue(inner));
      expect(kicks).toEqual([]);
    });
    expect(kicks).toEqual(['outbox', 'timers']);
  });

  it('kicks after the implicit transaction of a flush', async () => {
    const em = db.orm.em.fork();
    enqueue(em);
    await em.flush();
    expect(kicks).toEqual(['outbox', 'timers']);
  });

  it('does not kick after a rollback or a read', async () => {
    await expect(
      db.orm.em.fork().transactional(async (em) => {
        enqueue(em);
        await em.flush();
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    await db.orm.em.fork().find(OutboxMessage, {});
    expect(kicks).toEqual([]);
  });

  it('a failing kick does not turn a committed transaction into a failed one (runs last: it stays subscribed)', async () => {
    const hook = new AfterCommit(db.orm.em);
    hook.register({
      name: 'broken',
      kick: () => {
        throw new Error('no Redis');
      },
    });
    hook.onModuleInit();
    const committed = await db.orm.em.fork().transactional(async (em) => enqueue(em).idempotencyKey);
    expect(await db.orm.em.fork().count(OutboxMessage, { idempotencyKey: committed })).toBe(1);
    // The other works still ran.
    expect(kicks).toEqual(['outbox', 'timers']);
  });
});
