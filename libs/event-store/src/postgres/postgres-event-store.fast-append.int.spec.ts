import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql, type KyselyPlugin } from 'kysely';
import { v4 as uuidv4 } from 'uuid';
import type { Database } from '@regledger/database';
import { migrate } from '@regledger/database';
import { createTestDatabase, postgresAvailable, type TestBackend } from '@regledger/database/testing';
import { IdempotencyKeyReusedError, WrongExpectedVersionError } from '../errors.js';
import { eventHash } from '../hashing.js';
import { integrityMigrations } from '../integrity/integrity.migrations.js';
import { verifyLog } from '../integrity/verifier.js';
import { GENESIS_HASH, comparePositions, type EventMetadata, type EventToAppend, type EventToImport, type RecordedEvent } from '../types.js';
import { eventStoreMigrations } from './event-store.migrations.js';
import { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store.js';

const meta: EventMetadata = { actorId: 't', actorRole: 'admin', jurisdiction: '440000', correlationId: 'c', causationId: null, idempotencyKey: null, reason: null };
const ev = (n: number): EventToAppend => ({ type: 'Tested', data: { n, text: `第${n}号` }, metadata: meta });
const stream = (prefix = 'fast'): string => `${prefix}-${uuidv4()}`;

/** Counts the statements a store sends (the transaction's begin and commit are not counted). */
class StatementCounter implements KyselyPlugin {
  count = 0;
  transformQuery: KyselyPlugin['transformQuery'] = (args) => {
    this.count += 1;
    return args.node;
  };
  transformResult: KyselyPlugin['transformResult'] = async (args) => args.result;
}

interface Counted {
  store: PostgresEventStore;
  /** Statements sent by `run`. */
  statements<T>(run: () => Promise<T>): Promise<{ value: T; statements: number }>;
}

const countedStore = (database: Database, options: PostgresEventStoreOptions = {}): Counted => {
  const counter = new StatementCounter();
  const store = new PostgresEventStore({ ...database, db: database.db.withPlugin(counter) }, options);
  return {
    store,
    async statements(run) {
      const before = counter.count;
      const value = await run();
      return { value, statements: counter.count - before };
    },
  };
};

/** The store's remembered heads, to poison them as a stale or foreign process view could. */
const headsOf = (store: PostgresEventStore): Map<string, { revision: bigint; hash: string }> =>
  (store as unknown as { heads: Map<string, { revision: bigint; hash: string }> }).heads;

/** Every event's hash is the hash of its content, chained to the previous event of its stream. */
const expectChained = (events: RecordedEvent[]): void => {
  events.forEach((e, i) => {
    expect(e.revision).toBe(BigInt(i));
    expect(e.prevHash).toBe(i === 0 ? GENESIS_HASH : events[i - 1].hash);
    expect(eventHash({ ...e, schemaVersion: e.storedSchemaVersion })).toBe(e.hash);
  });
};

function fastAppendSuite(name: string, backend: TestBackend): void {
  describe(`PostgresEventStore one-statement append: ${name}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await createTestDatabase([...eventStoreMigrations, ...integrityMigrations], backend);
    });
    afterAll(async () => database?.close());

    it('appends a new stream, then at the revisions it wrote, in one statement each; the chain is whole', async () => {
      const { store, statements } = countedStore(database);
      const s = stream();
      let expected: 'no_stream' | bigint = 'no_stream';
      for (let i = 0; i < 4; i++) {
        const { value, statements: n } = await statements(() => store.appendToStream(s, [ev(i), ev(i + 100)], { expectedRevision: expected }));
        expect(n).toBe(1);
        expect(value.nextExpectedRevision).toBe(BigInt(2 * i + 1));
        expect(value.events.map((e) => e.revision)).toEqual([BigInt(2 * i), BigInt(2 * i + 1)]);
        expected = value.nextExpectedRevision;
      }
      const events = await store.readStream(s, { raw: true });
      expect(events.length).toBe(8);
      expectChained(events);
    });

    it('a store that read the stream to its end appends after it in one statement; a partial read does not count', async () => {
      const writer = new PostgresEventStore(database);
      const s = stream();
      const written = await writer.appendToStream(s, [ev(0), ev(1), ev(2)], { expectedRevision: 'no_stream' });

      const partial = countedStore(database);
      await partial.store.readStream(s, { toRevision: 1n });
      await partial.store.readStream(s, { maxCount: 3 });
      const slow = await partial.statements(() => partial.store.appendToStream(s, [ev(3)], { expectedRevision: 2n }));
      expect(slow.statements).toBeGreaterThan(1);

      for (const read of [{}, { fromRevision: 2n }, { direction: 'backwards' as const, maxCount: 1 }, { maxCount: 10 }]) {
        const reader = countedStore(database);
        const loaded = await reader.store.readStream(s, read);
        const last = read.direction === 'backwards' ? loaded[0] : loaded[loaded.length - 1];
        const r = await reader.statements(() => reader.store.appendToStream(s, [ev(Number(last.revision) + 1)], { expectedRevision: last.revision }));
        expect(r.statements).toBe(1);
        expect(r.value.events[0].prevHash).toBe(last.hash);
      }
      const events = await writer.readStream(s, { raw: true });
      expect(events.length).toBe(8);
      expect(events[0].hash).toBe(written.events[0].hash);
      expectChained(events);
    });

    it('a stream moved by another writer: the one statement writes nothing, the append is refused as before', async () => {
      const { store, statements } = countedStore(database);
      const other = new PostgresEventStore(database);
      const s = stream();
      await store.appendToStream(s, [ev(0)], { expectedRevision: 'no_stream' });
      await other.appendToStream(s, [ev(1)], { expectedRevision: 0n });
      const refused = await statements(() => store.appendToStream(s, [ev(2)], { expectedRevision: 0n }).then(() => null, (e: unknown) => e));
      expect(refused.value).toBeInstanceOf(WrongExpectedVersionError);
      expect((refused.value as WrongExpectedVersionError).actual).toBe(1n);
      expect(headsOf(store).has(s)).toBe(false);
      const again = await statements(() => store.appendToStream(s, [ev(0)], { expectedRevision: 'no_stream' }).then(() => null, (e: unknown) => e));
      expect(again.value).toBeInstanceOf(WrongExpectedVersionError);
      expect((again.value as WrongExpectedVersionError).actual).toBe(1n);
      const events = await other.readStream(s, { raw: true });
      expect(events.length).toBe(2);
      expectChained(events);
    });

    it('a remembered hash that is not the log\'s: nothing is written with it, the event chains to the stored hash', async () => {
      const { store, statements } = countedStore(database);
      const s = stream();
      const first = await store.appendToStream(s, [ev(0), ev(1)], { expectedRevision: 'no_stream' });
      headsOf(store).set(s, { revision: 1n, hash: 'f'.repeat(64) });
      const r = await statements(() => store.appendToStream(s, [ev(2)], { expectedRevision: 1n }));
      expect(r.statements).toBeGreaterThan(1);
      expect(r.value.events[0].prevHash).toBe(first.events[1].hash);
      // The transaction's append remembered the true head: the next append is one statement again.
      const next = await statements(() => store.appendToStream(s, [ev(3)], { expectedRevision: 2n }));
      expect(next.statements).toBe(1);
      const events = await store.readStream(s, { raw: true });
      expect(events.length).toBe(4);
      expectChained(events);
    });

    it('a stream row without its last hash (written by other means): the append reads the hash from the log and sets it', async () => {
      const { store, statements } = countedStore(database);
      const s = stream();
      await store.appendToStream(s, [ev(0)], { expectedRevision: 'no_stream' });
      const at1 = await store.appendToStream(s, [ev(1)], { expectedRevision: 0n });
      await sql`update es_streams set last_hash = null where stream_id = ${s}`.execute(database.db);
      const r = await statements(() => store.appendToStream(s, [ev(2)], { expectedRevision: 1n }));
      expect(r.statements).toBeGreaterThan(1);
      expect(r.value.events[0].prevHash).toBe(at1.events[0].hash);
      const row = await sql<{ last_hash: string }>`select last_hash from es_streams where stream_id = ${s}`.execute(database.db);
      expect(row.rows[0].last_hash).toBe(r.value.events[0].hash);
      expect((await statements(() => store.appendToStream(s, [ev(3)], { expectedRevision: 2n }))).statements).toBe(1);
      expectChained(await store.readStream(s, { raw: true }));
    });

    it('idempotency: a key is written in the same statement; a key already used answers with its first append and writes nothing', async () => {
      const { store, statements } = countedStore(database);
      const a = stream();
      const b = stream();
      const idempotency = { key: `k-${uuidv4()}`, requestHash: 'h' };
      await store.appendToStream(b, [ev(0)], { expectedRevision: 'no_stream' });
      const first = await statements(() => store.appendToStream(a, [ev(0)], { expectedRevision: 'no_stream', idempotency }));
      expect(first.statements).toBe(1);
      expect(await store.findIdempotentResult(idempotency)).toMatchObject({ streamId: a, nextExpectedRevision: 0n, idempotentReplay: true });
      // The same key on a stream the store can append to in one statement: the key's unique violation
      // undoes the whole statement, and the answer is the first append's.
      const replay = await store.appendToStream(b, [ev(1)], { expectedRevision: 0n, idempotency });
      expect(replay.idempotentReplay).toBe(true);
      expect(replay.streamId).toBe(a);
      expect(replay.events.map((e) => e.id)).toEqual(first.value.events.map((e) => e.id));
      await expect(store.appendToStream(b, [ev(1)], { expectedRevision: 0n, idempotency: { ...idempotency, requestHash: 'other' } })).rejects.toBeInstanceOf(
        IdempotencyKeyReusedError,
      );
      // A retry of the first append itself.
      const retry = await store.appendToStream(a, [ev(0)], { expectedRevision: 'no_stream', idempotency });
      expect(retry.idempotentReplay).toBe(true);
      expect((await store.readStream(a)).length).toBe(1);
      expect((await store.readStream(b)).length).toBe(1);
      const next = await statements(() => store.appendToStream(b, [ev(1)], { expectedRevision: 0n, idempotency: { key: `k-${uuidv4()}`, requestHash: 'h' } }));
      expect(next.statements).toBe(1);
      expect(next.value.idempotentReplay).toBe(false);
    });

    it('exact-revision writers of one process and `any` writers on the same streams: revisions ascend in the global order', async () => {
      const store = new PostgresEventStore(database);
      const streams = Array.from({ length: 3 }, () => stream('mixed'));
      const start = await store.headPosition({ committed: true });
      await Promise.all(streams.map((s) => store.appendToStream(s, [ev(0)], { expectedRevision: 'no_stream' })));
      const exactWriter = async (s: string): Promise<void> => {
        let expected = 0n;
        for (let i = 0; i < 15; ) {
          try {
            expected = (await store.appendToStream(s, [ev(i)], { expectedRevision: expected })).nextExpectedRevision;
            i += 1;
          } catch (e) {
            if (!(e instanceof WrongExpectedVersionError) || typeof e.actual !== 'bigint') throw e;
            expected = e.actual;
          }
        }
      };
      const anyWriter = async (s: string): Promise<void> => {
        for (let i = 0; i < 15; i++) await store.appendToStream(s, [ev(1000 + i)], { expectedRevision: 'any' });
      };
      await Promise.all(streams.flatMap((s) => [exactWriter(s), anyWriter(s), exactWriter(s)]));
      const report = await verifyLog(store, database.db);
      expect(report.ok).toBe(true);
      const all: RecordedEvent[] = [];
      for (let page = await store.readAll({ after: start?.position, maxCount: 500 }); page.length; page = await store.readAll({ after: page[page.length - 1].position, maxCount: 500 })) {
        all.push(...page);
      }
      for (const s of streams) {
        const mine = all.filter((e) => e.streamId === s);
        expect(mine.map((e) => e.revision)).toEqual(Array.from({ length: 46 }, (_, i) => BigInt(i)));
        for (let i = 1; i < mine.length; i++) expect(comparePositions(mine[i - 1].position, mine[i].position)).toBeLessThan(0);
        expectChained(await store.readStream(s, { raw: true }));
      }
    });

    it('a log emptied and written again under a live store: its remembered heads are wrong, the chains stay right and verify', async () => {
      const own = await createTestDatabase([...eventStoreMigrations, ...integrityMigrations], backend);
      try {
        const { store, statements } = countedStore(own);
        const s = stream();
        await store.appendToStream(s, [ev(0)], { expectedRevision: 'no_stream' });
        const old = await store.appendToStream(s, [ev(1)], { expectedRevision: 0n });
        await sql`truncate es_events, es_streams, es_idempotency restart identity`.execute(own.db);
        // Another process writes the stream again: the same revisions, other events.
        const other = new PostgresEventStore(own);
        await other.appendToStream(s, [ev(10)], { expectedRevision: 'no_stream' });
        const now = await other.appendToStream(s, [ev(11)], { expectedRevision: 0n });
        expect(now.events[0].hash).not.toBe(old.events[0].hash);
        expect(headsOf(store).get(s)).toEqual({ revision: 1n, hash: old.events[0].hash });

        const r = await statements(() => store.appendToStream(s, [ev(12)], { expectedRevision: 1n }));
        expect(r.statements).toBeGreaterThan(1);
        expect(r.value.events[0].prevHash).toBe(now.events[0].hash);
        const next = await statements(() => store.appendToStream(s, [ev(13)], { expectedRevision: 2n }));
        expect(next.statements).toBe(1);

        const events = await store.readStream(s, { raw: true });
        expect(events.map((e) => (e.data as { n: number }).n)).toEqual([10, 11, 12, 13]);
        expectChained(events);
        expect(await verifyLog(store, own.db)).toMatchObject({ ok: true, eventsChecked: 4 });
      } finally {
        await own.close();
      }
    });

    it('every kind of write leaves the stream row at its last event: version and hash', async () => {
      const store = new PostgresEventStore(database);
      const any = stream('any');
      for (let i = 0; i < 3; i++) await store.appendToStream(any, [ev(i)], { expectedRevision: 'any' });
      await store.appendToStream(any, [ev(3)], { expectedRevision: 'stream_exists' });
      await store.appendToStream(stream('empty'), [], { expectedRevision: 'no_stream' });
      const imported = stream('imported');
      let prev = GENESIS_HASH;
      const foreign: EventToImport[] = [0, 1].map((r) => {
        const base = { id: uuidv4(), streamId: imported, revision: BigInt(r), type: 'Imported', schemaVersion: 1, data: { r }, metadata: meta, recordedAt: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, r)), businessTime: null, prevHash: prev };
        const e = { ...base, hash: eventHash(base) };
        prev = e.hash;
        return e;
      });
      await store.importEvents(foreign);
      const { store: counted, statements } = countedStore(database);
      await counted.readStream(imported);
      expect((await statements(() => counted.appendToStream(imported, [ev(2)], { expectedRevision: 1n }))).statements).toBe(1);
      const off = await sql<{ stream_id: string }>`
        select s.stream_id from es_streams s left join es_events e on e.stream_id = s.stream_id and e.revision = s.version
        where s.last_hash is distinct from e.hash`.execute(database.db);
      expect(off.rows).toEqual([]);
    });

    it('the hook before commit and a zero-size cache keep the transaction', async () => {
      const hooked = countedStore(database, { beforeCommit: async () => undefined });
      const s = stream();
      expect((await hooked.statements(() => hooked.store.appendToStream(s, [ev(0)], { expectedRevision: 'no_stream' }))).statements).toBeGreaterThan(1);
      const uncached = countedStore(database, { headCacheSize: 0 });
      await uncached.store.readStream(s);
      expect((await uncached.statements(() => uncached.store.appendToStream(s, [ev(1)], { expectedRevision: 0n }))).statements).toBeGreaterThan(1);
      expectChained(await uncached.store.readStream(s, { raw: true }));
    });

    it('the migration gives existing stream rows the hash of their last event', async () => {
      const own = await createTestDatabase([eventStoreMigrations[0]], backend);
      try {
        const [h0, h1] = ['b', 'c'].map((c) => c.repeat(64));
        await sql`insert into es_streams (stream_id, version) values ('old-1', 1), ('old-2', 0), ('old-3', -1)`.execute(own.db);
        await sql`
          insert into es_events (event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
          values (${uuidv4()}::uuid, 'old-1', 0, 'T', 1, '{}', '{}', now(), ${GENESIS_HASH}, ${h0}),
                 (${uuidv4()}::uuid, 'old-1', 1, 'T', 1, '{}', '{}', now(), ${h0}, ${h1})`.execute(own.db);
        await migrate(own.db, eventStoreMigrations);
        const rows = await sql<{ stream_id: string; last_hash: string | null }>`select stream_id, last_hash from es_streams order by stream_id`.execute(own.db);
        expect(rows.rows).toEqual([
          { stream_id: 'old-1', last_hash: h1 },
          { stream_id: 'old-2', last_hash: null },
          { stream_id: 'old-3', last_hash: null },
        ]);
      } finally {
        await own.close();
      }
    });

    it('remembers a bounded number of streams, forgetting the oldest', async () => {
      const store = new PostgresEventStore(database, { headCacheSize: 2 });
      const streams = [stream(), stream(), stream()];
      for (const s of streams) await store.appendToStream(s, [ev(0)], { expectedRevision: 'no_stream' });
      expect([...headsOf(store).keys()]).toEqual(streams.slice(1));
      await store.appendToStream(streams[1], [ev(1)], { expectedRevision: 0n });
      expect([...headsOf(store).keys()]).toEqual([streams[2], streams[1]]);
    });
  });
}

fastAppendSuite('PGlite', 'pglite');

if (postgresAvailable()) {
  fastAppendSuite('PostgreSQL', 'postgres');
} else {
  describe('PostgresEventStore one-statement append: PostgreSQL', () => {
    it('is skipped: DATABASE_URL is not set', () => {
      process.stdout.write('[one-statement append PostgreSQL] SKIPPED: DATABASE_URL is not set\n');
      expect(postgresAvailable()).toBe(false);
    });
  });
}
