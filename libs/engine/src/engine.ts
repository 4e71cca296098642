import { migrate, openDatabase, type Database, type Migration, type MigrationReport } from '@regledger/database';
import {
  DeciderRuntime,
  EventStoreDbEventStore,
  PostgresEventStore,
  UpcasterRegistry,
  eventStoreMigrations,
  integrityMigrations,
  type EventStore,
} from '@regledger/event-store';
import { PersonalDataVault, personalDataMigrations } from '@regledger/personal-data';
import { ProjectionEngine, readModelRuntimeMigrations, type EngineLogger, type Policy, type Projection } from '@regledger/read-models';
import type { ContextDefinition } from './context-definition.js';
import { lockDataDir } from './data-dir-lock.js';
import { pgliteDir, type EngineConfig } from './engine-config.js';
import { applyWorkingDayCalendarFile } from './working-day-calendar.js';

export interface Engine {
  readonly config: EngineConfig;
  /** Where read models (and, unless EventStoreDB holds the log, the events) live. */
  readonly database: Database;
  readonly store: EventStore;
  readonly runtime: DeciderRuntime;
  /** Personal data sealed with per-person keys held in the engine's database, apart from the log. */
  readonly personalData: PersonalDataVault;
  readonly projections: readonly Projection[];
  readonly migrations: readonly Migration[];
  /** What opening the engine applied. */
  readonly migrationReport: MigrationReport;
  /** Builds the projection engine; policies need the command bus, so they come later. */
  projectionEngine(policies?: readonly Policy[], logger?: EngineLogger): ProjectionEngine;
  close(): Promise<void>;
}

export const describeBackends = (config: EngineConfig): { events: string; readModels: string } => ({
  events: config.eventStoreConnectionString ? 'eventstoredb' : config.databaseUrl ? 'postgres' : 'pglite',
  readModels: config.databaseUrl ? 'postgres' : 'pglite',
});

/** Opens the databases, applies migrations, and wires the event store for the configured back ends. */
export async function openEngine(config: EngineConfig, contexts: readonly ContextDefinition[]): Promise<Engine> {
  applyWorkingDayCalendarFile(config.workingDayCalendarFile);
  const releaseLock = config.databaseUrl ? () => undefined : lockDataDir(config.dataDir);
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: pgliteDir(config) });
  } catch (e) {
    releaseLock();
    throw e;
  }
  const migrations: Migration[] = [
    ...(config.eventStoreConnectionString ? [] : eventStoreMigrations),
    ...integrityMigrations,
    ...readModelRuntimeMigrations,
    ...personalDataMigrations,
    ...contexts.flatMap((c) => c.migrations ?? []),
  ];
  const migrationReport = await migrate(database.db, migrations);
  const upcasters = new UpcasterRegistry(contexts.flatMap((c) => c.upcasters ?? []));
  const store: EventStore = config.eventStoreConnectionString
    ? new EventStoreDbEventStore(config.eventStoreConnectionString, { upcasters })
    : new PostgresEventStore(database, { upcasters });
  const projections = contexts.flatMap((c) => c.projections ?? []);
  return {
    config,
    database,
    store,
    runtime: new DeciderRuntime(store),
    personalData: new PersonalDataVault(database.db, { subjectSecret: config.personalData.subjectSecret }),
    projections,
    migrations,
    migrationReport,
    projectionEngine(policies = [], logger) {
      return new ProjectionEngine(store, database, projections, policies, {
        batchSize: config.projectionBatchSize,
        pollIntervalMs: config.projectionPollMs,
        logger,
      });
    },
    async close() {
      await store.close();
      await database.close();
      releaseLock();
    },
  };
}
