import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { urlencoded } from 'express';
import { Logger } from 'nestjs-pino';
import type { CascadeConfig } from '@cascade/config';
import type { Clock } from '@cascade/dialogue';
import { assertMigrated } from '@cascade/persistence';
import { ApiModule } from './api.module';
import { ApiMetrics } from './metrics/api-metrics';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { FAVICON_PATH, serveFavicon } from './http/favicon';
import { requestTraceMiddleware } from './http/request-trace.middleware';
import { requestValidationPipe } from './http/validation.pipe';
import { ErrorBodySchema, ErrorIssueSchema, withErrorResponses } from './http/error-body.schema';

/** Builds the HTTP application (used by main.ts and by the tests). */
export async function createApiApp(
  config: CascadeConfig,
  options: { clock?: Clock } = {},
): Promise<INestApplication> {
  await assertMigrated(config.database);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, options), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  // First, so that every request has its id and is timed, the console's and the pages' included.
  app.use(requestTraceMiddleware);
  app.use(FAVICON_PATH, serveFavicon);
  app.use(httpMetricsMiddleware(app.get(ApiMetrics)));
  // The Ethics Office console (AdminJS, Bull Board) under /admin mounts itself when the app initialises
  // (AdminConsoleModule), ahead of these body parsers: it parses its own forms.
  app.useBodyParser('json', { limit: '10mb' });
  app.useBodyParser('text', { type: 'text/csv', limit: '10mb' });
  // The token-link pages' forms, and only theirs: flat fields, a repeated name (`agency[]`) becoming a list. The
  // API reads JSON (and CSV for imports); a form posted to it is not read, so its fields are reported missing.
  app.use('/p', urlencoded({ extended: false, limit: '200kb', parameterLimit: 500 }));
  app.useGlobalPipes(requestValidationPipe());
  // Behind a reverse proxy the client's address (rate limits) comes from X-Forwarded-For, trusted this many hops.
  if (config.trustProxyHops > 0) app.set('trust proxy', config.trustProxyHops);
  app.enableShutdownHooks();

  const document = withErrorResponses(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Cascade API')
        .setDescription(
          'The Leadership Dialogue workflow: dialogues, entities, sessions, statistics, reports.',
        )
        .setVersion('1')
        .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'admin-key')
        .build(),
      { extraModels: [ErrorBodySchema, ErrorIssueSchema] },
    ),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
