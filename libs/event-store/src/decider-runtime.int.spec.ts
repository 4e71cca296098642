import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { v4 as uuidv4 } from 'uuid';
import { RuleViolation, type Command, type CommandMetadata, type Decider, type DomainEvent } from '@regledger/shared';
import type { Database } from '@regledger/database';
import { createTestDatabase } from '@regledger/database/testing';
import { PostgresEventStore } from './postgres/postgres-event-store.js';
import { eventStoreMigrations } from './postgres/event-store.migrations.js';
import { DeciderRuntime } from './decider-runtime.js';
import { IdempotencyKeyReusedError, WrongExpectedVersionError } from './errors.js';
import type { EventStore } from './event-store.port.js';
import type { EventMetadata } from './types.js';

type Add = Command<'Add', { amount: number }>;
type Added = DomainEvent<'Added', { amount: number }>;
/** A tally that refuses to go above 10 and records nothing for a zero. */
const tally: Decider<Add, Added, number> = {
  initialState: () => 0,
  evolve: (s, e) => s + e.data.amount,
  decide: (c, s) => {
    if (s + c.data.amount > 10) throw new RuleViolation('TALLY.TOO_HIGH', 'above 10');
    return c.data.amount === 0 ? [] : [{ type: 'Added', data: { amount: c.data.amount } }];
  },
};

const metadata = (over: Partial<CommandMetadata> = {}): CommandMetadata => ({
  now: '2026-05-01T08:00:00.000Z',
  actor: { id: 'u1', role: 'supervisor', jurisdiction: '440000' },
  correlationId: uuidv4(),
  reason: '复查',
  ...over,
});
const add = (amount: number, over: Partial<CommandMetadata> = {}): Add => ({ type: 'Add', data: { amount }, metadata: metadata(over) });

const eventMetadata: EventMetadata = { actorId: 'other', actorRole: 'supervisor', jurisdiction: '440000', correlationId: 'c', causationId: null, idempotencyKey: null, reason: null };

describe('DeciderRuntime', () => {
  let database: Database;
  let store: PostgresEventStore;
  let runtime: DeciderRuntime;
  beforeAll(async () => {
    database = await createTestDatabase(eventStoreMigrations);
    store = new PostgresEventStore(database);
    runtime = new DeciderRuntime(store);
  });
  afterAll(async () => database.close());

  it('given a stream, when a command is decided, then its events are appended with the envelope from the command', async () => {
    const s = `tally-${uuidv4()}`;
    const cmd = add(3);
    const r = await runtime.handle(tally, s, cmd);
    expect(r.revision).toBe(0n);
    const [e] = await store.readStream(s);
    expect(e.metadata).toEqual({
      actorId: 'u1', actorRole: 'supervisor', jurisdiction: '440000', correlationId: cmd.metadata.correlationId, causationId: null, idempotencyKey: null, reason: '复查',
    });
    expect((await runtime.handle(tally, s, add(4))).revision).toBe(1n);
  });

  it('given a rule violation, then it throws and appends nothing', async () => {
    const s = `tally-${uuidv4()}`;
    await runtime.handle(tally, s, add(9));
    await expect(runtime.handle(tally, s, add(5))).rejects.toMatchObject({ code: 'TALLY.TOO_HIGH' });
    expect(await store.streamRevision(s)).toBe(0n);
  });

  it('given a stale expected revision (If-Match), then it refuses with WrongExpectedVersion', async () => {
    const s = `tally-${uuidv4()}`;
    await runtime.handle(tally, s, add(1));
    await runtime.handle(tally, s, add(1));
    await expect(runtime.handle(tally, s, add(1), { expectedRevision: 0n })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect((await runtime.handle(tally, s, add(1), { expectedRevision: 1n })).revision).toBe(2n);
  });

  it('given a writer that appends between the read and the append, then an unpinned command is decided again on the new state; a pinned one is refused', async () => {
    /** The store as the runtime sees it, with another writer appending `amount` right after the runtime's first read. */
    const racing = (amount: number): EventStore => {
      let raced = false;
      return Object.assign(Object.create(store) as EventStore, {
        readStream: async (streamId: string) => {
          const events = await store.readStream(streamId);
          if (!raced) {
            raced = true;
            await store.appendToStream(streamId, [{ type: 'Added', data: { amount }, metadata: { ...eventMetadata, correlationId: uuidv4() } }], { expectedRevision: 'any' });
          }
          return events;
        },
      });
    };
    const s = `tally-${uuidv4()}`;
    const result = await new DeciderRuntime(racing(3)).handle(tally, s, add(2));
    expect({ revision: result.revision, amounts: (await store.readStream(s)).map((e) => (e.data as { amount: number }).amount) }).toEqual({ revision: 1n, amounts: [3, 2] });
    // Decided again on the new state: 3 + 2 + 4 is within the rule, 3 + 2 + 4 + 2 is not.
    await expect(new DeciderRuntime(racing(4)).handle(tally, s, add(2))).rejects.toMatchObject({ code: 'TALLY.TOO_HIGH' });
    await expect(new DeciderRuntime(racing(0)).handle(tally, s, add(1), { expectedRevision: 2n })).rejects.toBeInstanceOf(WrongExpectedVersionError);
  });

  it('given a retried idempotency key, then the first answer comes back and nothing is appended; another actor may use the same key', async () => {
    const s = `tally-${uuidv4()}`;
    const first = await runtime.handle(tally, s, add(2, { idempotencyKey: 'k1' }));
    const again = await runtime.handle(tally, s, add(2, { idempotencyKey: 'k1' }));
    expect(again.replayed).toBe(true);
    expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect(await store.streamRevision(s)).toBe(0n);
    await expect(runtime.handle(tally, s, add(3, { idempotencyKey: 'k1' }))).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    const other = await runtime.handle(tally, s, add(2, { idempotencyKey: 'k1', actor: { id: 'u2', role: 'supervisor', jurisdiction: '440000' } }));
    expect(other.replayed).toBe(false);
    expect(await store.streamRevision(s)).toBe(1n);
  });

  it('given a decision with no events, then nothing is appended', async () => {
    const s = `tally-${uuidv4()}`;
    const r = await runtime.handle(tally, s, add(0));
    expect(r.events).toEqual([]);
    expect(await store.streamRevision(s)).toBeNull();
  });
});
