import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import type { RecordedEvent } from '@regledger/event-store';
import type { Projection, TableNames } from '@regledger/read-models';
import { INSPECTION_EVENT_TYPES, mergeFindings, type Finding, type InspectionEvent } from '../domain/inspection/index.js';

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/**
 * Inspection tasks and their results:
 * - `inspections`: one row per task with its origin (plan, lead, or the matter and round of a follow-up), enterprise, product, inspectors, status, findings,
 *   outcome, the declaration judged against, and the publication state (due date, published, late, overdue).
 * Rows remember the inspection stream revision they reflect; replays change nothing.
 */
export const inspectionsProjection: Projection = {
  name: 'inspections',
  version: 2,
  tables: ['inspections'],
  handles: [...INSPECTION_EVENT_TYPES],

  async createTables(db: AnyDb, t: TableNames) {
    await sql`
      create table ${sql.table(t.inspections)} (
        inspection_id text primary key,
        origin_type text not null,
        plan_id text,
        source text,
        reference text,
        matter_id text,
        follow_up_round int,
        follow_up_due_on date,
        uscc text not null,
        enterprise_name text,
        authority text not null,
        product_name text,
        product_model text,
        product_key text,
        inspector_ids jsonb not null,
        status text not null,
        description text,
        findings jsonb not null default '[]',
        outcome text,
        production_date date,
        declaration jsonb,
        judged_indicators jsonb not null default '[]',
        non_conforming_indicators jsonb not null default '[]',
        note text,
        opened_on date not null,
        started_on date,
        completed_on date,
        publication_due_on date,
        published_on date,
        published_late boolean,
        overdue_recorded_on date,
        stream_revision bigint not null,
        opened_at timestamptz not null,
        updated_at timestamptz not null
      )`.execute(db);
    await sql`create index on ${sql.table(t.inspections)} (authority text_pattern_ops)`.execute(db);
    await sql`create index on ${sql.table(t.inspections)} (uscc)`.execute(db);
    await sql`create index on ${sql.table(t.inspections)} (plan_id)`.execute(db);
    await sql`create index on ${sql.table(t.inspections)} (status, publication_due_on)`.execute(db);
    await sql`create index on ${sql.table(t.inspections)} (published_on)`.execute(db);
  },

  async apply(trx: AnyDb, events: readonly RecordedEvent[], t: TableNames) {
    for (const e of events) await applyInspectionEvent(trx, e as RecordedEvent & InspectionEvent, t);
  },
};

async function applyInspectionEvent(trx: AnyDb, e: RecordedEvent & InspectionEvent, t: TableNames): Promise<void> {
  const I = sql.table(t.inspections);
  const rev = e.revision.toString();
  const at = e.recordedAt.toISOString();
  const fresh = sql`stream_revision < ${rev}::bigint`;
  switch (e.type) {
    case 'InspectionOpened': {
      const d = e.data;
      const o = d.origin;
      await sql`
        insert into ${I} (inspection_id, origin_type, plan_id, source, reference, matter_id, follow_up_round, follow_up_due_on, uscc, enterprise_name, authority,
          product_name, product_model, product_key, inspector_ids, status, description, opened_on, stream_revision, opened_at, updated_at)
        values (${d.inspectionId}, ${o.type}, ${o.type === 'random' ? o.planId : null}, ${o.type === 'targeted' ? o.source : null},
          ${o.type === 'targeted' ? o.reference : null}, ${o.type === 'follow_up' ? o.matterId : null}, ${o.type === 'follow_up' ? o.round : null},
          ${o.type === 'follow_up' ? o.dueOn : null}::date, ${d.uscc}, ${d.enterpriseName}, ${d.authority}, ${d.product?.name ?? null}, ${d.product?.model ?? null},
          ${d.productKey}, ${json(d.inspectorIds)}, 'open', ${d.description}, ${d.openedOn}::date, ${rev}::bigint, ${at}::timestamptz, ${at}::timestamptz)
        on conflict (inspection_id) do nothing`.execute(trx);
      return;
    }
    case 'InspectorsAssigned':
      await sql`update ${I} set inspector_ids = ${json(e.data.inspectorIds)}, stream_revision = ${rev}::bigint, updated_at = ${at}::timestamptz
        where inspection_id = ${e.data.inspectionId} and ${fresh}`.execute(trx);
      return;
    case 'InspectionStarted':
      await sql`update ${I} set status = 'in_progress', started_on = ${e.data.startedOn}::date, stream_revision = ${rev}::bigint, updated_at = ${at}::timestamptz
        where inspection_id = ${e.data.inspectionId} and ${fresh}`.execute(trx);
      return;
    case 'FindingsRecorded': {
      const row = await sql<{ findings: Finding[] }>`select findings from ${I} where inspection_id = ${e.data.inspectionId} and ${fresh}`.execute(trx);
      if (!row.rows.length) return;
      const merged = mergeFindings(row.rows[0].findings, e.data.findings);
      await sql`update ${I} set findings = ${json(merged)}, stream_revision = ${rev}::bigint, updated_at = ${at}::timestamptz
        where inspection_id = ${e.data.inspectionId} and ${fresh}`.execute(trx);
      return;
    }
    case 'InspectionCompleted': {
      const d = e.data;
      await sql`update ${I} set status = 'completed', outcome = ${d.outcome}, completed_on = ${d.completedOn}::date, publication_due_on = ${d.publicationDueOn}::date,
          production_date = ${d.productionDate}::date, declaration = ${d.declaration === null ? null : json(d.declaration)},
          judged_indicators = ${json(d.judgedIndicators ?? [])}, non_conforming_indicators = ${json(d.nonConformingIndicators ?? [])}, note = ${d.note ?? null},
          product_name = ${d.product?.name ?? null}, product_model = ${d.product?.model ?? null}, product_key = ${d.productKey},
          stream_revision = ${rev}::bigint, updated_at = ${at}::timestamptz
        where inspection_id = ${d.inspectionId} and ${fresh}`.execute(trx);
      return;
    }
    case 'InspectionResultPublished':
      await sql`update ${I} set published_on = ${e.data.publishedOn}::date, published_late = ${e.data.late}, stream_revision = ${rev}::bigint, updated_at = ${at}::timestamptz
        where inspection_id = ${e.data.inspectionId} and ${fresh}`.execute(trx);
      return;
    case 'ResultPublicationOverdue':
      await sql`update ${I} set overdue_recorded_on = ${e.data.recordedOn}::date, stream_revision = ${rev}::bigint, updated_at = ${at}::timestamptz
        where inspection_id = ${e.data.inspectionId} and ${fresh}`.execute(trx);
      return;
    default:
      return;
  }
}
