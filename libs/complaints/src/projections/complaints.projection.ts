import { sql, type RawBuilder } from 'kysely';
import type { AnyDb } from '@regledger/database';
import type { RecordedEvent } from '@regledger/event-store';
import type { Projection, TableNames } from '@regledger/read-models';
import {
  COMPLAINT_EVENT_TYPES,
  PERSONAL_DATA_EVENT_TYPES,
  openDeadlines,
  type PersonalDataErased,
  type ComplaintDeadlineFacts,
  type ComplaintEvent,
  type ComplaintEventType,
  type ComplaintKind,
  type ComplaintStatus,
} from '../domain/index.js';

/** The columns the deadline rules read, as stored. */
export interface DeadlineColumns {
  kind: string;
  status: string;
  acceptance_due_on: string | null;
  mediation_ends_on: string | null;
  mediation_outcome: string | null;
  verification_due_on: string | null;
  case_decided_on: string | null;
  reporter_notification_due_on: string | null;
  reporter_notified_on: string | null;
}

/** The deadline rules' input from a stored row. */
export const deadlineFactsOfRow = (r: DeadlineColumns): ComplaintDeadlineFacts => ({
  kind: r.kind as ComplaintKind,
  status: r.status as ComplaintStatus,
  acceptanceDueOn: r.acceptance_due_on,
  mediationEndsOn: r.mediation_ends_on,
  mediationRecorded: r.mediation_outcome !== null,
  verificationDueOn: r.verification_due_on,
  caseDecided: r.case_decided_on !== null,
  reporterNotificationDueOn: r.reporter_notification_due_on,
  reporterNotified: r.reporter_notified_on !== null,
});

/** Dates as YYYY-MM-DD text, so rows read the same on PostgreSQL and PGlite. */
export const DEADLINE_COLUMNS = `kind, status, to_char(acceptance_due_on, 'YYYY-MM-DD') as acceptance_due_on, to_char(mediation_ends_on, 'YYYY-MM-DD') as mediation_ends_on,
  mediation_outcome, to_char(verification_due_on, 'YYYY-MM-DD') as verification_due_on, to_char(case_decided_on, 'YYYY-MM-DD') as case_decided_on,
  to_char(reporter_notification_due_on, 'YYYY-MM-DD') as reporter_notification_due_on, to_char(reporter_notified_on, 'YYYY-MM-DD') as reporter_notified_on`;

/**
 * Complaints and reports for lists, the handler's queue and the detail page:
 * - `complaints`: one row per complaint with every recorded fact (the complainant as recorded; masking
 *   happens at query time per reader) and, for ordering, filtering and grouping, the kind and due date of
 *   its earliest open deadline (`next_deadline`, `next_due_on`). The open deadlines themselves are computed
 *   where they are read, from the row's facts with the domain's rule (`deadlinesOn(deadlineFactsOfRow(row), today)`);
 *   whether a deadline is overdue is decided at query time from today's China date;
 * - `complaint_timeline`: every step with its date, who recorded it and when.
 * Rows remember the stream revision they reflect; replays change nothing.
 *
 * The complainant is stored as recorded: from `ComplaintReceived` v2 on, its identity sealed (ciphertext only;
 * readers open it with the person's key at query time). `PersonalDataErased` replaces the sealed identity of
 * every row sealed with an erased key by an erased marker, so the read model keeps no trace of it, and a
 * rebuild from the log gives the same rows.
 */
export const complaintsProjection: Projection = {
  name: 'complaints',
  version: 3,
  tables: ['complaints', 'complaint_timeline'],
  handles: [...COMPLAINT_EVENT_TYPES, ...PERSONAL_DATA_EVENT_TYPES],

  async createTables(db: AnyDb, t: TableNames) {
    await sql`
      create table ${sql.table(t.complaints)} (
        complaint_id text primary key,
        kind text not null,
        channel text not null,
        uscc text not null,
        enterprise_name text,
        enterprise_registered boolean,
        declaration_id text,
        product jsonb,
        facts text not null,
        complainant jsonb not null,
        harm_known_on date,
        jurisdiction text not null,
        status text not null,
        received_on date not null,
        acceptance_due_on date not null,
        accepted_on date,
        rejected_on date,
        rejected_reason text,
        handler_id text,
        mediation_outcome text,
        mediation_summary text,
        mediation_recorded_on date,
        testing_paused_from date,
        pauses jsonb not null default '[]',
        mediation_ends_on date,
        escalated_on date,
        escalation_reason text,
        verification_due_on date,
        verification_extended boolean not null default false,
        case_open boolean,
        case_reason text,
        case_decided_on date,
        reporter_notification_due_on date,
        reporter_notified_on date,
        reporter_notified_late boolean,
        closed_outcome text,
        closed_summary text,
        closed_on date,
        missed jsonb not null default '[]',
        next_deadline text,
        next_due_on date,
        version integer not null,
        stream_revision bigint not null,
        received_at timestamptz not null,
        updated_at timestamptz not null
      )`.execute(db);
    await sql`create index on ${sql.table(t.complaints)} (jurisdiction text_pattern_ops)`.execute(db);
    await sql`create index on ${sql.table(t.complaints)} (next_due_on)`.execute(db);
    await sql`create index on ${sql.table(t.complaints)} (uscc)`.execute(db);
    await sql`create index on ${sql.table(t.complaints)} (status, kind)`.execute(db);
    await sql`
      create table ${sql.table(t.complaint_timeline)} (
        complaint_id text not null,
        stream_revision bigint not null,
        event_type text not null,
        step_on date,
        recorded_at timestamptz not null,
        actor_id text not null,
        actor_role text not null,
        event_id text not null,
        primary key (complaint_id, stream_revision)
      )`.execute(db);
  },

  async apply(trx: AnyDb, events: readonly RecordedEvent[], t: TableNames) {
    for (const e of events) {
      if (e.type === 'PersonalDataErased') await applyErasure(trx, (e as RecordedEvent & PersonalDataErased).data, t);
      else await applyComplaintEvent(trx, e as RecordedEvent & ComplaintEvent, t);
    }
  },
};

