import type { RecordedEvent } from '@regledger/event-store';
import { isEnterpriseRenamed } from '@regledger/enterprises/contracts';
import { searchable, type DeclarationContent, type DeclarationEvent } from '../domain/index.js';

/** A standard number without spaces or dash variants, for matching `GB/T 18801—2022` and `GB/T18801-2022` alike. */
export const numberKey = (text: string): string =>
  text.normalize('NFKC').toUpperCase().replace(/[‐‑‒–—―－]/g, '-').replace(/\s+/g, '');

const productSearch = (c: DeclarationContent): string => c.products.map((p) => searchable(`${p.name} ${p.model}`)).join('\n');

const categoriesOf = (c: DeclarationContent): string[] => [...new Set(c.products.map((p) => p.category))].sort();

/** The columns of a `declarations` row that the events read or change (dates as YYYY-MM-DD text). */
export interface DeclarationRow {
  declaration_id: string;
  uscc: string;
  enterprise_name: string;
  enterprise_search: string;
  jurisdiction: string;
  status: string;
  version: number;
  standard_kind: string;
  standard_number: string;
  standard_key: string;
  standard_title: string;
  mandatory: boolean;
  full_text_disclosed: boolean;
  below_recommended: boolean;
  late: boolean;
  categories: string[];
  product_search: string;
  product_count: number;
  declared_on: string;
  effective_from: string;
  abolished_on: string | null;
  last_reviewed_on: string | null;
  redeclare_deadline: string | null;
  redeclaration_overdue: boolean;
  stream_revision: bigint;
}

/**
 * A `declarations` row during a batch. The jsonb and timestamp columns are not read back: they are only
 * written when an event of the batch sets them (undefined: keep the stored value); `late_reasons` as JSON
 * text, cast in SQL as a single-row update would, instants as ISO text.
 */
export interface DeclarationState {
  row: DeclarationRow;
  /** The row was in the table when the batch began. */
  stored: boolean;
  changed: boolean;
  content?: DeclarationContent;
  lateReasons?: string;
  declaredAt?: string;
  updatedAt?: string;
}

export interface VersionRow {
  declaration_id: string;
  version: number;
  uscc: string;
  enterprise_name: string;
  content: DeclarationContent;
  effective_from: string;
  effective_to: string | null;
  recorded_at: string;
  actor_id: string;
  actor_role: string;
  reason: string | null;
  event_id: string;
}

export interface ProductRow {
  declaration_id: string;
  version: number;
  uscc: string;
  position: number;
  name: string;
  model: string;
  category: string;
  name_key: string;
  model_key: string;
}

export interface HistoryRow {
  declaration_id: string;
  stream_revision: string;
  valid_from: string;
  valid_to: string | null;
  view: HistoryView;
}

/** What the public registry showed: the `view` of a `declaration_history` row. */
export interface HistoryView {
  declarationId: string;
  uscc: string;
  enterpriseName: string;
  enterpriseSearch: string;
  jurisdiction: string;
  status: string;
  version: number;
  standardKind: string;
  standardNumber: string;
  standardKey: string;
  standardTitle: string;
  mandatory: boolean;
  fullTextDisclosed: boolean;
  belowRecommended: boolean;
  late: boolean;
  lastReviewedOn: string | null;
  categories: string[];
  productSearch: string;
  productCount: number;
  declaredOn: string;
  effectiveFrom: string;
  abolishedOn: string | null;
  redeclareDeadline: string | null;
  redeclarationOverdue: boolean;
}

export const historyView = (r: DeclarationRow): HistoryView => ({
  declarationId: r.declaration_id,
  uscc: r.uscc,
  enterpriseName: r.enterprise_name,
  enterpriseSearch: r.enterprise_search,
  jurisdiction: r.jurisdiction,
  status: r.status,
  version: r.version,
  standardKind: r.standard_kind,
  standardNumber: r.standard_number,
  standardKey: r.standard_key,
  standardTitle: r.standard_title,
  mandatory: r.mandatory,
  fullTextDisclosed: r.full_text_disclosed,
  belowRecommended: r.below_recommended,
  late: r.late,
  lastReviewedOn: r.last_reviewed_on,
  categories: [...r.categories],
  productSearch: r.product_search,
  productCount: r.product_count,
  declaredOn: r.declared_on,
  effectiveFrom: r.effective_from,
  abolishedOn: r.abolished_on,
  redeclareDeadline: r.redeclare_deadline,
  redeclarationOverdue: r.redeclaration_overdue,
});

