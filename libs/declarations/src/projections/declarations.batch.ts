import { sql, type RawBuilder } from 'kysely';
import type { AnyDb } from '@regledger/database';
import type { RecordedEvent } from '@regledger/event-store';
import type { TableNames } from '@regledger/read-models';
import { batchNeeds, foldBatch, versionKey, type BatchBefore, type BatchNeeds, type BatchWrites, type DeclarationRow, type DeclarationState } from './declarations.fold.js';

/**
 * Rows travel as one jsonb array per statement, read with `jsonb_to_recordset`: one parameter whatever
 * the number of rows. Dates travel as YYYY-MM-DD text, instants as ISO text; a jsonb column's value is
 * the JSON value itself (the same jsonb as its JSON text cast to jsonb).
 */
const recordset = (rows: readonly object[]): RawBuilder<unknown> => sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)`;

/** The mutable columns of `declarations`, with their types in the recordset. */
const MUTABLE: readonly (readonly [string, string])[] = [
  ['enterprise_name', 'text'],
  ['enterprise_search', 'text'],
  ['status', 'text'],
  ['version', 'integer'],
  ['standard_kind', 'text'],
  ['standard_number', 'text'],
  ['standard_key', 'text'],
  ['standard_title', 'text'],
  ['mandatory', 'boolean'],
  ['full_text_disclosed', 'boolean'],
  ['below_recommended', 'boolean'],
  ['late', 'boolean'],
  ['categories', 'text[]'],
  ['product_search', 'text'],
  ['product_count', 'integer'],
  ['effective_from', 'date'],
  ['abolished_on', 'date'],
  ['last_reviewed_on', 'date'],
  ['redeclare_deadline', 'date'],
  ['redeclaration_overdue', 'boolean'],
  ['stream_revision', 'bigint'],
];
const FIXED: readonly (readonly [string, string])[] = [
  ['declaration_id', 'text'],
  ['uscc', 'text'],
  ['jurisdiction', 'text'],
  ['declared_on', 'date'],
];
const WRITE_ONLY: readonly (readonly [string, string])[] = [
  ['content', 'jsonb'],
  ['late_reasons', 'text'],
  ['declared_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
];

const columnTypes = (cols: readonly (readonly [string, string])[]): RawBuilder<unknown> =>
  sql.raw(cols.map(([name, type]) => `${name} ${type}`).join(', '));

const recordOf = (s: DeclarationState): Record<string, unknown> => ({
  ...s.row,
  stream_revision: s.row.stream_revision.toString(),
  content: s.content,
  late_reasons: s.lateReasons,
  declared_at: s.declaredAt,
  updated_at: s.updatedAt,
});

/** Reads what the batch needs, folds it, writes the result: a handful of statements per batch. */
export async function applyBatch(trx: AnyDb, events: readonly RecordedEvent[], t: TableNames): Promise<void> {
  if (!events.length) return;
  const before = await read(trx, t, batchNeeds(events));
  await write(trx, t, foldBatch(events, before));
}

/**
 * Every read goes through a primary key: the tables of a rebuild have no statistics yet, and a lookup on
 * another column, or `declaration_id = any(...)` on a table whose key has more columns, is then planned as
 * a scan of the whole table, batch after batch. Correlated subqueries keep such lookups on the indexes.
 */
async function read(trx: AnyDb, t: TableNames, needs: BatchNeeds): Promise<BatchBefore> {
  const D = sql.table(t.declarations);
  const V = sql.table(t.declaration_versions);
  const H = sql.table(t.declaration_history);

  const ids = new Set(needs.ids);
  if (needs.renamedUsccs.length) {
    const renamed = await sql<{ ids: string[] }>`
      select array(select d.declaration_id from ${D} as d where d.uscc = u.uscc) as ids from unnest(${needs.renamedUsccs}::text[]) as u(uscc)`.execute(trx);
    for (const r of renamed.rows) for (const id of r.ids) ids.add(id);
  }
  const declarations: DeclarationRow[] = [];
  if (ids.size) {
    const rows = await sql<Omit<DeclarationRow, 'stream_revision'> & { stream_revision: string }>`
      select declaration_id, uscc, enterprise_name, enterprise_search, jurisdiction, status, version, standard_kind, standard_number,
        standard_key, standard_title, mandatory, full_text_disclosed, below_recommended, late, to_jsonb(categories) as categories,
        product_search, product_count, to_char(declared_on, 'YYYY-MM-DD') as declared_on, to_char(effective_from, 'YYYY-MM-DD') as effective_from,
        to_char(abolished_on, 'YYYY-MM-DD') as abolished_on, to_char(last_reviewed_on, 'YYYY-MM-DD') as last_reviewed_on,
        to_char(redeclare_deadline, 'YYYY-MM-DD') as redeclare_deadline, redeclaration_overdue, stream_revision::text as stream_revision
      from ${D} where declaration_id = any(${[...ids]}::text[])`.execute(trx);
    for (const r of rows.rows)
      declarations.push({ ...r, version: Number(r.version), product_count: Number(r.product_count), stream_revision: BigInt(r.stream_revision) });
  }

  const historyHead = new Map<string, bigint>();
  if (needs.ids.length) {
    const heads = await sql<{ declaration_id: string; head: string | null }>`
      select x.id as declaration_id,
        (select h.stream_revision::text from ${H} as h where h.declaration_id = x.id order by h.stream_revision desc limit 1) as head
      from unnest(${needs.ids}::text[]) as x(id)`.execute(trx);
    for (const h of heads.rows) if (h.head !== null) historyHead.set(h.declaration_id, BigInt(h.head));
  }

  const versions = new Set<string>();
  if (needs.versions.length) {
    const stored = await sql<{ declaration_id: string; version: number }>`
      select x.declaration_id, x.version from ${recordset(needs.versions)} as x(declaration_id text, version integer)
      where exists (select 1 from ${V} as v where v.declaration_id = x.declaration_id and v.version = x.version)`.execute(trx);
    for (const v of stored.rows) versions.add(versionKey(v.declaration_id, Number(v.version)));
  }
  return { declarations, historyHead, versions };
}

async function write(trx: AnyDb, t: TableNames, w: BatchWrites): Promise<void> {
  const D = sql.table(t.declarations);
  const V = sql.table(t.declaration_versions);
  const P = sql.table(t.declaration_products);
  const H = sql.table(t.declaration_history);

  if (w.inserted.length) {
    const cols = [...FIXED, ...MUTABLE, ...WRITE_ONLY];
    const names = sql.raw(cols.map(([n]) => n).join(', '));
    const values = sql.raw(cols.map(([n]) => (n === 'late_reasons' ? `x.${n}::jsonb` : `x.${n}`)).join(', '));
    await sql`
      insert into ${D} (${names})
      select ${values} from ${recordset(w.inserted.map(recordOf))} as x(${columnTypes(cols)})
      on conflict (declaration_id) do nothing`.execute(trx);
  }
  if (w.updated.length) {
    const cols = [['declaration_id', 'text'] as const, ...MUTABLE, ...WRITE_ONLY.filter(([n]) => n !== 'declared_at')];
    const sets = sql.raw(
      [
        ...MUTABLE.map(([n]) => `${n} = x.${n}`),
        'content = coalesce(x.content, d.content)',
        'late_reasons = coalesce(x.late_reasons::jsonb, d.late_reasons)',
        'updated_at = coalesce(x.updated_at, d.updated_at)',
      ].join(', '),
    );
    await sql`
      update ${D} as d set ${sets}
      from ${recordset(w.updated.map(recordOf))} as x(${columnTypes(cols)})
      where d.declaration_id = x.declaration_id`.execute(trx);
  }
  if (w.versions.length) {
    await sql`
      insert into ${V} (declaration_id, version, uscc, enterprise_name, content, effective_from, effective_to, recorded_at, actor_id, actor_role, reason, event_id)
      select x.declaration_id, x.version, x.uscc, x.enterprise_name, x.content, x.effective_from, x.effective_to, x.recorded_at, x.actor_id,
        x.actor_role, x.reason, x.event_id
      from ${recordset(w.versions)} as x(declaration_id text, version integer, uscc text, enterprise_name text, content jsonb, effective_from date,
        effective_to date, recorded_at timestamptz, actor_id text, actor_role text, reason text, event_id text)
      on conflict (declaration_id, version) do nothing`.execute(trx);
  }
  if (w.versionEnds.length) {
    await sql`
      update ${V} as v set effective_to = x.effective_to
      from ${recordset(w.versionEnds)} as x(declaration_id text, version integer, effective_to date)
      where v.declaration_id = x.declaration_id and v.version = x.version and v.effective_to is distinct from x.effective_to`.execute(trx);
  }
  if (w.products.length) {
    await sql`
      insert into ${P} (declaration_id, version, uscc, position, name, model, category, name_key, model_key)
      select x.declaration_id, x.version, x.uscc, x.position, x.name, x.model, x.category, x.name_key, x.model_key
      from ${recordset(w.products)} as x(declaration_id text, version integer, uscc text, position integer, name text, model text, category text,
        name_key text, model_key text)
      on conflict do nothing`.execute(trx);
  }
  // Stored open rows are closed before the batch's rows are added: the update must not reach those.
  if (w.historyClosed.length) {
    await sql`
      update ${H} as h set valid_to = x.valid_to
      from ${recordset(w.historyClosed)} as x(declaration_id text, stream_revision bigint, valid_to timestamptz)
      where h.declaration_id = x.declaration_id and h.stream_revision = x.stream_revision and h.valid_to is null`.execute(trx);
  }
  if (w.history.length) {
    await sql`
      insert into ${H} (declaration_id, stream_revision, valid_from, valid_to, view)
      select x.declaration_id, x.stream_revision, x.valid_from, x.valid_to, x.view
      from ${recordset(w.history)} as x(declaration_id text, stream_revision bigint, valid_from timestamptz, valid_to timestamptz, view jsonb)`.execute(trx);
  }
}
