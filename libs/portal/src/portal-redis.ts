import { Logger, type OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';

/**
 * The pages' own Redis connection (rate limits, one-time results). It never queues commands while Redis is
 * away: the rate limiter then counts in memory and a result is shown at once instead of after a redirect.
 */
export class PortalRedis implements OnModuleDestroy {
  readonly client: Redis;
  private readonly logger = new Logger('PortalRedis');
  private lastError = 0;

  constructor(url: string) {
    this.client = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
    });
    this.client.on('error', (error: Error) => {
      // One line a minute at most while Redis is down.
      if (Date.now() - this.lastError < 60_000) return;
      this.lastError = Date.now();
      this.logger.warn(`Redis: ${error.message}; counting rate limits in memory meanwhile`);
    });
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }
}
