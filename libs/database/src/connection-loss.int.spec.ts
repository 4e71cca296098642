import { describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import pg from 'pg';
import { isConnectionError } from './connection-errors.js';
import { createTestDatabase, postgresAvailable } from './testing/index.js';

/**
 * A pooled connection ended by the server while a query runs on it (a restart, an administrator's
 * pg_terminate_backend): the query fails with a connection error, the process keeps running, and the pool
 * serves the next query on a new connection.
 */
if (postgresAvailable()) {
  describe('PostgreSQL pool: a connection lost under a query', () => {
    it('fails that query with a connection error and serves the next one on a live connection', async () => {
      const database = await createTestDatabase([], 'postgres');
      const admin = new pg.Client({ connectionString: database.connectionString! });
      await admin.connect();
      try {
        // Given a query running on a pooled connection
        const running = database.db.connection().execute(async (c) => {
          const own = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(c)).rows[0].pid;
          return { own, result: await sql`select pg_sleep(30)`.execute(c).then(() => null, (e: unknown) => e) };
        });
        let victim: number | null = null;
        for (let i = 0; i < 500 && victim === null; i += 1) {
          const r = await admin.query<{ pid: number }>(`select pid from pg_stat_activity where datname = current_database() and query = 'select pg_sleep(30)' and state = 'active'`);
          victim = r.rows[0]?.pid ?? null;
          if (victim === null) await new Promise((r2) => setTimeout(r2, 10));
        }
        expect(victim).not.toBeNull();

        // When the server ends that session
        await admin.query('select pg_terminate_backend($1)', [victim]);

        // Then the query fails with a connection error (and no 'error' event escapes to crash the process)
        const { own, result } = await running;
        expect(own).toBe(victim);
        expect(isConnectionError(result)).toBe(true);
        // and the next queries run on a live connection
        for (let i = 0; i < 3; i += 1) expect((await sql<{ one: number }>`select 1 as one`.execute(database.db)).rows).toEqual([{ one: 1 }]);
      } finally {
        await admin.end();
        await database.close();
      }
    });
  });
} else {
  describe('PostgreSQL pool: a connection lost under a query', () => {
    it('is skipped: DATABASE_URL is not set (the embedded PGlite has no connection to lose)', () => {
      process.stdout.write('[connection loss] SKIPPED: DATABASE_URL is not set\n');
      expect(postgresAvailable()).toBe(false);
    });
  });
}
