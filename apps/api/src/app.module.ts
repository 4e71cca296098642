import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { EngineModule, type EngineConfig, type JsonLogger } from '@regledger/engine';
import { AUTH_CONFIG, AuthGuard, HTTP_CONFIG, RequestShapeGuard, UserRateLimitGuard, loadHttpConfig, type HttpConfig } from '@regledger/http';
import type { AuthConfig } from '@regledger/auth';
import { CONTEXTS, CONTEXT_MODULES } from './contexts.js';
import { SystemController } from './system.controller.js';

export interface AppOptions {
  config: EngineConfig;
  auth: AuthConfig;
  logger: JsonLogger;
  /** Run projections, policies and sealing in the API process (the embedded default). */
  runWorkers: boolean;
  /** The clock requests, policies and schedules are stamped with (default: the system clock). */
  clock?: () => Date;
  /** Body limit, CORS origins and rate limits. */
  http?: HttpConfig;
}

@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [EngineModule.forRoot({ config: options.config, contexts: CONTEXTS, runWorkers: options.runWorkers, logger: options.logger, clock: options.clock }), ...CONTEXT_MODULES],
      controllers: [SystemController],
      providers: [
        { provide: AUTH_CONFIG, useValue: options.auth },
        { provide: HTTP_CONFIG, useValue: options.http ?? loadHttpConfig(process.env) },
        { provide: APP_GUARD, useClass: AuthGuard },
        // After authentication: the limit per user needs the verified actor.
        { provide: APP_GUARD, useClass: UserRateLimitGuard },
        // Then the request's shape (storable text, no object-machinery names, bounded depth), before any model reads it.
        { provide: APP_GUARD, useClass: RequestShapeGuard },
      ],
    };
  }
}
