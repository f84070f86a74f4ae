import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { endOfLocalDay } from '@cascade/workflow';
import { auditInstance } from '../audit/audit-instance';
import type { SessionRecord } from '../session/session-record.entity';
import type { Actor } from '../shared/actor';
import { Clock } from '@cascade/clock';
import { Conflict, DomainError, NotFound } from '../shared/errors';
import { FieldChecks } from '../shared/field-checks';
import type { Language } from '../shared/languages';
import type { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { findInstance } from '../workflow-instance/instance-lookup';
import { AccessToken } from './access-token.entity';
import type { TokenRole } from './portal.types';

/** Unknown, expired and revoked links all get the same answer, so a guess learns nothing. */
export class TokenRejected extends DomainError {
  constructor() {
    super(
      'this link is not valid or has expired; ask the Ethics Office or your Focal Point for a new one',
      'token-rejected',
    );
  }
}

export const hashToken = (raw: string): string => createHash('sha256').update(raw, 'utf8').digest('hex');

export interface TokenSubject {
  role: TokenRole;
  email?: string | null;
  name?: string | null;
  language: Language;
  session?: SessionRecord | null;
}

/** Issues, resolves, lists and revokes token links. The raw token leaves only in the return value of `issue`. */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  /**
   * Inside the caller's transaction. Valid until the end of the report cutoff day in the entity's zone.
   * `issuedFrom`: the link it is made from (a leader's link from the Focal Point's, a participants' link from
   * the leader's), so that revoking that one can revoke this one too.
   */
  issue(
    em: EntityManager,
    instance: EntityWorkflow,
    subject: TokenSubject,
    now: Date,
    createdBy: Actor,
    issuedFrom: number | null = null,
  ): string {
    const raw = randomBytes(32).toString('base64url');
    em.persist(
      em.create(AccessToken, {
        tokenHash: hashToken(raw),
        workflow: instance,
        role: subject.role,
        subjectEmail: subject.email?.toLowerCase() ?? null,
        subjectName: subject.name ?? null,
        session: subject.session ?? null,
        language: subject.language,
        createdAt: now,
        expiresAt: endOfLocalDay(instance.dialogue.reportCutoff, instance.entity.timeZone),
        revokedAt: null,
        createdBy,
        issuedFrom: issuedFrom === null ? null : em.getReference(AccessToken, issuedFrom),
      }),
    );
    return raw;
  }

  /**
   * Inside the caller's transaction: revokes the session's valid participants' links made from the link
   * `issuedFrom` (the leader's page, issuing a new one for a link that was lost or shared too widely), each with
   * its audit row; the links mailed to the team members stay valid. Returns how many were revoked.
   */
  async revokeParticipantsLinks(
    em: EntityManager,
    sessionId: number,
    issuedFrom: number,
    now: Date,
    actor: Actor,
  ): Promise<number> {
    const links = await em.find(
      AccessToken,
      { session: sessionId, role: 'participants', revokedAt: null, issuedFrom },
      { populate: ['workflow'], orderBy: { id: 'asc' } },
    );
    for (const link of links) revokeOne(em, link, now, actor);
    return links.length;
  }

  /** The token with its instance, dialogue, entity and session loaded; TokenRejected otherwise. */
  async resolve(em: EntityManager, raw: string): Promise<AccessToken> {
    if (typeof raw !== 'string' || !/^[A-Za-z0-9_-]{20,100}$/.test(raw)) throw new TokenRejected();
    const token = await em.findOne(
      AccessToken,
      { tokenHash: hashToken(raw) },
      { populate: ['workflow', 'workflow.dialogue', 'workflow.entity', 'session'] },
    );
    if (!token || token.revokedAt || token.expiresAt <= this.clock.now()) throw new TokenRejected();
    return token;
  }

  /** An admin's link for a Focal Point, the Head or a leader of an entity. */
  async issueFor(
    year: number,
    code: string,
    subject: { role: TokenRole; email: string; name?: string | null; language?: Language },
    actor: Actor,
  ): Promise<{ token: string; expiresAt: Date }> {
    const check = new FieldChecks();
    check.email('email', subject.email);
    check.text('name', subject.name, { max: 200, required: false });
    check.throwIfAny();
    return this.em.fork().transactional(async (em) => {
      const instance = await findInstance(em, year, code);
      const now = this.clock.now();
      const token = this.issue(
        em,
        instance,
        { ...subject, language: subject.language ?? instance.entity.language },
        now,
        actor,
      );
      auditInstance(em, instance, {
        actor,
        at: now,
        event: 'issue-link',
        details: { role: subject.role, email: subject.email.toLowerCase() },
      });
      return { token, expiresAt: endOfLocalDay(instance.dialogue.reportCutoff, instance.entity.timeZone) };
    });
  }

  async list(year: number, code: string): Promise<AccessToken[]> {
    const em = this.em.fork();
    const instance = await findInstance(em, year, code);
    return em.find(AccessToken, { workflow: instance }, { orderBy: { id: 'desc' } });
  }

  /**
   * Revokes a personal link and gives the same person (role, address, name, language, session) a new one, in
   * one transaction with the audit rows: the revocation is written first, and whatever fails after it undoes
   * it, so the old link stays valid unless the new one exists. With `derived` (the default) the links made from
   * the old one (and from those) are revoked too: whoever held the old link may have made them. The new link
   * is the Ethics Office's own. `workflowId` keeps the link within the entity the caller is looking at. The raw
   * new token leaves only in the return value.
   */
  async reissue(
    id: number,
    actor: Actor,
    scope: { workflowId?: number; derived?: boolean } = {},
  ): Promise<{ revoked: AccessToken; derived: AccessToken[]; token: string; expiresAt: Date }> {
    return this.em.fork().transactional(async (em) => {
      const old = await em.findOne(
        AccessToken,
        scope.workflowId === undefined ? { id } : { id, workflow: scope.workflowId },
        { populate: ['workflow', 'workflow.dialogue', 'workflow.entity', 'session'] },
      );
      if (!old || !old.subjectEmail) throw new NotFound('personal link', id);
      if (old.revokedAt)
        throw new Conflict(`link ${id} was already revoked; reload the list of links`, 'link-revoked', {
          id,
        });
      const now = this.clock.now();
      revokeOne(em, old, now, actor);
      const derived = scope.derived === false ? [] : await revokeDerived(em, old, now, actor);
      await em.flush();
      const token = this.issue(
        em,
        old.workflow,
        {
          role: old.role,
          email: old.subjectEmail,
          name: old.subjectName,
          language: old.language,
          session: old.session,
        },
        now,
        actor,
      );
      auditInstance(em, old.workflow, {
        actor,
        at: now,
        event: 'issue-link',
        details: { role: old.role, email: old.subjectEmail, reissues: old.id },
      });
      const { reportCutoff } = old.workflow.dialogue;
      return {
        revoked: old,
        derived,
        token,
        expiresAt: endOfLocalDay(reportCutoff, old.workflow.entity.timeZone),
      };
    });
  }

  /**
   * Revokes one link (`reissue` revokes and replaces it in one go) and, with `derived` (the default), the
   * links made from it and from those, each with its audit row, in one transaction. Revoking a revoked link
   * again still reaches the links made from it that are valid. `workflowId` as for `reissue`.
   */
  async revoke(
    id: number,
    actor: Actor,
    { derived = true, workflowId }: { derived?: boolean; workflowId?: number } = {},
  ): Promise<{ revoked: AccessToken; derived: AccessToken[] }> {
    return this.em.fork().transactional(async (em) => {
      const token = await em.findOne(
        AccessToken,
        workflowId === undefined ? { id } : { id, workflow: workflowId },
        { populate: ['workflow', 'workflow.dialogue', 'workflow.entity'] },
      );
      if (!token) throw new NotFound('link', id);
      const now = this.clock.now();
      if (!token.revokedAt) revokeOne(em, token, now, actor);
      return { revoked: token, derived: derived ? await revokeDerived(em, token, now, actor) : [] };
    });
  }
}

