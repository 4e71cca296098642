import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { toBigInt, toDate, type AnyDb, type Database } from '@regledger/database';
import type { EventStore } from '../event-store.port.js';
import { pollingSubscription } from '../polling-subscription.js';
import { IdempotencyKeyReusedError, WrongExpectedVersionError } from '../errors.js';
import { eventHash } from '../hashing.js';
import { planImport, type StreamHead } from '../importing.js';
import { UpcasterRegistry } from '../upcasting.js';
import {
  GENESIS_HASH,
  START,
  type AppendOptions,
  type AppendResult,
  type EventMetadata,
  type EventToAppend,
  type EventToImport,
  type IdempotencyOptions,
  type ImportResult,
  type LogPosition,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
} from '../types.js';

interface EventRow {
  global_position: string | number;
  transaction_id: string | number;
  event_id: string;
  stream_id: string;
  revision: string | number;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date | string;
  business_time: Date | string | null;
  prev_hash: string;
  hash: string;
}

const EVENT_COLUMNS = sql.raw(
  'global_position, transaction_id::text as transaction_id, event_id::text as event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, business_time, prev_hash, hash',
);

const UNIQUE_VIOLATION = '23505';

const pgCode = (e: unknown): string | undefined => (e as { code?: string } | null)?.code;

export interface PostgresEventStoreOptions {
  upcasters?: UpcasterRegistry;
  /** The store's clock for `recordedAt` (tests set it to replay a past). */
  clock?: () => Date;
  /** Instrumentation: awaited inside the append transaction, after the insert, before the commit. */
  beforeCommit?: (streamId: string) => Promise<void>;
  /**
   * How many streams' last (revision, hash) the store remembers to append in one statement (default
   * 50,000; 0 turns the one-statement append off for existing streams).
   */
  headCacheSize?: number;
}

/** A stream's last revision and that event's hash, as this store last saw them committed. */
interface KnownHead {
  revision: bigint;
  hash: string;
}

interface PreparedEvent {
  id: string;
  revision: bigint;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
  /** `data` and `metadata` as JSON text, as sent to the database. */
  dataJson: string;
  metadataJson: string;
  businessTime: Date | null;
  prevHash: string;
  hash: string;
}

const DEFAULT_HEAD_CACHE_SIZE = 50_000;

/** The stream's transaction advisory lock; takes no transaction id. */
const streamLockOf = (streamId: string) => sql`(select pg_advisory_xact_lock(hashtextextended(${streamId}, 0)) as held)`;

/**
 * The log on PostgreSQL (a server through `pg`, or PGlite) with kysely.
 * - concurrency: a `es_streams` row per stream, written first in every append, behind a transaction
 *   advisory lock on the stream so that the transaction id (taken by the first write) is assigned only
 *   once the stream is held: a stream's revisions then follow the global order;
 * - one INSERT per append (unnest of arrays; in the one-statement append, a single event's values as parameters);
 * - global reads by (transaction id, position) below the oldest running transaction (design-notes §1);
 * - the stream row also holds its last event's hash (`last_hash`), written by every append;
 * - the common append is one statement (`appendInOneStatement`): when the stream's last hash is known
 *   from this store's own appends and reads, the events are hashed before the round trip, and the
 *   statement checks on the stream row that the stream is still at that revision with that hash;
 *   otherwise the append is a transaction that reads the previous hash from es_events (`appendInTransaction`).
 */
export class PostgresEventStore implements EventStore {
  readonly backend: 'postgres' | 'pglite';
  private readonly db: AnyDb;
  private readonly upcasters: UpcasterRegistry;
  private readonly clock: () => Date;
  private readonly beforeCommit?: (streamId: string) => Promise<void>;
  private readonly headCacheSize: number;
  /** Streams' last known heads, oldest first (Map insertion order): a hint, checked by the database. */
  private readonly heads = new Map<string, KnownHead>();

  constructor(database: Database, options: PostgresEventStoreOptions = {}) {
    this.backend = database.kind;
    this.db = database.db;
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.clock = options.clock ?? (() => new Date());
    this.beforeCommit = options.beforeCommit;
    this.headCacheSize = options.headCacheSize ?? DEFAULT_HEAD_CACHE_SIZE;
  }

