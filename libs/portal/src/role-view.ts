import {
  ValidationFailed,
  type PortalCascadeService,
  type PortalContext,
  type PortalService,
} from '@cascade/dialogue';
import {
  listQueryOf,
  MANAGERS_PAGE_SIZE,
  NO_FILTER,
  type ManagersFilter,
  type ManagersListing,
} from './managers-query';
import type { RoleView } from './page-input';

/** The domain services a role's view is read from. */
export interface ViewServices {
  portal: PortalService;
  cascade: PortalCascadeService;
}

/**
 * A page of the entity's managers. A state the pinned definition does not have (an edited address) is dropped
 * from the filter rather than refused: the page shows every state instead.
 */
async function managersOf(
  cascade: PortalCascadeService,
  ctx: PortalContext,
  filter: ManagersFilter,
): Promise<ManagersListing> {
  try {
    return { ...(await cascade.managers(ctx, listQueryOf(filter))), filter, pageSize: MANAGERS_PAGE_SIZE };
  } catch (error) {
    if (!(error instanceof ValidationFailed) || filter.state === null) throw error;
    const kept = { ...filter, state: null };
    return {
      ...(await cascade.managers(ctx, listQueryOf(kept))),
      filter: kept,
      pageSize: MANAGERS_PAGE_SIZE,
    };
  }
}

/** What the link's role may see, read afresh; `filter` is the managers' list's (Focal Point and Head). */
export async function roleViewOf(
  { portal, cascade }: ViewServices,
  ctx: PortalContext,
  filter: ManagersFilter = NO_FILTER,
): Promise<RoleView> {
  switch (ctx.role) {
    case 'focal-point': {
      const [view, managers] = await Promise.all([
        portal.focalPointView(ctx),
        managersOf(cascade, ctx, filter),
      ]);
      return { role: ctx.role, view: { ...view, managers } };
    }
    case 'head-of-entity': {
      const [view, managers, standing] = await Promise.all([
        portal.headView(ctx),
        managersOf(cascade, ctx, filter),
        cascade.standing(ctx),
      ]);
      return { role: ctx.role, view: { ...view, managers, cascade: standing } };
    }
    case 'leader': {
      const [view, standing] = await Promise.all([portal.leaderView(ctx), cascade.standing(ctx)]);
      return { role: ctx.role, view: { ...view, cascade: standing } };
    }
    case 'participants':
      return { role: ctx.role, view: await portal.participantView(ctx) };
  }
}
