import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PortalRateLimiter, TooManyRequests } from './rate-limit';

/**
 * Before anything else on `/p/*` and `/api/portal/*` — even before the link is looked up, so that guessing
 * links is slowed down too: one request against the link's and the client address's limits.
 */
@Injectable()
export class PortalRateLimitGuard implements CanActivate {
  constructor(private readonly limiter: PortalRateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const verdict = await this.limiter.consume({
      token: String(request.params['token'] ?? ''),
      address: request.ip ?? request.socket.remoteAddress ?? 'unknown',
      write: request.method !== 'GET' && request.method !== 'HEAD',
    });
    if (verdict.allowed) return true;
    http.getResponse<Response>().setHeader('Retry-After', String(verdict.retryAfterSeconds));
    throw new TooManyRequests(verdict.retryAfterSeconds);
  }
}
