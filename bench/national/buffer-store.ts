import {
  GENESIS_HASH,
  WrongExpectedVersionError,
  eventHash,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type EventToImport,
  type IdempotencyOptions,
  type RecordedEvent,
} from '@regledger/event-store';

/**
 * The write side of an event store held in memory for one chunk of a generated data set: the deciders append
 * here exactly as they would to the store (revisions, the per-stream hash chain, idempotency answers), and the
 * generator then hands the chunk's events, hashes included, to the real store's batched `importEvents`.
 * Ids and times are derived from the generator, never from the wall clock, so the same options give the same log.
 */
export class BufferStore {
  readonly backend = 'postgres' as const;
  /** The time the next append is recorded at: the command's clock. */
  now = new Date(0);
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly answers = new Map<string, { requestHash: string; result: AppendResult }>();
  private pending: EventToImport[] = [];
  private sequence = 0n;

  constructor(private readonly nextId: (ms: number) => string) {}

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    return [...(this.streams.get(streamId) ?? [])];
  }

  async streamRevision(streamId: string): Promise<bigint | null> {
    const s = this.streams.get(streamId);
    return s?.length ? s[s.length - 1].revision : null;
  }

  async findIdempotentResult(idempotency: IdempotencyOptions): Promise<AppendResult | null> {
    const earlier = this.answers.get(idempotency.key);
    if (!earlier) return null;
    if (earlier.requestHash !== idempotency.requestHash) throw new Error(`idempotency key ${idempotency.key} reused for another request`);
    return { ...earlier.result, idempotentReplay: true };
  }

  async appendToStream(streamId: string, events: EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    const stream = this.streams.get(streamId) ?? [];
    const last = stream.length ? stream[stream.length - 1] : null;
    const expected = options.expectedRevision;
    const actual = last ? last.revision : null;
    const fits =
      expected === 'any' ||
      (expected === 'no_stream' && actual === null) ||
      (expected === 'stream_exists' && actual !== null) ||
      (typeof expected === 'bigint' && expected === actual);
    if (!fits) throw new WrongExpectedVersionError(streamId, expected, actual ?? 'no_stream');
    const recordedAt = new Date(this.now.getTime());
    let prevHash = last ? last.hash : GENESIS_HASH;
    let revision = actual === null ? 0n : actual + 1n;
    const recorded: RecordedEvent[] = [];
    for (const e of events) {
      const id = e.id ?? this.nextId(recordedAt.getTime());
      const schemaVersion = e.schemaVersion ?? 1;
      const businessTime = e.businessTime ? new Date(e.businessTime) : null;
      // The deciders' events are plain JSON already; the hash normalises through JSON as the store does.
      const data = e.data ?? null;
      const metadata = e.metadata;
      const hash = eventHash({ id, streamId, revision, type: e.type, schemaVersion, data, metadata, recordedAt, businessTime, prevHash });
      this.sequence += 1n;
      const event: RecordedEvent = {
        id,
        streamId,
        revision,
        globalPosition: this.sequence,
        position: { commit: this.sequence, prepare: this.sequence },
        type: e.type,
        schemaVersion,
        storedSchemaVersion: schemaVersion,
        data,
        metadata,
        recordedAt,
        businessTime,
        prevHash,
        hash,
      };
      recorded.push(event);
      this.pending.push({ id, streamId, revision, type: e.type, schemaVersion, data, metadata, recordedAt, businessTime, prevHash, hash });
      prevHash = hash;
      revision += 1n;
    }
    stream.push(...recorded);
    this.streams.set(streamId, stream);
    const result: AppendResult = { streamId, nextExpectedRevision: revision - 1n, events: recorded, idempotentReplay: false };
    if (options.idempotency) this.answers.set(options.idempotency.key, { requestHash: options.idempotency.requestHash, result });
    return result;
  }

  /** The events appended since the last call, in append order; the streams are forgotten (a chunk's streams are its own). */
  drain(): EventToImport[] {
    const out = this.pending;
    this.pending = [];
    this.streams.clear();
    this.answers.clear();
    return out;
  }

  /** What DeciderRuntime needs of a store. */
  asEventStore(): EventStore {
    return this as unknown as EventStore;
  }
}
