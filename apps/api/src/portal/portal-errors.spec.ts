import { TokenRejected, TokenRoleRefused } from '@cascade/dialogue';
import { AdminApiKeyGuard } from '../http/admin-api-key.guard';
import { toErrorBody } from '../http/domain-error.filter';
import type { ExecutionContext } from '@nestjs/common';

describe('portal errors and access', () => {
  it('answers an unknown, expired or revoked link 404, the same way each time', () => {
    expect(toErrorBody(new TokenRejected())).toMatchObject({
      statusCode: 404,
      error: 'TokenRejected',
      message: expect.stringContaining('not valid or has expired'),
    });
  });

  it('answers a link used for another role’s action 403', () => {
    expect(toErrorBody(new TokenRoleRefused('participants', 'submit statistics'))).toMatchObject({
      statusCode: 403,
      error: 'TokenRoleRefused',
    });
  });

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