  async appendToStream(streamId: string, events: EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    const fast = await this.appendInOneStatement(streamId, events, options);
    if (fast) return fast;
    if (options.idempotency) {
      const earlier = await this.findIdempotentResult(options.idempotency);
      if (earlier) return earlier;
    }
    let result: AppendResult;
    try {
      result = await this.db.transaction().execute((trx) => this.appendInTransaction(trx, streamId, events, options));
    } catch (e) {
      const earlier = await this.earlierOnKeyConflict(e, options);
      if (earlier) return earlier;
      throw e;
    }
    this.rememberAppended(result);
    return result;
  }

  /** On a unique violation of the idempotency key, the answer of the append that holds the key. */
  private async earlierOnKeyConflict(e: unknown, options: AppendOptions): Promise<AppendResult | null> {
    if (options.idempotency && pgCode(e) === UNIQUE_VIOLATION && String((e as Error).message).includes('es_idempotency')) {
      return this.findIdempotentResult(options.idempotency);
    }
    return null;
  }

  /**
   * The append as one statement, hence one round trip and its own transaction, when the previous hash is
   * known: for `no_stream` (the genesis hash), or for an exact revision n whose hash this store remembers.
   * Null when it does not apply or when the statement wrote nothing (the stream is not at n, or its row
   * holds another hash than remembered): the caller then appends in a transaction, which reads the hash
   * from the log and reports a wrong expected revision. A remembered hash is only a hint: the statement
   * writes nothing unless the stream row holds revision n with exactly that hash (`last_hash`, written in
   * the same transaction as event n, and checked on the row's latest version when another writer updated
   * it meanwhile), so the chain cannot be wrong.
   *
   * Order of the writes: every write takes its rows from the stream row's update (or insert), which
   * takes its rows from the materialized advisory lock, so the transaction id is assigned only once the
   * stream is held, as in the transaction. A key already used fails the statement as a whole (nothing is
   * written) and the earlier answer is returned, as a replay.
   */
  private async appendInOneStatement(streamId: string, events: EventToAppend[], options: AppendOptions): Promise<AppendResult | null> {
    const expected = options.expectedRevision;
    if (this.beforeCommit || events.length === 0) return null;
    let known: KnownHead | undefined;
    let firstRevision: bigint;
    let prevHash: string;
    if (expected === 'no_stream') {
      firstRevision = 0n;
      prevHash = GENESIS_HASH;
    } else if (typeof expected === 'bigint') {
      known = this.heads.get(streamId);
      if (!known || known.revision !== expected) return null;
      firstRevision = expected + 1n;
      prevHash = known.hash;
    } else {
      return null;
    }
    const k = BigInt(events.length);
    const newVersion = firstRevision + k - 1n;
    const recordedAt = this.clock();
    const prepared = this.prepareEvents(streamId, events, firstRevision, prevHash, recordedAt);
    const lastHash = prepared[prepared.length - 1].hash;
    const streamRow =
      expected === 'no_stream'
        ? sql`
          insert into es_streams (stream_id, version, last_hash) select ${streamId}, ${newVersion.toString()}::bigint, ${lastHash} from stream_lock
          on conflict (stream_id) do nothing
          returning version`
        : sql`
          update es_streams set version = version + ${k.toString()}::bigint, last_hash = ${lastHash} from stream_lock
          where stream_id = ${streamId} and version = ${expected.toString()}::bigint and last_hash = ${prevHash}
          returning version`;
    const idempotency = options.idempotency
      ? sql`,
        idempotency as (
          insert into es_idempotency (key, request_hash, stream_id, first_revision, last_revision)
          select ${options.idempotency.key}, ${options.idempotency.requestHash}, ${streamId}, ${firstRevision.toString()}::bigint, stream_row.version from stream_row
        )`
      : sql``;
    // One event: its values as parameters (plans faster than unnest of one-element arrays).
    const [one] = prepared;
    const rows =
      prepared.length === 1
        ? sql`
          select ${one.id}::uuid, ${streamId}, ${one.revision.toString()}::bigint, ${one.type}, ${one.schemaVersion}::int, ${one.dataJson}::jsonb,
            ${one.metadataJson}::jsonb, ${recordedAt.toISOString()}::timestamptz, ${one.businessTime ? one.businessTime.toISOString() : null}::timestamptz,
            ${one.prevHash}, ${one.hash}
          from stream_row`
        : sql`
          select u.event_id, ${streamId}, u.revision, u.type, u.schema_version, u.data::jsonb, u.metadata::jsonb, ${recordedAt.toISOString()}::timestamptz, u.business_time, u.prev_hash, u.hash
          from stream_row, ${this.unnestPrepared(prepared)}
          order by u.revision`;
    let inserted: { global_position: string; transaction_id: string }[];
    try {
      const r = await sql<{ global_position: string; transaction_id: string }>`
        with stream_lock as materialized ${streamLockOf(streamId)},
        stream_row as (${streamRow})${idempotency}
        insert into es_events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, business_time, prev_hash, hash)
        ${rows}
        returning global_position, transaction_id::text as transaction_id`.execute(this.db);
      inserted = r.rows;
    } catch (e) {
      const earlier = await this.earlierOnKeyConflict(e, options);
      if (earlier) return earlier;
      throw e;
    }
    if (!inserted.length) {
      // Not written: the stream moved, or the remembered hash is not the stream's. Forget it, unless an append
      // that ended meanwhile already replaced it.
      if (known && this.heads.get(streamId) === known) this.heads.delete(streamId);
      return null;
    }
    const result: AppendResult = { streamId, nextExpectedRevision: newVersion, events: this.recordedOf(streamId, prepared, recordedAt, inserted), idempotentReplay: false };
    this.rememberAppended(result);
    return result;
  }

