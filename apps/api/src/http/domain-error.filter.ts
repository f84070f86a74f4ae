import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { RETRY_AFTER_SECONDS, toErrorBody } from '@cascade/dialogue';

@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof HttpException) {
      const answer = error.getResponse();
      response
        .status(error.getStatus())
        .json(typeof answer === 'string' ? { statusCode: error.getStatus(), message: answer } : answer);
      return;
    }
    const body = toErrorBody(error);
    if (body) {
      if (body.statusCode === 503) {
        // Logged: an operator should see the outage, which the client only sees as a request to retry.
        this.logger.warn(`503: ${error instanceof Error ? error.message : String(error)}`);
        response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      }
      response.status(body.statusCode).json(body);
      return;
    }
    this.logger.error(error instanceof Error ? error.stack : String(error));
    response.status(500).json({ statusCode: 500, error: 'InternalServerError', message: 'internal error' });
  }
}
