import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import type { RecordedEvent } from '@regledger/event-store';
import type { Projection, TableNames } from '@regledger/read-models';
import { isEnterpriseRenamed } from '@regledger/enterprises/contracts';
import { DECLARATION_EVENT_TYPES, searchable, type DeclarationContent, type DeclarationEvent } from '../domain/index.js';


/** A standard number without spaces or dash variants, for matching `GB/T 18801—2022` and `GB/T18801-2022` alike. */
export const numberKey = (text: string): string =>
  text.normalize('NFKC').toUpperCase().replace(/[‐‑‒–—―－]/g, '-').replace(/\s+/g, '');

const productSearch = (c: DeclarationContent): string => c.products.map((p) => searchable(`${p.name} ${p.model}`)).join('\n');

type Tables = TableNames;

/**
 * The public registry of declarations:
 * - `declarations`: the current state of each declaration, searchable;
 * - `declaration_versions`: every version with who recorded it, when, why, and its effective period;
 * - `declaration_products`: the products of every version (for "which version was in force");
 * - `declaration_history`: every state the public registry showed, with the recorded-time period it
 *   showed it, so the registry can be read as it stood at any past time.
 * Rows remember the enterprise stream revision they reflect; replays change nothing.
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
    for (const e of events) {
      if (isEnterpriseRenamed(e)) {
        await sql`
          update ${sql.table(t.declarations)} set enterprise_search = enterprise_search || ${`\n${searchable(e.data.newName)}`}
          where uscc = ${e.data.uscc} and position(${searchable(e.data.newName)} in enterprise_search) = 0`.execute(trx);
        continue;
      }
      await applyDeclarationEvent(trx, e as RecordedEvent & DeclarationEvent, t);
    }
  },
};

async function applyDeclarationEvent(trx: AnyDb, e: RecordedEvent & DeclarationEvent, t: Tables): Promise<void> {
  const D = sql.table(t.declarations);
  const rev = e.revision.toString();
  const at = e.recordedAt.toISOString();
  const fresh = sql`stream_revision < ${rev}::bigint`;
  const touched: string[] = [];
  switch (e.type) {
    case 'StandardDeclared': {
      const d = e.data;
      const c = d.content;
      await sql`
        insert into ${D} (declaration_id, uscc, enterprise_name, enterprise_search, jurisdiction, status, version, standard_kind, standard_number,
          standard_key, standard_title, mandatory, full_text_disclosed, below_recommended, categories, product_search, product_count, content,
          declared_on, effective_from, stream_revision, declared_at, updated_at)
        values (${d.declarationId}, ${d.uscc}, ${d.enterpriseName}, ${searchable(d.enterpriseName)}, ${d.jurisdiction}, 'active', 1, ${c.standard.kind},
          ${c.standard.number}, ${numberKey(c.standard.number)}, ${c.standard.title}, ${c.standard.mandatory}, ${c.fullTextDisclosed},
          ${c.belowRecommended.flagged}, ${categoriesOf(c)}::text[], ${productSearch(c)}, ${c.products.length}, ${JSON.stringify(c)}::jsonb,
          ${d.declaredOn}::date, ${d.effectiveFrom}::date, ${rev}::bigint, ${at}::timestamptz, ${at}::timestamptz)
        on conflict (declaration_id) do nothing`.execute(trx);
      await insertVersion(trx, t, e, d.declarationId, 1, d.enterpriseName, c, d.effectiveFrom);
      touched.push(d.declarationId);
      break;
    }
    case 'DeclarationMarkedLate': {
      const d = e.data;
      await sql`update ${D} set late = true, late_reasons = ${JSON.stringify(d.reasons)}::jsonb, stream_revision = ${rev}::bigint, updated_at = ${at}::timestamptz
        where declaration_id = ${d.declarationId} and ${fresh}`.execute(trx);
      touched.push(d.declarationId);
      break;
    }
    case 'DeclarationRevised': {
      const d = e.data;
      const c = d.content;
      await sql`
        update ${D} set version = ${d.version}, enterprise_name = ${d.enterpriseName},
          enterprise_search = case when position(${searchable(d.enterpriseName)} in enterprise_search) = 0 then enterprise_search || ${`\n${searchable(d.enterpriseName)}`} else enterprise_search end,
          status = case when status = 'to_be_redeclared' then 'active' else status end,
          redeclare_deadline = case when status = 'to_be_redeclared' then null else redeclare_deadline end, redeclaration_overdue = false,
          standard_kind = ${c.standard.kind}, standard_number = ${c.standard.number}, standard_key = ${numberKey(c.standard.number)},
          standard_title = ${c.standard.title}, mandatory = ${c.standard.mandatory}, full_text_disclosed = ${c.fullTextDisclosed},
          below_recommended = ${c.belowRecommended.flagged}, categories = ${categoriesOf(c)}::text[], product_search = ${productSearch(c)},
          product_count = ${c.products.length}, content = ${JSON.stringify(c)}::jsonb, effective_from = ${d.effectiveFrom}::date,
          late = false, late_reasons = '[]', stream_revision = ${rev}::bigint, updated_at = ${at}::timestamptz
        where declaration_id = ${d.declarationId} and ${fresh}`.execute(trx);
      await sql`update ${sql.table(t.declaration_versions)} set effective_to = ${d.effectiveFrom}::date
        where declaration_id = ${d.declarationId} and version = ${d.version - 1} and effective_to is distinct from ${d.effectiveFrom}::date`.execute(trx);
      await insertVersion(trx, t, e, d.declarationId, d.version, d.enterpriseName, c, d.effectiveFrom);
      touched.push(d.declarationId);
      break;
    }
    case 'DeclarationConfirmed': {
      const d = e.data;
      await sql`update ${D} set last_reviewed_on = ${d.reviewedOn}::date, stream_revision = ${rev}::bigint, updated_at = ${at}::timestamptz
        where declaration_id = ${d.declarationId} and ${fresh}`.execute(trx);
      touched.push(d.declarationId);
      break;
    }
    case 'DeclarationAbolished': {
      const d = e.data;
      await sql`update ${D} set status = 'abolished', abolished_on = ${d.effectiveDate}::date, redeclare_deadline = null, redeclaration_overdue = false,
          stream_revision = ${rev}::bigint, updated_at = ${at}::timestamptz
        where declaration_id = ${d.declarationId} and ${fresh}`.execute(trx);
      await sql`update ${sql.table(t.declaration_versions)} set effective_to = ${d.effectiveDate}::date
        where declaration_id = ${d.declarationId} and version = ${d.version} and effective_to is distinct from ${d.effectiveDate}::date`.execute(trx);
      touched.push(d.declarationId);
      break;
    }
    case 'RedeclarationRequired': {
      const d = e.data;
      if (d.declarationIds.length) {
        await sql`update ${D} set status = 'to_be_redeclared', redeclare_deadline = ${d.deadline}::date, redeclaration_overdue = false,
            enterprise_search = case when position(${searchable(d.newName)} in enterprise_search) = 0 then enterprise_search || ${`\n${searchable(d.newName)}`} else enterprise_search end,
            stream_revision = ${rev}::bigint, updated_at = ${at}::timestamptz
          where declaration_id = any(${d.declarationIds}::text[]) and ${fresh}`.execute(trx);
        touched.push(...d.declarationIds);
      }
      break;
    }
    case 'DeclarationRedeclared': {
      const d = e.data;
      await sql`update ${D} set status = 'active', redeclare_deadline = null, redeclaration_overdue = false, enterprise_name = ${d.enterpriseName},
          stream_revision = ${rev}::bigint, updated_at = ${at}::timestamptz
        where declaration_id = ${d.declarationId} and ${fresh}`.execute(trx);
      touched.push(d.declarationId);
      break;
    }
    case 'RedeclarationOverdue': {
      const d = e.data;
      await sql`update ${D} set redeclaration_overdue = true, stream_revision = ${rev}::bigint, updated_at = ${at}::timestamptz
        where declaration_id = ${d.declarationId} and ${fresh}`.execute(trx);
      touched.push(d.declarationId);
      break;
    }
  }
  for (const id of touched) await recordHistory(trx, t, id, e);
}

const categoriesOf = (c: DeclarationContent): string[] => [...new Set(c.products.map((p) => p.category))].sort();

async function insertVersion(trx: AnyDb, t: Tables, e: RecordedEvent, id: string, version: number, enterpriseName: string, c: DeclarationContent, effectiveFrom: string): Promise<void> {
  const uscc = (e.data as { uscc: string }).uscc;
  await sql`
    insert into ${sql.table(t.declaration_versions)} (declaration_id, version, uscc, enterprise_name, content, effective_from, recorded_at, actor_id, actor_role, reason, event_id)
    values (${id}, ${version}, ${uscc}, ${enterpriseName}, ${JSON.stringify(c)}::jsonb, ${effectiveFrom}::date, ${e.recordedAt.toISOString()}::timestamptz,
      ${e.metadata.actorId}, ${e.metadata.actorRole}, ${e.metadata.reason}, ${e.id})
    on conflict (declaration_id, version) do nothing`.execute(trx);
  let position = 0;
  for (const p of c.products) {
    await sql`
      insert into ${sql.table(t.declaration_products)} (declaration_id, version, uscc, position, name, model, category, name_key, model_key)
      values (${id}, ${version}, ${uscc}, ${position}, ${p.name}, ${p.model}, ${p.category}, ${searchable(p.name)}, ${searchable(p.model)})
      on conflict do nothing`.execute(trx);
    position += 1;
  }
}

/** Closes the declaration's open history row and opens one with what the registry shows now. */
async function recordHistory(trx: AnyDb, t: Tables, id: string, e: RecordedEvent): Promise<void> {
  const H = sql.table(t.declaration_history);
  const rev = e.revision.toString();
  const at = e.recordedAt.toISOString();
  const exists = await sql`select 1 from ${H} where declaration_id = ${id} and stream_revision >= ${rev}::bigint limit 1`.execute(trx);
  if (exists.rows.length) return;
  await sql`update ${H} set valid_to = ${at}::timestamptz where declaration_id = ${id} and valid_to is null`.execute(trx);
  await sql`
    insert into ${H} (declaration_id, stream_revision, valid_from, view)
    select declaration_id, ${rev}::bigint, ${at}::timestamptz, jsonb_build_object(
      'declarationId', declaration_id, 'uscc', uscc, 'enterpriseName', enterprise_name, 'enterpriseSearch', enterprise_search,
      'jurisdiction', jurisdiction, 'status', status, 'version', version, 'standardKind', standard_kind, 'standardNumber', standard_number,
      'standardKey', standard_key, 'standardTitle', standard_title, 'mandatory', mandatory, 'fullTextDisclosed', full_text_disclosed, 'belowRecommended', below_recommended, 'late', late,
      'lastReviewedOn', to_char(last_reviewed_on, 'YYYY-MM-DD'),
      'categories', to_jsonb(categories), 'productSearch', product_search, 'productCount', product_count,
      'declaredOn', to_char(declared_on, 'YYYY-MM-DD'), 'effectiveFrom', to_char(effective_from, 'YYYY-MM-DD'),
      'abolishedOn', to_char(abolished_on, 'YYYY-MM-DD'), 'redeclareDeadline', to_char(redeclare_deadline, 'YYYY-MM-DD'),
      'redeclarationOverdue', redeclaration_overdue)
    from ${sql.table(t.declarations)} where declaration_id = ${id}`.execute(trx);
}
