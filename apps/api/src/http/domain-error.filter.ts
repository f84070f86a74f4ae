import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { classifyError, errorBody, RETRY_AFTER_SECONDS } from '@cascade/dialogue';

@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const classified = classifyError(error);
    if (error instanceof HttpException) {
      // Nest's own answers (the validation pipe's issues, a guard's 401) keep their body, and gain the code.
      const answer = error.getResponse();
      const body = typeof answer === 'string' ? { statusCode: classified.status, message: answer } : answer;
      response.status(classified.status).json({ ...body, code: classified.code });
      return;
    }
    if (classified.category === 'unavailable') {
      // Logged: an operator should see the outage, which the client only sees as a request to retry.
      this.logger.warn(`503: ${error instanceof Error ? error.message : String(error)}`);
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    }
    if (classified.category === 'internal')
      this.logger.error(error instanceof Error ? error.stack : String(error));
    response.status(classified.status).json(errorBody(classified));
  }
}
