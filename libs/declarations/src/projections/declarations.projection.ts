import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import type { RecordedEvent } from '@regledger/event-store';
import type { Projection, TableNames } from '@regledger/read-models';
import { DECLARATION_EVENT_TYPES } from '../domain/index.js';
import { applyBatch } from './declarations.batch.js';
import { createSearchIndexes } from './search-indexes.js';

export { numberKey } from './declarations.fold.js';

type Tables = TableNames;

/**
 * The public registry of declarations:
 * - `declarations`: the current state of each declaration, searchable;
 * - `declaration_versions`: every version with who recorded it, when, why, and its effective period;
 * - `declaration_products`: the products of every version (for "which version was in force");
 * - `declaration_history`: every state the public registry showed, with the recorded-time period it
 *   showed it, so the registry can be read as it stood at any past time.
 * Rows remember the enterprise stream revision they reflect; replays change nothing.
 * A batch is read, folded in memory and written with a few set-based statements (declarations.batch.ts).
 */
export const declarationsProjection: Projection = {
  name: 'declarations',
  version: 1,
  tables: ['declarations', 'declaration_versions', 'declaration_products', 'declaration_history'],
  handles: [...DECLARATION_EVENT_TYPES, 'EnterpriseRenamed'],

  async createTables(db: AnyDb, t: Tables) {
    await sql`
      create table ${sql.table(t.declarations)} (
        declaration_id text primary key,
        uscc text not null,
        enterprise_name text not null,
        enterprise_search text not null,
        jurisdiction text not null,
        status text not null,
        version integer not null,
        standard_kind text not null,
        standard_number text not null,
        standard_key text not null,
        standard_title text not null,
        mandatory boolean not null,
        full_text_disclosed boolean not null,
        below_recommended boolean not null,
        late boolean not null default false,
        late_reasons jsonb not null default '[]',
        categories text[] not null,
        product_search text not null,
        product_count integer not null,
        content jsonb not null,
        declared_on date not null,
        effective_from date not null,
        abolished_on date,
        last_reviewed_on date,
        redeclare_deadline date,
        redeclaration_overdue boolean not null default false,
        stream_revision bigint not null,
        declared_at timestamptz not null,
        updated_at timestamptz not null
      )`.execute(db);
    await sql`create index on ${sql.table(t.declarations)} (uscc)`.execute(db);
    await sql`create index on ${sql.table(t.declarations)} (standard_key)`.execute(db);
    await sql`create index on ${sql.table(t.declarations)} (jurisdiction text_pattern_ops)`.execute(db);
    await sql`create index on ${sql.table(t.declarations)} (status, redeclare_deadline)`.execute(db);
    await sql`create index on ${sql.table(t.declarations)} (declared_on)`.execute(db);
    await createSearchIndexes(db, t.declarations);
    await sql`
      create table ${sql.table(t.declaration_versions)} (
        declaration_id text not null,
        version integer not null,
        uscc text not null,
        enterprise_name text not null,
        content jsonb not null,
        effective_from date not null,
        effective_to date,
        recorded_at timestamptz not null,
        actor_id text not null,
        actor_role text not null,
        reason text,
        event_id text not null,
        primary key (declaration_id, version)
      )`.execute(db);
    await sql`
      create table ${sql.table(t.declaration_products)} (
        declaration_id text not null,
        version integer not null,
        uscc text not null,
        position integer not null,
        name text not null,
        model text not null,
        category text not null,
        name_key text not null,
        model_key text not null,
        primary key (declaration_id, version, position)
      )`.execute(db);
    await sql`create index on ${sql.table(t.declaration_products)} (uscc, name_key, model_key)`.execute(db);
    await sql`
      create table ${sql.table(t.declaration_history)} (
        declaration_id text not null,
        stream_revision bigint not null,
        valid_from timestamptz not null,
        valid_to timestamptz,
        view jsonb not null,
        primary key (declaration_id, stream_revision)
      )`.execute(db);
    await sql`create index on ${sql.table(t.declaration_history)} (valid_from)`.execute(db);
  },

  async apply(trx: AnyDb, events: readonly RecordedEvent[], t: Tables) {
    await applyBatch(trx, events, t);
  },
};
