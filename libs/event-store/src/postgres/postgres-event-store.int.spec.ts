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

describe('PostgresEventStore global order', () => {
  it('orders by transaction id as a number, not as text, when ids cross a power of ten', async () => {
    const database = await createTestDatabase([...eventStoreMigrations, ...integrityMigrations]);
    try {
      const store = new PostgresEventStore(database);
      // Two finished transactions whose ids straddle a power of ten below the current id (e.g. 99 and
      // 100): as text, "100" would sort before "99".
      const current = BigInt((await sql<{ x: string }>`select pg_current_xact_id()::text as x`.execute(database.db)).rows[0].x);
      const power = 10n ** BigInt(current.toString().length - 1);
      const low = power - 1n;
      for (const [tx, id, n] of [
        [power.toString(), '01a20000-0000-7000-8000-000000000002', 2],
        [low.toString(), '01a20000-0000-7000-8000-000000000001', 1],
      ] as const) {
        await sql`
          insert into es_events (transaction_id, event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
          values (${tx}::xid8, ${id}::uuid, ${`order-${n}`}, 0, 'Ordered', 1, ${JSON.stringify({ n })}::jsonb, '{}'::jsonb, now(), repeat('0', 64), repeat('0', 64))`.execute(database.db);
      }
      const all = await store.readAll({ raw: true });
      expect(all.map((e) => e.position.commit)).toEqual([low, power]);
      const head = await store.headPosition();
      expect(head?.position.commit).toBe(power);
      const after = await store.readAll({ after: all[0].position, raw: true });
      expect(after.map((e) => e.id)).toEqual(['01a20000-0000-7000-8000-000000000002']);
    } finally {
      await database.close();
    }
  });
});
