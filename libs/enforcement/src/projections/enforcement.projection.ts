import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import type { RecordedEvent } from '@regledger/event-store';
import type { Projection, TableNames } from '@regledger/read-models';
import {
  CASE_EVENT_TYPES,
  MATTER_EVENT_TYPES,
  evolveCase,
  evolveMatter,
  openCaseDeadlines,
  openMatterDeadlines,
  type CaseEvent,
  type CaseState,
  type MatterEvent,
  type MatterState,
} from '../domain/index.js';

/** The enterprises' events this read model keeps names from, for the public penalty list. */
const ENTERPRISE_EVENT_TYPES = ['EnterpriseRegistered', 'EnterpriseRenamed'] as const;

/**
 * Matters and cases for the supervisor's lists, the detail pages and the public penalty list:
 * - `enforcement_matters`: one row per matter, its state as the domain folds it (`evolveMatter`), and for
 *   ordering and filtering its status, jurisdiction and earliest open deadline (`openMatterDeadlines`);
 * - `enforcement_cases`: one row per case, its state (`evolveCase`), its earliest open deadline
 *   (`openCaseDeadlines`) and the publication columns the public list and the schedules read;
 * - `enforcement_timeline`: every step with its date, who recorded it and when;
 * - `enforcement_enterprise_names`: the enterprises' current names (from their own events), for the public list.
 * Rows keep the stream revision they reflect; applying an event again changes nothing.
 */
export const enforcementProjection: Projection = {
  name: 'enforcement',
  version: 1,
  tables: ['enforcement_matters', 'enforcement_cases', 'enforcement_timeline', 'enforcement_enterprise_names'],
  handles: [...MATTER_EVENT_TYPES, ...CASE_EVENT_TYPES, ...ENTERPRISE_EVENT_TYPES],

  async createTables(db: AnyDb, t: TableNames) {
    await sql`
      create table ${sql.table(t.enforcement_matters)} (
        matter_id text primary key,
        stream_id text not null,
        uscc text not null,
        jurisdiction text not null,
        subject_kind text not null,
        product_key text,
        status text not null,
        opened_on date not null,
        state jsonb not null,
        next_deadline text,
        next_due_on date,
        stream_revision bigint not null,
        updated_at timestamptz not null
      )`.execute(db);
    await sql`create index on ${sql.table(t.enforcement_matters)} (jurisdiction text_pattern_ops)`.execute(db);
    await sql`create index on ${sql.table(t.enforcement_matters)} (status, next_due_on)`.execute(db);
    await sql`create index on ${sql.table(t.enforcement_matters)} (uscc)`.execute(db);
    await sql`
      create table ${sql.table(t.enforcement_cases)} (
        case_id text primary key,
        uscc text not null,
        jurisdiction text not null,
        matter_id text,
        status text not null,
        state jsonb not null,
        next_deadline text,
        next_due_on date,
        decided_on date,
        publication_due_on date,
        published_on date,
        shown_until date,
        publication_ended_on date,
        stream_revision bigint not null,
        updated_at timestamptz not null
      )`.execute(db);
    await sql`create index on ${sql.table(t.enforcement_cases)} (jurisdiction text_pattern_ops)`.execute(db);
    await sql`create index on ${sql.table(t.enforcement_cases)} (next_due_on)`.execute(db);
    await sql`create index on ${sql.table(t.enforcement_cases)} (published_on, publication_ended_on)`.execute(db);
    await sql`create index on ${sql.table(t.enforcement_cases)} (uscc)`.execute(db);
    await sql`
      create table ${sql.table(t.enforcement_timeline)} (
        stream_id text not null,
        stream_revision bigint not null,
        entity_id text not null,
        event_type text not null,
        step_on date,
        recorded_at timestamptz not null,
        actor_id text not null,
        actor_role text not null,
        event_id text not null,
        primary key (stream_id, stream_revision)
      )`.execute(db);
    await sql`create index on ${sql.table(t.enforcement_timeline)} (entity_id)`.execute(db);
    await sql`
      create table ${sql.table(t.enforcement_enterprise_names)} (
        uscc text primary key,
        name text not null,
        stream_revision bigint not null
      )`.execute(db);
  },

  async apply(trx: AnyDb, events: readonly RecordedEvent[], t: TableNames) {
    for (const e of events) {
      if ((MATTER_EVENT_TYPES as readonly string[]).includes(e.type)) await applyMatterEvent(trx, e as RecordedEvent & MatterEvent, t);
      else if ((CASE_EVENT_TYPES as readonly string[]).includes(e.type)) await applyCaseEvent(trx, e as RecordedEvent & CaseEvent, t);
      else await applyEnterpriseEvent(trx, e, t);
    }
  },
};

/** The date a step carries, for the timeline. */
const stepOn = (data: Record<string, unknown>): string | null => {
  for (const key of ['openedOn', 'joinedOn', 'orderedOn', 'requestedOn', 'completedOn', 'issuedOn', 'revokedOn', 'confirmedOn', 'publishedOn', 'recordedOn', 'closedOn', 'discoveredOn', 'decidedOn', 'from', 'on', 'endedOn']) {
    if (typeof data[key] === 'string') return data[key] as string;
  }
  return null;
};

