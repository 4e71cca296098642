import { sql } from 'kysely';
import type { Migration } from '@regledger/database';

/** Sealed blocks fold the global order of the log into a hash chain. */
export const integrityMigrations: Migration[] = [
  {
    id: 'integrity/0001-blocks',
    async up(db) {
      await sql`
        create table es_blocks (
          block_no bigint primary key,
          last_commit numeric(20,0) not null,
          last_prepare numeric(20,0) not null,
          last_global_position bigint not null,
          event_count integer not null,
          events_root char(64) not null,
          prev_block_hash char(64) not null,
          block_hash char(64) not null,
          sealed_at timestamptz not null default now()
        )`.execute(db);
    },
  },
];
