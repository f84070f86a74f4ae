import type { MikroORM } from '@mikro-orm/core';

/**
 * Every statement the ORM sends while `work` runs, as written (placeholders, not values), `begin` and `commit`
 * included. It listens where the ORM logs queries, which it calls whether or not debug output is on.
 */
export async function statementsOf(orm: MikroORM, work: () => Promise<unknown>): Promise<string[]> {
  const logger = orm.config.getLogger();
  const original = logger.logQuery;
  const seen: string[] = [];
  logger.logQuery = (context) => {
    seen.push(String(context.query));
  };
  try {
    await work();
  } finally {
    logger.logQuery = original;
  }
  return seen;
}

/** `update timer`, `insert audit_event`, `select person`, `begin`: verb and table, alike on both dialects. */
export function statementShape(statement: string): string {
  const words = statement.replace(/[`"]/g, '').split(/\s+/);
  const verb = words[0].toLowerCase();
  if (verb === 'select') return `select ${words[words.indexOf('from') + 1]}`;
  if (verb === 'insert' || verb === 'delete') return `${verb} ${words[2]}`;
  if (verb === 'update') return `update ${words[1]}`;
  return verb;
}

/** The columns an update sets, e.g. ['status', 'closed_at', 'outcome']. */
export function columnsSetBy(statement: string): string[] {
  const assignments =
    statement
      .replace(/[`"]/g, '')
      .split(/ set /)[1]
      ?.split(/ where /)[0] ?? '';
  return [...assignments.matchAll(/(?:^|, )(\w+) = /g)].map((match) => match[1]);
}
