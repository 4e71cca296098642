import { createServer } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import {
  EventStoreDBClient,
  UnavailableError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
  jsonEvent,
} from '@eventstore/db-client';
import { EventStoreUnavailableError, WrongExpectedVersionError } from '../errors.js';
import { eventHash } from '../hashing.js';
import { UpcasterRegistry } from '../upcasting.js';
import { GENESIS_HASH, START, type EventMetadata, type EventToAppend } from '../types.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';
import {
  ENVELOPE_KEY,
  IDEMPOTENCY_CLAIM_TYPE,
  LOG_IDENTITY_STREAM,
  LOG_IDENTITY_TYPE,
  baseToClientRevision,
  classifyLanding,
  decodeClaim,
  decodeLogIdentity,
  deterministicEventId,
  encodeClaim,
  eventLogPosition,
  expectedRevisionConflict,
  fixedBase,
  idempotencyStreamName,
  idempotentLookup,
  isClientWrongExpectedVersion,
  isLogEvent,
  isReservedStreamName,
  isTransportError,
  normaliseActualRevision,
  planIdempotentAppend,
  prepareEvents,
  readFromPosition,
  samePosition,
  toClientExpectedRevision,
  toEventData,
  toRecordedEvent,
  toStoreError,
  toWrongExpectedVersion,
  unpackMetadata,
  type ClaimState,
  type ClientRecord,
  type IdempotencyClaim,
} from './eventstoredb-mapping.js';

const meta = (over: Partial<EventMetadata> = {}): EventMetadata => ({
  actorId: 'tester',
  actorRole: 'admin',
  jurisdiction: '440000',
  correlationId: '0190a8f2-7a3b-7c4d-8e5f-0123456789ab',
  causationId: null,
  idempotencyKey: null,
  reason: '年度复审',
  ...over,
});

/** What the server gives back: the JSON the client sent, parsed again. */
const asStored = (p: ReturnType<typeof toEventData>, streamId: string, revision: bigint, commit: bigint): ClientRecord => ({
  id: p.id,
  streamId,
  revision,
  type: p.type,
  data: JSON.parse(JSON.stringify(p.data)) as unknown,
  metadata: JSON.parse(JSON.stringify(p.metadata)) as unknown,
  isJson: true,
  position: { commit, prepare: commit },
});

