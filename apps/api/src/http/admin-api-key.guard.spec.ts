import type { ExecutionContext } from '@nestjs/common';
import { AdminApiKeyGuard } from './admin-api-key.guard';

describe('AdminApiKeyGuard', () => {
  it('lets /api/portal through without the admin key, and nothing else under /api', () => {
    const guard = new AdminApiKeyGuard('k'.repeat(24));
    const at = (path: string) =>
      ({
        switchToHttp: () => ({ getRequest: () => ({ path, header: () => undefined }) }),
      }) as unknown as ExecutionContext;
    expect(guard.canActivate(at('/api/portal/abc'))).toBe(true);
    expect(guard.canActivate(at('/p/abc'))).toBe(true);
    expect(() => guard.canActivate(at('/api/portalish'))).toThrow();
    expect(() => guard.canActivate(at('/api/dialogues'))).toThrow();
  });
});