async function recordStep(trx: AnyDb, t: TableNames, e: RecordedEvent, entityId: string): Promise<void> {
  await sql`
    insert into ${sql.table(t.enforcement_timeline)} (stream_id, stream_revision, entity_id, event_type, step_on, recorded_at, actor_id, actor_role, event_id)
    values (${e.streamId}, ${e.revision.toString()}::bigint, ${entityId}, ${e.type}, ${stepOn(e.data as Record<string, unknown>)}::date, ${e.recordedAt.toISOString()}::timestamptz,
      ${e.metadata.actorId}, ${e.metadata.actorRole}, ${e.id})
    on conflict (stream_id, stream_revision) do nothing`.execute(trx);
}

async function applyMatterEvent(trx: AnyDb, e: RecordedEvent & MatterEvent, t: TableNames): Promise<void> {
  const M = sql.table(t.enforcement_matters);
  const matterId = e.data.matterId;
  const rev = e.revision.toString();
  const at = e.recordedAt.toISOString();
  const found = await sql<{ state: MatterState; stream_revision: string }>`select state, stream_revision::text as stream_revision from ${M} where matter_id = ${matterId}`.execute(trx);
  const row = found.rows[0];
  if (row !== undefined && BigInt(row.stream_revision) >= e.revision) return;
  if (row === undefined && e.type !== 'MatterOpened') return;
  const state = evolveMatter(row?.state ?? null, e);
  if (state === null) return;
  const next = openMatterDeadlines(state)[0] ?? null;
  const product = state.subject.kind === 'product' ? state.subject.productKey : null;
  await sql`
    insert into ${M} (matter_id, stream_id, uscc, jurisdiction, subject_kind, product_key, status, opened_on, state, next_deadline, next_due_on, stream_revision, updated_at)
    values (${matterId}, ${e.streamId}, ${state.uscc}, ${state.jurisdiction}, ${state.subject.kind}, ${product}, ${state.status}, ${state.openedOn}::date,
      ${JSON.stringify(state)}::jsonb, ${next?.deadline ?? null}, ${next?.dueOn ?? null}::date, ${rev}::bigint, ${at}::timestamptz)
    on conflict (matter_id) do update set status = excluded.status, state = excluded.state, next_deadline = excluded.next_deadline,
      next_due_on = excluded.next_due_on, stream_revision = excluded.stream_revision, updated_at = excluded.updated_at
      where ${M}.stream_revision < excluded.stream_revision`.execute(trx);
  await recordStep(trx, t, e, matterId);
}

async function applyCaseEvent(trx: AnyDb, e: RecordedEvent & CaseEvent, t: TableNames): Promise<void> {
  const C = sql.table(t.enforcement_cases);
  const caseId = e.data.caseId;
  const rev = e.revision.toString();
  const at = e.recordedAt.toISOString();
  const found = await sql<{ state: CaseState; stream_revision: string }>`select state, stream_revision::text as stream_revision from ${C} where case_id = ${caseId}`.execute(trx);
  const row = found.rows[0];
  if (row !== undefined && BigInt(row.stream_revision) >= e.revision) return;
  if (row === undefined && e.type !== 'LeadRegistered') return;
  const state = evolveCase(row?.state ?? null, e);
  if (state === null) return;
  const next = openCaseDeadlines(state)[0] ?? null;
  await sql`
    insert into ${C} (case_id, uscc, jurisdiction, matter_id, status, state, next_deadline, next_due_on, decided_on, publication_due_on, published_on, shown_until,
      publication_ended_on, stream_revision, updated_at)
    values (${caseId}, ${state.uscc}, ${state.jurisdiction}, ${state.matterId}, ${state.status}, ${JSON.stringify(state)}::jsonb, ${next?.deadline ?? null},
      ${next?.dueOn ?? null}::date, ${state.decision?.decidedOn ?? null}::date, ${state.decision?.publication.dueOn ?? null}::date,
      ${state.publication?.publishedOn ?? null}::date, ${state.publication?.shownUntil ?? null}::date, ${state.publicationEnded?.endedOn ?? null}::date,
      ${rev}::bigint, ${at}::timestamptz)
    on conflict (case_id) do update set status = excluded.status, state = excluded.state, next_deadline = excluded.next_deadline, next_due_on = excluded.next_due_on,
      decided_on = excluded.decided_on, publication_due_on = excluded.publication_due_on, published_on = excluded.published_on, shown_until = excluded.shown_until,
      publication_ended_on = excluded.publication_ended_on, stream_revision = excluded.stream_revision, updated_at = excluded.updated_at
      where ${C}.stream_revision < excluded.stream_revision`.execute(trx);
  await recordStep(trx, t, e, caseId);
}

async function applyEnterpriseEvent(trx: AnyDb, e: RecordedEvent, t: TableNames): Promise<void> {
  const d = e.data as { uscc?: string; name?: string; newName?: string };
  const name = e.type === 'EnterpriseRegistered' ? d.name : d.newName;
  if (typeof d.uscc !== 'string' || typeof name !== 'string') return;
  const N = sql.table(t.enforcement_enterprise_names);
  await sql`
    insert into ${N} (uscc, name, stream_revision) values (${d.uscc}, ${name}, ${e.revision.toString()}::bigint)
    on conflict (uscc) do update set name = excluded.name, stream_revision = excluded.stream_revision where ${N}.stream_revision < excluded.stream_revision`.execute(trx);
}
