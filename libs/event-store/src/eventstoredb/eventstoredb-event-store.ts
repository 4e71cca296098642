import { v7 as uuidv7 } from 'uuid';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START as ESDB_START,
  type AppendExpectedRevision,
  type Position,
  type ReadPosition,
  type ReadRevision,
} from '@eventstore/db-client';
import type { EventStore } from '../event-store.port.js';
import { pollingSubscription } from '../polling-subscription.js';
import { IdempotencyKeyReusedError, ImportRefusedError, WrongExpectedVersionError } from '../errors.js';
import { planImport, type StreamHead } from '../importing.js';
import { UpcasterRegistry } from '../upcasting.js';
import { sleep } from '../sleep.js';
import {
  GENESIS_HASH,
  type AppendOptions,
  type AppendResult,
  type EventToAppend,
  type EventToImport,
  type ExpectedRevision,
  type IdempotencyOptions,
  type ImportResult,
  type LogPosition,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
} from '../types.js';
import {
  IDEMPOTENCY_CLAIM_TYPE,
  NO_STREAM_REVISION,
  baseToClientRevision,
  classifyLanding,
  decodeClaim,
  deterministicEventId,
  encodeClaim,
  expectedRevisionConflict,
  fixedBase,
  idempotencyStreamName,
  idempotentLookup,
  isClientStreamNotFound,
  isClientWrongExpectedVersion,
  isLogEvent,
  isReservedStreamName,
  INTERNAL_STREAM_PREFIX,
  LOG_IDENTITY_STREAM,
  LOG_IDENTITY_TYPE,
  decodeLogIdentity,
  planIdempotentAppend,
  prepareEvents,
  readFromPosition,
  samePosition,
  toEventData,
  toLogPosition,
  toRecordedEvent,
  toStoreError,
  toWrongExpectedVersion,
  type ClaimState,
  type ClientRecord,
  type IdempotencyClaim,
} from './eventstoredb-mapping.js';

export interface EventStoreDbEventStoreOptions {
  upcasters?: UpcasterRegistry;
  /** The store's clock for `recordedAt`. */
  clock?: () => Date;
  /** Whether close() disposes the client (default true; pass false for a client shared with others). */
  disposeClientOnClose?: boolean;
  /** Attempts of an 'any' / 'stream_exists' append racing writers of other processes (default 100). */
  maxAppendAttempts?: number;
}

/** What a read of the client yields: the event (and a link, which the adapter never resolves). */
interface Resolved {
  event?: unknown;
  commitPosition?: bigint;
}

