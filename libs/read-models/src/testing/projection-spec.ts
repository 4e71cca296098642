import { expect } from '@jest/globals';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { AnyDb } from '@regledger/database';
import type { EventMetadata, RecordedEvent } from '@regledger/event-store';
import { liveTables, type Projection } from '../runtime/projection.js';

let position = 0n;

/** A recorded event for projection tests, with positions that grow across calls. */
export const recorded = <D>(streamId: string, revision: number, event: { type: string; data: D }, over: Partial<RecordedEvent<D>> = {}): RecordedEvent<D> => {
  position += 1n;
  const metadata: EventMetadata = {
    actorId: 'tester',
    actorRole: 'admin',
    jurisdiction: '000000',
    correlationId: uuidv7(),
    causationId: null,
    idempotencyKey: null,
    reason: null,
  };
  return {
    id: uuidv7(),
    streamId,
    revision: BigInt(revision),
    globalPosition: position,
    position: { commit: 1n, prepare: position },
    type: event.type,
    schemaVersion: 1,
    storedSchemaVersion: 1,
    data: event.data,
    metadata,
    recordedAt: new Date(),
    businessTime: null,
    prevHash: '0'.repeat(64),
    hash: '0'.repeat(64),
    ...over,
  };
};

const snapshot = async (db: AnyDb, tables: readonly string[]): Promise<Record<string, unknown[]>> => {
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = (await sql`select * from ${sql.table(t)} order by 1`.execute(db)).rows;
  return out;
};

/**
 * given(events).then(assert) for projections: the events are applied in order, then applied all over
 * again, and the tables must be identical both times (idempotency) before `assert` reads them.
 */
export const ProjectionSpec = {
  for(projection: Projection, db: AnyDb) {
    return {
      given(events: RecordedEvent[]) {
        return {
          async then(assert: (db: AnyDb) => Promise<void>): Promise<void> {
            const tables = liveTables(projection);
            for (const t of projection.tables) await sql`drop table if exists ${sql.table(t)}`.execute(db);
            await projection.createTables(db, tables);
            const handled = events.filter((e) => projection.handles.includes(e.type));
            for (const e of handled) await db.transaction().execute((trx) => projection.apply(trx, [e], tables));
            const once = await snapshot(db, projection.tables);
            await db.transaction().execute((trx) => projection.apply(trx, handled, tables));
            const twice = await snapshot(db, projection.tables);
            expect(twice).toEqual(once);
            await assert(db);
          },
        };
      },
    };
  },
};
