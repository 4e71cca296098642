import { describe, expect, it } from '@jest/globals';
import { createTestDatabase } from '@regledger/database/testing';
import { eventStoreContract, type ContractFixture } from '../testing/event-store.contract.js';
import { integrityMigrations } from '../integrity/integrity.migrations.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';

/**
 * The contract against a real EventStoreDB (server 22.6 or later, a user allowed to read `$all`; a fresh
 * node such as `--mem-db --insecure` is best, since sealing and verification walk the whole `$all`).
 * EventStoreDB's log is immutable: there is no tampering fixture and no delayed writer.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  eventStoreContract('EventStoreDB', async (): Promise<ContractFixture> => {
    const integrity = await createTestDatabase(integrityMigrations);
    const store = new EventStoreDbEventStore(connectionString);
    return {
      store,
      integrityDb: integrity.db,
      async close() {
        await store.close();
        await integrity.close();
      },
    };
  });
} else {
  describe('EventStore contract: EventStoreDB', () => {
    it('is SKIPPED: EVENTSTORE_CONNECTION_STRING is not set', () => {
      process.stdout.write('[contract EventStoreDB] SKIPPED: EVENTSTORE_CONNECTION_STRING is not set — the EventStoreDB adapter is NOT verified\n');
      expect(Boolean(process.env.EVENTSTORE_CONNECTION_STRING)).toBe(false);
    });
  });
}
