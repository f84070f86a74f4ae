import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { sameSecret } from '@cascade/config';

export const ADMIN_API_KEY = Symbol('ADMIN_API_KEY');

/**
 * Until the console has logins, every /api call needs the admin key from the environment — except the token-link
 * API under /api/portal, where the token in the path is the credential.
 */
@Injectable()
export class AdminApiKeyGuard implements CanActivate {
  constructor(private readonly key: string | undefined) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (!request.path.startsWith('/api')) return true;
    if (request.path.startsWith('/api/portal/')) return true;
    if (!this.key) throw new UnauthorizedException('the admin API is disabled: ADMIN_API_KEY is not set');
    const given = request.header('x-api-key') ?? request.header('authorization')?.replace(/^Bearer\s+/i, '');
    if (!given || !sameSecret(given, this.key)) {
      throw new UnauthorizedException('send the admin API key in the x-api-key header');
    }
    return true;
  }
}
