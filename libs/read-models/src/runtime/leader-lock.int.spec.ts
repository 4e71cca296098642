import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTestDatabase, postgresAvailable } from '@regledger/database/testing';
import { PostgresLeaderLock } from './leader-lock.js';

/**
 * The leader lock's session ended by the server (a restart, pg_terminate_backend): the locks it held are
 * gone, the lock says so, and the next attempt wins them again on a new connection.
 */
if (postgresAvailable()) {
  describe('PostgresLeaderLock: its connection lost', () => {
    it('stops claiming the lock, then wins it again on a new connection', async () => {
      const database = await createTestDatabase([], 'postgres');
      const admin = new pg.Client({ connectionString: database.connectionString! });
      await admin.connect();
      const lock = new PostgresLeaderLock(database.connectionString!);
      const lockSessions = async (): Promise<number[]> =>
        (await admin.query<{ pid: number }>(`select pid from pg_stat_activity where datname = current_database() and application_name = 'regledger-leader-lock'`)).rows.map((r) => r.pid);
      try {
        // Given a lock held on its session
        expect(await lock.tryAcquire('declarations')).toBe(true);
        const [first] = await lockSessions();
        expect(first).toEqual(expect.any(Number));

        // When the server ends that session
        await admin.query('select pg_terminate_backend($1)', [first]);
        for (let i = 0; i < 500 && lock.isHeld('declarations'); i += 1) await new Promise((r) => setTimeout(r, 10));

        // Then the lock is no longer claimed
        expect(lock.isHeld('declarations')).toBe(false);
        // and the next attempt takes it on a new session
        expect(await lock.tryAcquire('declarations')).toBe(true);
        const sessions = await lockSessions();
        expect(sessions).toHaveLength(1);
        expect(sessions[0]).not.toBe(first);
        // which another session now sees taken
        const other = await admin.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtext($1)) as ok', ['regledger:worker:declarations']);
        expect(other.rows[0].ok).toBe(false);
      } finally {
        await lock.close();
        await admin.end();
        await database.close();
      }
    });
  });
} else {
  describe('PostgresLeaderLock: its connection lost', () => {
    it('is skipped: DATABASE_URL is not set (the embedded PGlite keeps its locks in memory)', () => {
      process.stdout.write('[leader lock] SKIPPED: DATABASE_URL is not set\n');
      expect(postgresAvailable()).toBe(false);
    });
  });
}
