import type { PortalContext, TokenRole } from './portal.types';
import { TokenRoleRefused } from './token-role-refused';

/** Refuses the link unless its role is one of `roles`; `action` completes "a <role> link cannot …". */
export function allowRoles(ctx: PortalContext, roles: readonly TokenRole[], action: string): void {
  if (!roles.includes(ctx.role)) throw new TokenRoleRefused(ctx.role, action);
}

/** Who acts through a link, as the audit trail names them (a participants link has nobody's address). */
export function portalActorOf(ctx: PortalContext): string {
  return ctx.subjectEmail ? `${ctx.role}: ${ctx.subjectEmail}` : `${ctx.role} link #${ctx.tokenId}`;
}
