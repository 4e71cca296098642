import type {
  AppendOptions,
  AppendResult,
  EventToAppend,
  EventToImport,
  IdempotencyOptions,
  ImportResult,
  LogPosition,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from './types.js';

/**
 * The one port both back ends implement (PostgreSQL on kysely over `pg` or PGlite, and EventStoreDB).
 * Every adapter passes the contract suite in `testing/event-store.contract.ts`.
 */
export interface EventStore {
  readonly backend: 'postgres' | 'pglite' | 'eventstoredb';

  /** Appends atomically with EventStoreDB's optimistic-concurrency semantics. */
  appendToStream(streamId: string, events: EventToAppend[], options: AppendOptions): Promise<AppendResult>;

  /** The answer of an earlier append made with this idempotency key, if any. */
  findIdempotentResult(idempotency: IdempotencyOptions): Promise<AppendResult | null>;

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** The stream's last revision, or null when it has no events. */
  streamRevision(streamId: string): Promise<bigint | null>;

  /** The whole log in its global order, strictly after `after`; never skips an event committed late. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /**
   * Position of the last event a reader can see now (null for an empty log). With `committed`, the
   * last event committed, even if readers cannot take it yet because an older transaction is still
   * running (PostgreSQL): what to wait for after a command has been acknowledged.
   */
  headPosition(options?: { committed?: boolean }): Promise<{ position: LogPosition; globalPosition: bigint; recordedAt: Date } | null>;

  /** Catch-up subscription to the whole log from a checkpoint, in batches, until the signal aborts. */
  subscribe(options?: SubscribeOptions): AsyncIterable<RecordedEvent[]>;

  /**
   * Writes events recorded by another log exactly as they were (id, revision, recordedAt, businessTime,
   * metadata, hashes), in the order given, which becomes their order in this log; positions are this
   * log's own. Every event must continue its stream here (revision = last + 1, prevHash = the last
   * event's hash) and its hash must be the engine's hash of its content; otherwise the call is refused
   * with `ImportRefusedError`. An event already present with the same id, stream, revision and hash
   * is skipped, so an interrupted import can be run again. PostgreSQL writes a call in one transaction;
   * EventStoreDB writes each run of consecutive events of one stream atomically.
   */
  importEvents(events: readonly EventToImport[]): Promise<ImportResult>;

  /**
   * Names the physical log that positions belong to (PostgreSQL: the cluster's system identifier and
   * the database). Checkpoints record it and refuse to resume against another log.
   */
  logIdentity(): Promise<string>;

  close(): Promise<void>;
}
