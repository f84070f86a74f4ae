import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { tap } from 'rxjs';
import { OutboxDispatchService } from '@cascade/scheduling';

/** After a write request has committed, hand its outbox rows to the queues without delaying the answer. */
@Injectable()
export class OutboxKickInterceptor implements NestInterceptor {
  constructor(private readonly outbox: OutboxDispatchService) {}

  intercept(context: ExecutionContext, next: CallHandler) {
    const method = context.switchToHttp().getRequest<Request>().method;
    return next.handle().pipe(
      tap(() => {
        if (method !== 'GET') this.outbox.kick();
      }),
    );
  }
}
