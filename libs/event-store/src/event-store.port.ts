import type {
  AppendOptions,
  AppendResult,
  EventToAppend,
  IdempotencyOptions,
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
   * Names the physical log that positions belong to (PostgreSQL: the cluster's system identifier and
   * the database). Checkpoints record it and refuse to resume against another log.
   */
  logIdentity(): Promise<string>;

  close(): Promise<void>;
}
