import type { HashableEvent } from '../hashing.js';
import { v5 as uuidv5 } from 'uuid';
import {
  ANY,
  ErrorType,
  NO_STREAM,
  STREAM_EXISTS,
  START as ESDB_START,
  type AppendExpectedRevision,
  type EventData,
  type Position,
  type ReadPosition,
} from '@eventstore/db-client';
import { EventStoreUnavailableError, WrongExpectedVersionError } from '../errors.js';
import { eventHash, sha256 } from '../hashing.js';
import type { UpcasterRegistry } from '../upcasting.js';
import type { EventMetadata, EventToAppend, ExpectedRevision, LogPosition, RecordedEvent } from '../types.js';

/**
 * Pure translations between the port's vocabulary and EventStoreDB's (`@eventstore/db-client` 6.2.1).
 * Nothing here talks to a server.
 */

// ---------------------------------------------------------------- revisions

/** The revision a stream "has" before its first event, as EventStoreDB counts. */
export const NO_STREAM_REVISION = -1n;

export const toClientExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision => {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      if (expected < 0n) throw new RangeError(`expected revision must be 0 or more, got ${expected}`);
      return expected;
  }
};

/** An exact base revision (the stream's last revision, -1 for none) as the client's expected revision. */
export const baseToClientRevision = (base: bigint): AppendExpectedRevision => (base < 0n ? NO_STREAM : base);

/** The base an expected revision pins, or null when the adapter has to find it at the stream's head. */
export const fixedBase = (expected: ExpectedRevision): bigint | null =>
  expected === 'no_stream' ? NO_STREAM_REVISION : typeof expected === 'bigint' ? expected : null;

/** The client reports the current revision as a bigint, 'no_stream', or (on some paths) -1. */
export const normaliseActualRevision = (actual: unknown): bigint | 'no_stream' => {
  if (typeof actual === 'bigint') return actual < 0n ? 'no_stream' : actual;
  if (typeof actual === 'number' && Number.isInteger(actual)) return actual < 0 ? 'no_stream' : BigInt(actual);
  if (typeof actual === 'string' && /^-?\d+$/.test(actual)) return normaliseActualRevision(BigInt(actual));
  return 'no_stream';
};

/**
 * Whether an append with `expected` may go ahead on a stream whose last revision is `head` (null: no
 * stream). Returns null when it may, else the actual revision to report.
 */
export const expectedRevisionConflict = (expected: ExpectedRevision, head: bigint | null): bigint | 'no_stream' | null => {
  const actual = head === null || head < 0n ? 'no_stream' : head;
  switch (expected) {
    case 'any':
      return null;
    case 'no_stream':
      return actual === 'no_stream' ? null : actual;
    case 'stream_exists':
      return actual === 'no_stream' ? 'no_stream' : null;
    default:
      return actual === expected ? null : actual;
  }
};

// ---------------------------------------------------------------- errors

const errorType = (e: unknown): string | undefined =>
  e !== null && typeof e === 'object' && typeof (e as { type?: unknown }).type === 'string' ? (e as { type: string }).type : undefined;

const grpcCode = (e: unknown): number | undefined =>
  e !== null && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'number' ? (e as { code: number }).code : undefined;

/** gRPC status codes that mean "the server could not be reached or did not answer in time". */
const TRANSPORT_CODES = new Set([
  1, // CANCELLED (by the server or the channel)
  4, // DEADLINE_EXCEEDED
  10, // ABORTED (the client's TimeoutError)
  14, // UNAVAILABLE
]);

const TRANSPORT_TYPES = new Set<string>([ErrorType.UNAVAILABLE, ErrorType.DEADLINE_EXCEEDED, ErrorType.TIMEOUT, ErrorType.CANCELLED, ErrorType.NOT_LEADER]);

export const isClientWrongExpectedVersion = (e: unknown): e is { actualVersion: unknown } =>
  errorType(e) === ErrorType.WRONG_EXPECTED_VERSION;

export const isClientStreamNotFound = (e: unknown): boolean => errorType(e) === ErrorType.STREAM_NOT_FOUND;

