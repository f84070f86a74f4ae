import type { OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { within } from './health-check';

/**
 * A connection of its own for the health checks: BullMQ's connections retry forever by design, which would make a health
 * check hang instead of answering "down".
 */
export class RedisProbe implements OnModuleDestroy {
  private readonly client: Redis;

  constructor(url: string) {
    this.client = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 2000,
    });
    this.client.on('error', () => undefined); // reported by ping(), not as an unhandled event
  }

  async ping(): Promise<void> {
    if (this.client.status === 'wait' || this.client.status === 'end') await this.client.connect();
    await within(2000, 'Redis', this.client.ping());
  }

  async onModuleDestroy(): Promise<void> {
    this.client.disconnect();
  }
}
