import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import type { Clock } from '@cascade/dialogue';
import type { OutboxDispatchService, TimerSyncService } from '@cascade/scheduling';
import { clockAndKick } from './clock-and-kick.middleware';

describe('the console’s clockAndKick middleware', () => {
  const setup = () => {
    const calls: string[] = [];
    const clock = { sync: async () => void calls.push('sync') } as unknown as Clock;
    const outbox = { kick: () => calls.push('outbox') } as unknown as OutboxDispatchService;
    const timers = { kick: () => calls.push('timers') } as unknown as TimerSyncService;
    return { calls, middleware: clockAndKick(clock, outbox, timers) };
  };
  const run = async (middleware: ReturnType<typeof clockAndKick>, method: string, path: string) => {
    const res = new EventEmitter();
    await new Promise<void>((resolve) =>
      middleware({ method, path } as Request, res as unknown as Response, () => resolve()),
    );
    return res;
  };

  it('reads the clock before a write and kicks the outbox and the timers once it has answered', async () => {
    const { calls, middleware } = setup();
    const res = await run(middleware, 'POST', '/api/resources/Dialogue/records/1/launch');
    expect(calls).toEqual(['sync']);
    res.emit('finish');
    expect(calls).toEqual(['sync', 'outbox', 'timers']);
  });

  it('reads the clock for a read without kicking anything, and leaves the components bundle alone', async () => {
    const { calls, middleware } = setup();
    (await run(middleware, 'GET', '/resources/EntityWorkflow')).emit('finish');
    expect(calls).toEqual(['sync']);
    (await run(middleware, 'GET', '/frontend/assets/components.bundle.js')).emit('finish');
    expect(calls).toEqual(['sync']);
  });
});
