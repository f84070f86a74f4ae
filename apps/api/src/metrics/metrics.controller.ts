import { EntityManager } from '@mikro-orm/core';
import { Controller, Get, Inject, NotFoundException, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Clock } from '@cascade/clock';
import { sameSecret } from '@cascade/config';
import { operationsFigures } from '@cascade/dialogue';
import { QueueProbe } from '../health/queue-probe';
import { ApiMetrics } from './api-metrics';

export const METRICS_TOKEN = Symbol('METRICS_TOKEN');

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Prometheus scrapes /metrics. With METRICS_TOKEN set it must send it as a bearer token; without one, only a
 * client on this machine is answered (a sidecar, or `curl localhost`) and anyone else gets a 404, so that a
 * deployment that forgot the token does not publish its figures.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: ApiMetrics,
    private readonly queues: QueueProbe,
    private readonly em: EntityManager,
    private readonly clock: Clock,
    @Inject(METRICS_TOKEN) private readonly token: string | undefined,
  ) {}

  @Get()
  async scrape(@Req() request: Request, @Res() response: Response): Promise<void> {
    this.allow(request);
    const [figures, queues] = await Promise.all([
      operationsFigures(this.em, this.clock.now()),
      this.queues.jobCounts().catch(() => []),
    ]);
    this.metrics.refresh(figures, queues);
    response.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }

  private allow(request: Request): void {
    if (this.token) {
      const given = request.header('authorization')?.replace(/^Bearer\s+/i, '');
      if (!given || !sameSecret(given, this.token)) {
        throw new UnauthorizedException('send the metrics token as "Authorization: Bearer <METRICS_TOKEN>"');
      }
      return;
    }
    // request.ip, not the socket's: behind a reverse proxy on this machine (TRUST_PROXY_HOPS) every socket is local.
    if (!LOOPBACK.has(request.ip ?? '')) throw new NotFoundException();
  }
}
