import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Database } from '@regledger/database';
import { createTestDatabase } from '@regledger/database/testing';
import { awaitReadable } from './await-readable.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';
import { eventStoreMigrations } from './postgres/event-store.migrations.js';
import { UpcasterRegistry } from './upcasting.js';
import type { EventMetadata } from './types.js';

const meta: EventMetadata = { actorId: 't', actorRole: 'admin', jurisdiction: '000000', correlationId: 'c', causationId: null, idempotencyKey: null, reason: null };

/** v1 had one `address` string; v2 splits it; v3 adds a country. */
const registry = new UpcasterRegistry([
  { eventType: 'Moved', fromVersion: 1, upcast: (d) => ({ street: (d as { address: string }).address, city: null }) },
  { eventType: 'Moved', fromVersion: 2, upcast: (d) => ({ ...(d as object), country: 'CN' }) },
]);

describe('upcasting on read', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(eventStoreMigrations);
  });
  afterAll(async () => database.close());

  it('given events stored as v1 and v2, when read, then both arrive as v3; raw reads and hashes keep what was stored', async () => {
    const writer = new PostgresEventStore(database);
    await writer.appendToStream('mover-1', [
      { type: 'Moved', schemaVersion: 1, data: { address: '深圳市南山区' }, metadata: meta },
      { type: 'Moved', schemaVersion: 2, data: { street: '福田路', city: '深圳' }, metadata: meta },
      { type: 'Other', schemaVersion: 1, data: { x: 1 }, metadata: meta },
    ], { expectedRevision: 'no_stream' });
    const reader = new PostgresEventStore(database, { upcasters: registry });
    const events = await reader.readStream('mover-1');
    expect(events.map((e) => [e.schemaVersion, e.storedSchemaVersion, e.data])).toEqual([
      [3, 1, { street: '深圳市南山区', city: null, country: 'CN' }],
      [3, 2, { street: '福田路', city: '深圳', country: 'CN' }],
      [1, 1, { x: 1 }],
    ]);
    const raw = await reader.readStream('mover-1', { raw: true });
    expect(raw[0].data).toEqual({ address: '深圳市南山区' });
    // Other transactions of the cluster may hold global readers back for a moment.
    await awaitReadable(reader);
    const all = await reader.readAll();
    expect(all[0].schemaVersion).toBe(3);
  });

  it('refuses two upcasters for the same type and version', () => {
    expect(() => new UpcasterRegistry([
      { eventType: 'A', fromVersion: 1, upcast: (d) => d },
      { eventType: 'A', fromVersion: 1, upcast: (d) => d },
    ])).toThrow(/two upcasters/);
  });
});
