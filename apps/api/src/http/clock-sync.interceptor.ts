import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, switchMap } from 'rxjs';
import { Clock } from '@cascade/clock';

/**
 * Before every request: reads the clock (the simulation's lives in the database). What a write commits reaches
 * Redis through the after-commit hook of @cascade/scheduling, not from here.
 */
@Injectable()
export class ClockSyncInterceptor implements NestInterceptor {
  constructor(private readonly clock: Clock) {}

  intercept(_context: ExecutionContext, next: CallHandler) {
    return from(this.clock.sync()).pipe(switchMap(() => next.handle()));
  }
}