/** The date a step carries, for the timeline. */
const stepOn = (e: ComplaintEvent): string | null => {
  switch (e.type) {
    case 'ComplaintReceived':
      return e.data.receivedOn;
    case 'ComplaintAccepted':
      return e.data.acceptedOn;
    case 'ComplaintRejected':
      return e.data.rejectedOn;
    case 'HandlerAssigned':
      return e.data.assignedOn;
    case 'MediationRecorded':
      return e.data.recordedOn;
    case 'TestingPaused':
      return e.data.from;
    case 'TestingResumed':
      return e.data.on;
    case 'ComplaintEscalated':
      return e.data.escalatedOn;
    case 'ComplaintClosed':
      return e.data.closedOn;
    case 'CaseDecisionRecorded':
      return e.data.decidedOn;
    case 'ReporterNotified':
      return e.data.on;
    case 'ComplaintDeadlineMissed':
      return e.data.recordedOn;
    default:
      return null;
  }
};

/** The events that change a fact the deadline rules read (`DeadlineColumns`); only these move the next deadline. */
const CHANGES_DEADLINE_FACTS: ReadonlySet<string> = new Set<ComplaintEventType>([
  'ComplaintReceived',
  'ComplaintAccepted',
  'ComplaintRejected',
  'MediationRecorded',
  'TestingPaused',
  'TestingResumed',
  'ComplaintClosed',
  'VerificationExtended',
  'CaseDecisionRecorded',
  'ReporterNotified',
]);

async function applyComplaintEvent(trx: AnyDb, e: RecordedEvent & ComplaintEvent, t: TableNames): Promise<void> {
  const id = (e.data as { complaintId: string }).complaintId;
  const rev = e.revision.toString();
  const at = e.recordedAt.toISOString();
  const change = rowChange(e, t, id, rev, at);
  if (change === null) return;
  if (CHANGES_DEADLINE_FACTS.has(e.type)) {
    // The row as changed (none on a replay, which changes nothing) gives the facts the next deadline is computed from.
    const changed = await sql<DeadlineColumns>`${change} returning ${sql.raw(DEADLINE_COLUMNS)}`.execute(trx);
    if (changed.rows.length) await storeNextDeadline(trx, t, id, changed.rows[0]);
  } else {
    await change.execute(trx);
  }
  await sql`
    insert into ${sql.table(t.complaint_timeline)} (complaint_id, stream_revision, event_type, step_on, recorded_at, actor_id, actor_role, event_id)
    values (${id}, ${rev}::bigint, ${e.type}, ${stepOn(e)}::date, ${at}::timestamptz, ${e.metadata.actorId}, ${e.metadata.actorRole}, ${e.id})
    on conflict (complaint_id, stream_revision) do nothing`.execute(trx);
}

