import type { EntityManager } from '@mikro-orm/core';

/**
 * PostgreSQL's ANALYZE of these tables: what its documentation asks for after a bulk load, and what autovacuum
 * does late or, where it is switched off, never. Reads a sample of each table; takes no lock that blocks writes.
 */
export async function refreshPlannerStatistics(em: EntityManager, tables: readonly string[]): Promise<void> {
  await em.getConnection().execute(`analyze ${tables.map((table) => `"${table}"`).join(', ')}`);
}
