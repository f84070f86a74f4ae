import { EntityManager } from '@mikro-orm/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { OutboxDispatcher } from './outbox-dispatcher';
import type { QueueName } from './queue-registry';

/**
 * Runs the outbox dispatcher on demand (after a request commits) and on a timer (in the worker, to pick up
 * rows whose process died between commit and dispatch). Runs never overlap; a kick during a run re-runs it.
 */
@Injectable()
export class OutboxDispatchService {
  private readonly logger = new Logger(OutboxDispatchService.name);
  private readonly dispatcher: OutboxDispatcher;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(em: EntityManager, moduleRef: ModuleRef) {
    this.dispatcher = new OutboxDispatcher(em, (name: QueueName) =>
      moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
    );
  }

  /** Starts a dispatch run without waiting for it. */
  kick(): void {
    void this.dispatchNow();
  }

  /** Dispatches everything pending; resolves when the outbox is empty of committed rows. */
  dispatchNow(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          const count = await this.dispatcher.dispatchPending();
          if (count > 0) this.logger.debug(`dispatched ${count} outbox message(s)`);
        } while (this.again);
      } catch (error) {
        this.logger.error(`outbox dispatch failed, will retry: ${(error as Error).message}`);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }
}
