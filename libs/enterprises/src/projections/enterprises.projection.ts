import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import type { RecordedEvent } from '@regledger/event-store';
import type { Projection, TableNames } from '@regledger/read-models';
import type { EnterpriseEvent } from '../domain/enterprise.events.js';

/** Lower-cased names joined for substring search by any name, current or former. */
const searchText = (names: readonly string[]): string => names.map((n) => n.toLowerCase()).join('\n');

/**
 * `enterprises`: one row per enterprise with its current and former names, searchable by USCC and by
 * any name. Rows carry the stream revision they reflect and ignore anything at or below it.
 */
export const enterprisesProjection: Projection = {
  name: 'enterprises',
  version: 1,
  tables: ['enterprises'],
  handles: ['EnterpriseRegistered', 'EnterpriseRenamed', 'EnterpriseDeregistered'],

  async createTables(db: AnyDb, t: TableNames) {
    const table = sql.table(t.enterprises);
    await sql`
      create table ${table} (
        uscc text primary key,
        name text not null,
        former_names jsonb not null default '[]',
        search_text text not null,
        jurisdiction text not null,
        address text not null,
        industry text not null,
        status text not null,
        registered_on date not null,
        deregistered_on date,
        deregistration_reason text,
        stream_revision bigint not null,
        updated_at timestamptz not null
      )`.execute(db);
    await sql`create index on ${table} (jurisdiction text_pattern_ops)`.execute(db);
    await sql`create index on ${table} (name)`.execute(db);
  },

  async apply(trx: AnyDb, events: readonly RecordedEvent[], t: TableNames) {
    const table = sql.table(t.enterprises);
    for (const e of events as readonly (RecordedEvent & EnterpriseEvent)[]) {
      const rev = e.revision.toString();
      switch (e.type) {
        case 'EnterpriseRegistered': {
          const d = e.data;
          await sql`
            insert into ${table} (uscc, name, search_text, jurisdiction, address, industry, status, registered_on, stream_revision, updated_at)
            values (${d.uscc}, ${d.name}, ${searchText([d.name])}, ${d.jurisdiction}, ${d.address}, ${d.industry}, 'registered',
                    ${d.registeredOn}::date, ${rev}::bigint, ${e.recordedAt.toISOString()}::timestamptz)
            on conflict (uscc) do nothing`.execute(trx);
          break;
        }
        case 'EnterpriseRenamed': {
          const d = e.data;
          const former = JSON.stringify([{ name: d.previousName, until: d.effectiveDate }]);
          await sql`
            update ${table} set
              name = ${d.newName},
              former_names = former_names || ${former}::jsonb,
              search_text = search_text || ${`\n${d.newName.toLowerCase()}`},
              stream_revision = ${rev}::bigint,
              updated_at = ${e.recordedAt.toISOString()}::timestamptz
            where uscc = ${d.uscc} and stream_revision < ${rev}::bigint`.execute(trx);
          break;
        }
        case 'EnterpriseDeregistered': {
          const d = e.data;
          await sql`
            update ${table} set
              status = 'deregistered',
              deregistered_on = ${d.effectiveDate}::date,
              deregistration_reason = ${d.reason},
              stream_revision = ${rev}::bigint,
              updated_at = ${e.recordedAt.toISOString()}::timestamptz
            where uscc = ${d.uscc} and stream_revision < ${rev}::bigint`.execute(trx);
          break;
        }
      }
    }
  },
};
