import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Database } from '@regledger/database';
import { createTestDatabase } from '@regledger/database/testing';
import { PostgresEventStore, eventStoreMigrations, type EventMetadata } from '@regledger/event-store';
import type { AuditContexts } from './audit-event.js';
import { findEvents } from './find-events.js';
import { replayStream } from './replay-stream.js';
import { traceCorrelation } from './trace-correlation.js';

/** A tally stream kind whose fold sums `amount` and whose redaction hides `secret`. */
const CONTEXTS: AuditContexts = [
  {
    name: 'tallies',
    streams: [
      {
        prefix: 'tally-',
        description: 'a running sum',
        fold: (events) => ({ sum: events.reduce((s, e) => s + (e.data as { amount: number }).amount, 0) }),
        redact: (e) => ({ ...(e.data as object), secret: '***' }),
      },
    ],
  },
];

const meta = (correlationId: string, causationId: string | null = null, actorId = 'u1'): EventMetadata => ({
  actorId,
  actorRole: 'supervisor',
  jurisdiction: '440000',
  correlationId,
  causationId,
  idempotencyKey: null,
  reason: '复查',
});

describe('audit functions over a real event store, scanning the log in small pages', () => {
  let database: Database;
  let store: PostgresEventStore;
  const stream = `tally-${randomUUID()}`;
  const chain = `chain-${randomUUID()}`;
  let firstId = '';

  beforeAll(async () => {
    database = await createTestDatabase(eventStoreMigrations);
    store = new PostgresEventStore(database);
    const first = await store.appendToStream(stream, [{ type: 'Added', data: { amount: 2, secret: 's1' }, metadata: meta(chain) }], { expectedRevision: 'no_stream' });
    firstId = first.events[0].id;
    for (let i = 0; i < 4; i += 1) await store.appendToStream(`other-${i}`, [{ type: 'Noise', data: { i }, metadata: meta(`noise-${i}`, null, 'u2') }], { expectedRevision: 'any' });
    await store.appendToStream(stream, [{ type: 'Added', data: { amount: 3, secret: 's2' }, metadata: meta(chain) }], { expectedRevision: 'any' });
    await store.appendToStream(`reaction-${randomUUID()}`, [{ type: 'Reacted', data: {}, metadata: meta(chain, firstId, 'system:p') }], { expectedRevision: 'any' });
  });
  afterAll(async () => database.close());

  it('given a stream, when replayed, then every event carries its envelope, redacted data and the state after it; position cuts it', async () => {
    const all = await replayStream(store, CONTEXTS, stream);
    expect(all.events.map((e) => ({ data: e.data, stateAfter: e.stateAfter, reason: e.reason, correlationId: e.correlationId }))).toEqual([
      { data: { amount: 2, secret: '***' }, stateAfter: { sum: 2 }, reason: '复查', correlationId: chain },
      { data: { amount: 3, secret: '***' }, stateAfter: { sum: 5 }, reason: '复查', correlationId: chain },
    ]);
    const cut = await replayStream(store, CONTEXTS, stream, { position: 0n });
    expect({ n: cut.events.length, state: cut.state, latest: cut.latestRevision }).toEqual({ n: 1, state: { sum: 2 }, latest: '1' });
    await expect(replayStream(store, CONTEXTS, 'tally-none')).rejects.toMatchObject({ code: 'AUDIT.STREAM_NOT_FOUND' });
  });

  it('given pages of 2 events, when a correlation is traced, then every page is read and the reaction hangs under its cause', async () => {
    const t = await traceCorrelation(store, CONTEXTS, chain, { pageSize: 2 });
    expect(t.scanned).toBe(7);
    expect(t.roots.map((r) => [r.event.type, r.children.map((c) => [c.event.type, c.link])])).toEqual([
      [
        'Added',
        [
          ['Added', 'stream'],
          ['Reacted', 'causation'],
        ],
      ],
    ]);
    await expect(traceCorrelation(store, CONTEXTS, 'nothing-here', { pageSize: 2 })).rejects.toMatchObject({ code: 'AUDIT.CORRELATION_NOT_FOUND' });
  });

  it('given pages of 2 events, when events are searched page by page, then the pages are consecutive slices of one total', async () => {
    const first = await findEvents(store, CONTEXTS, { actor: 'u2' }, { limit: 3, offset: 0 }, { pageSize: 2 });
    const second = await findEvents(store, CONTEXTS, { actor: 'u2' }, { limit: 3, offset: 3 }, { pageSize: 2 });
    expect({ total: first.total, scanned: first.scanned }).toEqual({ total: 4, scanned: 7 });
    expect([...first.items, ...second.items].map((e) => e.data)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }, { i: 3 }]);
    const typed = await findEvents(store, CONTEXTS, { types: ['Added'] }, { limit: 10, offset: 0 }, { pageSize: 2 });
    expect(typed.items.map((e) => e.data)).toEqual([
      { amount: 2, secret: '***' },
      { amount: 3, secret: '***' },
    ]);
  });
});
