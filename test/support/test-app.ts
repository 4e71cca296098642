import { loadHttpConfig } from '@regledger/http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { sql } from 'kysely';
import { signToken, type AuthConfig } from '@regledger/auth';
import { prepareEngineStorage } from '@regledger/database/testing';
import { ENGINE, JsonLogger, PROJECTION_ENGINE, loadEngineConfig, type Engine } from '@regledger/engine';
import type { ProjectionEngine } from '@regledger/read-models';
import type { Role } from '@regledger/shared';
import { createApp } from '../../apps/api/src/create-app.js';

const SECRET = 'test-secret-that-is-long-enough-for-hs256-000';

export const testAuth: AuthConfig = {
  verificationKey: { alg: 'HS256', secret: SECRET },
  signingKey: { alg: 'HS256', secret: SECRET },
  issuer: 'regledger',
  audience: 'regledger-api',
  development: false,
};

/** A bearer header signed with the test key for a user of that role and jurisdiction. */
export function bearerFor(role: Role, jurisdiction = '440000', extra: { uscc?: string; sub?: string } = {}): { Authorization: string } {
  const token = signToken(
    { sub: extra.sub ?? `${role}-${jurisdiction}`, roles: [role], jurisdiction, uscc: extra.uscc, iss: testAuth.issuer, aud: testAuth.audience },
    testAuth.signingKey!,
  );
  return { Authorization: `Bearer ${token}` };
}

/** Resolves once every projection and policy has caught up with the log and no policy adds more (waits on checkpoints). */
export async function settleEngine(engine: Engine, projections: ProjectionEngine, timeoutMs?: number): Promise<void> {
  const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
  // Policies append new events while projections catch up: wait until a pass adds nothing.
  for (;;) {
    const before = await engine.store.headPosition({ committed: true });
    await projections.waitFor(before?.position, deadline === undefined ? undefined : Math.max(deadline - Date.now(), 1));
    const after = await engine.store.headPosition({ committed: true });
    if (after?.globalPosition === before?.globalPosition) return;
  }
}

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  engine: Engine;
  projections: ProjectionEngine;
  /** A bearer header for a user of that role and jurisdiction. */
  as(role: Role, jurisdiction?: string, extra?: { uscc?: string; sub?: string }): { Authorization: string };
  /** Resolves once every projection and policy has caught up with the log and no policy adds more (waits on checkpoints). */
  settled(): Promise<void>;
  /** The API's clock: the system clock, or the pinned one. */
  clock(): Date;
  /** Number of events in the whole log, or in the streams whose id starts with `streamPrefix`. */
  eventCount(streamPrefix?: string): Promise<number>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /**
   * ISO 8601 instant the API's clock starts at; it then runs at the real pace. Tests whose deadlines must
   * stay inside the official working-day calendar pin it, so they do not depend on the day they run.
   */
  now?: string;
  /** The API's clock itself, e.g. one the test also reads (see `clockFrom`); wins over `now`. */
  clock?: () => Date;
}

/** A clock that starts at `start` and advances with the real one. */
export const clockFrom = (start: string): (() => Date) => {
  const offset = Date.parse(start) - Date.now();
  if (Number.isNaN(offset)) throw new RangeError(`not an ISO 8601 instant: ${start}`);
  return () => new Date(Date.now() + offset);
};

/** The whole API on a private database, projections running in-process. */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const storage = await prepareEngineStorage();
  const config = loadEngineConfig({
    DATA_DIR: storage.dataDir,
    ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}),
    PROJECTION_POLL_MS: '20',
    SEAL_INTERVAL_MS: '0',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const clock = options.clock ?? (options.now ? clockFrom(options.now) : () => new Date());
  // Rate limits off unless a test sets them: a suite sends thousands of requests from one address and user.
  const http = loadHttpConfig({ RATE_LIMIT_USER_PER_MINUTE: '0', RATE_LIMIT_ADDRESS_PER_MINUTE: '0', ...env });
  const app = await createApp({ config, auth: testAuth, logger: new JsonLogger('silent'), clock, http });
  await app.init();
  const engine = app.get<Engine>(ENGINE);
  const projections = app.get<ProjectionEngine>(PROJECTION_ENGINE);
  return {
    app,
    http: request(app.getHttpServer()),
    engine,
    projections,
    as: bearerFor,
    settled: () => settleEngine(engine, projections),
    clock,
    async eventCount(streamPrefix?: string) {
      const where = streamPrefix === undefined ? sql`true` : sql`starts_with(stream_id, ${streamPrefix})`;
      const r = await sql<{ n: string }>`select count(*)::text as n from es_events where ${where}`.execute(engine.database.db);
      return Number(r.rows[0].n);
    },
    async close() {
      await app.close();
      await storage.cleanup();
    },
  };
}
