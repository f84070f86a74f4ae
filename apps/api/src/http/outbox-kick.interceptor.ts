import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { from, switchMap, tap } from 'rxjs';
import { Clock } from '@cascade/dialogue';
import { OutboxDispatchService, TimerSyncService } from '@cascade/scheduling';

/**
 * Around every request: reads the clock first (the simulation's lives in the database), and after a write has
 * committed hands its outbox rows and changed timers to Redis without delaying the answer.
 */
@Injectable()
export class OutboxKickInterceptor implements NestInterceptor {
  constructor(
    private readonly outbox: OutboxDispatchService,
    private readonly timers: TimerSyncService,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler) {
    const method = context.switchToHttp().getRequest<Request>().method;
    return from(this.clock.sync()).pipe(
      switchMap(() => next.handle()),
      tap(() => {
        if (method === 'GET') return;
        this.outbox.kick();
        this.timers.kick();
      }),
    );
  }
}