  /** The events with their revisions and hashes, chained from `prevHash`. */
  private prepareEvents(streamId: string, events: EventToAppend[], firstRevision: bigint, prevHash: string, recordedAt: Date): PreparedEvent[] {
    let prev = prevHash;
    return events.map((e, i) => {
      const revision = firstRevision + BigInt(i);
      const id = e.id ?? uuidv7();
      const schemaVersion = e.schemaVersion ?? 1;
      const businessTime = e.businessTime ? new Date(e.businessTime) : null;
      const dataJson = JSON.stringify(e.data ?? null);
      const metadataJson = JSON.stringify(e.metadata);
      const data = JSON.parse(dataJson) as unknown;
      const metadata = JSON.parse(metadataJson) as EventMetadata;
      const hash = eventHash({ id, streamId, revision, type: e.type, schemaVersion, data, metadata, recordedAt, businessTime, prevHash: prev });
      const row = { id, revision, type: e.type, schemaVersion, data, metadata, dataJson, metadataJson, businessTime, prevHash: prev, hash };
      prev = hash;
      return row;
    });
  }

  /** `unnest(…) as u(…)` of the prepared events' columns. */
  private unnestPrepared(prepared: PreparedEvent[]) {
    return sql`unnest(
        ${prepared.map((p) => p.id)}::uuid[],
        ${prepared.map((p) => p.revision.toString())}::bigint[],
        ${prepared.map((p) => p.type)}::text[],
        ${prepared.map((p) => p.schemaVersion)}::int[],
        ${prepared.map((p) => p.dataJson)}::text[],
        ${prepared.map((p) => p.metadataJson)}::text[],
        ${prepared.map((p) => (p.businessTime ? p.businessTime.toISOString() : null))}::timestamptz[],
        ${prepared.map((p) => p.prevHash)}::text[],
        ${prepared.map((p) => p.hash)}::text[]
      ) as u(event_id, revision, type, schema_version, data, metadata, business_time, prev_hash, hash)`;
  }

  /** The appended events as recorded, given the rows the insert returned. */
  private recordedOf(streamId: string, prepared: PreparedEvent[], recordedAt: Date, inserted: { global_position: string | number; transaction_id: string | number }[]): RecordedEvent[] {
    const positions = inserted
      .map((r) => ({ gp: toBigInt(r.global_position), tx: toBigInt(r.transaction_id) }))
      .sort((a, b) => (a.gp < b.gp ? -1 : 1));
    return prepared.map((p, i) => ({
      id: p.id,
      streamId,
      revision: p.revision,
      globalPosition: positions[i].gp,
      position: { commit: positions[i].tx, prepare: positions[i].gp },
      type: p.type,
      ...this.upcasters.upcast(p.type, p.schemaVersion, p.data),
      storedSchemaVersion: p.schemaVersion,
      metadata: p.metadata,
      recordedAt,
      businessTime: p.businessTime,
      prevHash: p.prevHash,
      hash: p.hash,
    }));
  }

  /** Remembers a stream's head (most recent last; the oldest is forgotten beyond the bound). */
  private rememberHead(streamId: string, revision: bigint, hash: string): void {
    if (this.headCacheSize <= 0) return;
    this.heads.delete(streamId);
    this.heads.set(streamId, { revision, hash });
    if (this.heads.size > this.headCacheSize) {
      const oldest = this.heads.keys().next();
      if (!oldest.done) this.heads.delete(oldest.value);
    }
  }