/** What a batch reads before folding: the stored rows it may touch. */
export interface BatchBefore {
  /** Stored `declarations` rows: every declaration the batch names, and every one of a renamed enterprise. */
  declarations: readonly DeclarationRow[];
  /** Per declaration the batch names: the highest stored `declaration_history` revision (absent: none). */
  historyHead: ReadonlyMap<string, bigint>;
  /** Which of the versions the batch writes are stored, as `versionKey(id, version)`. */
  versions: ReadonlySet<string>;
}

/** What a batch writes. */
export interface BatchWrites {
  /** Rows new to `declarations`, in their state at the end of the batch. */
  inserted: DeclarationState[];
  /** Stored rows the batch changed, in their state at the end of the batch. */
  updated: DeclarationState[];
  versions: VersionRow[];
  /** Stored versions whose `effective_to` the batch set (the last value set). */
  versionEnds: { declaration_id: string; version: number; effective_to: string }[];
  products: ProductRow[];
  /**
   * Stored history rows to close when still open, with the instant they close: the newest row of each
   * declaration the batch adds a state to. Only the newest row can be open (a row is added newer than all
   * others, right after every open row was closed), so this closes every open row.
   */
  historyClosed: { declaration_id: string; stream_revision: string; valid_to: string }[];
  history: HistoryRow[];
}

export const versionKey = (id: string, version: number): string => `${id}\u0000${version}`;

/** What a batch needs to read: the declarations it names, the enterprises it renames, the versions it writes. */
export interface BatchNeeds {
  ids: string[];
  renamedUsccs: string[];
  versions: { declaration_id: string; version: number }[];
}

export function batchNeeds(events: readonly RecordedEvent[]): BatchNeeds {
  const ids = new Set<string>();
  const usccs = new Set<string>();
  const versions = new Map<string, { declaration_id: string; version: number }>();
  const version = (id: string, v: number): void => {
    versions.set(versionKey(id, v), { declaration_id: id, version: v });
  };
  for (const e of events) {
    if (isEnterpriseRenamed(e)) {
      usccs.add(e.data.uscc);
      continue;
    }
    const d = e as RecordedEvent & DeclarationEvent;
    switch (d.type) {
      case 'RedeclarationRequired':
        for (const id of d.data.declarationIds) ids.add(id);
        break;
      case 'StandardDeclared':
        ids.add(d.data.declarationId);
        version(d.data.declarationId, 1);
        break;
      case 'DeclarationRevised':
        ids.add(d.data.declarationId);
        version(d.data.declarationId, d.data.version - 1);
        version(d.data.declarationId, d.data.version);
        break;
      case 'DeclarationAbolished':
        ids.add(d.data.declarationId);
        version(d.data.declarationId, d.data.version);
        break;
      case 'DeclarationMarkedLate':
      case 'DeclarationConfirmed':
      case 'DeclarationRedeclared':
      case 'RedeclarationOverdue':
        ids.add(d.data.declarationId);
        break;
    }
  }
  return { ids: [...ids], renamedUsccs: [...usccs], versions: [...versions.values()] };
}

interface HistoryTrack {
  /** Highest revision among the stored rows and those added by the batch. */
  head: bigint | null;
  /** The newest stored row, while the batch has not closed it. */
  storedOpen: bigint | null;
  /** The open row added by the batch. */
  open: HistoryRow | null;
}

/**
 * Folds a batch of events, in order, over the rows it read: the same rows as applying the events one by
 * one (the `stream_revision` guard on every update, inserts that keep what is there, one history row per
 * event and touched declaration that is newer than the declaration's history).
 */