/** The client's streaming read: an object-mode Readable with cancel(). */
interface ClientRead extends AsyncIterable<Resolved> {
  cancel(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

const READ_ALL_PAGE = 500;
const HEAD_PAGE = 64;

/**
 * The log on EventStoreDB through `@eventstore/db-client` (gRPC; server 22.6 or later for positions on
 * stream reads).
 *
 * - Concurrency is EventStoreDB's own: every append carries an exact expected revision. 'any' and
 *   'stream_exists' read the stream's head, chain to it and append at exactly that revision, retrying on
 *   WrongExpectedVersion; appends of one process to one stream also queue behind each other here, so they
 *   do not race each other round after round.
 * - The fields the port has and EventStoreDB lacks (schema version, business time, recordedAt, the hash
 *   chain) travel in the event's JSON metadata under `$envelope` and are removed again on read.
 * - The log the port exposes is `$all` without system events (`$` types or `$` streams) and without the
 *   adapter's own `regledger-internal-` streams. Every other event must carry the envelope: one that
 *   does not (written by another tool) is an error, not skipped. Reading `$all` needs a user allowed to
 *   (admin, or an insecure node).
 * - `position` is the event's `$all` position and `globalPosition` its commit position: unique and
 *   increasing, but a byte offset in the transaction file, not a count of events.
 * - The log is immutable: nothing here can rewrite or delete an event.
 *
 * Idempotency. The port's contract is "a retried request with the same key answers with the first
 * result and writes nothing". The plain scheme — append the events, then record the key in an index
 * stream — leaves a window: a crash (or a lost reply) after the events are written and before the index
 * is, and the retry finds no index entry. Deterministic event ids (uuid v5 of key, request hash, base,
 * count and index) close that window only when the retry is an append at the SAME expected revision: EventStoreDB
 * then compares the proposed ids with the events already at those revisions and answers "idempotent"
 * without writing. A retry at another revision is not recognised (at the current head EventStoreDB writes
 * without comparing ids, and for 'any' it only consults an in-memory cache). That is exactly what a
 * retry does when its caller re-reads the stream first (DeciderRuntime) or appends with 'any'.
 *
 * So the index entry — a claim: request hash, stream, base revision, event ids — is written BEFORE the
 * events (expected revision NO_STREAM on `regledger-internal-idempotency-<sha256(key)>`), and whether the request
 * took effect is read from the target stream: are the claim's ids at base + 1 …? Every attempt of the
 * same request appends at the claim's base with the claim's ids, so EventStoreDB lets exactly one of them
 * land and answers the others "idempotent"; a claim whose slot was taken by other events is dead and is
 * superseded by a new claim (append to the index with its exact expected revision, so one writer wins).
 * No window is left: the claim precedes the events, and the events are their own proof of completion.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly backend = 'eventstoredb' as const;
  private readonly client: EventStoreDBClient;
  private readonly upcasters: UpcasterRegistry;
  private readonly clock: () => Date;
  private readonly disposeClient: boolean;
  private readonly maxAttempts: number;
  private readonly queues = new Map<string, Promise<void>>();
  private closed = false;
  private identity: string | null = null;

  constructor(connection: string | EventStoreDBClient, options: EventStoreDbEventStoreOptions = {}) {
    this.client = typeof connection === 'string' ? EventStoreDBClient.connectionString(connection) : connection;
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.clock = options.clock ?? (() => new Date());
    this.disposeClient = options.disposeClientOnClose ?? true;
    this.maxAttempts = options.maxAppendAttempts ?? 100;
  }

  // ------------------------------------------------------------------ appends

  async appendToStream(streamId: string, events: EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    if (isReservedStreamName(streamId)) throw new Error(`stream ${streamId}: the name is reserved (EventStoreDB's $ streams, the adapter's ${INTERNAL_STREAM_PREFIX} streams)`);
    const expected = options.expectedRevision;
    if (events.length === 0) {
      const head = await this.streamRevision(streamId);
      const conflict = expectedRevisionConflict(expected, head);
      if (conflict !== null) throw new WrongExpectedVersionError(streamId, expected, conflict);
      return { streamId, nextExpectedRevision: head ?? NO_STREAM_REVISION, events: [], idempotentReplay: false };
    }
    if (options.idempotency) return this.appendIdempotent(streamId, events, expected, options.idempotency);
    const ids = events.map((e) => (e.id ?? uuidv7()).toLowerCase());
    const base = fixedBase(expected);
    if (base !== null) return this.appendAt(streamId, events, ids, base, expected);
    return this.serialised(streamId, async () => {
      for (let attempt = 1; ; attempt++) {
        const head = await this.lastEvent(streamId);
        if (!head && expected === 'stream_exists') throw new WrongExpectedVersionError(streamId, expected, 'no_stream');
        try {
          return await this.appendAt(streamId, events, ids, head ? head.revision : NO_STREAM_REVISION, expected, head);
        } catch (e) {
          if (!(e instanceof WrongExpectedVersionError) || attempt >= this.maxAttempts) throw e;
          await this.backoff(attempt);
        }
      }
    });
  }

  /**
   * Appends right after `base` (-1: a new stream) with an exact expected revision, the events chained to
   * the event at `base` (`prev` when the caller already read it). Errors are the port's: a conflict is
   * WrongExpectedVersionError reported against `expected`.
   */
  private async appendAt(
    streamId: string,
    events: readonly EventToAppend[],
    ids: readonly string[],
    base: bigint,
    expected: ExpectedRevision,
    prev?: RecordedEvent | null,
  ): Promise<AppendResult> {
    let prevHash = GENESIS_HASH;
    if (base >= 0n) {
      const before = prev && prev.revision === base ? prev : await this.eventAt(streamId, base);
      if (!before) {
        // No event at `base`: the stream is shorter, so EventStoreDB would refuse too.
        const head = await this.streamRevision(streamId);
        throw new WrongExpectedVersionError(streamId, expected, head ?? 'no_stream');
      }
      prevHash = before.hash;
    }
    const prepared = prepareEvents({ streamId, events, ids, firstRevision: base + 1n, prevHash, recordedAt: this.clock() });
    try {
      await this.client.appendToStream(streamId, prepared.map(toEventData), { expectedRevision: baseToClientRevision(base) });
    } catch (e) {
      if (isClientWrongExpectedVersion(e)) throw toWrongExpectedVersion(e, streamId, expected);
      throw toStoreError(e, `append to ${streamId}`);
    }
    // With an exact expected revision the events are at base + 1 … base + k, whether this call wrote them
    // or EventStoreDB recognised their ids as already written. Read them back for their log positions.
    const last = base + BigInt(events.length);
    const stored = await this.readBack(streamId, base + 1n, events.length);
    stored.forEach((s, i) => {
      if (s.id !== ids[i]) throw new Error(`stream ${streamId}: revision ${s.revision} holds event ${s.id}, not ${ids[i]}`);
    });
    const replay = stored.some((s, i) => s.hash !== prepared[i].hash);
    return { streamId, nextExpectedRevision: last, events: stored, idempotentReplay: replay };
  }

  private async readBack(streamId: string, first: bigint, count: number): Promise<RecordedEvent[]> {
    for (let attempt = 1; ; attempt++) {
      const stored = await this.readStream(streamId, { fromRevision: first, maxCount: count });
      if (stored.length === count || attempt >= 5) {
        if (stored.length !== count) throw new Error(`stream ${streamId}: appended ${count} events at ${first} but read back ${stored.length}`);
        return stored;
      }
      await sleep(10 * attempt);
    }
  }

  private async appendIdempotent(streamId: string, events: EventToAppend[], expected: ExpectedRevision, idem: IdempotencyOptions): Promise<AppendResult> {
    const pinned = fixedBase(expected);
    const attemptOnce = async (): Promise<AppendResult | 'again'> => {
      const { states, indexRevision } = await this.readClaims(idem.key);
      const plan = planIdempotentAppend(states, { requestHash: idem.requestHash, streamId, eventCount: events.length, base: pinned });
      let claim: IdempotencyClaim;
      let prev: RecordedEvent | null | undefined;
      switch (plan.kind) {
        case 'reused':
          throw new IdempotencyKeyReusedError(idem.key);
        case 'replay':
          return this.replayOf(plan.claim);
        case 'join':
          claim = plan.claim;
          break;
        case 'claim': {
          let base = pinned;
          if (base === null) {
            prev = await this.lastEvent(streamId);
            if (!prev && expected === 'stream_exists') throw new WrongExpectedVersionError(streamId, expected, 'no_stream');
            base = prev ? prev.revision : NO_STREAM_REVISION;
          } else if (base >= 0n) {
            prev = await this.eventAt(streamId, base);
            if (!prev) {
              // Refused before anything is written: no claim is left behind for a request that cannot land.
              const head = await this.streamRevision(streamId);
              throw new WrongExpectedVersionError(streamId, expected, head ?? 'no_stream');
            }
          }
          claim = {
            key: idem.key,
            requestHash: idem.requestHash,
            streamId,
            baseRevision: base,
            eventIds: events.map((e, i) => (e.id ?? deterministicEventId(idem.key, idem.requestHash, base, events.length, i)).toLowerCase()),
          };
          if (!(await this.writeClaim(claim, indexRevision))) return 'again';
          break;
        }
      }
      try {
        return await this.appendAt(streamId, events, claim.eventIds, claim.baseRevision, expected, prev);
      } catch (e) {
        if (!(e instanceof WrongExpectedVersionError)) throw e;
        // Another attempt of the same request may have landed under an earlier claim.
        const after = await this.readClaims(idem.key);
        const lookup = idempotentLookup(after.states, idem.requestHash);
        if (lookup.kind === 'replay') return this.replayOf(lookup.claim);
        if (pinned !== null) throw e;
        return 'again';
      }
    };
    for (let attempt = 1; ; attempt++) {
      const result = pinned === null ? await this.serialised(streamId, attemptOnce) : await attemptOnce();
      if (result !== 'again') return result;
      if (attempt >= this.maxAttempts) {
        throw new WrongExpectedVersionError(streamId, expected, (await this.streamRevision(streamId)) ?? 'no_stream');
      }
      await this.backoff(attempt);
    }
  }

  async findIdempotentResult(idempotency: IdempotencyOptions): Promise<AppendResult | null> {
    const { states } = await this.readClaims(idempotency.key);
    const lookup = idempotentLookup(states, idempotency.requestHash);
    if (lookup.kind === 'reused') throw new IdempotencyKeyReusedError(idempotency.key);
    return lookup.kind === 'replay' ? this.replayOf(lookup.claim) : null;
  }

  private async replayOf(claim: IdempotencyClaim): Promise<AppendResult> {
    const events = await this.readStream(claim.streamId, { fromRevision: claim.baseRevision + 1n, maxCount: claim.eventIds.length });
    return {
      streamId: claim.streamId,
      nextExpectedRevision: claim.baseRevision + BigInt(claim.eventIds.length),
      events,
      idempotentReplay: true,
    };
  }

  /** The key's claims, oldest first, with where their events stand, and the index stream's last revision. */
  private async readClaims(key: string): Promise<{ states: ClaimState[]; indexRevision: bigint | null }> {
    const indexStream = idempotencyStreamName(key);
    const claims: IdempotencyClaim[] = [];
    let indexRevision: bigint | null = null;
    await this.scan(
      () => this.client.readStream(indexStream, { direction: FORWARDS, fromRevision: ESDB_START }),
      (r) => {
        const record = r.event as ClientRecord | undefined;
        if (!record) return true;
        indexRevision = record.revision;
        if (record.type === IDEMPOTENCY_CLAIM_TYPE) {
          const claim = decodeClaim(record.data);
          if (claim.key !== key) throw new Error(`idempotency index ${indexStream} holds a claim for another key`);
          claims.push(claim);
        }
        return true;
      },
      `read of ${indexStream}`,
    );
    const landings = new Map<string, RecordedEvent[]>();
    const states: ClaimState[] = [];
    for (const claim of claims) {
      const slot = `${claim.streamId}\u0000${claim.baseRevision}\u0000${claim.eventIds.length}`;
      let following = landings.get(slot);
      if (!following) {
        following = await this.readStream(claim.streamId, { fromRevision: claim.baseRevision + 1n, maxCount: Math.max(claim.eventIds.length, 1), raw: true });
        landings.set(slot, following);
      }
      states.push({ claim, landing: classifyLanding(claim, following) });
    }
    return { states, indexRevision };
  }

  /** Appends a claim after the index's last revision; false when another writer got there first. */
  private async writeClaim(claim: IdempotencyClaim, indexRevision: bigint | null): Promise<boolean> {
    const expectedRevision: AppendExpectedRevision = indexRevision === null ? NO_STREAM : indexRevision;
    try {
      await this.client.appendToStream(
        idempotencyStreamName(claim.key),
        { id: uuidv7(), contentType: 'application/json', type: IDEMPOTENCY_CLAIM_TYPE, data: encodeClaim(claim), metadata: undefined },
        { expectedRevision },
      );
      return true;
    } catch (e) {
      if (isClientWrongExpectedVersion(e)) return false;
      throw toStoreError(e, `claim of an idempotency key`);
    }
  }

  // ------------------------------------------------------------------ stream reads

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const { fromRevision, toRevision, asOf, maxCount } = options;
    if (maxCount !== undefined && maxCount <= 0) return [];
    if (fromRevision !== undefined && fromRevision < 0n) return [];
    if (fromRevision !== undefined && toRevision !== undefined && (backwards ? toRevision > fromRevision : toRevision < fromRevision)) return [];
    // How many events the range can hold; asOf filters after reading, so it reads the whole range.
    let span: bigint | undefined;
    if (toRevision !== undefined) {
      if (!backwards) span = toRevision - (fromRevision ?? 0n) + 1n;
      else if (fromRevision !== undefined) span = fromRevision - toRevision + 1n;
    }
    let count = span;
    if (!asOf && maxCount !== undefined) count = count === undefined || BigInt(maxCount) < count ? BigInt(maxCount) : count;
    const start: ReadRevision = fromRevision ?? (backwards ? END : ESDB_START);
    const out: RecordedEvent[] = [];
    await this.scan(
      () => this.client.readStream(streamId, { direction: backwards ? BACKWARDS : FORWARDS, fromRevision: start, ...(count !== undefined ? { maxCount: count } : {}) }),
      (r) => {
        const e = this.decode(r, options.raw);
        if (toRevision !== undefined && (backwards ? e.revision < toRevision : e.revision > toRevision)) return false;
        if (!asOf || e.recordedAt.getTime() <= asOf.getTime()) out.push(e);
        return maxCount === undefined || out.length < maxCount;
      },
      `read of ${streamId}`,
    );
    return out;
  }

