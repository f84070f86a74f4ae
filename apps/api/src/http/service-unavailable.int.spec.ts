import { DriverException, MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { ormOptions } from '@cascade/persistence';
import { freePort, openTestOrm, testDrivers, waitFor, type TestOrm } from '@cascade/testing';
import { classifyError, errorBody, isServiceUnavailable } from '@cascade/dialogue';

const toErrorBody = (error: unknown) => errorBody(classifyError(error));

/** What a query rejects with, as the driver and MikroORM really surface it. */
async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  const error = await work().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).not.toBeNull();
  return error;
}

const onPostgres = testDrivers().includes('postgresql') ? describe : describe.skip;

onPostgres('a database that is away answers 503, not 500 (postgresql)', () => {
  let db: TestOrm;

  beforeAll(async () => {
    db = await openTestOrm('postgresql');
  }, 60_000);
  afterAll(() => db?.close());

  it('when nothing listens where the database should be', async () => {
    const url = `postgres://postgres@127.0.0.1:${await freePort()}/cascade`;
    const orm = await MikroORM.init(ormOptions({ driver: 'postgresql', url }, { connect: false }));
    try {
      const error = await failureOf(() => orm.em.fork().getConnection().execute('select 1'));
      expect(isServiceUnavailable(error)).toBe(true);
      expect(toErrorBody(error)).toMatchObject({
        statusCode: 503,
        error: 'ServiceUnavailable',
        code: 'unavailable',
      });
    } finally {
      await orm.close(true);
    }
  });

  it('when the server ends the connection under a transaction (as a crash or a restart does)', async () => {
    const other = await db.openAnother();
    try {
      const error = await failureOf(() =>
        (db.orm.em.fork() as SqlEntityManager).transactional(async (em) => {
          // `em.execute` runs on the transaction's own connection.
          const [{ pid }] = await em.execute<{ pid: number }[]>('select pg_backend_pid() as pid');
          await other.em.getConnection().execute('select pg_terminate_backend(?)', [pid]);
          // The backend ends asynchronously: wait until it is gone, so that the next query meets a closed socket.
          await waitFor(
            async () =>
              (
                await other.em
                  .getConnection()
                  .execute<{ n: number }[]>('select count(*)::int as n from pg_stat_activity where pid = ?', [
                    pid,
                  ])
              )[0].n === 0,
            { what: `backend ${pid} to end`, timeoutMs: 10_000, intervalMs: 20 },
          );
          await em.execute('select 1');
        }),
      );
      expect(isServiceUnavailable(error)).toBe(true);
      expect(toErrorBody(error).statusCode).toBe(503);
    } finally {
      await other.close(true);
    }
    // What a transaction's next statement met in the fault suite's crash, the connection having died under it.
    const afterCrash = new DriverException(
      new Error('Transaction query already complete, run with DEBUG=knex:tx for more info'),
    );
    expect(toErrorBody(afterCrash).statusCode).toBe(503);
    // The pool recovers on its own: the next query gets a fresh connection.
    expect(await db.orm.em.fork().getConnection().execute('select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('but not for errors of the request or of the code', async () => {
    // A subquery giving two rows: the query's own error (21000), from a database that answers.
    const wrongQuery = await failureOf(() =>
      db.orm.em
        .fork()
        .getConnection()
        .execute('select * from (values (1)) v where 1 = (select 1 union all select 1)'),
    );
    expect(isServiceUnavailable(wrongQuery)).toBe(false);
    const unique = new UniqueConstraintViolationException(new Error('duplicate key value'));
    expect(toErrorBody(unique).statusCode).toBe(409);
    expect(isServiceUnavailable(new Error('Cannot read properties of undefined'))).toBe(false);
    expect(classifyError(new TypeError('x is not a function'))).toMatchObject({
      category: 'internal',
      status: 500,
    });
  });
});
