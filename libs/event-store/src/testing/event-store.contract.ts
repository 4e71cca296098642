import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { v4 as uuidv4 } from 'uuid';
import type { AnyDb } from '@regledger/database';
import type { EventStore } from '../event-store.port.js';
import { LogNotReadableError, awaitReadable } from '../await-readable.js';
import { IdempotencyKeyReusedError, ImportRefusedError, WrongExpectedVersionError } from '../errors.js';
import { eventHash } from '../hashing.js';
import { lastBlock, seal } from '../integrity/sealer.js';
import { verifyLog } from '../integrity/verifier.js';
import { GENESIS_HASH, comparePositions, type EventMetadata, type EventToAppend, type EventToImport, type RecordedEvent } from '../types.js';

export interface ContractFixture {
  store: EventStore;
  /** A second store over the same log whose appends wait for `gate` after inserting, before committing. */
  delayedStore?: (gate: Promise<void>) => EventStore;
  /** Where sealed blocks live. */
  integrityDb: AnyDb;
  /** Rewrites one stored event's data behind the store's back; resolves to a function that undoes it. */
  tamperEvent?: (eventId: string) => Promise<() => Promise<void>>;
  /** Rewrites one sealed block behind the store's back; resolves to a function that undoes it. */
  tamperBlock?: (blockNo: bigint) => Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const meta = (over: Partial<EventMetadata> = {}): EventMetadata => ({
  actorId: 'tester',
  actorRole: 'admin',
  jurisdiction: '440000',
  correlationId: uuidv4(),
  causationId: null,
  idempotencyKey: null,
  reason: null,
  ...over,
});

const ev = (n: number, type = 'Tested'): EventToAppend => ({ type, data: { n, text: `第${n}号`, nested: { b: 2, a: [1, 'x'] } }, metadata: meta() });

const stream = (prefix = 'test'): string => `${prefix}-${uuidv4()}`;

/**
 * Global reads take only events older than every transaction still running in the whole database
 * cluster, so an event just committed may become readable a moment later when other work shares the
 * cluster. Retries `read` until `done` holds (bounded).
 */
const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 5));
  }
};

const readAllAfter = async (store: EventStore, after: RecordedEvent['position'] | undefined): Promise<RecordedEvent[]> => {
  const seen: RecordedEvent[] = [];
  for (let page = await store.readAll({ after, maxCount: 2 }); page.length; page = await store.readAll({ after: page[page.length - 1].position, maxCount: 2 })) {
    seen.push(...page);
  }
  return seen;
};

/**
 * Events as another log recorded them: `revisions` of `streamId` chained from `prevHash`, recorded in the
 * past (a time no store's clock gives now), with a business time and an old schema version.
 */
const foreignEvents = (streamId: string, revisions: number[], prevHash = GENESIS_HASH): EventToImport[] => {
  let prev = prevHash;
  return revisions.map((r) => {
    const base = {
      id: uuidv4(),
      streamId,
      revision: BigInt(r),
      type: 'Imported',
      schemaVersion: 1 + (r % 2),
      data: { r, text: `第${r}条`, nested: { z: [1, { y: null }], a: '甲' } },
      metadata: meta({ reason: `r${r}`, causationId: uuidv4() }),
      recordedAt: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, r)),
      businessTime: r === 0 ? new Date('2023-12-31T16:00:00.000Z') : null,
      prevHash: prev,
    };
    const e = { ...base, hash: eventHash(base) };
    prev = e.hash;
    return e;
  });
};

const refusal = async (p: Promise<unknown>): Promise<ImportRefusedError> => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ImportRefusedError);
  return e as ImportRefusedError;
};

const expectWrongVersion = async (p: Promise<unknown>, actual: bigint | 'no_stream'): Promise<void> => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(WrongExpectedVersionError);
  expect((e as WrongExpectedVersionError).actual).toBe(actual);
};

/**
 * The behaviour every EventStore adapter must show. Called once per back end.
 */
