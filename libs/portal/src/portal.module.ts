import { Module, type DynamicModule } from '@nestjs/common';
import type { CascadeConfig } from '@cascade/config';
import { CsrfTokens } from './csrf';
import { FlashStore } from './flash-store';
import { PageRenderer } from './page-renderer';
import { PortalApiController } from './portal-api.controller';
import { PortalLinks } from './portal-links';
import { PortalPageFilter } from './portal-page.filter';
import { PortalPages } from './portal-pages';
import { PortalPagesController } from './portal-pages.controller';
import { PortalRateLimitGuard } from './portal-rate-limit.guard';
import { PortalRedis } from './portal-redis';
import { PORTAL_LIMITS, PortalRateLimiter, type PortalLimits } from './rate-limit';

/**
 * The token-link pages (`/p/:token`) and their REST twin (`/api/portal/:token`), on the domain's PortalService.
 * `secret` signs the forms' `_csrf` fields (PORTAL_SECRET, see the configuration).
 */
@Module({})
export class PortalModule {
  static forRoot(config: CascadeConfig, options: { secret: string; limits?: PortalLimits }): DynamicModule {
    return {
      module: PortalModule,
      controllers: [PortalPagesController, PortalApiController],
      providers: [
        { provide: PortalRedis, useFactory: () => new PortalRedis(config.redis.url) },
        {
          provide: PortalRateLimiter,
          inject: [PortalRedis],
          useFactory: (redis: PortalRedis) =>
            new PortalRateLimiter(
              redis.client,
              `${config.redis.prefix}:ratelimit`,
              options.limits ?? PORTAL_LIMITS,
            ),
        },
        {
          provide: FlashStore,
          inject: [PortalRedis],
          useFactory: (redis: PortalRedis) =>
            new FlashStore(redis.client, `${config.redis.prefix}:portal-flash`),
        },
        { provide: CsrfTokens, useValue: new CsrfTokens(options.secret) },
        { provide: PageRenderer, useFactory: () => PageRenderer.fromDirectory() },
        {
          provide: PortalPages,
          inject: [PageRenderer, CsrfTokens],
          useFactory: (renderer: PageRenderer, csrf: CsrfTokens) => new PortalPages(renderer, csrf),
        },
        PortalLinks,
        PortalRateLimitGuard,
        PortalPageFilter,
      ],
    };
  }
}
