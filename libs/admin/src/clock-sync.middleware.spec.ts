import type { Request, Response } from 'express';
import type { Clock } from '@cascade/clock';
import { clockSync } from './clock-sync.middleware';

describe('the console’s clockSync middleware', () => {
  const setup = () => {
    const calls: string[] = [];
    const clock = { sync: async () => void calls.push('sync') } as unknown as Clock;
    return { calls, middleware: clockSync(clock) };
  };
  const run = (middleware: ReturnType<typeof clockSync>, method: string, path: string) =>
    new Promise<unknown>((resolve) =>
      middleware({ method, path } as Request, {} as Response, (error?: unknown) => resolve(error)),
    );

  it('reads the clock before a write and before a read', async () => {
    const { calls, middleware } = setup();
    await run(middleware, 'POST', '/api/resources/Dialogue/records/1/launch');
    await run(middleware, 'GET', '/resources/EntityWorkflow');
    expect(calls).toEqual(['sync', 'sync']);
  });

  it('leaves the components bundle alone', async () => {
    const { calls, middleware } = setup();
    await run(middleware, 'GET', '/frontend/assets/components.bundle.js');
    expect(calls).toEqual([]);
  });

  it('hands a clock that cannot be read to the error handler', async () => {
    const failing = { sync: async () => Promise.reject(new Error('database away')) } as unknown as Clock;
    const error = await run(clockSync(failing), 'GET', '/resources/EntityWorkflow');
    expect(error).toBeInstanceOf(Error);
  });
});