const closedPort = async (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const rejection = async (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );

describe('EventStoreDB mapping: expected revisions', () => {
  it("maps the port's expected revisions to the client's", () => {
    expect(toClientExpectedRevision('any')).toBe('any');
    expect(toClientExpectedRevision('no_stream')).toBe('no_stream');
    expect(toClientExpectedRevision('stream_exists')).toBe('stream_exists');
    expect(toClientExpectedRevision(0n)).toBe(0n);
    expect(toClientExpectedRevision(41n)).toBe(41n);
    expect(() => toClientExpectedRevision(-1n)).toThrow(RangeError);
  });

  it('pins a base for exact and no_stream, none for any and stream_exists', () => {
    expect(fixedBase('no_stream')).toBe(-1n);
    expect(fixedBase(7n)).toBe(7n);
    expect(fixedBase('any')).toBeNull();
    expect(fixedBase('stream_exists')).toBeNull();
    expect(baseToClientRevision(-1n)).toBe('no_stream');
    expect(baseToClientRevision(3n)).toBe(3n);
  });

  it('normalises the actual revision the client reports', () => {
    expect(normaliseActualRevision(5n)).toBe(5n);
    expect(normaliseActualRevision(-1n)).toBe('no_stream');
    expect(normaliseActualRevision('no_stream')).toBe('no_stream');
    expect(normaliseActualRevision('12')).toBe(12n);
    expect(normaliseActualRevision(3)).toBe(3n);
  });

  it('decides locally what EventStoreDB would decide for an empty append', () => {
    expect(expectedRevisionConflict('any', null)).toBeNull();
    expect(expectedRevisionConflict('any', 4n)).toBeNull();
    expect(expectedRevisionConflict('no_stream', null)).toBeNull();
    expect(expectedRevisionConflict('no_stream', 0n)).toBe(0n);
    expect(expectedRevisionConflict('stream_exists', null)).toBe('no_stream');
    expect(expectedRevisionConflict('stream_exists', 2n)).toBeNull();
    expect(expectedRevisionConflict(2n, 2n)).toBeNull();
    expect(expectedRevisionConflict(2n, 3n)).toBe(3n);
    expect(expectedRevisionConflict(0n, null)).toBe('no_stream');
  });

  it("turns the client's WrongExpectedVersionError into the port's", () => {
    const clientError = new ClientWrongExpectedVersionError(undefined, { streamName: 's-1', expected: 0n, current: 1n });
    expect(isClientWrongExpectedVersion(clientError)).toBe(true);
    const ours = toWrongExpectedVersion(clientError, 's-1', 0n);
    expect(ours).toBeInstanceOf(WrongExpectedVersionError);
    expect(ours.actual).toBe(1n);
    expect(ours.expected).toBe(0n);
    expect(ours.code).toBe('STREAM.WRONG_EXPECTED_REVISION');
    const missing = new ClientWrongExpectedVersionError(undefined, { streamName: 's-2', expected: 'stream_exists', current: 'no_stream' });
    expect(toWrongExpectedVersion(missing, 's-2', 'stream_exists').actual).toBe('no_stream');
    expect(isClientWrongExpectedVersion(new Error('no'))).toBe(false);
  });
});

describe('EventStoreDB mapping: errors', () => {
  it('recognises transport failures in both shapes the client produces', () => {
    expect(isTransportError(new UnavailableError())).toBe(true);
    const raw = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14, details: 'No connection established' });
    expect(isTransportError(raw)).toBe(true);
    expect(isTransportError(Object.assign(new Error('4 DEADLINE_EXCEEDED'), { code: 4 }))).toBe(true);
    expect(isTransportError(new Error('Failed to discover after 10 attempts.'))).toBe(true);
    expect(isTransportError(new ClientWrongExpectedVersionError(undefined, { streamName: 's', expected: 0n, current: 1n }))).toBe(false);
    expect(isTransportError(new Error('boom'))).toBe(false);
  });

  it('wraps transport failures in EventStoreUnavailableError and leaves the rest alone', () => {
    const wrapped = toStoreError(new UnavailableError(undefined, 'down'), 'append to s');
    expect(wrapped).toBeInstanceOf(EventStoreUnavailableError);
    expect((wrapped as EventStoreUnavailableError).code).toBe('EVENT_STORE.UNAVAILABLE');
    expect((wrapped as EventStoreUnavailableError).message).toContain('append to s');
    const other = new Error('boom');
    expect(toStoreError(other, 'x')).toBe(other);
  });
});

describe('EventStoreDB mapping: positions and system events', () => {
  it('reads $all from the start or from a position (which the read itself includes)', () => {
    expect(readFromPosition(undefined)).toBe('start');
    expect(readFromPosition(START)).toBe('start');
    expect(readFromPosition({ commit: 10n, prepare: 10n })).toEqual({ commit: 10n, prepare: 10n });
    expect(samePosition({ commit: 1n, prepare: 2n }, { commit: 1n, prepare: 2n })).toBe(true);
    expect(samePosition({ commit: 1n, prepare: 2n }, { commit: 1n, prepare: 3n })).toBe(false);
  });

  it("takes an event's position from the record, else from its commit position", () => {
    expect(eventLogPosition({ commit: 5n, prepare: 4n }, 9n, 'e')).toEqual({ commit: 5n, prepare: 4n });
    expect(eventLogPosition(undefined, 9n, 'e')).toEqual({ commit: 9n, prepare: 9n });
    expect(() => eventLogPosition(undefined, undefined, 'e')).toThrow(/22\.6/);
  });

  it('keeps system events and the adapter streams out of the log', () => {
    expect(isLogEvent({ type: 'Tested', streamId: 'enterprise-1' })).toBe(true);
    expect(isLogEvent({ type: '$>', streamId: '$ce-enterprise' })).toBe(false);
    expect(isLogEvent({ type: '$metadata', streamId: '$$enterprise-1' })).toBe(false);
    expect(isLogEvent({ type: 'Result', streamId: '$projections-x-result' })).toBe(false);
    expect(isLogEvent({ type: IDEMPOTENCY_CLAIM_TYPE, streamId: idempotencyStreamName('k') })).toBe(false);
    expect(isLogEvent({ type: LOG_IDENTITY_TYPE, streamId: LOG_IDENTITY_STREAM })).toBe(false);
    expect(isReservedStreamName('$all')).toBe(true);
    expect(isReservedStreamName(idempotencyStreamName('k'))).toBe(true);
    expect(isReservedStreamName('enterprise-1')).toBe(false);
    expect(idempotencyStreamName('k')).not.toContain('$');
    expect(decodeLogIdentity({ logId: 'abc' })).toBe('eventstoredb:abc');
    expect(() => decodeLogIdentity({})).toThrow();
  });
});

