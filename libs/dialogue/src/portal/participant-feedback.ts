import { LockMode, type EntityManager } from '@mikro-orm/core';
import { SessionRecord } from '../session/session-record.entity';
import { Conflict } from '../shared/errors';
import { FieldChecks } from '../shared/field-checks';
import type { FeedbackInput } from './portal.types';
import { ParticipantFeedback } from './requests.entity';

/**
 * A session's participants' link takes at most one answer per participant the leader recorded, so that one
 * person cannot outweigh a whole session. The count is all it knows: nothing says who has answered.
 */
export class FeedbackFull extends Conflict {
  constructor(participants: number) {
    super(
      `the session's ${participants} participant(s) have all given their feedback: this link takes no more`,
      'feedback-full',
      { count: participants },
    );
  }
}

/** How many answers the session's link takes, and how many it has had. */
export interface FeedbackRoom {
  capacity: number;
  given: number;
}

/** Annex F's ratings and comment, every problem named. */
export function checkFeedback(input: FeedbackInput): void {
  const check = new FieldChecks();
  for (const field of ['usefulness', 'openness', 'relevance'] as const) {
    const value = input[field];
    if (!Number.isInteger(value) || value < 1 || value > 5)
      check.fail(field, 'rating', 'must be a rating from 1 to 5');
  }
  check.text('comment', input.comment, { max: 2000, required: false });
  check.throwIfAny();
}

/**
 * The room left on a session's link. With `lock`, the session's row is locked until the transaction ends, so
 * that two answers sent at the same moment cannot both take the last place.
 */
export async function feedbackRoom(
  em: EntityManager,
  sessionId: number,
  lock = false,
): Promise<FeedbackRoom> {
  const session = await em.findOneOrFail(
    SessionRecord,
    sessionId,
    lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
  );
  const given = await em.count(ParticipantFeedback, { session: sessionId });
  return { capacity: session.participants, given };
}
