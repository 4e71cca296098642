import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import type { RecordedEvent } from '@regledger/event-store';
import type { Projection, TableNames } from '@regledger/read-models';
import { PLAN_EVENT_TYPES, type PlanEvent } from '../domain/plan/plan.events.js';

/**
 * `inspection_plans`: one row per plan with its scope, policy, period, commitment and status, and once drawn the recorded draw
 * (input and result). Rows carry the stream revision they reflect and ignore anything at or below it.
 */
export const inspectionPlansProjection: Projection = {
  name: 'inspection_plans',
  version: 1,
  tables: ['inspection_plans'],
  handles: PLAN_EVENT_TYPES,

  async createTables(db: AnyDb, t: TableNames) {
    const table = sql.table(t.inspection_plans);
    await sql`
      create table ${table} (
        plan_id text primary key,
        jurisdiction text not null,
        name text not null,
        scope jsonb not null,
        policy jsonb not null,
        period_from date not null,
        period_to date not null,
        commitment text not null,
        status text not null,
        created_on date not null,
        created_by text not null,
        drawn_on date,
        draw_input jsonb,
        draw_result jsonb,
        pool_basis jsonb,
        cancelled_on date,
        cancellation_reason text,
        stream_revision bigint not null,
        updated_at timestamptz not null
      )`.execute(db);
    await sql`create index on ${table} (jurisdiction text_pattern_ops)`.execute(db);
    await sql`create index on ${table} (created_on)`.execute(db);
  },

  async apply(trx: AnyDb, events: readonly RecordedEvent[], t: TableNames) {
    const table = sql.table(t.inspection_plans);
    for (const e of events as readonly (RecordedEvent & PlanEvent)[]) {
      const rev = e.revision.toString();
      const at = e.recordedAt.toISOString();
      switch (e.type) {
        case 'InspectionPlanCreated': {
          const d = e.data;
          await sql`
            insert into ${table} (plan_id, jurisdiction, name, scope, policy, period_from, period_to, commitment, status, created_on, created_by, stream_revision, updated_at)
            values (${d.planId}, ${d.jurisdiction}, ${d.name}, ${JSON.stringify(d.scope)}::jsonb, ${JSON.stringify(d.policy)}::jsonb, ${d.period.from}::date, ${d.period.to}::date,
                    ${d.commitment}, 'created', ${d.createdOn}::date, ${e.metadata.actorId}, ${rev}::bigint, ${at}::timestamptz)
            on conflict (plan_id) do nothing`.execute(trx);
          break;
        }
        case 'InspectionsDrawn': {
          const d = e.data;
          await sql`
            update ${table} set status = 'drawn', drawn_on = ${d.drawnOn}::date, draw_input = ${JSON.stringify(d.input)}::jsonb, draw_result = ${JSON.stringify(d.result)}::jsonb,
              pool_basis = ${JSON.stringify(d.poolBasis)}::jsonb, stream_revision = ${rev}::bigint, updated_at = ${at}::timestamptz
            where plan_id = ${d.planId} and stream_revision < ${rev}::bigint`.execute(trx);
          break;
        }
        case 'InspectionPlanCancelled': {
          const d = e.data;
          await sql`
            update ${table} set status = 'cancelled', cancelled_on = ${d.cancelledOn}::date, cancellation_reason = ${d.reason}, stream_revision = ${rev}::bigint, updated_at = ${at}::timestamptz
            where plan_id = ${d.planId} and stream_revision < ${rev}::bigint`.execute(trx);
          break;
        }
      }
    }
  },
};
