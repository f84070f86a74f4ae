import { healthCheck, within } from './health-check';

describe('health checks', () => {
  it('answers up, or down with the reason', async () => {
    expect(await healthCheck(async () => 1)).toEqual({ status: 'up' });
    expect(await healthCheck(async () => Promise.reject(new Error('refused')))).toEqual({
      status: 'down',
      error: 'refused',
    });
  });

  it('gives up on a dependency that does not answer, naming it', async () => {
    const never = new Promise<never>(() => undefined);
    await expect(within(20, 'Redis', never)).rejects.toThrow('Redis did not answer within 0.02 s');
    expect(await within(1000, 'Redis', Promise.resolve('PONG'))).toBe('PONG');
  });
});
