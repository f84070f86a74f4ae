import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EntityManager } from '@mikro-orm/core';
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { sameSecret, type CascadeConfig } from '@cascade/config';
import { healthCheck, RedisProbe } from '@cascade/scheduling';
import type { QueueProcessor } from '../processors/queue-processor';
import type { TimerReconcileRunner } from '../timer-reconcile-runner';
import { WorkerMetrics } from './worker-metrics';

/**
 * The worker's small HTTP port: /metrics for Prometheus, /health/live and /health/ready (database and Redis) for
 * the orchestrator. Bound to loopback unless WORKER_METRICS_HOST says otherwise (the compose file binds it inside
 * its private network, never published); with METRICS_TOKEN set, /metrics asks for it as the api's does.
 */
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  readonly metrics = new WorkerMetrics();
  private readonly redis: RedisProbe;
  private server: http.Server | undefined;

  constructor(
    private readonly config: CascadeConfig,
    private readonly em: EntityManager,
    processors: QueueProcessor<never>[],
    private readonly reconciler: TimerReconcileRunner,
  ) {
    this.redis = new RedisProbe(config.redis.url);
    for (const processor of processors) processor.observe((outcome) => this.metrics.jobFinished(outcome));
  }

  /** The port it listens on (a free one when configured as such in tests), or null when it does not. */
  get port(): number | null {
    return (this.server?.address() as AddressInfo | null)?.port ?? null;
  }

  async onApplicationBootstrap(): Promise<void> {
    const { workerPort, workerHost } = this.config.metrics;
    if (workerPort === 0) return;
    this.server = http.createServer((request, response) => {
      this.answer(request, response).catch((error: Error) => {
        response.writeHead(500, { 'content-type': 'text/plain' }).end(error.message);
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject).listen(workerPort, workerHost, () => resolve());
    }).catch((error: Error) => {
      // Metrics are not worth stopping the timers and the mail for: say so loudly and carry on.
      this.logger.error(`metrics and health port ${workerHost}:${workerPort} not opened: ${error.message}`);
      this.server = undefined;
    });
    if (this.server) this.logger.log(`metrics and health on http://${workerHost}:${this.port}`);
  }

  private async answer(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET') return void response.writeHead(405).end();
    if (path === '/health/live') return json(response, 200, { status: 'ok' });
    if (path === '/health/ready') {
      const [database, redis] = await Promise.all([
        healthCheck(() => this.em.fork().getConnection().execute('select 1')),
        healthCheck(() => this.redis.ping()),
      ]);
      const ok = database.status === 'up' && redis.status === 'up';
      return json(response, ok ? 200 : 503, { status: ok ? 'ok' : 'error', checks: { database, redis } });
    }
    if (path === '/metrics') {
      if (!this.tokenAccepted(request.headers.authorization)) return json(response, 401, { error: 'token' });
      this.metrics.reconcilerLastPass.set((this.reconciler.lastPassAt?.getTime() ?? 0) / 1000);
      this.metrics.reconcilerLease.set(this.reconciler.holding ? 1 : 0);
      const body = await this.metrics.registry.metrics();
      return void response.writeHead(200, { 'content-type': this.metrics.registry.contentType }).end(body);
    }
    json(response, 404, { error: 'not found' });
  }

  private tokenAccepted(authorization: string | undefined): boolean {
    const token = this.config.metrics.token;
    if (!token) return true;
    return sameSecret(authorization?.replace(/^Bearer\s+/i, '') ?? '', token);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    await this.redis.onModuleDestroy();
  }
}

function json(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
