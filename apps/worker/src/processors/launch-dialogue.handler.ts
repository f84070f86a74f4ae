import { Inject, Injectable } from '@nestjs/common';
import { Actors, InvitationService, type FanOutOptions } from '@cascade/dialogue';
import type { JobHandler, JobName, JobOf } from '@cascade/scheduling';

/** How this deployment's launch fans out (its database decides whether statistics are refreshed). */
export const FAN_OUT_OPTIONS = Symbol('FAN_OUT_OPTIONS');

/** The launch fan-out: invites every entity of a launched dialogue, in batches of one transaction each. */
@Injectable()
export class LaunchDialogueHandler implements JobHandler<typeof JobName.LaunchDialogue> {
  constructor(
    private readonly invitations: InvitationService,
    @Inject(FAN_OUT_OPTIONS) private readonly fanOut: FanOutOptions,
  ) {}

  async handle(job: JobOf<typeof JobName.LaunchDialogue>): Promise<{ invited: number }> {
    const invited = await this.invitations.inviteAll(
      job.data.dialogueId,
      Actors.worker,
      undefined,
      this.fanOut,
    );
    return { invited };
  }
}
