import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { RequestHandler } from 'express';
import { allQueues } from '@cascade/scheduling';
import type { ConsoleSessionData } from './console-security';

/**
 * Bull Board for every queue of the registry at /admin/queues, behind the console's login: admins get the full
 * board (retry, clean, promote), viewers a read-only one. Writes by viewers are also refused by the role gate.
 */
export function queueBoard(app: INestApplicationContext, basePath = '/admin/queues'): RequestHandler {
  const queues = allQueues.map((name) => app.get<Queue>(getQueueToken(name), { strict: false }));
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
