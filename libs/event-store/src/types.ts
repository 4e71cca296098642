import type { HashableEvent } from './hashing.js';
import type { Role } from '@regledger/shared';

/** EventStoreDB's expected revision: no check, no stream yet, stream exists, or the exact last revision. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** A position in the whole log. PostgreSQL: (transaction id, global position); EventStoreDB: (commit, prepare). */
export interface LogPosition {
  commit: bigint;
  prepare: bigint;
}

export const START: LogPosition = Object.freeze({ commit: 0n, prepare: 0n }) as LogPosition;

export const comparePositions = (a: LogPosition, b: LogPosition): number =>
  a.commit === b.commit ? (a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1) : a.commit < b.commit ? -1 : 1;

/** Who did it, where, why, and which chain of causes it belongs to. */
export interface EventMetadata {
  actorId: string;
  actorRole: Role;
  jurisdiction: string;
  correlationId: string;
  causationId: string | null;
  idempotencyKey: string | null;
  reason: string | null;
  [extra: string]: unknown;
}

export interface EventToAppend {
  /** UUID v7; generated when absent. */
  id?: string;
  type: string;
  /** Defaults to 1. */
  schemaVersion?: number;
  data: unknown;
  metadata: EventMetadata;
  /** When the fact takes effect, where that differs from when it is recorded (ISO 8601). */
  businessTime?: string | null;
}

export interface RecordedEvent<D = unknown> {
  id: string;
  streamId: string;
  /** 0-based position of the event in its stream. */
  revision: bigint;
  /** Global position as a single number (PostgreSQL: the row's sequence; EventStoreDB: commit position). */
  globalPosition: bigint;
  position: LogPosition;
  type: string;
  /** Schema version after upcasting. */
  schemaVersion: number;
  /** Schema version as stored. */
  storedSchemaVersion: number;
  data: D;
  metadata: EventMetadata;
  recordedAt: Date;
  businessTime: Date | null;
  prevHash: string;
  hash: string;
}

export interface IdempotencyOptions {
  key: string;
  /** A hash of the request; a key reused with a different request is refused. */
  requestHash: string;
}

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
  idempotency?: IdempotencyOptions;
}

export interface AppendResult {
  streamId: string;
  /** The stream's last revision after the append (-1n for an empty stream). */
  nextExpectedRevision: bigint;
  events: RecordedEvent[];
  /** True when an earlier append with the same idempotency key answered and nothing was written. */
  idempotentReplay: boolean;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Forwards: first revision to read (default 0). Backwards: revision to start from (default end). */
  fromRevision?: bigint;
  /** Stop after this revision (inclusive). */
  toRevision?: bigint;
  /** Only events recorded at or before this time. */
  asOf?: Date;
  maxCount?: number;
  /** Skip upcasting: the events as stored (used by verification and export). */
  raw?: boolean;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. */
  after?: LogPosition;
  maxCount?: number;
  raw?: boolean;
}

export interface SubscribeOptions {
  after?: LogPosition;
  batchSize?: number;
  pollIntervalMs?: number;
  signal?: AbortSignal;
}

/**
 * An event as another log recorded it, to be written again exactly (`EventStore.importEvents`): the
 * same id, stream, revision, stored schema version, data, metadata, times and hashes.
 */
export interface EventToImport extends HashableEvent {
  /** The hash the source recorded; `schemaVersion` is the stored one, never upcast. */
  hash: string;
}

export interface ImportResult {
  /** Events written. */
  imported: number;
  /** Events already in the store (same id, stream, revision and hash): left as they were. */
  skipped: number;
}

export const GENESIS_HASH = '0'.repeat(64);
