import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Database } from '@regledger/database';
import { createTestDatabase } from '@regledger/database/testing';
import { awaitReadable } from '../await-readable.js';
import { PostgresEventStore } from '../postgres/postgres-event-store.js';
import type { EventMetadata } from '../types.js';
import { eventStoreMigrations } from '../postgres/event-store.migrations.js';
import { integrityMigrations } from './integrity.migrations.js';
import { lastBlock, readBlocks, seal } from './sealer.js';
import { verifyLog } from './verifier.js';

const meta: EventMetadata = { actorId: 't', actorRole: 'admin', jurisdiction: '440000', correlationId: 'c', causationId: null, idempotencyKey: null, reason: null };

describe('sealing past ten blocks (block numbers are numbers, not text)', () => {
  let database: Database;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase([...eventStoreMigrations, ...integrityMigrations]);
    store = new PostgresEventStore(database);
    for (let i = 0; i < 23; i += 1) await store.appendToStream('tally-1', [{ type: 'Added', data: { i }, metadata: meta }], { expectedRevision: 'any' });
    // Sealing takes only what the log's order has made final: another transaction of the cluster may still hold it back.
    await awaitReadable(store);
  });
  afterAll(async () => database.close());

  it('given 23 events sealed in blocks of 2 over several runs, then the blocks run 0..11 in order and verify passes', async () => {
    const first = await seal(store, database.db, { blockSize: 2, maxBlocks: 10 });
    const rest = await seal(store, database.db, { blockSize: 2 });
    expect({ first, rest }).toEqual({ first: { blocksSealed: 10, eventsSealed: 20 }, rest: { blocksSealed: 2, eventsSealed: 3 } });
    expect((await readBlocks(database.db)).map((b) => Number(b.blockNo))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect((await readBlocks(database.db, 9n)).map((b) => Number(b.blockNo))).toEqual([10, 11]);
    expect((await lastBlock(database.db))?.blockNo).toBe(11n);
    expect(await verifyLog(store, database.db, { pageSize: 5 })).toMatchObject({ ok: true, eventsChecked: 23, blocksChecked: 12, unsealedEvents: 0 });
  });
});