/**
 * The client does not always convert transport failures: an append that fails while the client asks
 * the server for its features rejects with the raw gRPC `ServiceError` (code 14), a read with its own
 * `UnavailableError`. Both, and cluster discovery giving up, are transport errors here.
 */
export const isTransportError = (e: unknown): boolean => {
  const type = errorType(e);
  if (type !== undefined && TRANSPORT_TYPES.has(type)) return true;
  if (type === undefined) {
    const code = grpcCode(e);
    if (code !== undefined && TRANSPORT_CODES.has(code)) return true;
  }
  return e instanceof Error && /^Failed to discover after \d+ attempts/.test(e.message);
};

export const toWrongExpectedVersion = (e: { actualVersion: unknown }, streamId: string, expected: ExpectedRevision): WrongExpectedVersionError =>
  new WrongExpectedVersionError(streamId, expected, normaliseActualRevision(e.actualVersion));

/** Transport failures become the port's `EventStoreUnavailableError`; anything else is returned as it is. */
export const toStoreError = (e: unknown, operation: string): unknown => {
  if (e instanceof EventStoreUnavailableError) return e;
  if (isTransportError(e)) {
    const detail = e instanceof Error ? e.message : String(e);
    const wrapped = new EventStoreUnavailableError(`EventStoreDB unavailable during ${operation}: ${detail}`);
    (wrapped as Error & { cause?: unknown }).cause = e;
    return wrapped;
  }
  return e;
};

// ---------------------------------------------------------------- positions

export const toLogPosition = (p: Position): LogPosition => ({ commit: p.commit, prepare: p.prepare });

export const samePosition = (a: LogPosition, b: LogPosition): boolean => a.commit === b.commit && a.prepare === b.prepare;

export const isStartPosition = (p: LogPosition): boolean => p.commit === 0n && p.prepare === 0n;

/** Where a forward read of `$all` begins for "strictly after `after`" (the read itself includes its start). */
export const readFromPosition = (after: LogPosition | undefined): ReadPosition =>
  !after || isStartPosition(after) ? ESDB_START : { commit: after.commit, prepare: after.prepare };

/**
 * An event's `$all` position. Reads of `$all` always carry it; stream reads carry it from server 22.6.
 * Events appended through gRPC are implicit transactions whose commit and prepare positions are equal,
 * so a bare commit position is completed with itself.
 */
export const eventLogPosition = (position: Position | undefined, commitPosition: bigint | undefined, eventId: string): LogPosition => {
  if (position) return toLogPosition(position);
  if (commitPosition !== undefined) return { commit: commitPosition, prepare: commitPosition };
  throw new Error(`EventStoreDB returned event ${eventId} without a log position (the server must be 22.6 or later)`);
};

// ---------------------------------------------------------------- which events belong to the log

/**
 * The adapter keeps a little state of its own in EventStoreDB (idempotency claims, the log's identity)
 * in streams of this prefix, outside the log the port exposes. Appends to them through the port are refused.
 */
export const INTERNAL_STREAM_PREFIX = 'regledger-internal-';
export const IDEMPOTENCY_STREAM_PREFIX = `${INTERNAL_STREAM_PREFIX}idempotency-`;
export const IDEMPOTENCY_CLAIM_TYPE = 'RegLedger.IdempotencyClaimed';
export const LOG_IDENTITY_STREAM = `${INTERNAL_STREAM_PREFIX}log-identity`;
export const LOG_IDENTITY_TYPE = 'RegLedger.LogIdentified';
const INTERNAL_TYPES = new Set([IDEMPOTENCY_CLAIM_TYPE, LOG_IDENTITY_TYPE]);

export const idempotencyStreamName = (key: string): string => `${IDEMPOTENCY_STREAM_PREFIX}${sha256(key)}`;

/** Server-written events: `$`-prefixed types (`$>` links, `$metadata`, `$statsCollected`…) and `$` streams (projections' output). */
export const isSystemEvent = (e: { type: string; streamId: string }): boolean => e.type.startsWith('$') || e.streamId.startsWith('$');

export const isInternalEvent = (e: { type: string; streamId: string }): boolean => e.streamId.startsWith(INTERNAL_STREAM_PREFIX) && INTERNAL_TYPES.has(e.type);

