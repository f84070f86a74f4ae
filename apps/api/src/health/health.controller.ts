import { MikroORM } from '@mikro-orm/core';
import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { QueueProbe } from './queue-probe';
import { healthCheck, RedisProbe } from '@cascade/scheduling';

/**
 * Liveness says the process answers (a restart is the remedy when it does not); readiness says it can do its work
 * now: the database answers and is migrated, Redis answers, and every queue can be read. Orchestrators and the
 * compose file's healthchecks route traffic and restart on these.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly orm: MikroORM,
    private readonly redis: RedisProbe,
    private readonly queues: QueueProbe,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers; no dependency is consulted' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: database (migrated), Redis and the queues answer; 503 naming what does not',
  })
  ready(@Res() response: Response) {
    return this.answerReadiness(response);
  }

  /** The first health address, kept for monitors set up before /health/ready: the same readiness answer. */
  @Get()
  @ApiOperation({ summary: 'Readiness, as /health/ready' })
  check(@Res() response: Response) {
    return this.answerReadiness(response);
  }

  private async answerReadiness(response: Response): Promise<void> {
    const [database, migrations, redis, queues] = await Promise.all([
      healthCheck(() => this.orm.em.getConnection().execute('select 1')),
      healthCheck(async () => {
        const pending = await this.orm.getMigrator().getPendingMigrations();
        if (pending.length > 0) throw new Error(`${pending.length} pending: run npm run db:migrate`);
      }),
      healthCheck(() => this.redis.ping()),
      healthCheck(() => this.queues.readAll()),
    ]);
    const checks = { database, migrations, redis, queues };
    const ok = Object.values(checks).every((c) => c.status === 'up');
    response
      .status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: ok ? 'ok' : 'error', checks });
  }
}