  /** After a committed append: the stream's head is its last event. */
  private rememberAppended(result: AppendResult): void {
    const last = result.events[result.events.length - 1];
    if (last && !result.idempotentReplay) this.rememberHead(result.streamId, last.revision, last.hash);
  }

  private async appendInTransaction(trx: AnyDb, streamId: string, events: EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    const k = BigInt(events.length);
    const expected = options.expectedRevision;
    // First write of the transaction: the stream row. It takes the transaction id, so the stream's
    // advisory lock (which takes none) is acquired first, in the same statement: a writer that waits for
    // the stream gets its transaction id only after the writer ahead of it, and the log's order
    // (transaction id, position) never puts a later revision of a stream before an earlier one.
    const streamLock = streamLockOf(streamId);
    let newVersion: bigint | null;
    if (expected === 'any') {
      const r = await sql<{ version: string }>`
        insert into es_streams (stream_id, version) select ${streamId}, ${(k - 1n).toString()}::bigint from ${streamLock} as stream_lock
        on conflict (stream_id) do update set version = es_streams.version + ${k.toString()}::bigint
        returning version`.execute(trx);
      newVersion = toBigInt(r.rows[0].version);
    } else if (expected === 'no_stream') {
      const r = await sql<{ version: string }>`
        insert into es_streams (stream_id, version) select ${streamId}, ${(k - 1n).toString()}::bigint from ${streamLock} as stream_lock
        on conflict (stream_id) do nothing
        returning version`.execute(trx);
      newVersion = r.rows.length ? toBigInt(r.rows[0].version) : null;
    } else if (expected === 'stream_exists') {
      const r = await sql<{ version: string }>`
        with stream_lock as materialized ${streamLock}
        update es_streams set version = version + ${k.toString()}::bigint from stream_lock
        where stream_id = ${streamId} returning version`.execute(trx);
      newVersion = r.rows.length ? toBigInt(r.rows[0].version) : null;
    } else {
      const r = await sql<{ version: string }>`
        with stream_lock as materialized ${streamLock}
        update es_streams set version = version + ${k.toString()}::bigint from stream_lock
        where stream_id = ${streamId} and version = ${expected.toString()}::bigint returning version`.execute(trx);
      newVersion = r.rows.length ? toBigInt(r.rows[0].version) : null;
    }
    if (newVersion === null) {
      const actual = await sql<{ version: string }>`select version from es_streams where stream_id = ${streamId}`.execute(trx);
      throw new WrongExpectedVersionError(streamId, expected, actual.rows.length ? toBigInt(actual.rows[0].version) : 'no_stream');
    }
    if (events.length === 0) {
      return { streamId, nextExpectedRevision: newVersion, events: [], idempotentReplay: false };
    }
    const firstRevision = newVersion - k + 1n;
    // A new statement, so it sees the previous append that this one may have queued behind.
    let prevHash = GENESIS_HASH;
    if (firstRevision > 0n) {
      const prev = await sql<{ hash: string }>`
        select hash from es_events where stream_id = ${streamId} and revision = ${(firstRevision - 1n).toString()}::bigint`.execute(trx);
      if (!prev.rows.length) throw new Error(`stream ${streamId}: revision ${firstRevision - 1n} is missing`);
      prevHash = prev.rows[0].hash;
    }
    const recordedAt = this.clock();
    const prepared = this.prepareEvents(streamId, events, firstRevision, prevHash, recordedAt);
    const inserted = await sql<{ global_position: string; transaction_id: string }>`
      with stream_head as (update es_streams set last_hash = ${prepared[prepared.length - 1].hash} where stream_id = ${streamId})
      insert into es_events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, business_time, prev_hash, hash)
      select u.event_id, ${streamId}, u.revision, u.type, u.schema_version, u.data::jsonb, u.metadata::jsonb, ${recordedAt.toISOString()}::timestamptz, u.business_time, u.prev_hash, u.hash
      from ${this.unnestPrepared(prepared)}
      order by u.revision
      returning global_position, transaction_id::text as transaction_id`.execute(trx);
    if (options.idempotency) {
      await sql`
        insert into es_idempotency (key, request_hash, stream_id, first_revision, last_revision)
        values (${options.idempotency.key}, ${options.idempotency.requestHash}, ${streamId}, ${firstRevision.toString()}::bigint, ${newVersion.toString()}::bigint)`.execute(trx);
    }
    if (this.beforeCommit) await this.beforeCommit(streamId);
    const recorded = this.recordedOf(streamId, prepared, recordedAt, inserted.rows);
    return { streamId, nextExpectedRevision: newVersion, events: recorded, idempotentReplay: false };
  }