export function eventStoreContract(name: string, makeFixture: () => Promise<ContractFixture>): void {
  describe(`EventStore contract: ${name}`, () => {
    let f: ContractFixture;
    beforeAll(async () => {
      f = await makeFixture();
    });
    afterAll(async () => {
      await f?.close();
    });

    describe('expected revision', () => {
      it('no_stream creates a stream once and refuses a second time', async () => {
        const s = stream();
        const r = await f.store.appendToStream(s, [ev(1), ev(2)], { expectedRevision: 'no_stream' });
        expect(r.nextExpectedRevision).toBe(1n);
        expect(r.events.map((e) => e.revision)).toEqual([0n, 1n]);
        await expectWrongVersion(f.store.appendToStream(s, [ev(3)], { expectedRevision: 'no_stream' }), 1n);
      });

      it('an exact revision appends only when it is the last revision', async () => {
        const s = stream();
        await f.store.appendToStream(s, [ev(1)], { expectedRevision: 'no_stream' });
        const r = await f.store.appendToStream(s, [ev(2)], { expectedRevision: 0n });
        expect(r.nextExpectedRevision).toBe(1n);
        await expectWrongVersion(f.store.appendToStream(s, [ev(3)], { expectedRevision: 0n }), 1n);
        await expectWrongVersion(f.store.appendToStream(stream(), [ev(3)], { expectedRevision: 0n }), 'no_stream');
        expect(await f.store.streamRevision(s)).toBe(1n);
      });

      it('stream_exists refuses a missing stream and appends to an existing one', async () => {
        const s = stream();
        await expectWrongVersion(f.store.appendToStream(s, [ev(1)], { expectedRevision: 'stream_exists' }), 'no_stream');
        await f.store.appendToStream(s, [ev(1)], { expectedRevision: 'any' });
        const r = await f.store.appendToStream(s, [ev(2)], { expectedRevision: 'stream_exists' });
        expect(r.nextExpectedRevision).toBe(1n);
      });

      it('a refused append writes nothing', async () => {
        const s = stream();
        await f.store.appendToStream(s, [ev(1)], { expectedRevision: 'no_stream' });
        await expectWrongVersion(f.store.appendToStream(s, [ev(2), ev(3)], { expectedRevision: 5n }), 0n);
        expect((await f.store.readStream(s)).length).toBe(1);
        expect(await f.store.streamRevision(s)).toBe(0n);
      });
    });

    describe('reading', () => {
      it('reads a stream forwards, backwards, from and up to a revision', async () => {
        const s = stream();
        await f.store.appendToStream(s, [1, 2, 3, 4, 5].map((n) => ev(n)), { expectedRevision: 'no_stream' });
        const all = await f.store.readStream(s);
        expect(all.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3, 4, 5]);
        expect(all[0].data).toEqual({ n: 1, text: '第1号', nested: { b: 2, a: [1, 'x'] } });
        expect((await f.store.readStream(s, { direction: 'backwards' })).map((e) => e.revision)).toEqual([4n, 3n, 2n, 1n, 0n]);
        expect((await f.store.readStream(s, { direction: 'backwards', fromRevision: 3n, maxCount: 2 })).map((e) => e.revision)).toEqual([3n, 2n]);
        expect((await f.store.readStream(s, { fromRevision: 1n, toRevision: 3n })).map((e) => e.revision)).toEqual([1n, 2n, 3n]);
        expect((await f.store.readStream(s, { maxCount: 2 })).map((e) => e.revision)).toEqual([0n, 1n]);
        expect(await f.store.readStream(stream())).toEqual([]);
      });

      it('reads a stream as of a point in time', async () => {
        const s = stream();
        const first = await f.store.appendToStream(s, [ev(1)], { expectedRevision: 'no_stream' });
        await f.store.appendToStream(s, [ev(2)], { expectedRevision: 0n });
        const t = first.events[0].recordedAt;
        const asOf = await f.store.readStream(s, { asOf: t });
        expect(asOf.map((e) => e.revision)).toContain(0n);
        expect(asOf.every((e) => e.recordedAt.getTime() <= t.getTime())).toBe(true);
        expect(await f.store.readStream(s, { asOf: new Date(0) })).toEqual([]);
      });

      it('carries the full envelope', async () => {
        const s = stream();
        const m = meta({ reason: '年度复审', causationId: uuidv4(), idempotencyKey: null });
        const r = await f.store.appendToStream(
          s,
          [{ type: 'Typed', schemaVersion: 1, data: { ok: true }, metadata: m, businessTime: '2026-01-02T00:00:00.000Z' }],
          { expectedRevision: 'no_stream' },
        );
        const [e] = await f.store.readStream(s);
        expect(e.id).toBe(r.events[0].id);
        expect(e.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(e.metadata).toEqual(m);
        expect(e.businessTime?.toISOString()).toBe('2026-01-02T00:00:00.000Z');
        expect(e.recordedAt).toBeInstanceOf(Date);
        expect(e.prevHash).toBe(GENESIS_HASH);
        expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(e.globalPosition).toBe(r.events[0].globalPosition);
      });

      it('reads the whole log in order from a position', async () => {
        const s1 = stream();
        const s2 = stream();
        const a = await f.store.appendToStream(s1, [ev(1), ev(2)], { expectedRevision: 'no_stream' });
        const b = await f.store.appendToStream(s2, [ev(3)], { expectedRevision: 'no_stream' });
        const after = a.events[0].position;
        const seen = await eventually(
          () => readAllAfter(f.store, after),
          (events) => events.some((e) => e.id === b.events[0].id),
        );
        const ids = seen.map((e) => e.id);
        expect(ids).toEqual(expect.arrayContaining([a.events[1].id, b.events[0].id]));
        expect(ids).not.toContain(a.events[0].id);
        for (let i = 1; i < seen.length; i++) expect(comparePositions(seen[i - 1].position, seen[i].position)).toBeLessThan(0);
        const head = await f.store.headPosition({ committed: true });
        expect(head && comparePositions(head.position, b.events[0].position)).toBeGreaterThanOrEqual(0);
      });
    });

    describe('subscription', () => {
      it('subscribes from a checkpoint: delivers what follows in order, then new events, until aborted', async () => {
        const s = stream('sub');
        const first = await f.store.appendToStream(s, [ev(1), ev(2)], { expectedRevision: 'no_stream' });
        const controller = new AbortController();
        const seen: RecordedEvent[] = [];
        const done = (async () => {
          for await (const batch of f.store.subscribe({ after: first.events[0].position, batchSize: 2, pollIntervalMs: 10, signal: controller.signal })) {
            seen.push(...batch.filter((e) => e.streamId === s));
            if (seen.length >= 2) controller.abort();
          }
        })();
        await f.store.appendToStream(s, [ev(3)], { expectedRevision: 1n });
        await done;
        expect(seen.map((e) => e.revision)).toEqual([1n, 2n]);
        expect(seen.length).toBe(2);
      });
    });

    describe('concurrency', () => {
      it('50 concurrent appends with `any` to one stream: none lost, revisions 0..49', async () => {
        const s = stream();
        const results = await Promise.all(Array.from({ length: 50 }, (_, i) => f.store.appendToStream(s, [ev(i)], { expectedRevision: 'any' })));
        expect(results.every((r) => r.events.length === 1)).toBe(true);
        const events = await f.store.readStream(s);
        expect(events.length).toBe(50);
        expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 50 }, (_, i) => BigInt(i)));
        expect(new Set(events.map((e) => (e.data as { n: number }).n)).size).toBe(50);
        for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash);
      });

      it('writers queued on the same streams: in the global order the revisions of every stream ascend', async () => {
        const streams = Array.from({ length: 3 }, () => stream('queue'));
        const start = await f.store.headPosition();
        await Promise.all(Array.from({ length: 150 }, (_, i) => f.store.appendToStream(streams[i % streams.length], [ev(i)], { expectedRevision: 'any' })));
        const all = await eventually(
          () => f.store.readAll({ after: start?.position, maxCount: 10_000 }),
          (events) => events.filter((e) => streams.includes(e.streamId)).length === 150,
        );
        for (const s of streams) {
          expect(all.filter((e) => e.streamId === s).map((e) => e.revision)).toEqual(Array.from({ length: 50 }, (_, i) => BigInt(i)));
        }
      });

      it('racing on the same expected revision: exactly one wins', async () => {
        const s = stream();
        await f.store.appendToStream(s, [ev(0)], { expectedRevision: 'no_stream' });
        const settled = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => f.store.appendToStream(s, [ev(i + 1)], { expectedRevision: 0n })));
        expect(settled.filter((r) => r.status === 'fulfilled').length).toBe(1);
        const losers = settled.filter((r) => r.status === 'rejected');
        expect(losers.length).toBe(9);
        for (const l of losers) expect((l as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
        expect((await f.store.readStream(s)).length).toBe(2);
      });

      it('racing on no_stream: exactly one creates the stream', async () => {
        const s = stream();
        const settled = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => f.store.appendToStream(s, [ev(i)], { expectedRevision: 'no_stream' })));
        expect(settled.filter((r) => r.status === 'fulfilled').length).toBe(1);
        expect((await f.store.readStream(s)).length).toBe(1);
      });

      it('a reader running while writers commit out of order never skips or reorders a stream', async () => {
        const streams = Array.from({ length: 8 }, () => stream('conc'));
        const start = await f.store.headPosition();
        const seen: RecordedEvent[] = [];
        let writing = true;
        let giveUpAt = Number.MAX_SAFE_INTEGER;
        const reader = (async () => {
          let after = start?.position;
          for (;;) {
            const page = await f.store.readAll({ after, maxCount: 37 });
            const mine = page.filter((e) => e.streamId.startsWith('conc-') && streams.includes(e.streamId));
            seen.push(...mine);
            if (page.length) after = page[page.length - 1].position;
            else if (!writing && (seen.length >= 160 || Date.now() > giveUpAt)) break;
            else await new Promise((r) => setImmediate(r));
          }
        })();
        await Promise.all(
          Array.from({ length: 80 }, (_, i) => f.store.appendToStream(streams[i % streams.length], [ev(i), ev(i + 1000)], { expectedRevision: 'any' })),
        );
        giveUpAt = Date.now() + 15_000;
        writing = false;
        await reader;
        expect(seen.length).toBe(160);
        expect(new Set(seen.map((e) => e.id)).size).toBe(160);
        for (const s of streams) {
          const revisions = seen.filter((e) => e.streamId === s).map((e) => e.revision);
          expect(revisions).toEqual(Array.from({ length: 20 }, (_, i) => BigInt(i)));
        }
      });

      it('an event committed late is delivered, not skipped', async () => {
        if (!f.delayedStore) {
          process.stdout.write(`[contract ${name}] late-commit case not applicable: this back end serialises writers\n`);
          expect(f.delayedStore).toBeUndefined();
          return;
        }
        const start = await f.store.headPosition();
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        const slowStream = stream('late');
        const slow = f.delayedStore(gate).appendToStream(slowStream, [ev(1)], { expectedRevision: 'no_stream' });
        // Let the slow writer take its position first.
        await new Promise((r) => setTimeout(r, 150));
        const fast = await f.store.appendToStream(stream('fast'), [ev(2)], { expectedRevision: 'no_stream' });
        const before = await f.store.readAll({ after: start?.position, maxCount: 1000 });
        expect(before.map((e) => e.id)).not.toContain(fast.events[0].id);
        release();
        const slowResult = await slow;
        const afterCommit = await eventually(
          () => f.store.readAll({ after: start?.position, maxCount: 1000 }),
          (events) => events.some((e) => e.id === fast.events[0].id) && events.some((e) => e.id === slowResult.events[0].id),
        );
        const ids = afterCommit.map((e) => e.id);
        expect(ids).toContain(slowResult.events[0].id);
        expect(ids).toContain(fast.events[0].id);
        expect(ids.indexOf(slowResult.events[0].id)).toBeLessThan(ids.indexOf(fast.events[0].id));
      });

      it('a one-shot reader waits until everything committed before it can be read, and says so when it cannot in time', async () => {
        if (!f.delayedStore) {
          const head = await f.store.headPosition({ committed: true });
          await expect(awaitReadable(f.store, { timeoutMs: 1 })).resolves.toEqual(head?.position ?? null);
          return;
        }
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        const slow = f.delayedStore(gate).appendToStream(stream('older'), [ev(1)], { expectedRevision: 'no_stream' });
        // Let the slow writer take its position first.
        await new Promise((r) => setTimeout(r, 150));
        const fast = await f.store.appendToStream(stream('younger'), [ev(2)], { expectedRevision: 'no_stream' });
        await expect(awaitReadable(f.store, { timeoutMs: 100 })).rejects.toBeInstanceOf(LogNotReadableError);
        const waiting = awaitReadable(f.store, { timeoutMs: 30_000 });
        release();
        await slow;
        const target = await waiting;
        expect(target && comparePositions(target, fast.events[0].position)).toBeGreaterThanOrEqual(0);
        const visible = await f.store.headPosition();
        expect(visible && comparePositions(visible.position, fast.events[0].position)).toBeGreaterThanOrEqual(0);
      });
    });

    describe('idempotency', () => {
      it('a retry with the same key returns the first result and appends nothing', async () => {
        const s = stream();
        const idempotency = { key: `k-${uuidv4()}`, requestHash: 'h1' };
        const first = await f.store.appendToStream(s, [ev(1)], { expectedRevision: 'no_stream', idempotency });
        const again = await f.store.appendToStream(s, [ev(1)], { expectedRevision: 'no_stream', idempotency });
        expect(first.idempotentReplay).toBe(false);
        expect(again.idempotentReplay).toBe(true);
        expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
        expect((await f.store.readStream(s)).length).toBe(1);
        expect((await f.store.findIdempotentResult(idempotency))?.events[0].id).toBe(first.events[0].id);
      });

      it('concurrent retries with the same key append once', async () => {
        const s = stream();
        const idempotency = { key: `k-${uuidv4()}`, requestHash: 'h' };
        const results = await Promise.all(Array.from({ length: 6 }, () => f.store.appendToStream(s, [ev(1)], { expectedRevision: 'any', idempotency })));
        expect((await f.store.readStream(s)).length).toBe(1);
        expect(new Set(results.map((r) => r.events[0].id)).size).toBe(1);
      });

      it('a key reused for a different request is refused', async () => {
        const idempotency = { key: `k-${uuidv4()}`, requestHash: 'a' };
        await f.store.appendToStream(stream(), [ev(1)], { expectedRevision: 'any', idempotency });
        await expect(f.store.appendToStream(stream(), [ev(2)], { expectedRevision: 'any', idempotency: { ...idempotency, requestHash: 'b' } })).rejects.toBeInstanceOf(
          IdempotencyKeyReusedError,
        );
      });
    });

    describe('import', () => {
      it('writes events of another log exactly (ids, revisions, times, metadata, hashes) in the order given; appends then chain to them', async () => {
        const a = stream('import-a');
        const b = stream('import-b');
        const [a0, a1] = foreignEvents(a, [0, 1]);
        const [b0] = foreignEvents(b, [0]);
        const head = await f.store.headPosition({ committed: true });
        expect(await f.store.importEvents([a0, b0, a1])).toEqual({ imported: 3, skipped: 0 });
        const read = await f.store.readStream(a, { raw: true });
        expect(
          read.map((e) => ({
            id: e.id,
            streamId: e.streamId,
            revision: e.revision,
            type: e.type,
            schemaVersion: e.storedSchemaVersion,
            data: e.data,
            metadata: e.metadata,
            recordedAt: e.recordedAt,
            businessTime: e.businessTime,
            prevHash: e.prevHash,
            hash: e.hash,
          })),
        ).toEqual([a0, a1]);
        const inLog = await eventually(
          () => readAllAfter(f.store, head?.position),
          (events) => events.filter((e) => e.streamId === a || e.streamId === b).length === 3,
        );
        expect(inLog.filter((e) => e.streamId === a || e.streamId === b).map((e) => e.id)).toEqual([a0.id, b0.id, a1.id]);
        const appended = await f.store.appendToStream(a, [ev(9)], { expectedRevision: 1n });
        expect(appended.events[0]).toMatchObject({ revision: 2n, prevHash: a1.hash });
        expect(await f.store.streamRevision(b)).toBe(0n);
      });

      it('continues a stream past revision 10 in a later call (the head is the highest revision, not the highest text)', async () => {
        const s = stream('import-long');
        const events = foreignEvents(s, Array.from({ length: 14 }, (_, i) => i));
        expect(await f.store.importEvents(events.slice(0, 12))).toEqual({ imported: 12, skipped: 0 });
        expect(await f.store.importEvents(events.slice(12))).toEqual({ imported: 2, skipped: 0 });
        expect((await f.store.readStream(s)).map((e) => e.revision)).toEqual(events.map((e) => e.revision));
      });

      it('run again, skips the events already there and writes the rest', async () => {
        const c = stream('import-c');
        const events = foreignEvents(c, [0, 1, 2]);
        expect(await f.store.importEvents(events.slice(0, 2))).toEqual({ imported: 2, skipped: 0 });
        expect(await f.store.importEvents(events)).toEqual({ imported: 1, skipped: 2 });
        expect((await f.store.readStream(c)).map((e) => e.id)).toEqual(events.map((e) => e.id));
      });

      it('refuses an event whose hash does not match its content, naming it, and writes nothing of the batch', async () => {
        const d = stream('import-d');
        const e = stream('import-e');
        const [d0] = foreignEvents(d, [0]);
        const [e0] = foreignEvents(e, [0]);
        const changed = { ...e0, data: { ...(e0.data as object), r: 7 } };
        const refused = await refusal(f.store.importEvents([d0, changed]));
        expect({ reason: refused.reason, eventId: refused.eventId, code: refused.code }).toEqual({ reason: 'hash_mismatch', eventId: e0.id, code: 'EVENT_STORE.IMPORT_REFUSED' });
        expect(await f.store.readStream(d)).toEqual([]);
        expect(await f.store.readStream(e)).toEqual([]);
      });

      it('refuses an event that does not continue its stream here, and another event under an id already stored', async () => {
        const g = stream('import-g');
        const [, g1] = foreignEvents(g, [0, 1]);
        expect((await refusal(f.store.importEvents([g1]))).reason).toBe('revision_gap');
        await f.store.appendToStream(g, [ev(1)], { expectedRevision: 'no_stream' });
        expect((await refusal(f.store.importEvents([g1]))).reason).toBe('broken_chain');
        const h = stream('import-h');
        const [h0] = foreignEvents(h, [0]);
        await f.store.importEvents([h0]);
        // The same stream, revision and id, other metadata: another event.
        const [other] = foreignEvents(h, [0]);
        const sameId = { ...other, id: h0.id };
        const impostor = { ...sameId, hash: eventHash(sameId) };
        expect((await refusal(f.store.importEvents([impostor]))).reason).toBe('conflicting_event');
        expect(await f.store.streamRevision(g)).toBe(0n);
      });
    });

    describe('tamper evidence', () => {
      it('chains every event to the previous one of its stream', async () => {
        const s = stream();
        await f.store.appendToStream(s, [ev(1), ev(2)], { expectedRevision: 'no_stream' });
        await f.store.appendToStream(s, [ev(3)], { expectedRevision: 1n });
        const events = await f.store.readStream(s);
        expect(events[0].prevHash).toBe(GENESIS_HASH);
        expect(events[1].prevHash).toBe(events[0].hash);
        expect(events[2].prevHash).toBe(events[1].hash);
      });

      it('seals the log into blocks and verifies it; finds a tampered event and a tampered block', async () => {
        const s = stream('tamper');
        const r = await f.store.appendToStream(s, [ev(1), ev(2), ev(3)], { expectedRevision: 'no_stream' });
        await eventually(() => readAllAfter(f.store, r.events[0].position), (events) => events.some((e) => e.id === r.events[2].id));
        await seal(f.store, f.integrityDb, { blockSize: 50 });
        const block = await lastBlock(f.integrityDb);
        expect(block && comparePositions(block.lastPosition, r.events[2].position)).toBeGreaterThanOrEqual(0);
        const clean = await verifyLog(f.store, f.integrityDb);
        expect(clean.firstFailure).toBeNull();
        expect(clean.ok).toBe(true);
        expect(clean.blocksChecked).toBeGreaterThan(0);
        if (!f.tamperEvent || !f.tamperBlock) {
          process.stdout.write(`[contract ${name}] tampering not possible on this back end: the log is immutable\n`);
          return;
        }
        const restoreEvent = await f.tamperEvent(r.events[1].id);
        const broken = await verifyLog(f.store, f.integrityDb);
        expect(broken.ok).toBe(false);
        expect(broken.firstFailure).toMatchObject({ kind: 'event', reason: 'hash_mismatch', eventId: r.events[1].id });
        await restoreEvent();
        expect((await verifyLog(f.store, f.integrityDb)).ok).toBe(true);

        const restoreBlock = await f.tamperBlock(block!.blockNo);
        const brokenBlock = await verifyLog(f.store, f.integrityDb);
        expect(brokenBlock.ok).toBe(false);
        expect(brokenBlock.firstFailure).toMatchObject({ kind: 'block', blockNo: block!.blockNo.toString() });
        await restoreBlock();
        expect((await verifyLog(f.store, f.integrityDb)).ok).toBe(true);
      });
    });
  });
}
