import { Injectable } from '@nestjs/common';
import { EntityWorkflowService, type TransitionOutcome } from '../workflow-instance/entity-workflow.service';
import type { Actor } from '../shared/actor';
import { Clock } from '../shared/clock';
import { isCalendarDay } from '../shared/dates';
import { FieldChecks } from '../shared/field-checks';
import { SessionRecord } from './session-record.entity';

export interface RecordSessionInput {
  leaderEmail: string;
  heldOn: string;
  language: string;
  participants: number;
}

export const IDEAL_SESSION_SIZE = { min: 10, max: 25 } as const;

/** Sizes outside 10–25 are accepted (the seed allows joint and split sessions) but flagged. */
export function sessionSizeWarning(participants: number): string | null {
  if (participants < IDEAL_SESSION_SIZE.min) {
    return `${participants} participants is below the ideal 10–25: consider a joint session led by a higher reporting officer`;
  }
  if (participants > IDEAL_SESSION_SIZE.max) {
    return `${participants} participants is above the ideal 10–25: consider splitting the session (the same manager leads every part)`;
  }
  return null;
}

@Injectable()
export class SessionService {
  constructor(
    private readonly workflows: EntityWorkflowService,
    private readonly clock: Clock,
  ) {}

  async record(
    year: number,
    code: string,
    input: RecordSessionInput,
    actor: Actor,
  ): Promise<TransitionOutcome & { session: SessionRecord }> {
    const check = new FieldChecks();
    check.email('leaderEmail', input.leaderEmail);
    if (!isCalendarDay(input.heldOn)) check.fail('heldOn', 'must be a date YYYY-MM-DD');
    else if (input.heldOn > this.clock.now().toISOString().slice(0, 10))
      check.fail('heldOn', 'must not be in the future');
    check.text('language', input.language, { max: 40 });
    if (check.nonNegativeInteger('participants', input.participants) && input.participants === 0) {
      check.fail('participants', 'a session has at least one participant');
    }
    check.throwIfAny();

    const warning = sessionSizeWarning(input.participants);
    let session: SessionRecord | undefined;
    const outcome = await this.workflows.applyEvent(
      year,
      code,
      { type: 'record-session' },
      actor,
      () => (warning ? [warning] : []),
      (em, instance, now) => {
        session = em.create(SessionRecord, {
          workflow: instance,
          leaderEmail: input.leaderEmail.toLowerCase(),
          heldOn: input.heldOn,
          language: input.language,
          participants: input.participants,
          sizeWarning: warning,
          recordedAt: now,
        });
        em.persist(session);
        instance.sessionsRecorded += 1;
      },
    );
    return { ...outcome, session: session as SessionRecord };
  }
}