/** Whether an event of `$all` is one of the log's events (what readAll, headPosition and subscribe deliver). */
export const isLogEvent = (e: { type: string; streamId: string }): boolean => !isSystemEvent(e) && !isInternalEvent(e);

/** Stream names the port may append to: not EventStoreDB's (`$`) nor the adapter's own. */
export const isReservedStreamName = (streamId: string): boolean => streamId.startsWith('$') || streamId.startsWith(INTERNAL_STREAM_PREFIX);

/** The log's identity as the adapter records it once per EventStoreDB database. */
export const decodeLogIdentity = (data: unknown): string => {
  if (!isObject(data) || typeof data.logId !== 'string' || !data.logId) throw new Error(`malformed ${LOG_IDENTITY_STREAM} event`);
  return `eventstoredb:${data.logId}`;
};

// ---------------------------------------------------------------- ids

/** Namespace of the adapter's name-based (v5) event ids. */
export const IDEMPOTENT_EVENT_ID_NAMESPACE = '6f1c1f8e-2b0a-5d4e-9a51-8f0e3c7b2d14';

/**
 * The id of the `index`-th of `count` events a request appends after `base` under an idempotency key:
 * every attempt of the same request on the same base proposes the same ids, so EventStoreDB recognises
 * a repeated append at that expected revision and answers with the events already written instead of
 * writing them again. The request hash is part of the name so that another request under the same key
 * is never taken for the first; base and count, so that two claims of one request never share an id.
 */
export const deterministicEventId = (key: string, requestHash: string, base: bigint, count: number, index: number): string =>
  uuidv5(`${key}\u0000${requestHash}\u0000${base}\u0000${count}\u0000${index}`, IDEMPOTENT_EVENT_ID_NAMESPACE);

// ---------------------------------------------------------------- the envelope

export const ENVELOPE_KEY = '$envelope';

/** What the port's RecordedEvent says that EventStoreDB's own record does not. */
export interface StoredEnvelope {
  v: 1;
  schemaVersion: number;
  businessTime: string | null;
  recordedAt: string;
  prevHash: string;
  hash: string;
}

/** An event ready to be written: everything its hash covers, and the hash. */
export type PreparedEvent = HashableEvent & { hash: string };

/**
 * The events of one append, numbered from `firstRevision`, each hashed and chained to the one before
 * (the first to `prevHash`, the hash of the stream's event at `firstRevision - 1`).
 */
export const prepareEvents = (args: {
  streamId: string;
  events: readonly EventToAppend[];
  ids: readonly string[];
  firstRevision: bigint;
  prevHash: string;
  recordedAt: Date;
}): PreparedEvent[] => {
  if (args.ids.length !== args.events.length) throw new Error(`${args.events.length} events but ${args.ids.length} ids`);
  let prevHash = args.prevHash;
  return args.events.map((e, i) => {
    if (e.type.startsWith('$')) throw new Error(`event type ${e.type}: types starting with $ are reserved for EventStoreDB`);
    if (Object.prototype.hasOwnProperty.call(e.metadata, ENVELOPE_KEY)) throw new Error(`event metadata must not contain ${ENVELOPE_KEY}`);
    const revision = args.firstRevision + BigInt(i);
    const schemaVersion = e.schemaVersion ?? 1;
    const businessTime = e.businessTime ? new Date(e.businessTime) : null;
    const data = JSON.parse(JSON.stringify(e.data ?? null)) as unknown;
    const metadata = JSON.parse(JSON.stringify(e.metadata)) as EventMetadata;
    const base = { id: args.ids[i], streamId: args.streamId, revision, type: e.type, schemaVersion, data, metadata, recordedAt: args.recordedAt, businessTime, prevHash };
    const prepared: PreparedEvent = { ...base, hash: eventHash(base) };
    prevHash = prepared.hash;
    return prepared;
  });
};

export const envelopeOf = (p: PreparedEvent): StoredEnvelope => ({
  v: 1,
  schemaVersion: p.schemaVersion,
  businessTime: p.businessTime ? p.businessTime.toISOString() : null,
  recordedAt: p.recordedAt.toISOString(),
  prevHash: p.prevHash,
  hash: p.hash,
});

