import { Injectable } from '@nestjs/common';
import {
  CascadeQueryService,
  type ManagerList,
  type ManagerListQuery,
} from '../cascade/cascade-query.service';
import { CascadeService } from '../cascade/cascade.service';
import type { ManagerStanding } from '../cascade/manager-standing';
import type { ScheduleInput } from '../cascade/session-schedule';
import { NotFound, ValidationFailed } from '../shared/errors';
import { FieldChecks } from '../shared/field-checks';
import { allowRoles, portalActorOf } from './portal-roles';
import type { PortalContext } from './portal.types';

/**
 * The managers' cascade through token links: a manager (leader link) sees their place in it and schedules,
 * changes or cancels their session; a Focal Point (and the Head, reading only) follows every manager of the entity
 * and may excuse one. Each operation checks the link's role, then goes through CascadeService, which runs it in one
 * transaction with its audit row, the team's mails and the manager's timers.
 */
@Injectable()
export class PortalCascadeService {
  constructor(
    private readonly cascade: CascadeService,
    private readonly query: CascadeQueryService,
  ) {}

  /** The link holder's own place in the cascade, or null when they lead no team of the imported tree. */
  async standing(ctx: PortalContext): Promise<ManagerStanding | null> {
    allowRoles(ctx, ['leader', 'head-of-entity'], "see a manager's place in the cascade");
    if (!ctx.subjectEmail) return null;
    return this.query.standing(ctx.year, ctx.entity.code, ctx.subjectEmail);
  }

  /** Schedules the link holder's session, or changes it (the team's invitations follow). */
  async scheduleSession(ctx: PortalContext, input: ScheduleInput): Promise<ManagerStanding> {
    allowRoles(ctx, ['leader'], 'schedule a session');
    const email = this.managerOf(ctx);
    await this.cascade.schedule(ctx.year, ctx.entity.code, email, input, portalActorOf(ctx));
    return this.standingAfter(ctx, email);
  }

  /** Cancels the link holder's scheduled session (the team's invitations are cancelled). */
  async cancelSession(ctx: PortalContext): Promise<ManagerStanding> {
    allowRoles(ctx, ['leader'], 'cancel a session');
    const email = this.managerOf(ctx);
    await this.cascade.cancelSession(ctx.year, ctx.entity.code, email, portalActorOf(ctx));
    return this.standingAfter(ctx, email);
  }

  /** A page of the entity's managers with their subtree's progress (searched, filtered). */
  async managers(ctx: PortalContext, query: ManagerListQuery = {}): Promise<ManagerList> {
    allowRoles(ctx, ['focal-point', 'head-of-entity'], "see the managers' cascade");
    return this.query.list(ctx.year, ctx.entity.code, query);
  }

  /**
   * A Focal Point records why a manager of their entity holds no session this year. An address that is not a
   * manager of the tree is named as the `email` field's problem (it was typed in a form).
   */
  async excuseManager(
    ctx: PortalContext,
    email: unknown,
    reason: unknown,
  ): Promise<{ email: string; state: string }> {
    allowRoles(ctx, ['focal-point'], 'excuse a manager');
    const typed = typeof email === 'string' ? email.trim() : email;
    const check = new FieldChecks();
    check.email('email', typed);
    check.text('reason', reason, { max: 2000 });
    check.throwIfAny();
    const address = String(typed).toLowerCase();
    try {
      const manager = await this.cascade.excuse(
        ctx.year,
        ctx.entity.code,
        address,
        reason,
        portalActorOf(ctx),
      );
      return { email: manager.email, state: manager.state };
    } catch (error) {
      if (error instanceof NotFound && String(error.key) === address) {
        throw new ValidationFailed([
          {
            field: 'email',
            code: 'not-a-manager',
            message: `${address} is not a manager of ${ctx.entity.code}'s reporting tree`,
            params: { email: address, code: ctx.entity.code },
          },
        ]);
      }
      throw error;
    }
  }

  /** The manager a leader link speaks for. */
  private managerOf(ctx: PortalContext): string {
    if (!ctx.subjectEmail) throw new NotFound(`manager of ${ctx.entity.code}'s reporting tree`, '');
    return ctx.subjectEmail;
  }

  private async standingAfter(ctx: PortalContext, email: string): Promise<ManagerStanding> {
    const standing = await this.query.standing(ctx.year, ctx.entity.code, email);
    if (!standing) throw new NotFound(`manager of ${ctx.entity.code}'s reporting tree`, email);
    return standing;
  }
}
