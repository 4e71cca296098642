import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { JsonLogger, type EngineConfig } from '@regledger/engine';
import {
  ErrorFilter,
  addressRateLimitMiddleware,
  correlationMiddleware,
  jsonContentTypeMiddleware,
  loadHttpConfig,
  requestValidationPipe,
  securityHeadersMiddleware,
  type HttpConfig,
} from '@regledger/http';
import type { AuthConfig } from '@regledger/auth';
import { AppModule } from './app.module.js';

export interface CreateAppOptions {
  config: EngineConfig;
  auth: AuthConfig;
  logger?: JsonLogger;
  runWorkers?: boolean;
  /** The clock requests, policies and schedules are stamped with (default: the system clock); a test or training copy may run at another date. */
  clock?: () => Date;
  /** Body limit, CORS origins and rate limits (default: from the environment). */
  http?: HttpConfig;
}

/** Builds the HTTP application: JSON logs, correlation ids, validation, the error filter, OpenAPI. */
export async function createApp(options: CreateAppOptions): Promise<NestExpressApplication> {
  const logger = options.logger ?? new JsonLogger(options.config.logLevel, { service: 'regledger-api' });
  const http = options.http ?? loadHttpConfig(process.env);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config: options.config, auth: options.auth, logger, runWorkers: options.runWorkers ?? options.config.projectionsInProcess, clock: options.clock, http }),
    { logger, bodyParser: false, abortOnError: false },
  );
  app.disable('x-powered-by');
  if (http.trustProxyHops > 0) app.set('trust proxy', http.trustProxyHops);
  app.use(correlationMiddleware(logger, options.clock));
  app.use(securityHeadersMiddleware());
  if (http.corsOrigins.length) {
    app.enableCors({
      origin: http.corsOrigins.includes('*') ? '*' : [...http.corsOrigins],
      methods: ['GET', 'POST', 'PUT', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key', 'X-Correlation-Id'],
      exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Correlation-Id', 'Idempotent-Replayed'],
      maxAge: 600,
    });
  }
  app.use(addressRateLimitMiddleware(http));
  app.use(jsonContentTypeMiddleware());
  app.useBodyParser('json', { limit: http.bodyLimitBytes, strict: true });
  app.useGlobalPipes(requestValidationPipe());
  app.useGlobalFilters(new ErrorFilter(logger));
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('RegLedger')
      .setDescription('Event-sourced supervision engine for enterprise product and service standard self-declarations')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  app.getHttpAdapter().get('/openapi.json', ((_req: Request, res: Response) => res.json(document)) as never);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
