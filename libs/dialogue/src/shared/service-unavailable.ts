import { ConnectionException } from '@mikro-orm/core';

/** Seconds a client is asked to wait before sending again a request that met an unreachable database. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Codes that say a service could not be reached or dropped the connection: socket errors, and PostgreSQL's
 * shutdown (57P01–57P03: terminated by an administrator or a crash, starting up) and connection (08xxx) classes.
 */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

// node-postgres' words (no code attached) for a socket the server closed, or a client that this left unusable
// (MikroORM puts the query before them: `select 1 - Client has encountered a connection error…`), and knex's for
// the next statement of a transaction whose connection died under it (seen in the fault suite's PostgreSQL crash).
const LOST_CONNECTION =
  /(^|\s-\s)(Connection terminated|Connection ended unexpectedly|Client was closed and is not queryable|Client has encountered a connection error|Transaction query already complete)/;

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
  previous?: unknown;
}

/**
 * Whether an error says that the database (or another service Cascade needs) is away for the moment — down,
 * restarting, the pool unable to connect — rather than that the request was wrong or the code is broken. Such a
 * request may succeed if sent again, which a 503 says and a 500 does not. Looks through wrapped errors (`cause`,
 * `previous`).
 */
export function isServiceUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    if (current instanceof ConnectionException) return true;
    const { code, name, message, cause, previous } = current as ErrorLike;
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
    if (name === 'KnexTimeoutError') return true;
    if (typeof message === 'string' && LOST_CONNECTION.test(message)) return true;
    current = previous ?? cause;
  }
  return false;
}
