import type { RedisOptions } from 'bullmq';

/** BullMQ's connection for a redis:// URL; its blocking connections need `maxRetriesPerRequest: null`. */
export function bullConnection(url: string): RedisOptions {
  return { url, maxRetriesPerRequest: null };
}
