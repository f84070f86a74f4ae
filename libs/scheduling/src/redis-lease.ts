import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

// Only the holder may extend or drop the lease: a slow holder whose lease expired must not cut short the lease
// another process took since.
const RENEW_IF_HOLDER = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE_IF_HOLDER = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * A named lease in Redis held by at most one process at a time, for work that every worker could do but one
 * should (the timer reconciler). It expires on its own, so a crashed holder blocks nobody for longer than `ttlMs`;
 * a FLUSHALL drops it with everything else, and the next process to ask takes it.
 */
export class RedisLease {
  /** Who holds it, as written in Redis: unique per lease object, so two in one process are still two. */
  readonly holder = randomUUID();

  constructor(
    private readonly redis: Redis,
    readonly key: string,
    private readonly ttlMs: number,
  ) {}

  /** Takes the lease if nobody holds it; true when this object holds it now (taken or already held). */
  async acquire(): Promise<boolean> {
    if (await this.renew()) return true;
    return (await this.redis.set(this.key, this.holder, 'PX', this.ttlMs, 'NX')) === 'OK';
  }

  /** Extends the lease by `ttlMs` from now; false when it was lost (expired and maybe taken by another). */
  async renew(): Promise<boolean> {
    return (await this.redis.eval(RENEW_IF_HOLDER, 1, this.key, this.holder, this.ttlMs)) === 1;
  }

  /** Gives the lease up early (at shutdown), only if still held. */
  async release(): Promise<void> {
    await this.redis.eval(RELEASE_IF_HOLDER, 1, this.key, this.holder);
  }
}