  async streamRevision(streamId: string): Promise<bigint | null> {
    let revision: bigint | null = null;
    await this.scan(
      () => this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }),
      (r) => {
        const record = r.event as ClientRecord | undefined;
        if (record) revision = record.revision;
        return false;
      },
      `read of ${streamId}`,
    );
    return revision;
  }

  private async lastEvent(streamId: string): Promise<RecordedEvent | null> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1, raw: true });
    return last ?? null;
  }

  private async eventAt(streamId: string, revision: bigint): Promise<RecordedEvent | null> {
    const [e] = await this.readStream(streamId, { fromRevision: revision, toRevision: revision, raw: true });
    return e ?? null;
  }

  // ------------------------------------------------------------------ the whole log

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.maxCount ?? 1000;
    if (limit <= 0) return [];
    const out: RecordedEvent[] = [];
    let from: ReadPosition = readFromPosition(options.after);
    // A forward read of $all includes the event at its start position: skip it.
    let skip: LogPosition | null = from === ESDB_START ? null : (options.after ?? null);
    for (;;) {
      const want = Math.min(limit - out.length, READ_ALL_PAGE) + 1;
      const page = { read: 0, last: null as LogPosition | null };
      await this.scan(
        () => this.client.readAll({ direction: FORWARDS, fromPosition: from, maxCount: want }),
        (r) => {
          page.read += 1;
          const record = r.event as ClientRecord | undefined;
          if (!record?.position) return true;
          const position = toLogPosition(record.position);
          page.last = position;
          if ((skip && samePosition(position, skip)) || !isLogEvent(record)) return true;
          out.push(this.decode(r, options.raw));
          return out.length < limit;
        },
        'read of $all',
      );
      if (out.length >= limit || page.read < want || page.last === null) return out;
      from = { commit: page.last.commit, prepare: page.last.prepare };
      skip = page.last;
    }
  }

  async headPosition(): Promise<{ position: LogPosition; globalPosition: bigint; recordedAt: Date } | null> {
    let from: ReadPosition = END;
    let skip: LogPosition | null = null;
    for (;;) {
      const page = { read: 0, last: null as LogPosition | null, found: null as RecordedEvent | null };
      await this.scan(
        () => this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: HEAD_PAGE }),
        (r) => {
          page.read += 1;
          const record = r.event as ClientRecord | undefined;
          if (!record?.position) return true;
          const position = toLogPosition(record.position);
          page.last = position;
          if ((skip && samePosition(position, skip)) || !isLogEvent(record)) return true;
          page.found = this.decode(r, true);
          return false;
        },
        'read of $all',
      );
      if (page.found) return { position: page.found.position, globalPosition: page.found.globalPosition, recordedAt: page.found.recordedAt };
      if (page.read < HEAD_PAGE || page.last === null) return null;
      from = { commit: page.last.commit, prepare: page.last.prepare };
      skip = page.last;
    }
  }

  // ------------------------------------------------------------------ import

  /**
   * Writes each run of consecutive events of one stream as one append at the exact revision before it,
   * so the stream keeps the source's revisions and EventStoreDB keeps the ids. Everything the port's
   * event says beyond EventStoreDB's own record travels in the `$envelope` metadata as for any append —
   * recordedAt, businessTime, schema version, prevHash and hash are kept there exactly. What is not
   * kept: EventStoreDB's own `created` time (the time of the import) and the log positions (commit and
   * prepare positions of this database). The batch is checked as a whole before anything is written,
   * but runs of different streams are separate appends: a failure between two leaves the earlier runs
   * written, and running the import again skips them.
   */
  async importEvents(events: readonly EventToImport[]): Promise<ImportResult> {
    if (!events.length) return { imported: 0, skipped: 0 };
    const heads = new Map<string, StreamHead>();
    const stored = new Map<string, { streamId: string; revision: bigint; hash: string }>();
    for (const streamId of new Set(events.map((e) => e.streamId))) {
      if (isReservedStreamName(streamId)) throw new Error(`stream ${streamId}: the name is reserved (EventStoreDB's $ streams, the adapter's ${INTERNAL_STREAM_PREFIX} streams)`);
      const first = events.filter((e) => e.streamId === streamId).reduce((m, e) => (e.revision < m ? e.revision : m), events.find((e) => e.streamId === streamId)!.revision);
      const last = await this.lastEvent(streamId);
      heads.set(streamId, last ? { revision: last.revision, hash: last.hash } : null);
      if (last && last.revision >= first) {
        for (const x of await this.readStream(streamId, { fromRevision: first, toRevision: last.revision, raw: true })) stored.set(x.id, { streamId, revision: x.revision, hash: x.hash });
      }
    }
    for (const e of events) {
      if (e.type.startsWith('$')) throw new ImportRefusedError('conflicting_event', e.id, e.streamId, e.revision, `event type ${e.type}: types starting with $ are reserved for EventStoreDB`);
    }
    const { write, skipped } = planImport(events, heads, stored);
    for (let i = 0; i < write.length; ) {
      let j = i + 1;
      while (j < write.length && write[j].streamId === write[i].streamId) j += 1;
      const run = write.slice(i, j);
      const base = run[0].revision - 1n;
      try {
        await this.client.appendToStream(run[0].streamId, run.map(toEventData), { expectedRevision: baseToClientRevision(base) });
      } catch (e) {
        if (isClientWrongExpectedVersion(e)) throw toWrongExpectedVersion(e, run[0].streamId, base < 0n ? 'no_stream' : base);
        throw toStoreError(e, `import into ${run[0].streamId}`);
      }
      i = j;
    }
    return { imported: write.length, skipped };
  }

  /** Polls readAll: the same batches, order and checkpoints as the PostgreSQL adapter. */
  subscribe(options: SubscribeOptions = {}): AsyncIterable<RecordedEvent[]> {
    return pollingSubscription((o) => this.readAll(o), options);
  }


  /**
   * EventStoreDB does not name its database over gRPC, so the adapter names it: a random id written
   * once (expected revision NO_STREAM, so concurrent first callers agree) to an internal stream. A
   * restored backup keeps it, as it keeps the positions; another database has another.
   */
  async logIdentity(): Promise<string> {
    if (this.identity) return this.identity;
    for (let attempt = 1; ; attempt++) {
      const found = { data: undefined as unknown };
      await this.scan(
        () => this.client.readStream(LOG_IDENTITY_STREAM, { direction: FORWARDS, fromRevision: ESDB_START, maxCount: 1 }),
        (r) => {
          found.data = (r.event as ClientRecord | undefined)?.data;
          return false;
        },
        `read of ${LOG_IDENTITY_STREAM}`,
      );
      if (found.data !== undefined) return (this.identity = decodeLogIdentity(found.data));
      try {
        await this.client.appendToStream(
          LOG_IDENTITY_STREAM,
          { id: uuidv7(), contentType: 'application/json', type: LOG_IDENTITY_TYPE, data: { logId: uuidv7() }, metadata: undefined },
          { expectedRevision: NO_STREAM },
        );
      } catch (e) {
        if (!isClientWrongExpectedVersion(e) || attempt >= 3) throw toStoreError(e, `write of ${LOG_IDENTITY_STREAM}`);
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.disposeClient) await this.client.dispose();
  }

  // ------------------------------------------------------------------ helpers

  private decode(r: Resolved, raw = false): RecordedEvent {
    const record = r.event as (ClientRecord & { position?: Position }) | undefined;
    if (!record) throw new Error('EventStoreDB returned a link without its event');
    return toRecordedEvent(record, { commitPosition: r.commitPosition, upcasters: this.upcasters, raw });
  }

  /**
   * Runs a streaming read, handing each item to `onItem` until it returns false (then the read is
   * cancelled). A missing stream reads as empty; transport errors become EventStoreUnavailableError.
   */
  private async scan(open: () => unknown, onItem: (r: Resolved) => boolean, operation: string): Promise<void> {
    let read: ClientRead | undefined;
    let stoppedEarly = false;
    try {
      read = open() as ClientRead;
      for await (const item of read) {
        if (!onItem(item)) {
          stoppedEarly = true;
          break;
        }
      }
    } catch (e) {
      stoppedEarly = true;
      if (isClientStreamNotFound(e)) return;
      throw toStoreError(e, operation);
    } finally {
      if (read && stoppedEarly) {
        // A read given up early is cancelled on the server, and its late errors must not go unhandled.
        read.on('error', () => undefined);
        await read.cancel().catch(() => undefined);
      }
    }
  }

  /** Runs `fn` after every earlier call for the same key has settled (one process's appends to a stream queue). */
  private async serialised<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const run = previous.then(fn);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, tail);
    try {
      return await run;
    } finally {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    }
  }

  private backoff(attempt: number): Promise<void> {
    return sleep(Math.min(2 ** Math.min(attempt, 6), 50) * (0.5 + Math.random()));
  }
}