  async findIdempotentResult(idempotency: IdempotencyOptions): Promise<AppendResult | null> {
    const r = await sql<{ request_hash: string; stream_id: string; first_revision: string; last_revision: string }>`
      select request_hash, stream_id, first_revision, last_revision from es_idempotency where key = ${idempotency.key}`.execute(this.db);
    if (!r.rows.length) return null;
    const row = r.rows[0];
    if (row.request_hash !== idempotency.requestHash) throw new IdempotencyKeyReusedError(idempotency.key);
    const first = toBigInt(row.first_revision);
    const last = toBigInt(row.last_revision);
    const events = await this.readStream(row.stream_id, { fromRevision: first, toRevision: last });
    return { streamId: row.stream_id, nextExpectedRevision: last, events, idempotentReplay: true };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    let q = this.db
      .selectFrom('es_events')
      .select(EVENT_COLUMNS as never)
      .where('stream_id', '=', streamId);
    if (options.fromRevision !== undefined) q = q.where('revision', backwards ? '<=' : '>=', options.fromRevision.toString());
    if (options.toRevision !== undefined) q = q.where('revision', backwards ? '>=' : '<=', options.toRevision.toString());
    if (options.asOf) q = q.where('recorded_at', '<=', options.asOf);
    q = q.orderBy('revision', backwards ? 'desc' : 'asc');
    if (options.maxCount !== undefined) q = q.limit(options.maxCount);
    const rows = (await q.execute()) as EventRow[];
    const recorded = rows.map((r) => this.toRecorded(r, options.raw));
    // A read up to the stream's end (what a command handler does right before it appends) gives its head.
    const toEnd =
      options.asOf === undefined &&
      (backwards ? options.fromRevision === undefined : options.toRevision === undefined && (options.maxCount === undefined || recorded.length < options.maxCount));
    const head = toEnd ? (backwards ? recorded[0] : recorded[recorded.length - 1]) : undefined;
    if (head) this.rememberHead(streamId, head.revision, head.hash);
    return recorded;
  }

  async streamRevision(streamId: string): Promise<bigint | null> {
    const r = await sql<{ version: string }>`select version from es_streams where stream_id = ${streamId}`.execute(this.db);
    if (!r.rows.length) return null;
    const v = toBigInt(r.rows[0].version);
    return v < 0n ? null : v;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? START;
    const limit = options.maxCount ?? 1000;
    const r = await sql<EventRow>`
      select ${EVENT_COLUMNS} from es_events
      where (transaction_id, global_position) > (${after.commit.toString()}::text::xid8, ${after.prepare.toString()}::bigint)
        and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      order by es_events.transaction_id, es_events.global_position
      limit ${limit}`.execute(this.db);
    return r.rows.map((row) => this.toRecorded(row, options.raw));
  }

  async headPosition(options: { committed?: boolean } = {}): Promise<{ position: LogPosition; globalPosition: bigint; recordedAt: Date } | null> {
    const visible = options.committed ? sql`true` : sql`transaction_id < pg_snapshot_xmin(pg_current_snapshot())`;
    const r = await sql<{ transaction_id: string; global_position: string; recorded_at: Date }>`
      select transaction_id::text as transaction_id, global_position, recorded_at from es_events
      where ${visible}
      order by es_events.transaction_id desc, es_events.global_position desc limit 1`.execute(this.db);
    if (!r.rows.length) return null;
    const row = r.rows[0];
    const gp = toBigInt(row.global_position);
    return { position: { commit: toBigInt(row.transaction_id), prepare: gp }, globalPosition: gp, recordedAt: toDate(row.recorded_at) };
  }

