import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Actors, Clock, InvitationService, type FanOutOptions } from '@cascade/dialogue';
import {
  JobName,
  OutboxDispatchService,
  QueueName,
  TimerSyncService,
  type JobPayloads,
} from '@cascade/scheduling';

/** How this deployment's launch fans out (its database decides whether statistics are refreshed). */
export const FAN_OUT_OPTIONS = Symbol('FAN_OUT_OPTIONS');

/** The launch fan-out: invites every entity of a launched dialogue, in batches of one transaction each. */
@Processor(QueueName.Lifecycle)
export class LaunchDialogueProcessor extends WorkerHost {
  constructor(
    private readonly invitations: InvitationService,
    private readonly outbox: OutboxDispatchService,
    private readonly timers: TimerSyncService,
    private readonly clock: Clock,
    @Inject(FAN_OUT_OPTIONS) private readonly fanOut: FanOutOptions,
  ) {
    super();
  }

  async process(job: Job<JobPayloads[typeof JobName.LaunchDialogue]>): Promise<{ invited: number }> {
    if (job.name !== JobName.LaunchDialogue)
      throw new Error(`unexpected job ${job.name} on ${QueueName.Lifecycle}`);
    await this.clock.sync();
    const invited = await this.invitations.inviteAll(
      job.data.dialogueId,
      Actors.worker,
      undefined,
      this.fanOut,
    );
    await Promise.all([this.outbox.dispatchNow(), this.timers.syncNow()]);
    return { invited };
  }
}
