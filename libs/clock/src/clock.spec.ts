import { SystemClock } from './clock';

describe('SystemClock', () => {
  it('reads the wall clock and has nothing to sync', async () => {
    const clock = new SystemClock();
    const before = Date.now();
    await clock.sync();
    const now = clock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