  subscribe(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent[]> {
    return pollingSubscription((o) => this.readAll(o), options);
  }

  /**
   * One transaction: the streams' advisory locks (in a fixed order, before the first write takes the
   * transaction id), the events already present and the streams' heads, the checks of `planImport`, then
   * one INSERT in the order given (global positions follow it) and the stream rows.
   */
  async importEvents(events: readonly EventToImport[]): Promise<ImportResult> {
    if (!events.length) return { imported: 0, skipped: 0 };
    const written: EventToImport[] = [];
    const result = await this.db.transaction().execute(async (trx) => {
      const streamIds = [...new Set(events.map((e) => e.streamId))].sort();
      await sql`select pg_advisory_xact_lock(hashtextextended(s, 0)) from unnest(${streamIds}::text[]) as s order by s`.execute(trx);
      const present = await sql<{ event_id: string; stream_id: string; revision: string; hash: string }>`
        select event_id::text as event_id, stream_id, revision::text as revision, hash from es_events
        where event_id = any(${events.map((e) => e.id)}::uuid[])`.execute(trx);
      const stored = new Map(present.rows.map((r) => [r.event_id, { streamId: r.stream_id, revision: toBigInt(r.revision), hash: r.hash.trim() }]));
      const headRows = await sql<{ stream_id: string; revision: string; hash: string }>`
        select distinct on (stream_id) stream_id, revision::text as revision, hash from es_events
        where stream_id = any(${streamIds}::text[]) order by stream_id, es_events.revision desc`.execute(trx);
      const heads = new Map<string, StreamHead>(headRows.rows.map((r) => [r.stream_id, { revision: toBigInt(r.revision), hash: r.hash.trim() }]));
      const { write, skipped } = planImport(events, heads, stored);
      if (!write.length) return { imported: 0, skipped };
      await sql`
        insert into es_events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, business_time, prev_hash, hash)
        select u.event_id, u.stream_id, u.revision, u.type, u.schema_version, u.data::jsonb, u.metadata::jsonb, u.recorded_at, u.business_time, u.prev_hash, u.hash
        from unnest(
          ${write.map((e) => e.id)}::uuid[],
          ${write.map((e) => e.streamId)}::text[],
          ${write.map((e) => e.revision.toString())}::bigint[],
          ${write.map((e) => e.type)}::text[],
          ${write.map((e) => e.schemaVersion)}::int[],
          ${write.map((e) => JSON.stringify(e.data ?? null))}::text[],
          ${write.map((e) => JSON.stringify(e.metadata))}::text[],
          ${write.map((e) => e.recordedAt.toISOString())}::timestamptz[],
          ${write.map((e) => (e.businessTime ? e.businessTime.toISOString() : null))}::timestamptz[],
          ${write.map((e) => e.prevHash)}::text[],
          ${write.map((e) => e.hash)}::text[]
        ) with ordinality as u(event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, business_time, prev_hash, hash, n)
        order by u.n`.execute(trx);
      const last = new Map<string, EventToImport>();
      for (const e of write) last.set(e.streamId, e);
      await sql`
        insert into es_streams (stream_id, version, last_hash)
        select s, v, h from unnest(${[...last.keys()]}::text[], ${[...last.values()].map((e) => e.revision.toString())}::bigint[], ${[...last.values()].map((e) => e.hash)}::text[]) as u(s, v, h)
        on conflict (stream_id) do update set version = excluded.version, last_hash = excluded.last_hash`.execute(trx);
      written.push(...last.values());
      return { imported: write.length, skipped };
    });
    for (const e of written) this.rememberHead(e.streamId, e.revision, e.hash);
    return result;
  }


  async logIdentity(): Promise<string> {
    const r = await sql<{ id: string }>`
      select (select system_identifier::text from pg_control_system()) || '/' || current_database() as id`.execute(this.db);
    return `${this.backend}:${r.rows[0].id}`;
  }

  async close(): Promise<void> {
    // The database handle belongs to whoever opened it.
  }

  private toRecorded(row: EventRow, raw = false): RecordedEvent {
    const storedVersion = Number(row.schema_version);
    const data = typeof row.data === 'string' ? (JSON.parse(row.data) as unknown) : row.data;
    const metadata = (typeof row.metadata === 'string' ? JSON.parse(row.metadata) : row.metadata) as EventMetadata;
    const up = raw ? { schemaVersion: storedVersion, data } : this.upcasters.upcast(row.type, storedVersion, data);
    const gp = toBigInt(row.global_position);
    return {
      id: row.event_id,
      streamId: row.stream_id,
      revision: toBigInt(row.revision),
      globalPosition: gp,
      position: { commit: toBigInt(row.transaction_id), prepare: gp },
      type: row.type,
      schemaVersion: up.schemaVersion,
      storedSchemaVersion: storedVersion,
      data: up.data,
      metadata,
      recordedAt: toDate(row.recorded_at),
      businessTime: row.business_time === null ? null : toDate(row.business_time),
      prevHash: row.prev_hash.trim(),
      hash: row.hash.trim(),
    };
  }
}
