import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { v4 as uuidv4 } from 'uuid';
import type { AnyDb, Database } from '@regledger/database';
import { createTestDatabase } from '@regledger/database/testing';
import { PostgresEventStore, WrongExpectedVersionError, awaitReadable, eventStoreMigrations, type EventMetadata, type RecordedEvent } from '@regledger/event-store';
import { DomainError } from '@regledger/shared';
import { advanceCheckpoint, readCheckpoint, readModelRuntimeMigrations } from './checkpoints.js';
import { ProjectionEngine } from './projection-engine.js';
import { listPolicyRefusals, sendReactions } from './policy-refusals.js';
import type { Policy, Projection, TableNames } from './projection.js';

const meta: EventMetadata = { actorId: 't', actorRole: 'admin', jurisdiction: '000000', correlationId: 'c', causationId: null, idempotencyKey: null, reason: null };

/** Counts events per stream; rows remember the last revision applied. */
const counter = (version = 1): Projection => ({
  name: 'counter',
  version,
  tables: ['test_counts'],
  handles: ['Counted'],
  async createTables(db: AnyDb, t: TableNames) {
    await sql`create table ${sql.table(t.test_counts)} (stream_id text primary key, n integer not null, last_revision bigint not null${sql.raw(version > 1 ? ', doubled integer' : '')})`.execute(db);
  },
  async apply(trx: AnyDb, events: readonly RecordedEvent[], t: TableNames) {
    for (const e of events) {
      await sql`
        insert into ${sql.table(t.test_counts)} (stream_id, n, last_revision) values (${e.streamId}, 1, ${e.revision.toString()}::bigint)
        on conflict (stream_id) do update set n = ${sql.table(t.test_counts)}.n + 1, last_revision = excluded.last_revision
        where ${sql.table(t.test_counts)}.last_revision < excluded.last_revision`.execute(trx);
    }
  },
});

