import { LibSqlKnexDialect } from '@mikro-orm/knex';

interface KnexTransaction {
  begin(connection: unknown): Promise<unknown>;
  query(connection: unknown, sql: string): Promise<unknown>;
}

/**
 * The api and the workers write to one SQLite file from separate processes. A plain (deferred) `BEGIN` reads
 * first and upgrades to a writer later, and in WAL mode that upgrade fails at once ("database is locked") when
 * another process committed meanwhile; the busy timeout cannot help. `BEGIN IMMEDIATE` takes the write lock up
 * front, so concurrent writers queue behind the busy timeout instead of failing.
 */
export class ImmediateTransactionLibSqlDialect extends LibSqlKnexDialect {
  transaction(...args: unknown[]) {
    const base = (LibSqlKnexDialect.prototype as unknown as { transaction(...a: unknown[]): KnexTransaction })
      .transaction;
    const transaction = base.apply(this, args);
    // Safe to replace here: knex calls begin() only after acquiring a connection, asynchronously.
    transaction.begin = (connection) => transaction.query(connection, 'BEGIN IMMEDIATE;');
    return transaction;
  }
}
