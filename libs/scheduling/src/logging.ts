import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { CascadeConfig } from '@cascade/config';
import { currentTrace } from './work-trace';

const LEVELS = { error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' } as const;

/**
 * A token-link path names its token (`/p/<token>`, `/api/portal/<token>/…`): whoever reads the logs must not be
 * able to open someone's page, so the token never reaches a log line.
 */
export function withoutTokens(url: string | undefined): string {
  return (url ?? '')
    .replace(/(\/(?:p|api\/portal)\/)[^/?#]+/g, '$1[token]')
    .replace(/([?&]token=)[^&#]*/g, '$1[token]');
}

/**
 * Pino for every Nest process (nestjs-pino): JSON lines or readable ones (LOG_FORMAT), each with the trace of the
 * work it belongs to (the request id, or the job's and the request's that queued it) and, for HTTP, the request's
 * method, path without tokens and status. No header is logged (cookies, API keys, bearer tokens), nor any body.
 */
export function loggingModule(config: CascadeConfig, service: 'api' | 'worker'): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      name: service,
      level: LEVELS[config.logLevel],
      ...(config.logFormat === 'pretty'
        ? {
            transport: {
              target: 'pino-pretty',
              options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
            },
          }
        : {}),
      mixin: () => {
        const trace = currentTrace();
        return trace ? { trace: trace.traceId, ...(trace.jobId ? { job: trace.jobId } : {}) } : {};
      },
      genReqId: (request: IncomingMessage) => (request as { id?: string }).id ?? randomUUID(),
      serializers: {
        req: (request: { id?: unknown; method?: string; url?: string }) => ({
          id: request.id,
          method: request.method,
          url: withoutTokens(request.url),
        }),
        res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
      },
      customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
        error || response.statusCode >= 500 ? 'error' : 'info',
      // Probes and scrapes every few seconds would drown the rest.
      autoLogging: { ignore: (request: IncomingMessage) => /^\/(health|metrics)\b/.test(request.url ?? '') },
    },
  });
}
