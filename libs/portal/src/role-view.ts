import type { PortalContext, PortalService } from '@cascade/dialogue';
import type { RoleView } from './page-input';

/** What the link's role may see, read afresh. */
export async function roleViewOf(portal: PortalService, ctx: PortalContext): Promise<RoleView> {
  switch (ctx.role) {
    case 'focal-point':
      return { role: ctx.role, view: await portal.focalPointView(ctx) };
    case 'head-of-entity':
      return { role: ctx.role, view: await portal.headView(ctx) };
    case 'leader':
      return { role: ctx.role, view: await portal.leaderView(ctx) };
    case 'participants':
      return { role: ctx.role, view: await portal.participantView(ctx) };
  }
}
