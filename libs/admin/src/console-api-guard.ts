import express, { type RequestHandler, type Response } from 'express';
import { MAX_ID } from '@cascade/dialogue';

/** What the guard reads of a decorated AdminJS action. */
interface KnownAction {
  isResourceType(): boolean;
  isRecordType(): boolean;
  isBulkType(): boolean;
}

/** What the guard reads of an AdminJS resource (the console's resources all have integer ids). */
export interface KnownResource {
  decorate(): { id(): string; actions: Record<string, KnownAction> };
  findOne(id: string): Promise<unknown>;
}

type ActionKind = 'resource' | 'record' | 'bulk';

const kindMatches = (action: KnownAction, kind: ActionKind) =>
  kind === 'resource'
    ? action.isResourceType()
    : kind === 'record'
      ? action.isRecordType()
      : action.isBulkType();

const notFound = (res: Response, message: string) =>
  res
    .status(404)
    .type('application/json')
    .send(JSON.stringify({ statusCode: 404, error: 'NotFound', message }));

const isRowId = (id: string) => /^[1-9][0-9]{0,9}$/.test(id) && Number(id) <= MAX_ID;

/**
 * AdminJS's API controller fails with a 500 (`TypeError … reading 'handler'`) on a resource or an action it does
 * not have, and answers a missing record with a 200 carrying an error notice. Ahead of it, this answers 404,
 * naming what was not found: a resource id that is not registered, an action that the resource does not have
 * for that kind of route (an action on the resource, on one record, on several), a record id that is not a row.
 * Only for a logged-in session: anonymous requests still meet AdminJS's login first, learning no names.
 */
export function consoleApiGuard(resources: () => readonly KnownResource[]): RequestHandler {
  const resourceOf = (id: string) => resources().find((r) => r.decorate().id() === id);
  /** The reason the request names nothing, or null when it does. */
  const missing = async (kind: ActionKind, params: Record<string, string>): Promise<string | null> => {
    const { resourceId, action = 'search', recordId } = params;
    const resource = resourceOf(resourceId);
    if (!resource) return `the console has no resource '${resourceId}'`;
    const actions = resource.decorate().actions;
    if (!Object.hasOwn(actions, action) || !kindMatches(actions[action], kind)) {
      return `${resourceId} has no ${kind} action '${action}'`;
    }
    if (kind === 'record' && !(isRowId(recordId) && (await resource.findOne(recordId)))) {
      return `${resourceId} has no record '${recordId}'`;
    }
    return null;
  };
  const check =
    (kind: ActionKind): RequestHandler =>
    (req, res, next) => {
      missing(kind, req.params as Record<string, string>).then(
        (reason) => (reason ? notFound(res, reason) : next()),
        next,
      );
    };
  const guard = express.Router();
  guard.use((req, _res, next) => {
    const session = (req as { session?: { adminUser?: unknown } }).session;
    next(session?.adminUser ? undefined : 'router');
  });
  guard.all('/resources/:resourceId/actions/:action{/:query}', check('resource'));
  guard.all('/resources/:resourceId/search{/:query}', check('resource'));
  guard.all('/resources/:resourceId/records/:recordId/:action', check('record'));
  guard.all('/resources/:resourceId/bulk/:action', check('bulk'));
  return guard;
}
