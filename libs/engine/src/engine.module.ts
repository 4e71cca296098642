import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { DeciderRuntime, seal, type EventStore } from '@regledger/event-store';
import type { ProjectionEngine } from '@regledger/read-models';
import type { AnyDb } from '@regledger/database';
import type { ContextDefinition, ScheduledTask } from './context-definition.js';
import { openEngine, type Engine } from './engine.js';
import type { EngineConfig } from './engine-config.js';
import { JsonLogger } from './json-logger.js';

export const ENGINE = Symbol('ENGINE');
export const ENGINE_CONFIG = Symbol('ENGINE_CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const READ_DB = Symbol('READ_DB');
export const PROJECTION_ENGINE = Symbol('PROJECTION_ENGINE');
export const ENGINE_LOGGER = Symbol('ENGINE_LOGGER');
export const ENGINE_CONTEXTS = Symbol('ENGINE_CONTEXTS');
export const ENGINE_SCHEDULES = Symbol('ENGINE_SCHEDULES');
export const ENGINE_CLOCK = Symbol('ENGINE_CLOCK');

const systemClock = (): Date => new Date();

export interface EngineModuleOptions {
  config: EngineConfig;
  contexts: readonly ContextDefinition[];
  /** Run projections, policies and sealing in this process. */
  runWorkers: boolean;
  logger: JsonLogger;
  /** The clock policies and schedules stamp their commands with (default: the system clock), the same as the API's. */
  clock?: () => Date;
}

/** Starts the workers after the application is up and stops them, then the databases, on shutdown. */
@Injectable()
export class EngineLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private sealer: NodeJS.Timeout | null = null;
  private sealing: Promise<unknown> = Promise.resolve();
  private scheduler: NodeJS.Timeout | null = null;
  private scheduled: Promise<unknown> = Promise.resolve();
  ready = false;

  constructor(
    @Inject(ENGINE) private readonly engine: Engine,
    @Inject(PROJECTION_ENGINE) private readonly projections: ProjectionEngine,
    @Inject(ENGINE_LOGGER) private readonly logger: JsonLogger,
    @Inject('ENGINE_RUN_WORKERS') private readonly runWorkers: boolean,
    @Inject(ENGINE_SCHEDULES) private readonly schedules: readonly ScheduledTask[],
    @Inject(ENGINE_CLOCK) private readonly clock: () => Date,
  ) {}

  /** Runs every scheduled task once at `now` (default: the engine's clock); returns how many commands they sent. */
  async runSchedules(now = this.clock()): Promise<number> {
    let sent = 0;
    for (const task of this.schedules) {
      try {
        sent += (await task.run(now)).commandsSent;
      } catch (e) {
        this.logger.error('scheduled task failed', { task: task.name, error: (e as Error).message });
      }
    }
    return sent;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.runWorkers) {
      await this.projections.start();
      const { sealIntervalMs, sealBlockSize } = this.engine.config;
      if (sealIntervalMs > 0) {
        this.sealer = setInterval(() => {
          this.sealing = this.sealing
            .then(() => seal(this.engine.store, this.engine.database.db, { blockSize: sealBlockSize }))
            .catch((e: unknown) => this.logger.error('sealing failed', { error: (e as Error).message }));
        }, sealIntervalMs);
        this.sealer.unref();
      }
      const { scheduleIntervalMs } = this.engine.config;
      if (scheduleIntervalMs > 0 && this.schedules.length) {
        this.scheduler = setInterval(() => {
          this.scheduled = this.scheduled.then(() => this.runSchedules());
        }, scheduleIntervalMs);
        this.scheduler.unref();
      }
    } else {
      await this.projections.prepare();
    }
    this.ready = true;
  }

  async onApplicationShutdown(): Promise<void> {
    this.ready = false;
    if (this.sealer) clearInterval(this.sealer);
    if (this.scheduler) clearInterval(this.scheduler);
    await this.sealing;
    await this.scheduled;
    await this.projections.stop();
    await this.engine.close();
  }
}

@Global()
@Module({})
export class EngineModule {
  static forRoot(options: EngineModuleOptions): DynamicModule {
    return {
      module: EngineModule,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: ENGINE_CONFIG, useValue: options.config },
        { provide: ENGINE_LOGGER, useValue: options.logger },
        { provide: ENGINE_CONTEXTS, useValue: options.contexts },
        { provide: ENGINE_CLOCK, useValue: options.clock ?? systemClock },
        { provide: 'ENGINE_RUN_WORKERS', useValue: options.runWorkers },
        { provide: ENGINE, useFactory: () => openEngine(options.config, options.contexts) },
        { provide: EVENT_STORE, useFactory: (e: Engine): EventStore => e.store, inject: [ENGINE] },
        { provide: READ_DB, useFactory: (e: Engine): AnyDb => e.database.db, inject: [ENGINE] },
        { provide: DeciderRuntime, useFactory: (e: Engine) => e.runtime, inject: [ENGINE] },
        {
          provide: PROJECTION_ENGINE,
          useFactory: (e: Engine, commandBus: CommandBus) =>
            e.projectionEngine(
              options.contexts.flatMap((c) => c.policies?.({ commandBus, clock: options.clock ?? systemClock }) ?? []),
              { log: (m, f) => options.logger.info(m, f ?? {}), error: (m, f) => options.logger.error(m, f ?? {}) },
            ),
          inject: [ENGINE, CommandBus],
        },
        {
          provide: ENGINE_SCHEDULES,
          useFactory: (e: Engine, commandBus: CommandBus) => options.contexts.flatMap((c) => c.schedules?.({ commandBus, readDb: e.database.db }) ?? []),
          inject: [ENGINE, CommandBus],
        },
        EngineLifecycle,
      ],
      exports: [ENGINE, ENGINE_CLOCK, ENGINE_CONFIG, ENGINE_LOGGER, ENGINE_CONTEXTS, EVENT_STORE, READ_DB, PROJECTION_ENGINE, DeciderRuntime, EngineLifecycle, CqrsModule],
    };
  }
}
