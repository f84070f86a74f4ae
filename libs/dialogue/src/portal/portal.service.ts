import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { localDateOf } from '@cascade/workflow';
import { auditInstance } from '../audit/audit-instance';
import { OrgTreeService } from '../org/org-tree.service';
import { SessionRecord } from '../session/session-record.entity';
import { SessionService } from '../session/session.service';
import { Clock } from '@cascade/clock';
import { isCalendarDay } from '../shared/dates';
import { ValidationFailed } from '../shared/errors';
import { FieldChecks } from '../shared/field-checks';
import type { AnnexEPrefill } from '../statistics/annex-e-prefill';
import { AnnexEPrefillQueryService } from '../statistics/annex-e-prefill-query.service';
import { StatisticsService, type StatisticsInput } from '../statistics/statistics.service';
import type { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { instanceIn } from '../workflow-instance/instance-lookup';
import { AccessToken } from './access-token.entity';
import { AccessTokenService } from './access-token.service';
import { allowRoles, portalActorOf } from './portal-roles';
import { createLeaderLink, reissueParticipantsLink } from './page-links';
import { checkFeedback, FeedbackFull, feedbackRoom } from './participant-feedback';
import {
  contextOf,
  focalPointViewOf,
  progressAndSessionsOf,
  readFocalPointRows,
  summaryOf,
} from './portal-views';
import type {
  CascadeProgress,
  ExtensionRequestInput,
  FeedbackInput,
  FocalPointView,
  PortalContext,
  ScenarioProposalInput,
  SeminarRequestInput,
  SessionReportInput,
  TokenRole,
} from './portal.types';
import { ExtensionRequest, ParticipantFeedback, ScenarioProposal, SeminarRequest } from './requests.entity';

/**
 * What the people of an entity do through their token links. Every operation resolves the token afresh, checks
 * its role, and runs in one transaction with its audit row; the token itself never reaches the database or logs.
 */
@Injectable()
export class PortalService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly tokens: AccessTokenService,
    private readonly orgTree: OrgTreeService,
    private readonly sessions: SessionService,
    private readonly statistics: StatisticsService,
    private readonly annexE: AnnexEPrefillQueryService,
  ) {}

  /**
   * The instance each context's token was read with, for the first operation on that context (the request's page
   * or form), which then need not read it again; later operations on a context kept longer read it afresh.
   */
  private readonly resolvedWith = new WeakMap<PortalContext, EntityWorkflow>();

  async resolve(raw: string): Promise<PortalContext> {
    const token = await this.tokens.resolve(this.em.fork(), raw);
    const ctx = contextOf(token, this.clock.now());
    this.resolvedWith.set(ctx, token.workflow);
    return ctx;
  }

  async focalPointView(ctx: PortalContext): Promise<FocalPointView> {
    this.allow(ctx, ['focal-point'], 'see the Focal Point page');
    const em = this.em.fork();
    const instance = await this.instanceOf(em, ctx);
    const rows = await readFocalPointRows(em, instance, { annexE: this.annexE });
    return focalPointViewOf(ctx, instance, rows);
  }

  /** What the Focal Point's statistics form starts from (Annex E pre-filled), each figure with its source. */
  async statisticsPrefill(ctx: PortalContext): Promise<AnnexEPrefill> {
    this.allow(ctx, ['focal-point'], 'see the statistics form');
    const em = this.em.fork();
    return this.annexE.ofInstance(em, await this.instanceOf(em, ctx));
  }

  async headView(ctx: PortalContext) {
    this.allow(ctx, ['head-of-entity'], 'see the Head of Entity page');
    const em = this.em.fork();
    const instance = await this.instanceOf(em, ctx);
    return {
      context: ctx,
      ...(await progressAndSessionsOf(em, instance)),
      headConfirmedAt: instance.headConfirmedAt,
    };
  }

  async leaderView(ctx: PortalContext) {
    this.allow(ctx, ['leader'], 'see a leader page');
    const em = this.em.fork();
    const instance = await this.instanceOf(em, ctx);
    const { progress, sessions } = await progressAndSessionsOf(em, instance);
    return { context: ctx, progress, sessions: sessions.filter((s) => s.leaderEmail === ctx.subjectEmail) };
  }

  /** The feedback form's page: the session, and how many answers its link takes and has had (no names). */
  async participantView(ctx: PortalContext) {
    this.allow(ctx, ['participants'], 'give session feedback');
    const room = await feedbackRoom(this.em.fork(), (ctx.session as { id: number }).id);
    return { context: ctx, alreadyCounted: room.given, capacity: room.capacity };
  }

  /** Figures that differ from the records need `confirmDifferences`; `crossCheck` says what was confirmed. */
  async submitStatistics(ctx: PortalContext, input: StatisticsInput) {
    this.allow(ctx, ['focal-point'], 'submit statistics');
    const options = { requireConfirmation: true, loaded: this.takeResolved(ctx) };
    const outcome = await this.statistics.submit(
      ctx.year,
      ctx.entity.code,
      input,
      this.actorOf(ctx),
      options,
    );
    const { revision, crossCheck } = outcome.submission;
    return { state: outcome.instance.state, revision, crossCheck };
  }

  async requestExtension(ctx: PortalContext, input: ExtensionRequestInput): Promise<{ id: number }> {
    this.allow(ctx, ['focal-point'], 'ask for an extension');
    const check = new FieldChecks();
    if (!isCalendarDay(input.wishedDeadline))
      check.fail('wishedDeadline', 'date', 'must be a date YYYY-MM-DD');
    else if (input.wishedDeadline <= ctx.effectiveDeadline) {
      check.fail(
        'wishedDeadline',
        'after-deadline',
        `must be after the current deadline ${ctx.effectiveDeadline}`,
        { date: ctx.effectiveDeadline },
      );
    }
    check.text('reason', input.reason, { max: 2000 });
    check.throwIfAny();
    return this.write(ctx, 'request-extension', (em, instance, now) =>
      em.create(ExtensionRequest, {
        workflow: instance,
        wishedDeadline: input.wishedDeadline,
        reason: input.reason,
        requestedBy: ctx.subjectEmail ?? '',
        requestedAt: now,
        status: 'pending',
      }),
    );
  }

  async proposeScenario(ctx: PortalContext, input: ScenarioProposalInput): Promise<{ id: number }> {
    this.allow(ctx, ['focal-point'], 'propose a scenario');
    const check = new FieldChecks();
    check.text('title', input.title, { max: 200 });
    check.text('description', input.description, { max: 5000 });
    check.throwIfAny();
    return this.write(ctx, 'propose-scenario', (em, instance, now) =>
      em.create(ScenarioProposal, {
        workflow: instance,
        title: input.title,
        description: input.description,
        proposedBy: ctx.subjectEmail ?? '',
        proposedAt: now,
        status: 'pending',
      }),
    );
  }

  async requestSeminar(ctx: PortalContext, input: SeminarRequestInput): Promise<{ id: number }> {
    this.allow(ctx, ['focal-point'], 'request a seminar');
    const check = new FieldChecks();
    check.text('topic', input.topic, { max: 200 });
    check.text('preferredPeriod', input.preferredPeriod, { max: 100 });
    if (
      check.nonNegativeInteger('expectedParticipants', input.expectedParticipants) &&
      input.expectedParticipants < 1
    ) {
      check.fail('expectedParticipants', 'at-least-one', 'must be at least 1');
    }
    check.text('details', input.details, { max: 5000, required: false });
    check.throwIfAny();
    return this.write(ctx, 'request-seminar', (em, instance, now) =>
      em.create(SeminarRequest, {
        workflow: instance,
        topic: input.topic,
        preferredPeriod: input.preferredPeriod,
        expectedParticipants: input.expectedParticipants,
        details: input.details ?? null,
        requestedBy: ctx.subjectEmail ?? '',
        requestedAt: now,
        status: 'requested',
      }),
    );
  }

  /** A link for a manager of the tree to report their session; shown once to whoever asked for it. */
  /** A link for a manager of the tree to record their session (see page-links.ts). */
  createLeaderLink(ctx: PortalContext, leaderEmail: string): Promise<{ token: string }> {
    return createLeaderLink(this.em, this.tokens, this.clock.now(), ctx, leaderEmail);
  }

  async reportSession(ctx: PortalContext, input: SessionReportInput) {
    this.allow(ctx, ['leader', 'head-of-entity'], 'report a session');
    let participantsToken = '';
    const outcome = await this.sessions.report(
      ctx.year,
      ctx.entity.code,
      { email: ctx.subjectEmail ?? '', name: ctx.subjectName },
      input,
      this.actorOf(ctx),
      (em, session, instance, now) => {
        participantsToken = this.tokens.issue(
          em,
          instance,
          { role: 'participants', language: ctx.language, session },
          now,
          this.actorOf(ctx),
          ctx.tokenId,
        );
      },
    );
    return {
      session: summaryOf(outcome.session, ctx.subjectName, input.questions ?? []),
      warnings: outcome.warnings,
      notices: outcome.notices,
      state: outcome.instance.state,
      participantsToken,
    };
  }

  /** A new participants' link for one of the link holder's own sessions (see page-links.ts). */
  reissueParticipantsLink(ctx: PortalContext, sessionId: number): Promise<{ participantsToken: string }> {
    return reissueParticipantsLink(this.em, this.tokens, this.clock.now(), ctx, sessionId);
  }

  /**
   * Annex F. Only the session, the ratings, the comment and the day are stored: nothing about the person. Once
   * the session's recorded participants have all answered, the link takes no more (FeedbackFull, 409).
   */
  async giveFeedback(ctx: PortalContext, input: FeedbackInput): Promise<void> {
    this.allow(ctx, ['participants'], 'give session feedback');
    checkFeedback(input);
    const sessionId = (ctx.session as { id: number }).id;
    await this.em.fork().transactional(async (em) => {
      const room = await feedbackRoom(em, sessionId, true);
      if (room.given >= room.capacity) throw new FeedbackFull(room.capacity);
      em.persist(
        em.create(ParticipantFeedback, {
          session: em.getReference(SessionRecord, sessionId),
          usefulness: input.usefulness,
          openness: input.openness,
          relevance: input.relevance,
          comment: input.comment?.trim() || null,
          givenOn: localDateOf(this.clock.now(), ctx.entity.timeZone),
        }),
      );
    });
  }

  /** The Head confirms every manager of the tree led a session; refused, naming them, while some have not. */
  async confirmManagersCompleted(ctx: PortalContext): Promise<{ confirmedAt: Date }> {
    this.allow(ctx, ['head-of-entity'], 'confirm the cascade');
    return this.em.fork().transactional(async (em) => {
      const instance = await this.instanceOf(em, ctx);
      const progress: CascadeProgress = await this.orgTree.progressOf(em, instance);
      const missing = progress.tree.filter((n) => n.isManager && n.sessionsLed === 0);
      if (missing.length > 0) {
        const names = `${missing
          .slice(0, 5)
          .map((m) => m.name)
          .join(', ')}${missing.length > 5 ? ', …' : ''}`;
        throw new ValidationFailed([
          {
            field: 'confirmation',
            code: 'managers-missing',
            message: `${missing.length} manager(s) have not led a session yet: ${names}`,
            params: { count: missing.length, names },
          },
        ]);
      }
      const now = this.clock.now();
      instance.headConfirmedAt = now;
      instance.updatedAt = now;
      this.audit(em, instance, ctx, now, 'confirm-cascade', { managers: progress.managers });
      return { confirmedAt: now };
    });
  }

  private allow(ctx: PortalContext, roles: TokenRole[], action: string): void {
    allowRoles(ctx, roles, action);
  }

  private actorOf(ctx: PortalContext): string {
    return portalActorOf(ctx);
  }

  /** The instance read with the context's token, once. */
  private takeResolved(ctx: PortalContext): EntityWorkflow | undefined {
    const loaded = this.resolvedWith.get(ctx);
    this.resolvedWith.delete(ctx);
    return loaded;
  }

  private async instanceOf(em: EntityManager, ctx: PortalContext): Promise<EntityWorkflow> {
    const loaded = this.takeResolved(ctx);
    if (loaded) return instanceIn(em, { year: ctx.year, code: ctx.entity.code, loaded });
    const token = await em.findOneOrFail(AccessToken, ctx.tokenId, {
      populate: ['workflow', 'workflow.dialogue', 'workflow.entity'],
    });
    return token.workflow;
  }

  private async write(
    ctx: PortalContext,
    event: string,
    create: (em: EntityManager, instance: EntityWorkflow, now: Date) => { id: number },
  ): Promise<{ id: number }> {
    return this.em.fork().transactional(async (em) => {
      const instance = await this.instanceOf(em, ctx);
      const now = this.clock.now();
      const row = create(em, instance, now);
      em.persist(row);
      await em.flush();
      this.audit(em, instance, ctx, now, event, { id: row.id });
      return { id: row.id };
    });
  }

  private audit(
    em: EntityManager,
    instance: EntityWorkflow,
    ctx: PortalContext,
    now: Date,
    event: string,
    details: Record<string, unknown>,
  ): void {
    auditInstance(em, instance, { actor: this.actorOf(ctx), at: now, event, details });
  }
}
