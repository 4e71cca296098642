import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import type { RecordedEvent } from '@regledger/event-store';
import type { Projection, TableNames } from '@regledger/read-models';
import { CREDIT_EVENT_TYPES, DEFAULT_SCORING_POLICY, SCORING_POLICY_EVENT_TYPES, SCORING_POLICY_STREAM, type CreditEvent, type ScoringPolicyPublished } from '../domain/index.js';

/**
 * The credit read models:
 * - `credit_records`: one row per enterprise with its current class, score and policy version;
 * - `credit_entries`: every entry, marked when a repair neutralised it;
 * - `credit_listings`: abnormal-operations and serious-violation listings (the public lists read it);
 * - `credit_repairs`: repair applications and decisions;
 * - `credit_class_changes`: every `RiskClassChanged`;
 * - `credit_scoring_policies`: every published version, and version 0 (the built-in default).
 * Rows remember the stream revision they reflect; replays change nothing.
 */
export const creditProjection: Projection = {
  name: 'credit',
  version: 1,
  tables: ['credit_records', 'credit_entries', 'credit_listings', 'credit_repairs', 'credit_class_changes', 'credit_scoring_policies'],
  handles: [...CREDIT_EVENT_TYPES, ...SCORING_POLICY_EVENT_TYPES],

  async createTables(db: AnyDb, t: TableNames) {
    await sql`
      create table ${sql.table(t.credit_records)} (
        uscc text primary key,
        risk_class text,
        score integer,
        policy_version integer,
        class_on date,
        version integer not null,
        stream_revision bigint not null,
        updated_at timestamptz not null
      )`.execute(db);
    await sql`create index on ${sql.table(t.credit_records)} (risk_class)`.execute(db);
    await sql`
      create table ${sql.table(t.credit_entries)} (
        uscc text not null,
        entry_id text not null,
        kind text not null,
        occurred_on date not null,
        matter_id text,
        case_id text,
        listing_id text,
        summary text not null,
        sources jsonb not null,
        repaired_on date,
        repair_id text,
        event_id text not null,
        stream_revision bigint not null,
        primary key (uscc, entry_id)
      )`.execute(db);
    await sql`create index on ${sql.table(t.credit_entries)} (occurred_on)`.execute(db);
    await sql`
      create table ${sql.table(t.credit_listings)} (
        listing_id text primary key,
        uscc text not null,
        list text not null,
        enterprise_name text,
        reason text not null,
        grounds jsonb,
        placed_on date not null,
        listed_until date,
        removed_on date,
        removal text,
        escalated_to text,
        stream_revision bigint not null
      )`.execute(db);
    await sql`create index on ${sql.table(t.credit_listings)} (list, removed_on)`.execute(db);
    await sql`create index on ${sql.table(t.credit_listings)} (uscc)`.execute(db);
    await sql`
      create table ${sql.table(t.credit_repairs)} (
        repair_id text primary key,
        uscc text not null,
        target jsonb not null,
        obligations_fulfilled boolean not null,
        harm_remedied boolean not null,
        applied_on date not null,
        status text not null,
        decided_on date,
        reason text,
        stream_revision bigint not null
      )`.execute(db);
    await sql`create index on ${sql.table(t.credit_repairs)} (uscc)`.execute(db);
    await sql`
      create table ${sql.table(t.credit_class_changes)} (
        uscc text not null,
        stream_revision bigint not null,
        from_class text,
        to_class text not null,
        score integer not null,
        policy_version integer not null,
        changed_on date not null,
        cause jsonb not null,
        event_id text not null,
        primary key (uscc, stream_revision)
      )`.execute(db);
    await sql`
      create table ${sql.table(t.credit_scoring_policies)} (
        version integer primary key,
        effective_from date not null,
        published_on date,
        content jsonb not null,
        event_id text
      )`.execute(db);
    const { version, effectiveFrom, ...content } = DEFAULT_SCORING_POLICY;
    await sql`insert into ${sql.table(t.credit_scoring_policies)} (version, effective_from, published_on, content, event_id)
      values (${version}, ${effectiveFrom}::date, null, ${JSON.stringify(content)}::jsonb, null)`.execute(db);
  },

  async apply(trx: AnyDb, events: readonly RecordedEvent[], t: TableNames) {
    for (const e of events) {
      if (e.streamId === SCORING_POLICY_STREAM) await applyPolicy(trx, e as RecordedEvent & ScoringPolicyPublished, t);
      else await applyCredit(trx, e as RecordedEvent & CreditEvent, t);
    }
  },
};