/** The statement that records the event on the complaint's row; it changes nothing when the row already reflects the event. */
function rowChange(e: ComplaintEvent, t: TableNames, id: string, rev: string, at: string): RawBuilder<unknown> | null {
  const C = sql.table(t.complaints);
  const set = sql`stream_revision = ${rev}::bigint, version = ${rev}::int + 1, updated_at = ${at}::timestamptz`;
  const where = sql`complaint_id = ${id} and stream_revision < ${rev}::bigint`;
  switch (e.type) {
    case 'ComplaintReceived': {
      const d = e.data;
      return sql`
        insert into ${C} (complaint_id, kind, channel, uscc, enterprise_name, enterprise_registered, declaration_id, product, facts, complainant, harm_known_on,
          jurisdiction, status, received_on, acceptance_due_on, version, stream_revision, received_at, updated_at)
        values (${d.complaintId}, ${d.kind}, ${d.channel}, ${d.uscc}, ${d.enterpriseName ?? null}, ${d.enterpriseRegistered ?? null}, ${d.declarationId},
          ${d.product === null ? null : JSON.stringify(d.product)}::jsonb, ${d.facts}, ${JSON.stringify(d.complainant)}::jsonb, ${d.harmKnownOn}::date,
          ${d.jurisdiction}, 'received', ${d.receivedOn}::date, ${d.acceptanceDueOn}::date, ${rev}::int + 1, ${rev}::bigint, ${at}::timestamptz, ${at}::timestamptz)
        on conflict (complaint_id) do nothing`;
    }
    case 'ComplaintAccepted': {
      const d = e.data;
      return sql`update ${C} set status = 'accepted', accepted_on = ${d.acceptedOn}::date, mediation_ends_on = ${d.mediationEndsOn}::date,
        verification_due_on = ${d.verificationDueOn}::date, ${set} where ${where}`;
    }
    case 'ComplaintRejected': {
      const d = e.data;
      return sql`update ${C} set status = 'rejected', rejected_on = ${d.rejectedOn}::date, rejected_reason = ${d.reason}, ${set} where ${where}`;
    }
    case 'HandlerAssigned':
      return sql`update ${C} set handler_id = ${e.data.handlerId}, ${set} where ${where}`;
    case 'MediationRecorded': {
      const d = e.data;
      return sql`update ${C} set mediation_outcome = ${d.outcome}, mediation_summary = ${d.summary}, mediation_recorded_on = ${d.recordedOn}::date, ${set} where ${where}`;
    }
    case 'TestingPaused': {
      const d = e.data;
      return d.to === null
        ? sql`update ${C} set testing_paused_from = ${d.from}::date, mediation_ends_on = null, ${set} where ${where}`
        : sql`update ${C} set pauses = pauses || ${JSON.stringify([{ from: d.from, to: d.to }])}::jsonb, mediation_ends_on = ${d.mediationEndsOn}::date, ${set}
          where ${where}`;
    }
    case 'TestingResumed': {
      const d = e.data;
      return sql`update ${C} set testing_paused_from = null, pauses = pauses || ${JSON.stringify([{ from: d.pausedFrom, to: d.pausedTo }])}::jsonb,
        mediation_ends_on = ${d.mediationEndsOn}::date, ${set} where ${where}`;
    }
    case 'ComplaintEscalated': {
      const d = e.data;
      return sql`update ${C} set escalated_on = ${d.escalatedOn}::date, escalation_reason = ${d.reason}, ${set} where ${where}`;
    }
    case 'ComplaintClosed': {
      const d = e.data;
      return sql`update ${C} set status = 'closed', closed_outcome = ${d.outcome}, closed_summary = ${d.summary}, closed_on = ${d.closedOn}::date, ${set} where ${where}`;
    }
    case 'VerificationExtended':
      return sql`update ${C} set verification_extended = true, verification_due_on = ${e.data.verificationDueOn}::date, ${set} where ${where}`;
    case 'CaseDecisionRecorded': {
      const d = e.data;
      return sql`update ${C} set case_open = ${d.openCase}, case_reason = ${d.reason}, case_decided_on = ${d.decidedOn}::date,
        reporter_notification_due_on = ${d.reporterNotificationDueOn}::date, ${set} where ${where}`;
    }
    case 'ReporterNotified': {
      const d = e.data;
      return sql`update ${C} set reporter_notified_on = ${d.on}::date, reporter_notified_late = ${d.late}, ${set} where ${where}`;
    }
    case 'ComplaintDeadlineMissed': {
      const d = e.data;
      const miss = [{ deadline: d.deadline, dueOn: d.dueOn, recordedOn: d.recordedOn }];
      return sql`update ${C} set missed = missed || ${JSON.stringify(miss)}::jsonb, ${set} where ${where}`;
    }
    default:
      return null;
  }
}

/** Drops the sealed identities of every complaint sealed with one of the erased keys: only the erased marker stays. */
async function applyErasure(trx: AnyDb, d: PersonalDataErased['data'], t: TableNames): Promise<void> {
  if (!d.keyIds.length) return;
  await sql`update ${sql.table(t.complaints)}
    set complainant = jsonb_build_object('realName', complainant->'realName', 'personalData',
      jsonb_build_object('erased', true, 'subjectId', complainant->'personalData'->>'subjectId', 'keyId', complainant->'personalData'->>'keyId'))
    where complainant->'personalData' is not null and complainant->'personalData'->>'keyId' in (${sql.join(d.keyIds)})`.execute(trx);
}

/** Stores the earliest open deadline of the row, by the domain's rule, for ordering and grouping. */
async function storeNextDeadline(trx: AnyDb, t: TableNames, id: string, facts: DeadlineColumns): Promise<void> {
  const next = openDeadlines(deadlineFactsOfRow(facts))[0] ?? null;
  await sql`update ${sql.table(t.complaints)} set next_deadline = ${next?.deadline ?? null}, next_due_on = ${next?.dueOn ?? null}::date
    where complaint_id = ${id}`.execute(trx);
}