describe('ProjectionEngine', () => {
  let database: Database;
  let store: PostgresEventStore;
  const engines: ProjectionEngine[] = [];
  const make = (projections: Projection[], policies: Policy[] = [], batchSize = 500): ProjectionEngine => {
    const e = new ProjectionEngine(store, database, projections, policies, { batchSize, pollIntervalMs: 10, standbyRetryMs: 50 });
    engines.push(e);
    return e;
  };
  const append = async (streams: number, perStream: number): Promise<void> => {
    for (let s = 0; s < streams; s++) {
      const id = `count-${uuidv4()}`;
      for (let i = 0; i < perStream; i++) await store.appendToStream(id, [{ type: 'Counted', data: { i }, metadata: meta }], { expectedRevision: 'any' });
    }
  };
  const rows = async (): Promise<{ stream_id: string; n: number }[]> =>
    (await sql<{ stream_id: string; n: number }>`select stream_id, n from test_counts order by stream_id`.execute(database.db)).rows;

  beforeEach(async () => {
    database = await createTestDatabase([...eventStoreMigrations, ...readModelRuntimeMigrations]);
    store = new PostgresEventStore(database);
  });
  afterEach(async () => {
    for (const e of engines.splice(0)) await e.stop();
    await database.close();
  });

  it('given events in the log, when it catches up, then the read model and checkpoint reach the head', async () => {
    await append(3, 4);
    const engine = make([counter()]);
    await engine.catchUp();
    expect((await rows()).map((r) => r.n)).toEqual([4, 4, 4]);
    const head = await store.headPosition();
    const cp = await readCheckpoint(database.db, 'counter');
    expect(cp?.position).toEqual(head?.position);
    expect(cp?.eventsSeen).toBe(12n);
    expect((await engine.status())[0]).toMatchObject({ name: 'counter', eventsBehind: 0 });
  });

  it('given a running engine, when events arrive, then it applies them and waitFor resolves on the checkpoint', async () => {
    const engine = make([counter()]);
    await engine.start();
    await append(2, 3);
    await engine.waitFor();
    expect((await rows()).map((r) => r.n)).toEqual([3, 3]);
  });

  it('moves a checkpoint only from the position it was read at (compare-and-set)', async () => {
    await append(1, 2);
    const engine = make([counter()]);
    await engine.prepare();
    const cp = (await readCheckpoint(database.db, 'counter'))!;
    // Other transactions of the cluster may hold readers back for a moment.
    await awaitReadable(store);
    const [first] = await store.readAll({ maxCount: 1 });
    expect(await advanceCheckpoint(database.db, 'counter', cp.position, { position: first.position, globalPosition: first.globalPosition, events: 1, lastEventAt: null })).toBe(true);
    expect(await advanceCheckpoint(database.db, 'counter', cp.position, { position: first.position, globalPosition: first.globalPosition, events: 1, lastEventAt: null })).toBe(false);
  });

  it('runs one active worker per projection: a second engine stands by', async () => {
    const a = make([counter()]);
    const b = make([counter()]);
    await a.start();
    await b.start();
    await append(1, 5);
    await a.waitFor();
    const states = [(await a.status())[0].state, (await b.status())[0].state].sort();
    expect(states).toEqual(['running', 'standby']);
    expect((await rows()).map((r) => r.n)).toEqual([5]);
  });

  it('reports lag: events and seconds behind the head', async () => {
    const engine = make([counter()]);
    await engine.prepare();
    await append(1, 7);
    let [s] = await engine.status();
    while (s.eventsBehind < 7) [s] = await engine.status();
    expect(s.eventsBehind).toBe(7);
    expect(s.eventsBehindCapped).toBe(false);
  });

  it('rebuilds blue/green: the live table serves throughout, the result equals a clean build', async () => {
    await append(4, 5);
    const engine = make([counter()], [], 7);
    await engine.catchUp();
    const before = await rows();
    const seenDuring: number[] = [];
    const r = await engine.rebuild('counter', async () => {
      seenDuring.push((await rows()).length);
    });
    expect(r.phase).toBe('done');
    expect(seenDuring.every((n) => n === 4)).toBe(true);
    expect(await rows()).toEqual(before);
    const tables = await sql<{ t: string }>`select tablename as t from pg_tables where tablename like 'test_counts%' order by 1`.execute(database.db);
    expect(tables.rows.map((x) => x.t)).toEqual(['test_counts']);
    expect(await readCheckpoint(database.db, 'counter@next')).toBeNull();
  });

  it('resumes an interrupted rebuild and ends equal to a clean one', async () => {
    await append(5, 6);
    const first = make([counter()], [], 5);
    await first.catchUp();
    const expected = await rows();
    let batches = 0;
    await expect(
      first.rebuild('counter', () => {
        if (++batches === 2) void first.stop();
      }),
    ).rejects.toThrow(/interrupted/);
    const partial = await readCheckpoint(database.db, 'counter@next');
    expect(partial?.eventsSeen).toBeGreaterThan(0n);
    const second = make([counter()], [], 5);
    const r = await second.rebuild('counter');
    expect(r.applied).toBe(30);
    expect(await rows()).toEqual(expected);
  });

  it('rebuilds a projection whose version changed when the engine starts', async () => {
    await append(2, 2);
    const v1 = make([counter(1)]);
    await v1.catchUp();
    await v1.stop();
    const v2 = make([counter(2)]);
    await v2.start();
    await v2.waitFor();
    for (;;) {
      const cp = await readCheckpoint(database.db, 'counter');
      if (cp?.version === 2) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const cols = await sql<{ c: string }>`select column_name as c from information_schema.columns where table_name = 'test_counts' order by 1`.execute(database.db);
    expect(cols.rows.map((x) => x.c)).toContain('doubled');
    expect((await rows()).map((r) => r.n)).toEqual([2, 2]);
  });

  it('runs policies on new events only, once, and never during a rebuild', async () => {
    await append(1, 3);
    const reacted: string[] = [];
    const policy: Policy = { name: 'recorder', handles: ['Counted'], react: async (e) => void reacted.push(e.id) };
    const engine = make([counter()], [policy]);
    await engine.start();
    await append(1, 2);
    await engine.waitFor();
    expect(reacted).toHaveLength(2);
    await engine.rebuild('counter');
    await engine.waitFor();
    expect(reacted).toHaveLength(2);
  });

  it('given a reaction refused for good and one that meets a concurrent writer, then the first is recorded and passed, the second retried', async () => {
    const sent: number[] = [];
    let conflicts = 0;
    const policy: Policy = {
      name: 'picky',
      handles: ['Counted'],
      react: async (e) => {
        const i = (e.data as { i: number }).i;
        if (i === 0) throw new DomainError('TEST.NOT_APPLICABLE', 'rule', 'the fact no longer applies');
        if (i === 1 && conflicts++ === 0) throw new WrongExpectedVersionError('count-x', 0n, 1n);
        sent.push(i);
      },
    };
    const engine = new ProjectionEngine(store, database, [], [policy], { pollIntervalMs: 10, errorBackoffMs: 10 });
    engines.push(engine);
    await engine.start();
    await append(1, 3);
    await engine.waitFor();
    expect({ sent, conflicts }).toEqual({ sent: [1, 2], conflicts: 2 });
    expect((await listPolicyRefusals(database.db)).map((r) => ({ policy: r.policy, code: r.code, type: r.eventType }))).toEqual([
      { policy: 'picky', code: 'TEST.NOT_APPLICABLE', type: 'Counted' },
    ]);
    expect((await engine.status()).map((w) => ({ name: w.name, state: w.state, refusedReactions: w.refusedReactions }))).toEqual([
      { name: 'picky', state: 'running', refusedReactions: 1 },
    ]);
  });

  it('given commands of one reaction, when one is refused for good, then the others are still sent and the refusal is thrown after them', async () => {
    const executed: string[] = [];
    const bus = {
      execute: async (c: string) => {
        if (c === 'b') throw new DomainError('TEST.CLOSED', 'conflict', 'closed meanwhile');
        executed.push(c);
      },
    };
    await expect(sendReactions(bus, ['a', 'b', 'c'])).rejects.toMatchObject({ code: 'TEST.CLOSED' });
    expect(executed).toEqual(['a', 'c']);
    const failing = { execute: async (c: string) => (c === 'a' ? Promise.reject(new Error('connection lost')) : void executed.push(c)) };
    await expect(sendReactions(failing, ['a', 'z'])).rejects.toThrow('connection lost');
    expect(executed).toEqual(['a', 'c']);
  });

  it('refuses to resume against another log (a logical restore moves transaction ids)', async () => {
    await append(1, 1);
    const engine = make([counter()]);
    await engine.prepare();
    await sql`update rm_checkpoints set log_identity = 'postgres:another-cluster/db' where name = 'counter'`.execute(database.db);
    await expect(engine.catchUp()).rejects.toThrow(/belongs to log postgres:another-cluster/);
    await engine.rebuild('counter');
    await engine.catchUp();
    expect((await rows()).map((r) => r.n)).toEqual([1]);
  });
});
