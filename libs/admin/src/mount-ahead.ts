import type { Express, RequestHandler } from 'express';

export class ConsoleMountFailed extends Error {}

/**
 * Mounts `handler` at `path` as the first middleware of the Express app, ahead of the body parsers that Nest
 * and the api registered before the modules' init hooks run: AdminJS and the console's login read their own
 * forms (multipart and urlencoded), which a parser ahead of them would have consumed. Express 5 keeps its
 * middleware in order in `app.router.stack` (Nest's adapter reads the same stack to know its parsers).
 */
export function mountAhead(server: Express, path: string, handler: RequestHandler): void {
  server.use(path, handler);
  const stack = (server as unknown as { router?: { stack?: unknown[] } }).router?.stack;
  if (!Array.isArray(stack) || stack.length === 0) {
    throw new ConsoleMountFailed('the console could not be mounted: Express has no router stack');
  }
  stack.unshift(stack.pop());
}
