import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { migrate, openDatabase, type AnyDb, type Database, type Migration } from '@regledger/database';
import { eventStoreMigrations, integrityMigrations } from '@regledger/event-store';
import { readModelRuntimeMigrations } from '@regledger/read-models';

export type Backend = 'postgres' | 'pglite';

const OBJECT_IN_USE = '55006';

export const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The schema the engine creates on its own database (engine.ts), minus the contexts' read models. */
const MIGRATIONS: readonly Migration[] = [...eventStoreMigrations, ...integrityMigrations, ...readModelRuntimeMigrations];

/** Connections on each side: enough for the 16 concurrent writers of the append scenario. */
export const POOL_SIZE = 20;

export interface RawQuery {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
}

/** The baselines' access to the same database, without kysely or the library: `pg`, or PGlite itself. */
export interface RawSql extends RawQuery {
  transaction<T>(fn: (q: RawQuery) => Promise<T>): Promise<T>;
}

export interface BenchDatabase {
  readonly backend: Backend;
  /** The library's handle, opened as the engine opens it. */
  readonly database: Database;
  readonly raw: RawSql;
  /** Database name (PostgreSQL) or data directory (PGlite). */
  readonly location: string;
  /** The bench database's URL, for other processes (PostgreSQL); null on PGlite. */
  readonly connectionString: string | null;
  readonly serverVersion: string;
  readonly settings: Record<string, string>;
  /** Median of sequential `select 1` round trips through the baseline's handle, in ms. */
  readonly roundTripMs: number;
  /** Closes everything and removes the database. */
  close(): Promise<void>;
  /** For signals: removes the database without waiting for work in flight. */
  destroyNow(): Promise<void>;
}

const redact = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

async function describeServer(raw: RawQuery): Promise<{ serverVersion: string; settings: Record<string, string>; roundTripMs: number }> {
  const trips: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    await raw.query('select 1');
    if (i >= 100) trips.push(performance.now() - t0);
  }
  trips.sort((a, b) => a - b);
  const [v] = await raw.query<{ v: string }>('select version() as v');
  const rows = await raw.query<{ name: string; setting: string; unit: string | null }>(
    `select name, setting, unit from pg_settings
     where name in ('fsync', 'synchronous_commit', 'shared_buffers', 'wal_sync_method', 'commit_delay', 'max_connections')
     order by name`,
  );
  return { serverVersion: v.v, roundTripMs: trips[trips.length >> 1], settings: Object.fromEntries(rows.map((r) => [r.name, r.unit ? `${r.setting} (${r.unit})` : r.setting])) };
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl, application_name: 'regledger-bench-admin' });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/** A new database `regledger_bench_<random>` on the server of `serverUrl`, dropped by `close`. */
export async function openPostgresBench(serverUrl: string, log: (m: string) => void, onCreated: (destroy: () => Promise<void>) => void = () => undefined): Promise<BenchDatabase> {
  const name = `regledger_bench_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  log(`created database ${name} on ${redact(serverUrl)}`);
  const drop = () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
  onCreated(drop);
  // Closed pools may still be ending their connections: wait for them rather than cut them, since a
  // connection the server ends under an idle pooled client is an 'error' event on its pool.
  const dropWhenIdle = async () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        await adminQuery(serverUrl, `drop database if exists ${name}`);
        return;
      } catch (e) {
        if ((e as { code?: string }).code !== OBJECT_IN_USE) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await drop();
  };
  let database: Database | null = null;
  let pool: pg.Pool | null = null;
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString(), poolSize: POOL_SIZE });
    pool = new pg.Pool({ connectionString: url.toString(), max: POOL_SIZE, application_name: 'regledger-bench-raw' });
    // A connection whose backend is terminated (drop ... with force on Ctrl-C) must not crash the process.
    pool.on('error', () => undefined);
    const p = pool;
    const raw: RawSql = {
      query: async <R>(text: string, params?: unknown[]) => (await p.query(text, params)).rows as R[],
      async transaction<T>(fn: (q: RawQuery) => Promise<T>): Promise<T> {
        const client = await p.connect();
        try {
          await client.query('begin');
          const result = await fn({ query: async <R>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as R[] });
          await client.query('commit');
          return result;
        } catch (e) {
          await client.query('rollback').catch(() => undefined);
          throw e;
        } finally {
          client.release();
        }
      },
    };
    await migrate(database.db, MIGRATIONS);
    const info = await describeServer(raw);
    const db = database;
    let closed = false;
    return {
      backend: 'postgres',
      database: db,
      raw,
      location: name,
      connectionString: url.toString(),
      ...info,
      async close() {
        if (closed) return;
        closed = true;
        await Promise.allSettled([db.close(), p.end()]);
        await dropWhenIdle();
        log(`dropped database ${name}`);
      },
      async destroyNow() {
        if (closed) return;
        closed = true;
        await drop();
        log(`dropped database ${name}`);
      },
    };
  } catch (e) {
    await Promise.allSettled([database?.close(), pool?.end()]);
    await dropWhenIdle().catch(() => undefined);
    throw e;
  }
}

/** A PGlite database in a new temporary directory, removed by `close`. */
export async function openPgliteBench(log: (m: string) => void, onCreated: (destroy: () => Promise<void>) => void = () => undefined): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'regledger-bench-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  onCreated(async () => remove());
  log(`PGlite data directory ${dir}`);
  let pglite: PGlite | null = null;
  try {
    pglite = await PGlite.create(dir);
    const lite = pglite;
    // The same handle openDatabase builds for PGlite, keeping the instance for the baselines.
    const db: AnyDb = new Kysely({ dialect: new PGliteDialect(lite) });
    const database: Database = { kind: 'pglite', db, connectionString: null, close: () => db.destroy() };
    const raw: RawSql = {
      query: async <R>(text: string, params?: unknown[]) => (await lite.query<R>(text, params)).rows,
      transaction: <T>(fn: (q: RawQuery) => Promise<T>) =>
        lite.transaction((tx) => fn({ query: async <R>(text: string, params?: unknown[]) => (await tx.query<R>(text, params)).rows })),
    };
    await migrate(db, MIGRATIONS);
    const info = await describeServer(raw);
    let closed = false;
    return {
      backend: 'pglite',
      database,
      raw,
      location: dir,
      connectionString: null,
      ...info,
      async close() {
        if (closed) return;
        closed = true;
        await database.close().catch(() => undefined);
        remove();
        log(`removed ${dir}`);
      },
      async destroyNow() {
        if (closed) return;
        closed = true;
        remove();
        log(`removed ${dir}`);
      },
    };
  } catch (e) {
    await pglite?.close().catch(() => undefined);
    remove();
    throw e;
  }
}

/** Empties the log and the checkpoints, and asks for a checkpoint so that none falls inside a measurement. */
export async function resetLog(raw: RawQuery): Promise<void> {
  await raw.query('truncate es_events, es_streams, es_idempotency, rm_checkpoints restart identity');
  await raw.query('checkpoint').catch(() => undefined);
}