describe('EventStoreDB mapping: the envelope', () => {
  const events: EventToAppend[] = [
    { type: 'Declared', schemaVersion: 1, data: { n: 1, text: '第1号', nested: { b: 2, a: [1, 'x'] } }, metadata: meta(), businessTime: '2026-01-02T00:00:00Z' },
    { type: 'Declared', data: { n: 2 }, metadata: meta({ extra: { z: 1, a: 2 } }) },
  ];
  const recordedAt = new Date('2026-03-04T05:06:07.089Z');
  const prepared = prepareEvents({ streamId: 'decl-1', events, ids: ['0190a8f2-0000-7000-8000-000000000001', '0190a8f2-0000-7000-8000-000000000002'], firstRevision: 3n, prevHash: 'a'.repeat(64), recordedAt });

  it('numbers, hashes and chains the events of an append', () => {
    expect(prepared.map((p) => p.revision)).toEqual([3n, 4n]);
    expect(prepared[0].prevHash).toBe('a'.repeat(64));
    expect(prepared[1].prevHash).toBe(prepared[0].hash);
    expect(prepared[0].schemaVersion).toBe(1);
    expect(prepared[1].schemaVersion).toBe(1);
    expect(prepared[0].hash).toBe(eventHash(prepared[0]));
  });

  it('packs the envelope beside the metadata and unpacks exactly what was appended', () => {
    const data = toEventData(prepared[0]);
    expect(data.contentType).toBe('application/json');
    expect(data.id).toBe(prepared[0].id);
    const stored = data.metadata as Record<string, unknown>;
    expect(stored[ENVELOPE_KEY]).toEqual({
      v: 1,
      schemaVersion: 1,
      businessTime: '2026-01-02T00:00:00.000Z',
      recordedAt: '2026-03-04T05:06:07.089Z',
      prevHash: 'a'.repeat(64),
      hash: prepared[0].hash,
    });
    const back = toRecordedEvent(asStored(data, 'decl-1', 3n, 1234n));
    expect(back.metadata).toEqual(events[0].metadata);
    expect(Object.keys(back.metadata)).not.toContain(ENVELOPE_KEY);
    expect(back.data).toEqual(events[0].data);
    expect(back.recordedAt.toISOString()).toBe('2026-03-04T05:06:07.089Z');
    expect(back.businessTime?.toISOString()).toBe('2026-01-02T00:00:00.000Z');
    expect(back.revision).toBe(3n);
    expect(back.position).toEqual({ commit: 1234n, prepare: 1234n });
    expect(back.globalPosition).toBe(1234n);
    expect(back.prevHash).toBe('a'.repeat(64));
  });

  it('reads back events whose hashes the verifier recomputes', () => {
    const back = prepared.map((p, i) => toRecordedEvent(asStored(toEventData(p), 'decl-1', p.revision, 100n + BigInt(i)), { raw: true }));
    for (const e of back) expect(eventHash({ ...e, schemaVersion: e.storedSchemaVersion })).toBe(e.hash);
    expect(back[1].prevHash).toBe(back[0].hash);
    expect(back[1].metadata).toEqual(meta({ extra: { z: 1, a: 2 } }));
  });

  it('upcasts on read unless asked for the raw event', () => {
    const upcasters = new UpcasterRegistry([{ eventType: 'Declared', fromVersion: 1, upcast: (d) => ({ ...(d as object), v2: true }) }]);
    const record = asStored(toEventData(prepared[1]), 'decl-1', 4n, 200n);
    const up = toRecordedEvent(record, { upcasters });
    expect(up.schemaVersion).toBe(2);
    expect(up.storedSchemaVersion).toBe(1);
    expect(up.data).toEqual({ n: 2, v2: true });
    const raw = toRecordedEvent(record, { upcasters, raw: true });
    expect(raw.schemaVersion).toBe(1);
    expect(raw.data).toEqual({ n: 2 });
  });

  it('refuses what the envelope cannot carry, and events it did not write', () => {
    const base = { streamId: 's', ids: ['0190a8f2-0000-7000-8000-000000000001'], firstRevision: 0n, prevHash: GENESIS_HASH, recordedAt };
    expect(() => prepareEvents({ ...base, events: [{ type: 'T', data: {}, metadata: { ...meta(), [ENVELOPE_KEY]: 1 } }] })).toThrow(/\$envelope/);
    expect(() => prepareEvents({ ...base, events: [{ type: '$T', data: {}, metadata: meta() }] })).toThrow(/reserved/);
    expect(() => prepareEvents({ ...base, ids: [], events: [{ type: 'T', data: {}, metadata: meta() }] })).toThrow();
    expect(() => unpackMetadata({ actorId: 'x' }, 'e-1')).toThrow(/envelope/);
    expect(() => unpackMetadata(undefined, 'e-1')).toThrow(/envelope/);
  });
});