/** Marks a link revoked, with its audit row (`with`: the link whose revocation took it along). */
function revokeOne(em: EntityManager, token: AccessToken, now: Date, actor: Actor, withLink?: number): void {
  token.revokedAt = now;
  auditInstance(em, token.workflow, {
    actor,
    at: now,
    event: 'revoke-link',
    details: {
      link: token.id,
      role: token.role,
      email: token.subjectEmail,
      ...(withLink === undefined ? {} : { with: withLink }),
    },
  });
}

/**
 * Revokes the valid links made from `root`, and from those, however deep (a Head's link → leaders' links →
 * their sessions' participants' links), walking through links already revoked.
 */
async function revokeDerived(
  em: EntityManager,
  root: AccessToken,
  now: Date,
  actor: Actor,
): Promise<AccessToken[]> {
  const revoked: AccessToken[] = [];
  let frontier = [root.id];
  while (frontier.length > 0) {
    const made = await em.find(
      AccessToken,
      { issuedFrom: { $in: frontier } },
      { populate: ['workflow'], orderBy: { id: 'asc' } },
    );
    for (const link of made.filter((l) => !l.revokedAt)) {
      revokeOne(em, link, now, actor, root.id);
      revoked.push(link);
    }
    frontier = made.map((l) => l.id);
  }
  return revoked;
}
