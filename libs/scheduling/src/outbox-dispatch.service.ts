import { EntityManager } from '@mikro-orm/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { AfterCommit, type AfterCommitWork } from './after-commit';
import { CoalescingRunner } from './coalescing-runner';
import { OutboxDispatcher } from './outbox-dispatcher';
import type { QueueName } from './queue-registry';

/**
 * Runs the outbox dispatcher after every commit (kicked by the unit-of-work hook) and on a timer (in the worker,
 * to pick up rows whose process died between commit and dispatch).
 */
@Injectable()
export class OutboxDispatchService implements AfterCommitWork {
  readonly name = 'outbox dispatch';
  private readonly logger = new Logger(OutboxDispatchService.name);
  private readonly runner: CoalescingRunner;

  constructor(em: EntityManager, moduleRef: ModuleRef, afterCommit: AfterCommit) {
    const dispatcher = new OutboxDispatcher(em, (name: QueueName) =>
      moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
    );
    this.runner = new CoalescingRunner(
      async () => {
        const count = await dispatcher.dispatchPending();
        if (count > 0) this.logger.debug(`dispatched ${count} outbox message(s)`);
      },
      (error) => this.logger.error(`outbox dispatch failed, will retry: ${error.message}`),
    );
    afterCommit.register(this);
  }

  kick(): void {
    this.runner.kick();
  }

  /** Dispatches everything pending; resolves when the outbox is empty of committed rows. */
  dispatchNow(): Promise<void> {
    return this.runner.runNow();
  }
}