describe('EventStoreDB mapping: idempotency', () => {
  it('derives the same v5 ids for the same request and different ones otherwise', () => {
    const a = deterministicEventId('key-1', 'h1', 4n, 2, 0);
    expect(a).toBe(deterministicEventId('key-1', 'h1', 4n, 2, 0));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicEventId('key-1', 'h1', 4n, 2, 1)).not.toBe(a);
    expect(deterministicEventId('key-2', 'h1', 4n, 2, 0)).not.toBe(a);
    expect(deterministicEventId('key-1', 'h2', 4n, 2, 0)).not.toBe(a);
    expect(deterministicEventId('key-1', 'h1', 5n, 2, 0)).not.toBe(a);
    expect(deterministicEventId('key-1', 'h1', 4n, 3, 0)).not.toBe(a);
  });

  const claim = (over: Partial<IdempotencyClaim> = {}): IdempotencyClaim => ({
    key: 'k',
    requestHash: 'h',
    streamId: 's',
    baseRevision: 4n,
    eventIds: ['id-a', 'id-b'],
    ...over,
  });

  it('encodes claims as JSON and refuses malformed ones', () => {
    const c = claim({ baseRevision: -1n });
    const decoded = decodeClaim(JSON.parse(JSON.stringify(encodeClaim(c))));
    expect(decoded).toEqual(c);
    expect(() => decodeClaim({ key: 'k' })).toThrow(/malformed/);
  });

  it("reads a claim's fate from the events after its base", () => {
    const c = claim();
    expect(classifyLanding(c, [])).toBe('pending');
    expect(classifyLanding(c, [{ id: 'id-a', revision: 5n }, { id: 'id-b', revision: 6n }])).toBe('landed');
    expect(classifyLanding(c, [{ id: 'other', revision: 5n }])).toBe('dead');
    expect(classifyLanding(c, [{ id: 'id-a', revision: 5n }, { id: 'other', revision: 6n }])).toBe('dead');
    expect(classifyLanding(c, [{ id: 'id-a', revision: 5n }])).toBe('dead');
    expect(() => classifyLanding(c, [{ id: 'id-a', revision: 9n }])).toThrow();
  });

  const state = (landing: ClaimState['landing'], over: Partial<IdempotencyClaim> = {}): ClaimState => ({ claim: claim(over), landing });
  const request = (over: Partial<{ requestHash: string; streamId: string; eventCount: number; base: bigint | null }> = {}) => ({
    requestHash: 'h',
    streamId: 's',
    eventCount: 2,
    base: null as bigint | null,
    ...over,
  });

  it('plans an append: first claim, replay, refusal', () => {
    expect(planIdempotentAppend([], request())).toEqual({ kind: 'claim' });
    expect(planIdempotentAppend([state('landed')], request()).kind).toBe('replay');
    expect(planIdempotentAppend([state('dead'), state('landed')], request()).kind).toBe('replay');
    expect(planIdempotentAppend([state('landed', { requestHash: 'other' })], request()).kind).toBe('reused');
    expect(planIdempotentAppend([state('landed', { streamId: 'other' })], request()).kind).toBe('reused');
    expect(planIdempotentAppend([state('pending', { requestHash: 'other' })], request()).kind).toBe('reused');
    expect(planIdempotentAppend([state('dead', { requestHash: 'other' })], request()).kind).toBe('claim');
  });

  it('plans a head-based append: joins a pending claim, re-claims a dead one', () => {
    expect(planIdempotentAppend([state('pending')], request())).toEqual({ kind: 'join', claim: claim() });
    expect(planIdempotentAppend([state('pending')], request({ eventCount: 3 })).kind).toBe('reused');
    expect(planIdempotentAppend([state('dead')], request()).kind).toBe('claim');
  });

  it('plans a pinned append: joins a claim on the same base, supersedes one on another', () => {
    expect(planIdempotentAppend([state('pending')], request({ base: 4n })).kind).toBe('join');
    expect(planIdempotentAppend([state('dead')], request({ base: 4n })).kind).toBe('join');
    expect(planIdempotentAppend([state('pending')], request({ base: 6n })).kind).toBe('claim');
    expect(planIdempotentAppend([state('pending')], request({ base: 4n, eventCount: 1 })).kind).toBe('claim');
  });

  it('answers findIdempotentResult from the same states', () => {
    expect(idempotentLookup([], 'h')).toEqual({ kind: 'none' });
    expect(idempotentLookup([state('landed')], 'h').kind).toBe('replay');
    expect(idempotentLookup([state('landed')], 'x').kind).toBe('reused');
    expect(idempotentLookup([state('pending')], 'h').kind).toBe('none');
    expect(idempotentLookup([state('pending')], 'x').kind).toBe('reused');
    expect(idempotentLookup([state('dead')], 'x').kind).toBe('none');
  });
});

