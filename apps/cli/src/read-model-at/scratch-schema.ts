import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { Database } from '@regledger/database';

/** Every scratch schema starts with this prefix; anything else in the database is never touched here. */
export const SCRATCH_PREFIX = 'asof_';

/** The advisory lock a run holds on PostgreSQL while its scratch schema exists (its name is the key). */
const lockKey = (schema: string): string => `regledger:scratch:${schema}`;

/** A private schema a read model is built into, dropped when the work is done. */
export interface ScratchSchema {
  readonly name: string;
  drop(): Promise<void>;
}

/**
 * Creates and removes scratch schemas. On PostgreSQL each run holds a session advisory lock per schema on a
 * connection of its own: a schema whose lock nobody holds was left by a run that crashed, and is removed;
 * one still locked belongs to a run going on elsewhere and is left alone. PGlite is opened by one process at
 * a time (the data directory is locked), so any scratch schema found there is a leftover.
 */
export class ScratchSchemas {
  private client: pg.Client | null = null;
  private readonly mine = new Set<string>();

  constructor(private readonly database: Database) {}

  private async lockClient(): Promise<pg.Client | null> {
    if (!this.database.connectionString) return null;
    if (!this.client) {
      const c = new pg.Client({ connectionString: this.database.connectionString });
      c.on('error', () => undefined);
      await c.connect();
      this.client = c;
    }
    return this.client;
  }

  /** Drops scratch schemas left by runs that ended without cleaning up; returns their names. */
  async removeLeftovers(): Promise<string[]> {
    const { rows } = await sql<{ name: string }>`
      select nspname as name from pg_namespace where starts_with(nspname, ${SCRATCH_PREFIX}) order by nspname`.execute(this.database.db);
    const client = await this.lockClient();
    const removed: string[] = [];
    for (const { name } of rows) {
      if (this.mine.has(name)) continue;
      if (client) {
        const got = await client.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtext($1)) as ok', [lockKey(name)]);
        if (!got.rows[0].ok) continue;
        try {
          await sql`drop schema if exists ${sql.id(name)} cascade`.execute(this.database.db);
        } finally {
          await client.query('select pg_advisory_unlock(hashtext($1))', [lockKey(name)]);
        }
      } else {
        await sql`drop schema if exists ${sql.id(name)} cascade`.execute(this.database.db);
      }
      removed.push(name);
    }
    return removed;
  }

  async create(): Promise<ScratchSchema> {
    const name = `${SCRATCH_PREFIX}${randomBytes(6).toString('hex')}`;
    const client = await this.lockClient();
    if (client) await client.query('select pg_advisory_lock(hashtext($1))', [lockKey(name)]);
    await sql`create schema ${sql.id(name)}`.execute(this.database.db);
    this.mine.add(name);
    return {
      name,
      drop: async () => {
        if (!this.mine.has(name)) return;
        await sql`drop schema if exists ${sql.id(name)} cascade`.execute(this.database.db);
        this.mine.delete(name);
        if (client) await client.query('select pg_advisory_unlock(hashtext($1))', [lockKey(name)]);
      },
    };
  }

  /** Drops every schema this run created and still holds, then lets the lock connection go. */
  async close(): Promise<void> {
    for (const name of [...this.mine]) {
      await sql`drop schema if exists ${sql.id(name)} cascade`.execute(this.database.db).catch(() => undefined);
      this.mine.delete(name);
    }
    if (this.client) {
      await this.client.end().catch(() => undefined);
      this.client = null;
    }
  }
}
