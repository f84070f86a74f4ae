import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { OutboxDispatchService } from '@cascade/scheduling';

/** Picks up outbox rows whose producer died between commit and dispatch. */
@Injectable()
export class OutboxPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly outbox: OutboxDispatchService,
    private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    this.outbox.kick();
    this.timer = setInterval(() => this.outbox.kick(), this.intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.outbox.dispatchNow();
  }
}