describe('EventStoreDB adapter without a server', () => {
  it('builds a client from a connection string, and an append fails fast with EventStoreUnavailableError', async () => {
    const port = await closedPort();
    const store = new EventStoreDbEventStore(`esdb://127.0.0.1:${port}?tls=false`);
    expect(store.backend).toBe('eventstoredb');
    try {
      const started = Date.now();
      const error = await rejection(store.appendToStream('decl-1', [{ type: 'Declared', data: { n: 1 }, metadata: meta() }], { expectedRevision: 'no_stream' }));
      const elapsed = Date.now() - started;
      process.stdout.write(`[eventstoredb unit] append without a server failed in ${elapsed} ms: ${(error as Error).message}\n`);
      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect((error as EventStoreUnavailableError).code).toBe('EVENT_STORE.UNAVAILABLE');
      expect((error as EventStoreUnavailableError).kind).toBe('unavailable');
      expect(elapsed).toBeLessThan(5_000);
    } finally {
      await store.close();
    }
  });

  it('maps transport errors of reads, head, idempotent appends and the log identity too', async () => {
    const port = await closedPort();
    const client = EventStoreDBClient.connectionString(`esdb://127.0.0.1:${port}?tls=false`);
    const store = new EventStoreDbEventStore(client);
    try {
      const idempotency = { key: 'k-1', requestHash: 'h' };
      const attempts: Promise<unknown>[] = [
        store.readStream('decl-1'),
        store.streamRevision('decl-1'),
        store.readAll({ maxCount: 10 }),
        store.headPosition(),
        store.findIdempotentResult(idempotency),
        store.appendToStream('decl-1', [{ type: 'Declared', data: {}, metadata: meta() }], { expectedRevision: 'any' }),
        store.appendToStream('decl-1', [{ type: 'Declared', data: {}, metadata: meta() }], { expectedRevision: 'no_stream', idempotency }),
        store.logIdentity(),
      ];
      for (const p of attempts) expect(await rejection(p)).toBeInstanceOf(EventStoreUnavailableError);
      // The raw client, for comparison: a write surfaces gRPC's UNAVAILABLE (code 14) unconverted.
      const raw = await rejection(client.appendToStream('decl-1', jsonEvent({ type: 'T', data: {} })));
      expect((raw as { code?: number }).code).toBe(14);
    } finally {
      await store.close();
    }
  });

  it('refuses reserved stream names before touching the server', async () => {
    const store = new EventStoreDbEventStore('esdb://127.0.0.1:1?tls=false');
    try {
      await expect(store.appendToStream('$all', [{ type: 'T', data: {}, metadata: meta() }], { expectedRevision: 'any' })).rejects.toThrow(/reserved/);
      await expect(store.appendToStream(idempotencyStreamName('k'), [{ type: 'T', data: {}, metadata: meta() }], { expectedRevision: 'any' })).rejects.toThrow(
        /reserved/,
      );
    } finally {
      await store.close();
    }
  });
});
