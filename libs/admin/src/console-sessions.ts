import type Redis from 'ioredis';

/** The account a stored console session belongs to (connect-redis keeps sessions as JSON), if any. */
export function accountOfSession(stored: string | null): number | null {
  if (!stored) return null;
  try {
    const id = (JSON.parse(stored) as { adminUser?: { id?: unknown } }).adminUser?.id;
    return typeof id === 'number' ? id : null;
  } catch {
    return null;
  }
}

/**
 * The console's sessions in Redis (`<QUEUE_PREFIX>:console-session:<id>`), to end an account's sessions at once
 * when it is disabled, changes role or gets a new password: the next request of such a session finds no
 * session and goes to the login page. Sessions are few (people of the Ethics Office), so a SCAN of the
 * prefix is cheap. A request in flight at that moment may write its session back; the identity check of every
 * session (`identityRefresh`, every few seconds) then applies the change anyway.
 */
export class ConsoleSessions {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Deletes every session of the account; how many there were. */
  async endSessionsOf(accountId: number): Promise<number> {
    let cursor = '0';
    let ended = 0;
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 200);
      cursor = next;
      if (keys.length === 0) continue;
      const stored = await this.redis.mget(...keys);
      const theirs = keys.filter((_key, i) => accountOfSession(stored[i]) === accountId);
      if (theirs.length > 0) ended += await this.redis.del(...theirs);
    } while (cursor !== '0');
    return ended;
  }
}
