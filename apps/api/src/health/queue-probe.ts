import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { allQueues, within, type QueueName } from '@cascade/scheduling';

/** Every queue of the registry, as the api's producers hold them: read for readiness and for the metrics. */
@Injectable()
export class QueueProbe {
  constructor(private readonly modules: ModuleRef) {}

  private queue(name: QueueName): Queue {
    return this.modules.get<Queue>(getQueueToken(name), { strict: false });
  }

  /** Jobs per state of each queue. BullMQ's connection retries forever by design: bounded here to 2 s. */
  async jobCounts(): Promise<{ queue: QueueName; counts: Record<string, number> }[]> {
    return within(
      2000,
      'the queues',
      Promise.all(
        allQueues.map(async (queue) => ({
          queue,
          counts: await this.queue(queue).getJobCounts(
            'waiting',
            'active',
            'delayed',
            'failed',
            'prioritized',
          ),
        })),
      ),
    );
  }

  async readAll(): Promise<void> {
    await this.jobCounts();
  }
}
