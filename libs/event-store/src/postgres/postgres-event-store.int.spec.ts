import { describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { createTestDatabase, postgresAvailable, type TestBackend } from '@regledger/database/testing';
import { eventStoreContract } from '../testing/event-store.contract.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { eventStoreMigrations } from './event-store.migrations.js';
import { integrityMigrations } from '../integrity/integrity.migrations.js';

const fixture = (backend: TestBackend) => async () => {
  const database = await createTestDatabase([...eventStoreMigrations, ...integrityMigrations], backend);
  const db = database.db;
  return {
    store: new PostgresEventStore(database),
    delayedStore:
      backend === 'postgres'
        ? (gate: Promise<void>) => new PostgresEventStore(database, { beforeCommit: () => gate })
        : undefined,
    integrityDb: db,
    async tamperEvent(eventId: string) {
      const before = await sql<{ data: unknown }>`select data from es_events where event_id = ${eventId}::uuid`.execute(db);
      await sql`update es_events set data = jsonb_set(data, '{n}', '999') where event_id = ${eventId}::uuid`.execute(db);
      return async () => {
        await sql`update es_events set data = ${JSON.stringify(before.rows[0].data)}::jsonb where event_id = ${eventId}::uuid`.execute(db);
      };
    },
    async tamperBlock(blockNo: bigint) {
      const before = await sql<{ events_root: string }>`select events_root from es_blocks where block_no = ${blockNo.toString()}::bigint`.execute(db);
      await sql`update es_blocks set events_root = repeat('a', 64) where block_no = ${blockNo.toString()}::bigint`.execute(db);
      return async () => {
        await sql`update es_blocks set events_root = ${before.rows[0].events_root} where block_no = ${blockNo.toString()}::bigint`.execute(db);
      };
    },
    close: () => database.close(),
  };
};

eventStoreContract('PGlite', fixture('pglite'));

if (postgresAvailable()) {
  eventStoreContract('PostgreSQL', fixture('postgres'));
} else {
  describe('EventStore contract: PostgreSQL', () => {
    it('is skipped: DATABASE_URL is not set (run .ci/run or set DATABASE_URL to verify it)', () => {
      process.stdout.write('[contract PostgreSQL] SKIPPED: DATABASE_URL is not set\n');
      expect(postgresAvailable()).toBe(false);
    });
  });
}