async function applyPolicy(trx: AnyDb, e: RecordedEvent & ScoringPolicyPublished, t: TableNames): Promise<void> {
  if (e.type !== 'ScoringPolicyPublished') return;
  const { version, effectiveFrom, publishedOn, ...content } = e.data;
  await sql`insert into ${sql.table(t.credit_scoring_policies)} (version, effective_from, published_on, content, event_id)
    values (${version}, ${effectiveFrom}::date, ${publishedOn}::date, ${JSON.stringify(content)}::jsonb, ${e.id})
    on conflict (version) do nothing`.execute(trx);
}

async function applyCredit(trx: AnyDb, e: RecordedEvent & CreditEvent, t: TableNames): Promise<void> {
  const uscc = e.data.uscc;
  const rev = e.revision.toString();
  const at = e.recordedAt.toISOString();
  const R = sql.table(t.credit_records);
  const cls = e.type === 'RiskClassChanged' ? e.data : null;
  // The record's row: its version moves with every event; the class with RiskClassChanged only.
  await sql`insert into ${R} (uscc, risk_class, score, policy_version, class_on, version, stream_revision, updated_at)
    values (${uscc}, ${cls?.to ?? null}, ${cls?.score ?? null}, ${cls?.policyVersion ?? null}, ${cls?.on ?? null}::date, ${rev}::int + 1, ${rev}::bigint, ${at}::timestamptz)
    on conflict (uscc) do update set
      risk_class = coalesce(excluded.risk_class, ${R}.risk_class), score = coalesce(excluded.score, ${R}.score),
      policy_version = coalesce(excluded.policy_version, ${R}.policy_version), class_on = coalesce(excluded.class_on, ${R}.class_on),
      version = excluded.version, stream_revision = excluded.stream_revision, updated_at = excluded.updated_at
    where ${R}.stream_revision < excluded.stream_revision`.execute(trx);
  const L = sql.table(t.credit_listings);
  const listingGuard = sql`stream_revision < ${rev}::bigint`;
  switch (e.type) {
    case 'CreditEntryRecorded': {
      const d = e.data;
      await sql`insert into ${sql.table(t.credit_entries)} (uscc, entry_id, kind, occurred_on, matter_id, case_id, listing_id, summary, sources, event_id, stream_revision)
        values (${uscc}, ${d.entryId}, ${d.kind}, ${d.occurredOn}::date, ${d.matterId}, ${d.caseId}, ${d.listingId ?? null}, ${d.summary}, ${JSON.stringify(d.sources)}::jsonb, ${e.id}, ${rev}::bigint)
        on conflict (uscc, entry_id) do nothing`.execute(trx);
      return;
    }
    case 'RiskClassChanged': {
      const d = e.data;
      await sql`insert into ${sql.table(t.credit_class_changes)} (uscc, stream_revision, from_class, to_class, score, policy_version, changed_on, cause, event_id)
        values (${uscc}, ${rev}::bigint, ${d.from}, ${d.to}, ${d.score}, ${d.policyVersion}, ${d.on}::date, ${JSON.stringify(d.cause)}::jsonb, ${e.id})
        on conflict (uscc, stream_revision) do nothing`.execute(trx);
      return;
    }
    case 'AbnormalListPlaced': {
      const d = e.data;
      await sql`insert into ${L} (listing_id, uscc, list, enterprise_name, reason, grounds, placed_on, stream_revision)
        values (${d.listingId}, ${uscc}, 'abnormal', ${d.enterpriseName ?? null}, ${d.reason}, null, ${d.placedOn}::date, ${rev}::bigint)
        on conflict (listing_id) do nothing`.execute(trx);
      return;
    }
    case 'AbnormalListRemoved': {
      const d = e.data;
      await sql`update ${L} set removed_on = ${d.removedOn}::date, removal = ${d.cure}, stream_revision = ${rev}::bigint where listing_id = ${d.listingId} and ${listingGuard}`.execute(trx);
      return;
    }
    case 'SeriousViolationListed': {
      const d = e.data;
      await sql`insert into ${L} (listing_id, uscc, list, enterprise_name, reason, grounds, placed_on, listed_until, stream_revision)
        values (${d.listingId}, ${uscc}, 'serious_violation', ${d.enterpriseName ?? null}, ${d.grounds.kind}, ${JSON.stringify(d.grounds)}::jsonb, ${d.listedOn}::date, ${d.listedUntil}::date, ${rev}::bigint)
        on conflict (listing_id) do nothing`.execute(trx);
      if (d.grounds.kind === 'abnormal_three_years') {
        await sql`update ${L} set escalated_to = ${d.listingId}, stream_revision = ${rev}::bigint where listing_id = ${d.grounds.listingId} and ${listingGuard}`.execute(trx);
      }
      return;
    }
    case 'SeriousViolationRemoved': {
      const d = e.data;
      await sql`update ${L} set removed_on = ${d.removedOn}::date, removal = ${d.reason}, stream_revision = ${rev}::bigint where listing_id = ${d.listingId} and ${listingGuard}`.execute(trx);
      return;
    }
    case 'RepairApplied': {
      const d = e.data;
      await sql`insert into ${sql.table(t.credit_repairs)} (repair_id, uscc, target, obligations_fulfilled, harm_remedied, applied_on, status, stream_revision)
        values (${d.repairId}, ${uscc}, ${JSON.stringify(d.target)}::jsonb, ${d.obligationsFulfilled}, ${d.harmRemedied}, ${d.appliedOn}::date, 'applied', ${rev}::bigint)
        on conflict (repair_id) do nothing`.execute(trx);
      return;
    }
    case 'RepairGranted':
    case 'RepairRefused': {
      const d = e.data;
      const status = e.type === 'RepairGranted' ? 'granted' : 'refused';
      await sql`update ${sql.table(t.credit_repairs)} set status = ${status}, decided_on = ${d.decidedOn}::date, reason = ${d.reason}, stream_revision = ${rev}::bigint
        where repair_id = ${d.repairId} and stream_revision < ${rev}::bigint`.execute(trx);
      if (e.type === 'RepairGranted') await markRepaired(trx, t, uscc, d.target, d.decidedOn, d.repairId);
      return;
    }
  }
}

/** The entries a granted repair neutralises (as the domain's `entriesNeutralisedBy`): only those not yet marked, so a replay changes nothing. */
async function markRepaired(trx: AnyDb, t: TableNames, uscc: string, target: { kind: string; caseId?: string; listingId?: string }, on: string, repairId: string): Promise<void> {
  const E = sql.table(t.credit_entries);
  if (target.kind === 'serious_violation_list') {
    await sql`update ${E} set repaired_on = ${on}::date, repair_id = ${repairId}
      where uscc = ${uscc} and listing_id = ${target.listingId ?? ''} and kind = 'serious_violation_listed' and repaired_on is null`.execute(trx);
    return;
  }
  const caseId = target.caseId ?? '';
  await sql`update ${E} set repaired_on = ${on}::date, repair_id = ${repairId}
    where uscc = ${uscc} and repaired_on is null and (case_id = ${caseId}
      or matter_id in (select matter_id from ${E} where uscc = ${uscc} and case_id = ${caseId} and matter_id is not null))`.execute(trx);
}