/** The event as the client sends it: JSON data, and our metadata with the envelope beside it. */
export const toEventData = (p: PreparedEvent): EventData =>
  ({
    id: p.id,
    contentType: 'application/json',
    type: p.type,
    data: p.data,
    metadata: { ...p.metadata, [ENVELOPE_KEY]: envelopeOf(p) },
  }) as EventData;

/** The parts of the client's recorded event the adapter reads. */
export interface ClientRecord {
  id: string;
  streamId: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  isJson?: boolean;
  position?: Position;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array);

const isEnvelope = (v: unknown): v is StoredEnvelope =>
  isObject(v) &&
  typeof v.schemaVersion === 'number' &&
  typeof v.recordedAt === 'string' &&
  typeof v.prevHash === 'string' &&
  typeof v.hash === 'string' &&
  (v.businessTime === null || typeof v.businessTime === 'string');

/** Splits stored metadata into the metadata that was appended and the envelope. */
export const unpackMetadata = (stored: unknown, eventId: string): { metadata: EventMetadata; envelope: StoredEnvelope } => {
  if (!isObject(stored) || !isEnvelope(stored[ENVELOPE_KEY])) {
    throw new Error(`EventStoreDB event ${eventId} carries no RegLedger envelope: it was not written by this adapter`);
  }
  const { [ENVELOPE_KEY]: envelope, ...metadata } = stored;
  return { metadata: metadata as EventMetadata, envelope: envelope as StoredEnvelope };
};

export const toRecordedEvent = (
  record: ClientRecord,
  options: { commitPosition?: bigint; upcasters?: UpcasterRegistry; raw?: boolean } = {},
): RecordedEvent => {
  const { metadata, envelope } = unpackMetadata(record.metadata, record.id);
  const position = eventLogPosition(record.position, options.commitPosition, record.id);
  const data = record.data instanceof Uint8Array ? (JSON.parse(Buffer.from(record.data).toString('utf8')) as unknown) : record.data;
  const up =
    options.raw || !options.upcasters
      ? { schemaVersion: envelope.schemaVersion, data }
      : options.upcasters.upcast(record.type, envelope.schemaVersion, data);
  return {
    id: record.id,
    streamId: record.streamId,
    revision: record.revision,
    globalPosition: position.commit,
    position,
    type: record.type,
    schemaVersion: up.schemaVersion,
    storedSchemaVersion: envelope.schemaVersion,
    data: up.data,
    metadata,
    recordedAt: new Date(envelope.recordedAt),
    businessTime: envelope.businessTime === null ? null : new Date(envelope.businessTime),
    prevHash: envelope.prevHash,
    hash: envelope.hash,
  };
};

// ---------------------------------------------------------------- idempotency claims

/**
 * A claim on an idempotency key, written to the key's index stream BEFORE the events: which request it
 * is, the stream, the revision the events are to follow and the ids they carry. Whether the request
 * took effect is then read from the target stream itself (are those ids at base + 1 …?), so the index
 * never has to be written after the events and no crash between two writes can lose an answer.
 */
export interface IdempotencyClaim {
  key: string;
  requestHash: string;
  streamId: string;
  /** The stream's last revision the events follow (-1: the stream did not exist). */
  baseRevision: bigint;
  eventIds: string[];
}

export const encodeClaim = (c: IdempotencyClaim): Record<string, unknown> => ({
  key: c.key,
  requestHash: c.requestHash,
  streamId: c.streamId,
  baseRevision: c.baseRevision.toString(),
  eventIds: [...c.eventIds],
});

export const decodeClaim = (data: unknown): IdempotencyClaim => {
  if (
    !isObject(data) ||
    typeof data.key !== 'string' ||
    typeof data.requestHash !== 'string' ||
    typeof data.streamId !== 'string' ||
    typeof data.baseRevision !== 'string' ||
    !/^-?\d+$/.test(data.baseRevision) ||
    !Array.isArray(data.eventIds) ||
    !data.eventIds.every((id) => typeof id === 'string')
  ) {
    throw new Error('malformed idempotency claim');
  }
  return { key: data.key, requestHash: data.requestHash, streamId: data.streamId, baseRevision: BigInt(data.baseRevision), eventIds: data.eventIds as string[] };
};

