import type { EntityManager } from '@mikro-orm/core';
import { auditInstance } from '../audit/audit-instance';
import { Person } from '../org/person.entity';
import { SessionRecord } from '../session/session-record.entity';
import { ValidationFailed } from '../shared/errors';
import { FieldChecks } from '../shared/field-checks';
import type { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { AccessToken } from './access-token.entity';
import type { AccessTokenService } from './access-token.service';
import { allowRoles, portalActorOf } from './portal-roles';
import type { PortalContext } from './portal.types';

// The links a page makes for others: a leader's link (from the Focal Point's or the Head's page) and a new
// participants' link (from the leader's or the Head's page), each in one transaction, audited.

async function instanceOf(em: EntityManager, ctx: PortalContext): Promise<EntityWorkflow> {
  const token = await em.findOneOrFail(AccessToken, ctx.tokenId, {
    populate: ['workflow', 'workflow.dialogue', 'workflow.entity'],
  });
  return token.workflow;
}

/** A link for a manager of the entity's tree to record their session; refused for anyone else. */
export async function createLeaderLink(
  em: EntityManager,
  tokens: AccessTokenService,
  now: Date,
  ctx: PortalContext,
  leaderEmail: string,
): Promise<{ token: string }> {
  allowRoles(ctx, ['focal-point', 'head-of-entity'], 'create leader links');
  const check = new FieldChecks();
  check.email('leaderEmail', leaderEmail);
  check.throwIfAny();
  const actor = portalActorOf(ctx);
  return em.fork().transactional(async (tx) => {
    const instance = await instanceOf(tx, ctx);
    const person = await tx.findOne(Person, {
      entity: instance.entity,
      email: leaderEmail.toLowerCase(),
      isManager: true,
    });
    if (!person) {
      throw new ValidationFailed([
        {
          field: 'leaderEmail',
          code: 'not-a-manager',
          message: `${leaderEmail} is not a manager of ${ctx.entity.code}'s reporting tree`,
          params: { email: leaderEmail, code: ctx.entity.code },
        },
      ]);
    }
    const token = tokens.issue(
      tx,
      instance,
      { role: 'leader', email: person.email, name: person.name, language: person.language },
      now,
      actor,
      ctx.tokenId,
    );
    auditInstance(tx, instance, {
      actor,
      at: now,
      event: 'issue-link',
      details: { role: 'leader', email: person.email },
    });
    return { token };
  });
}

/**
 * A new participants' link for one of the link holder's own recorded sessions, in one transaction: the links
 * this page showed before stop working (a lost link, or one shared beyond the team), those mailed to the team
 * stay valid, and the feedback already given stays counted (the cap is the session's, not the link's).
 */
export async function reissueParticipantsLink(
  em: EntityManager,
  tokens: AccessTokenService,
  now: Date,
  ctx: PortalContext,
  sessionId: number,
): Promise<{ participantsToken: string }> {
  allowRoles(ctx, ['leader', 'head-of-entity'], "issue a session's participants' link");
  if (!Number.isSafeInteger(sessionId) || sessionId < 1) {
    throw new ValidationFailed([
      {
        field: 'sessionId',
        code: 'non-negative-integer',
        message: 'must be the number of a recorded session',
      },
    ]);
  }
  const actor = portalActorOf(ctx);
  return em.fork().transactional(async (tx) => {
    const instance = await instanceOf(tx, ctx);
    const session = await tx.findOne(SessionRecord, {
      id: sessionId,
      workflow: instance,
      leaderEmail: (ctx.subjectEmail ?? '').toLowerCase(),
    });
    if (!session) {
      throw new ValidationFailed([
        {
          field: 'sessionId',
          code: 'no-such-session',
          message: `no session ${sessionId} led by this link's holder in ${ctx.entity.code}`,
        },
      ]);
    }
    const revoked = await tokens.revokeParticipantsLinks(tx, session.id, ctx.tokenId, now, actor);
    const participantsToken = tokens.issue(
      tx,
      instance,
      { role: 'participants', language: ctx.language, session },
      now,
      actor,
      ctx.tokenId,
    );
    auditInstance(tx, instance, {
      actor,
      at: now,
      event: 'issue-link',
      details: { role: 'participants', session: session.id, revoked },
    });
    return { participantsToken };
  });
}
