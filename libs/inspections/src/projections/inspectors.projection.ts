import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import type { RecordedEvent } from '@regledger/event-store';
import type { Projection, TableNames } from '@regledger/read-models';
import { INSPECTOR_EVENT_TYPES, type InspectorEvent } from '../domain/inspector/inspector.events.js';

/**
 * `inspectors`: one row per inspector with its jurisdiction, status, qualifications and declared conflicts. Rows carry the stream
 * revision they reflect and ignore anything at or below it.
 */
export const inspectorsProjection: Projection = {
  name: 'inspectors',
  version: 1,
  tables: ['inspectors'],
  handles: INSPECTOR_EVENT_TYPES,

  async createTables(db: AnyDb, t: TableNames) {
    const table = sql.table(t.inspectors);
    await sql`
      create table ${table} (
        inspector_id text primary key,
        name text not null,
        jurisdiction text not null,
        active boolean not null,
        qualifications jsonb not null,
        conflicts jsonb not null,
        deactivation_reason text,
        registered_on date not null,
        stream_revision bigint not null,
        updated_at timestamptz not null
      )`.execute(db);
    await sql`create index on ${table} (jurisdiction text_pattern_ops)`.execute(db);
  },

  async apply(trx: AnyDb, events: readonly RecordedEvent[], t: TableNames) {
    const table = sql.table(t.inspectors);
    for (const e of events as readonly (RecordedEvent & InspectorEvent)[]) {
      const rev = e.revision.toString();
      const at = e.recordedAt.toISOString();
      const newer = sql`inspector_id = ${e.data.inspectorId} and stream_revision < ${rev}::bigint`;
      switch (e.type) {
        case 'InspectorRegistered': {
          const d = e.data;
          await sql`
            insert into ${table} (inspector_id, name, jurisdiction, active, qualifications, conflicts, registered_on, stream_revision, updated_at)
            values (${d.inspectorId}, ${d.name}, ${d.jurisdiction}, true, ${JSON.stringify(d.qualifications)}::jsonb, ${JSON.stringify(d.conflicts)}::jsonb,
                    ${d.registeredOn}::date, ${rev}::bigint, ${at}::timestamptz)
            on conflict (inspector_id) do nothing`.execute(trx);
          break;
        }
        case 'InspectorQualificationsUpdated':
          await sql`update ${table} set qualifications = ${JSON.stringify(e.data.qualifications)}::jsonb, stream_revision = ${rev}::bigint, updated_at = ${at}::timestamptz where ${newer}`.execute(trx);
          break;
        case 'InspectorConflictDeclared':
          await sql`
            update ${table} set conflicts = (select coalesce(jsonb_agg(u order by u), '[]'::jsonb) from (select distinct jsonb_array_elements_text(conflicts || ${JSON.stringify([e.data.uscc])}::jsonb) as u) s),
              stream_revision = ${rev}::bigint, updated_at = ${at}::timestamptz
            where ${newer}`.execute(trx);
          break;
        case 'InspectorConflictWithdrawn':
          await sql`update ${table} set conflicts = conflicts - ${e.data.uscc}::text, stream_revision = ${rev}::bigint, updated_at = ${at}::timestamptz where ${newer}`.execute(trx);
          break;
        case 'InspectorDeactivated':
          await sql`update ${table} set active = false, deactivation_reason = ${e.data.reason}, stream_revision = ${rev}::bigint, updated_at = ${at}::timestamptz where ${newer}`.execute(trx);
          break;
        case 'InspectorReactivated':
          await sql`update ${table} set active = true, deactivation_reason = null, stream_revision = ${rev}::bigint, updated_at = ${at}::timestamptz where ${newer}`.execute(trx);
          break;
      }
    }
  },
};
