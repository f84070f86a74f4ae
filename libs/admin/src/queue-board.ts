import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import type { Provider } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { RequestHandler } from 'express';
import { allQueues } from '@cascade/scheduling';
import type { ConsoleSessionData } from './console-security';

/**
 * Bull Board for every queue of the registry at /admin/queues, behind the console's login: admins get the full
 * board (retry, clean, promote), viewers a read-only one. Writes by viewers are also refused by the role gate.
 */
export function queueBoard(queues: Queue[], basePath = '/admin/queues'): RequestHandler {
  const board = (readOnlyMode: boolean) => {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(basePath);
    createBullBoard({
      queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode })),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'Cascade queues' } },
    });
    return serverAdapter.getRouter() as RequestHandler;
  };
  const forAdmins = board(false);
  const forViewers = board(true);
  return (req, res, next) => {
    const role = (req as { session?: ConsoleSessionData }).session?.adminUser?.role;
    return (role === 'admin' ? forAdmins : forViewers)(req, res, next);
  };
}

/** The board's handler, for every queue of the registry (SchedulingModule registers and exports them). */
export const CONSOLE_BOARD = Symbol('ConsoleQueueBoard');

export const queueBoardProvider: Provider = {
  provide: CONSOLE_BOARD,
  inject: allQueues.map((name) => getQueueToken(name)),
  useFactory: (...queues: Queue[]) => queueBoard(queues),
};