export function foldBatch(events: readonly RecordedEvent[], before: BatchBefore): BatchWrites {
  const rows = new Map<string, DeclarationState>();
  const byUscc = new Map<string, DeclarationState[]>();
  const add = (s: DeclarationState): void => {
    rows.set(s.row.declaration_id, s);
    const list = byUscc.get(s.row.uscc);
    if (list) list.push(s);
    else byUscc.set(s.row.uscc, [s]);
  };
  for (const row of before.declarations) add({ row: { ...row, categories: [...row.categories] }, stored: true, changed: false });

  const versionsAdded = new Map<string, VersionRow>();
  const versionEnds = new Map<string, { declaration_id: string; version: number; effective_to: string }>();
  const products = new Map<string, ProductRow>();
  const history: HistoryRow[] = [];
  const historyClosed: BatchWrites['historyClosed'] = [];
  const tracks = new Map<string, HistoryTrack>();

  const track = (id: string): HistoryTrack => {
    let t = tracks.get(id);
    if (!t) {
      const head = before.historyHead.get(id) ?? null;
      t = { head, storedOpen: head, open: null };
      tracks.set(id, t);
    }
    return t;
  };

  const appendSearch = (s: DeclarationState, name: string): void => {
    const key = searchable(name);
    if (!s.row.enterprise_search.includes(key)) s.row.enterprise_search = `${s.row.enterprise_search}\n${key}`;
  };

  const insertVersion = (e: RecordedEvent, id: string, version: number, enterpriseName: string, c: DeclarationContent, effectiveFrom: string): void => {
    const uscc = (e.data as { uscc: string }).uscc;
    const key = versionKey(id, version);
    if (!before.versions.has(key) && !versionsAdded.has(key)) {
      versionsAdded.set(key, {
        declaration_id: id,
        version,
        uscc,
        enterprise_name: enterpriseName,
        content: c,
        effective_from: effectiveFrom,
        effective_to: null,
        recorded_at: e.recordedAt.toISOString(),
        actor_id: e.metadata.actorId,
        actor_role: e.metadata.actorRole,
        reason: e.metadata.reason,
        event_id: e.id,
      });
    }
    c.products.forEach((p, position) => {
      const pk = `${key}\u0000${position}`;
      if (products.has(pk)) return;
      products.set(pk, {
        declaration_id: id,
        version,
        uscc,
        position,
        name: p.name,
        model: p.model,
        category: p.category,
        name_key: searchable(p.name),
        model_key: searchable(p.model),
      });
    });
  };

  /** `effective_to` of an existing version, whether stored or added earlier in the batch. */
  const endVersion = (id: string, version: number, effectiveTo: string): void => {
    const key = versionKey(id, version);
    const added = versionsAdded.get(key);
    if (added) added.effective_to = effectiveTo;
    else if (before.versions.has(key)) versionEnds.set(key, { declaration_id: id, version, effective_to: effectiveTo });
  };

  /** Closes the declaration's open history row and opens one with what the registry shows now. */
  const recordHistory = (id: string, rev: bigint, at: string): void => {
    const t = track(id);
    if (t.head !== null && t.head >= rev) return;
    if (t.storedOpen !== null) {
      historyClosed.push({ declaration_id: id, stream_revision: t.storedOpen.toString(), valid_to: at });
      t.storedOpen = null;
    }
    if (t.open) {
      t.open.valid_to = at;
      t.open = null;
    }
    const s = rows.get(id);
    if (!s) return;
    const row: HistoryRow = { declaration_id: id, stream_revision: rev.toString(), valid_from: at, valid_to: null, view: historyView(s.row) };
    history.push(row);
    t.open = row;
    t.head = rev;
  };

  for (const e of events) {
    if (isEnterpriseRenamed(e)) {
      for (const s of byUscc.get(e.data.uscc) ?? []) {
        const was = s.row.enterprise_search;
        appendSearch(s, e.data.newName);
        if (s.row.enterprise_search !== was) s.changed = true;
      }
      continue;
    }
    const ev = e as RecordedEvent & DeclarationEvent;
    const rev = e.revision;
    const at = e.recordedAt.toISOString();
    /** The row, when it exists and is older than the event; marked as changed with the event's revision and time. */
    const fresh = (id: string): DeclarationRow | null => {
      const s = rows.get(id);
      if (!s || s.row.stream_revision >= rev) return null;
      s.changed = true;
      s.row.stream_revision = rev;
      s.updatedAt = at;
      return s.row;
    };
    const touched: string[] = [];
    switch (ev.type) {
      case 'StandardDeclared': {
        const d = ev.data;
        const c = d.content;
        if (!rows.has(d.declarationId)) {
          add({
            row: {
              declaration_id: d.declarationId,
              uscc: d.uscc,
              enterprise_name: d.enterpriseName,
              enterprise_search: searchable(d.enterpriseName),
              jurisdiction: d.jurisdiction,
              status: 'active',
              version: 1,
              standard_kind: c.standard.kind,
              standard_number: c.standard.number,
              standard_key: numberKey(c.standard.number),
              standard_title: c.standard.title,
              mandatory: c.standard.mandatory,
              full_text_disclosed: c.fullTextDisclosed,
              below_recommended: c.belowRecommended.flagged,
              late: false,
              categories: categoriesOf(c),
              product_search: productSearch(c),
              product_count: c.products.length,
              declared_on: d.declaredOn,
              effective_from: d.effectiveFrom,
              abolished_on: null,
              last_reviewed_on: null,
              redeclare_deadline: null,
              redeclaration_overdue: false,
              stream_revision: rev,
            },
            stored: false,
            changed: true,
            content: c,
            lateReasons: '[]',
            declaredAt: at,
            updatedAt: at,
          });
        }
        insertVersion(e, d.declarationId, 1, d.enterpriseName, c, d.effectiveFrom);
        touched.push(d.declarationId);
        break;
      }
      case 'DeclarationMarkedLate': {
        const d = ev.data;
        const r = fresh(d.declarationId);
        if (r) {
          r.late = true;
          rows.get(d.declarationId)!.lateReasons = JSON.stringify(d.reasons);
        }
        touched.push(d.declarationId);
        break;
      }
      case 'DeclarationRevised': {
        const d = ev.data;
        const c = d.content;
        const r = fresh(d.declarationId);
        if (r) {
          const s = rows.get(d.declarationId)!;
          const waiting = r.status === 'to_be_redeclared';
          r.version = d.version;
          r.enterprise_name = d.enterpriseName;
          appendSearch(s, d.enterpriseName);
          if (waiting) {
            r.status = 'active';
            r.redeclare_deadline = null;
          }
          r.redeclaration_overdue = false;
          r.standard_kind = c.standard.kind;
          r.standard_number = c.standard.number;
          r.standard_key = numberKey(c.standard.number);
          r.standard_title = c.standard.title;
          r.mandatory = c.standard.mandatory;
          r.full_text_disclosed = c.fullTextDisclosed;
          r.below_recommended = c.belowRecommended.flagged;
          r.categories = categoriesOf(c);
          r.product_search = productSearch(c);
          r.product_count = c.products.length;
          s.content = c;
          r.effective_from = d.effectiveFrom;
          r.late = false;
          s.lateReasons = '[]';
        }
        endVersion(d.declarationId, d.version - 1, d.effectiveFrom);
        insertVersion(e, d.declarationId, d.version, d.enterpriseName, c, d.effectiveFrom);
        touched.push(d.declarationId);
        break;
      }
      case 'DeclarationConfirmed': {
        const d = ev.data;
        const r = fresh(d.declarationId);
        if (r) r.last_reviewed_on = d.reviewedOn;
        touched.push(d.declarationId);
        break;
      }
      case 'DeclarationAbolished': {
        const d = ev.data;
        const r = fresh(d.declarationId);
        if (r) {
          r.status = 'abolished';
          r.abolished_on = d.effectiveDate;
          r.redeclare_deadline = null;
          r.redeclaration_overdue = false;
        }
        endVersion(d.declarationId, d.version, d.effectiveDate);
        touched.push(d.declarationId);
        break;
      }
      case 'RedeclarationRequired': {
        const d = ev.data;
        for (const id of d.declarationIds) {
          const r = fresh(id);
          if (!r) continue;
          r.status = 'to_be_redeclared';
          r.redeclare_deadline = d.deadline;
          r.redeclaration_overdue = false;
          appendSearch(rows.get(id)!, d.newName);
        }
        touched.push(...d.declarationIds);
        break;
      }
      case 'DeclarationRedeclared': {
        const d = ev.data;
        const r = fresh(d.declarationId);
        if (r) {
          r.status = 'active';
          r.redeclare_deadline = null;
          r.redeclaration_overdue = false;
          r.enterprise_name = d.enterpriseName;
        }
        touched.push(d.declarationId);
        break;
      }
      case 'RedeclarationOverdue': {
        const d = ev.data;
        const r = fresh(d.declarationId);
        if (r) r.redeclaration_overdue = true;
        touched.push(d.declarationId);
        break;
      }
    }
    for (const id of touched) recordHistory(id, rev, at);
  }

  const states = [...rows.values()].filter((s) => s.changed);
  return {
    inserted: states.filter((s) => !s.stored),
    updated: states.filter((s) => s.stored),
    versions: [...versionsAdded.values()],
    versionEnds: [...versionEnds.values()],
    products: [...products.values()],
    historyClosed,
    history,
  };
}
