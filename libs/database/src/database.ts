import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { isConnectionError } from './connection-errors.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = Kysely<any>;

export interface Database {
  readonly kind: 'postgres' | 'pglite';
  readonly db: AnyDb;
  /** Set for a PostgreSQL server: used to open dedicated connections (leader locks). */
  readonly connectionString: string | null;
  close(): Promise<void>;
}

export interface DatabaseConfig {
  /** A PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string | null;
  /** PGlite data directory; `memory://` for a throw-away database. */
  dataDir?: string;
  poolSize?: number;
  /** Milliseconds before PostgreSQL ends a session idle inside a transaction (design-notes §1). */
  idleInTransactionTimeoutMs?: number;
}

/** bigint, bigserial and xid8 come back as strings from `pg` and sometimes as numbers from PGlite. */
export const toBigInt = (v: unknown): bigint => {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(v);
  if (typeof v === 'string') return BigInt(v);
  throw new TypeError(`not an integer: ${String(v)}`);
};

export const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: config.poolSize ?? 10,
      options: `-c idle_in_transaction_session_timeout=${config.idleInTransactionTimeoutMs ?? 60_000}`,
    });
    // An idle pooled connection ended by the server (restart, terminate) must not crash the process:
    // the pool drops it and the next query opens a new one.
    pool.on('error', () => undefined);
    // Nor one that dies while checked out (the pool takes its own listener off while a query runs): the
    // query fails with the connection error, the connection is no longer queryable and the pool discards
    // it when it comes back.
    pool.on('connect', (client) => {
      client.on('error', () => undefined);
      // A query that failed because its connection is going (the server ended the session, the socket was
      // cut) ends the client, so that the pool discards it when it comes back instead of lending it again.
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as { query: unknown }).query = (...args: unknown[]): unknown => {
        const result = query(...args);
        if (result instanceof Promise) {
          return result.catch((e: unknown) => {
            if (isConnectionError(e)) client.end().catch(() => undefined);
            throw e;
          });
        }
        return result;
      };
    });
    const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    await sql`select 1`.execute(db);
    return { kind: 'postgres', db, connectionString: config.databaseUrl, close: () => db.destroy() };
  }
  const dataDir = config.dataDir ?? './.data/pglite';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  // pg_trgm serves the registry's substring searches (libs/declarations); the bundle is loaded, CREATE EXTENSION installs it.
  const pglite = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const db = new Kysely({ dialect: new PGliteDialect(pglite) });
  return { kind: 'pglite', db, connectionString: null, close: () => db.destroy() };
}
