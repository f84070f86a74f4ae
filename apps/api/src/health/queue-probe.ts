import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { allQueues, type QueueName } from '@cascade/scheduling';

/** Every queue of the registry, as the api's producers hold them: read for readiness and for the metrics. */
@Injectable()
export class QueueProbe {
  constructor(private readonly modules: ModuleRef) {}

  private queue(name: QueueName): Queue {
    return this.modules.get<Queue>(getQueueToken(name), { strict: false });
  }

  /** Jobs per state of each queue. BullMQ's connection retries forever by design: bounded here to 2 s. */
  async jobCounts(): Promise<{ queue: QueueName; counts: Record<string, number> }[]> {
    const read = Promise.all(
      allQueues.map(async (queue) => ({
        queue,
        counts: await this.queue(queue).getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized'),
      })),
    );
    read.catch(() => undefined); // a late failure after the timeout is already reported
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the queues did not answer within 2 s')), 2000);
    });
    try {
      return await Promise.race([read, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async readAll(): Promise<void> {
    await this.jobCounts();
  }
}
