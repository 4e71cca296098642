import { sql } from 'kysely';
import type { Migration } from '@regledger/database';

/** The log's tables. The stream row is the unit of optimistic concurrency (design-notes §2). */
export const eventStoreMigrations: Migration[] = [
  {
    id: 'event-store/0001-log',
    async up(db) {
      await sql`
        create table es_streams (
          stream_id text primary key,
          -- revision of the stream's last event; revisions are 0-based as in EventStoreDB
          version bigint not null,
          created_at timestamptz not null default now()
        )`.execute(db);
      await sql`
        create table es_events (
          global_position bigserial primary key,
          -- the writing transaction: readers take only rows older than every running transaction
          transaction_id xid8 not null default pg_current_xact_id(),
          event_id uuid not null unique,
          stream_id text not null,
          revision bigint not null,
          type text not null,
          schema_version integer not null,
          data jsonb not null,
          metadata jsonb not null,
          recorded_at timestamptz not null,
          business_time timestamptz,
          prev_hash char(64) not null,
          hash char(64) not null,
          unique (stream_id, revision)
        )`.execute(db);
      await sql`create index es_events_log_order on es_events (transaction_id, global_position)`.execute(db);
      await sql`create index es_events_type on es_events (type)`.execute(db);
      await sql`create index es_events_recorded_at on es_events (recorded_at)`.execute(db);
      await sql`
        create table es_idempotency (
          key text primary key,
          request_hash text not null,
          stream_id text not null,
          first_revision bigint not null,
          last_revision bigint not null,
          created_at timestamptz not null default now()
        )`.execute(db);
    },
  },
  {
    id: 'event-store/0002-stream-last-hash',
    async up(db) {
      // The hash of the stream's event at `version`, written with it by every append: the one-statement
      // append checks the chain against it. Null when not known (a row written by other means); an append
      // then reads the hash from es_events and sets it.
      await sql`alter table es_streams add column last_hash char(64)`.execute(db);
      await sql`
        update es_streams s set last_hash = e.hash
        from es_events e where e.stream_id = s.stream_id and e.revision = s.version`.execute(db);
    },
  },
];
