import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { sql } from 'kysely';
import pg from 'pg';
import { loadHttpConfig } from '@regledger/http';
import { ENGINE, JsonLogger, PROJECTION_ENGINE, loadEngineConfig, openEngine, type Engine } from '@regledger/engine';
import type { ProjectionEngine } from '@regledger/read-models';
import type { Role } from '@regledger/shared';
import { createApp } from '../../../apps/api/src/create-app.js';
import { CONTEXTS } from '../../../apps/api/src/contexts.js';
import { tableChecksum } from '../../support/table-checksum.js';
import { bearerFor, settleEngine, testAuth } from '../../support/test-app.js';

/**
 * The server the fault suite runs its PostgreSQL scenarios on: DATABASE_URL when given, else this
 * machine's PostgreSQL on 127.0.0.1:5432. Every scenario works in a fresh database of its own there.
 */
export const faultsServerUrl = (): string => process.env.DATABASE_URL ?? process.env.FAULTS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Storage {
  databaseUrl: string | null;
  dataDir: string;
  cleanup(): Promise<void>;
}

async function admin(serverUrl: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/** A fresh database on a PostgreSQL server (dropped by `cleanup`), or a fresh PGlite directory. */
export async function prepareStorage(backend: 'pglite' | 'postgres', serverUrl = faultsServerUrl()): Promise<Storage> {
  const dataDir = mkdtempSync(join(tmpdir(), 'regledger-faults-'));
  if (backend === 'postgres') {
    const name = `regledger_f_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    await admin(serverUrl, `create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      databaseUrl: url.toString(),
      dataDir,
      async cleanup() {
        await admin(serverUrl, `drop database if exists ${name} with (force)`).catch(() => undefined);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const template = process.env.REGLEDGER_PGLITE_TEMPLATE;
  if (template) cpSync(template, join(dataDir, 'pglite'), { recursive: true });
  return { databaseUrl: null, dataDir, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** The engine's environment for a storage: the suite's defaults, then `env`. */
export const engineEnv = (storage: Storage, env: Record<string, string> = {}): Record<string, string> => ({
  DATA_DIR: storage.dataDir,
  ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}),
  PROJECTION_POLL_MS: '20',
  SEAL_INTERVAL_MS: '0',
  SCHEDULE_INTERVAL_MS: '0',
  LOG_LEVEL: 'silent',
  ...env,
});

export interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown> | null;
  ms: number;
}

export interface FaultApp {
  app: NestExpressApplication;
  engine: Engine;
  projections: ProjectionEngine;
  /** `http://127.0.0.1:<port>`: the API listens on loopback. */
  baseUrl: string;
  as(role: Role, jurisdiction?: string, extra?: { uscc?: string; sub?: string }): { Authorization: string };
  /** One request over loopback; `status` 0 when it failed without an answer (timeout, reset). */
  call(method: 'GET' | 'POST', path: string, options?: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number }): Promise<Reply>;
  /** Every projection and policy this process runs has caught up with the log and no policy adds more. */
  settled(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** The whole API on `storage`, listening on 127.0.0.1; projections in-process unless `env` says otherwise. */
export async function startFaultApp(storage: Storage, env: Record<string, string> = {}): Promise<FaultApp> {
  const config = loadEngineConfig(engineEnv(storage, env));
  const http = loadHttpConfig({ RATE_LIMIT_USER_PER_MINUTE: '0', RATE_LIMIT_ADDRESS_PER_MINUTE: '0', ...env });
  // FAULTS_LOG_LEVEL=error shows what the API logs (e.g. a request that failed with 500) while a scenario runs.
  const app = await createApp({ config, auth: testAuth, logger: new JsonLogger((process.env.FAULTS_LOG_LEVEL ?? 'silent') as 'silent'), http });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  const engine = app.get<Engine>(ENGINE);
  const projections = app.get<ProjectionEngine>(PROJECTION_ENGINE);
  return {
    app,
    engine,
    projections,
    baseUrl,
    as: bearerFor,
    async call(method, path, options = {}) {
      const started = performance.now();
      try {
        const res = await fetch(`${baseUrl}${path}`, {
          method,
          headers: { ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...options.headers },
          body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
        const text = await res.text();
        let body: Record<string, unknown> | null = null;
        try {
          body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
        } catch {
          body = { raw: text };
        }
        return { status: res.status, headers: res.headers, body, ms: performance.now() - started };
      } catch (e) {
        return { status: 0, headers: new Headers(), body: { error: (e as Error).message }, ms: performance.now() - started };
      }
    },
    settled: (timeoutMs = 120_000) => settleEngine(engine, projections, timeoutMs),
    async close() {
      await app.close();
    },
  };
}

export type Checksums = Record<string, { rows: number; md5: string }>;

/** Per read-model table of every projection: its row count and a hash of all its rows, in a stable order. */
export async function readModelChecksums(engine: Engine): Promise<Checksums> {
  const out: Checksums = {};
  for (const p of engine.projections) {
    for (const t of p.tables) out[`${p.name}.${t}`] = await tableChecksum(engine.database.db, t);
  }
  return out;
}

/**
 * Opens the engine on `storage` (no API running on it), takes the read models' checksums, rebuilds every
 * projection from the log (blue/green, as `regledger rebuild`) and takes them again.
 */
export async function compareWithCleanRebuild(storage: Storage): Promise<{ live: Checksums; rebuilt: Checksums; events: number }> {
  const engine = await openEngine(loadEngineConfig(engineEnv(storage)), CONTEXTS);
  try {
    const live = await readModelChecksums(engine);
    const projections = engine.projectionEngine();
    for (const name of projections.projectionNames()) await projections.rebuild(name);
    const rebuilt = await readModelChecksums(engine);
    const events = Number((await sql<{ n: string }>`select count(*)::text as n from es_events`.execute(engine.database.db)).rows[0].n);
    return { live, rebuilt, events };
  } finally {
    await engine.close();
  }
}

/** The events of the log, by id, with the request they were recorded for. */
export async function logEvents(engine: Engine, streamPrefix = ''): Promise<{ id: string; streamId: string; type: string; correlationId: string; causationId: string | null; idempotencyKey: string | null }[]> {
  const r = await sql<{ id: string; stream_id: string; type: string; correlation_id: string; causation_id: string | null; idempotency_key: string | null }>`
    select event_id::text as id, stream_id, type, metadata->>'correlationId' as correlation_id, metadata->>'causationId' as causation_id,
      metadata->>'idempotencyKey' as idempotency_key
    from es_events where starts_with(stream_id, ${streamPrefix}) order by global_position`.execute(engine.database.db);
  return r.rows.map((x) => ({ id: x.id, streamId: x.stream_id, type: x.type, correlationId: x.correlation_id, causationId: x.causation_id, idempotencyKey: x.idempotency_key }));
}

export const median = (xs: number[]): number => {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export const percentile = (xs: number[], p: number): number => {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** The figures a scenario prints for docs/reliability.md, one line each: `[faults] <scenario>: k=v, …`. */
export const report = (scenario: string, figures: Record<string, string | number>): void => {
  const line = `[faults] ${scenario}: ${Object.entries(figures)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')}`;
  process.stdout.write(`${line}\n`);
};

export const sleepMs = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
