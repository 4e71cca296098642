import { join, resolve } from 'node:path';
import { loadPersonalDataConfig, type PersonalDataConfig } from '@regledger/personal-data';

/** Every setting of the engine, read from environment variables (documented in README.md and docs/operations.md). */
export interface EngineConfig {
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  eventStoreConnectionString: string | null;
  /** Run projections, policies and sealing inside this process (the embedded default). */
  projectionsInProcess: boolean;
  projectionBatchSize: number;
  projectionPollMs: number;
  sealIntervalMs: number;
  sealBlockSize: number;
  /** How often scheduled tasks (deadline sweeps) run; 0 turns them off. */
  scheduleIntervalMs: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  production: boolean;
  /** A JSON file with the State Council arrangement of years the calendar package does not ship yet (`{ holidays, workdays }`). */
  workingDayCalendarFile: string | null;
  /** The secret personal-data subject ids are derived with (`PERSONAL_DATA_SUBJECT_SECRET`; required in production). */
  personalData: PersonalDataConfig;
}

const int = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
};

const bool = (env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
};

export function loadEngineConfig(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const level = (env.LOG_LEVEL ?? 'info').toLowerCase();
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(level)) throw new Error(`LOG_LEVEL must be debug, info, warn, error or silent, got "${level}"`);
  return {
    port: int(env, 'PORT', 3000),
    dataDir: resolve(env.DATA_DIR || './.data'),
    databaseUrl: env.DATABASE_URL || null,
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING || null,
    projectionsInProcess: bool(env, 'PROJECTIONS_IN_PROCESS', true),
    projectionBatchSize: int(env, 'PROJECTION_BATCH_SIZE', 500),
    projectionPollMs: int(env, 'PROJECTION_POLL_MS', 100),
    sealIntervalMs: int(env, 'SEAL_INTERVAL_MS', 10_000),
    sealBlockSize: int(env, 'SEAL_BLOCK_SIZE', 1000),
    scheduleIntervalMs: int(env, 'SCHEDULE_INTERVAL_MS', 60_000),
    logLevel: level as EngineConfig['logLevel'],
    production: env.NODE_ENV === 'production',
    workingDayCalendarFile: env.WORKING_DAY_CALENDAR_FILE ? resolve(env.WORKING_DAY_CALENDAR_FILE) : null,
    personalData: loadPersonalDataConfig(env),
  };
}

export const pgliteDir = (config: EngineConfig): string => join(config.dataDir, 'pglite');