export type Landing = 'landed' | 'pending' | 'dead';

/**
 * Whether a claim's events are in its stream, given the stream's events from base + 1 on (at most as
 * many as the claim has ids): all there ('landed'), the slot still free ('pending'), or taken by other
 * events ('dead': an immutable log and an exact expected revision mean they can never land there).
 */
export const classifyLanding = (claim: IdempotencyClaim, following: readonly { id: string; revision: bigint }[]): Landing => {
  if (claim.eventIds.length === 0) return 'dead';
  if (following.length === 0) return 'pending';
  if (following[0].revision !== claim.baseRevision + 1n) throw new Error(`claim on ${claim.streamId}: expected revision ${claim.baseRevision + 1n}, read ${following[0].revision}`);
  // Appends are atomic: the claim landed only if all its ids are there, in order.
  return claim.eventIds.every((id, i) => following[i]?.id === id) ? 'landed' : 'dead';
};

export interface ClaimState {
  claim: IdempotencyClaim;
  landing: Landing;
}

export type IdempotencyPlan =
  /** The request took effect earlier: answer with those events. */
  | { kind: 'replay'; claim: IdempotencyClaim }
  /** The key belongs to another request. */
  | { kind: 'reused' }
  /** Append under the latest claim (its base and ids): a concurrent or repeated attempt of the same request. */
  | { kind: 'join'; claim: IdempotencyClaim }
  /** Write a new claim, then append under it. */
  | { kind: 'claim' };

/**
 * What an idempotent append does, from the key's claims (oldest first) and where their events stand.
 * `base` is the revision the caller pins (exact or no_stream), or null when the adapter takes the head.
 */
export const planIdempotentAppend = (
  states: readonly ClaimState[],
  request: { requestHash: string; streamId: string; eventCount: number; base: bigint | null },
): IdempotencyPlan => {
  const landed = states.find((s) => s.landing === 'landed');
  if (landed) {
    const same = landed.claim.requestHash === request.requestHash && landed.claim.streamId === request.streamId;
    return same ? { kind: 'replay', claim: landed.claim } : { kind: 'reused' };
  }
  const latest = states[states.length - 1];
  if (!latest) return { kind: 'claim' };
  const same = latest.claim.requestHash === request.requestHash && latest.claim.streamId === request.streamId;
  // A pending claim of another request may still land: the key is taken until it is known dead.
  if (!same) return latest.landing === 'dead' ? { kind: 'claim' } : { kind: 'reused' };
  const sameShape = latest.claim.eventIds.length === request.eventCount;
  if (request.base === null) {
    // Head-based ('any', 'stream_exists'): a pending claim is joined (a second base could land twice).
    if (latest.landing === 'pending') return sameShape ? { kind: 'join', claim: latest.claim } : { kind: 'reused' };
    return { kind: 'claim' };
  }
  // Pinned base: only one append can ever land on a base, so a claim on the same base is joined (or, with
  // other ids, superseded: whichever lands, the loser is refused and finds the winner among the claims).
  // A pending claim on another base is superseded too; it could still land only if an attempt made
  // under it were still in flight when the stream reached that base again.
  return sameShape && latest.claim.baseRevision === request.base ? { kind: 'join', claim: latest.claim } : { kind: 'claim' };
};

/** What findIdempotentResult answers from the same states: the earlier result, none, or a refusal. */
export const idempotentLookup = (states: readonly ClaimState[], requestHash: string): { kind: 'replay'; claim: IdempotencyClaim } | { kind: 'none' } | { kind: 'reused' } => {
  const landed = states.find((s) => s.landing === 'landed');
  if (landed) return landed.claim.requestHash === requestHash ? { kind: 'replay', claim: landed.claim } : { kind: 'reused' };
  const latest = states[states.length - 1];
  if (latest && latest.claim.requestHash !== requestHash && latest.landing === 'pending') return { kind: 'reused' };
  return { kind: 'none' };
};
