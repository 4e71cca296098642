import { v7 as uuidv7 } from 'uuid';
import { enterpriseStreamId } from '@regledger/enterprises';
import { GENESIS_HASH, sha256, type EventToAppend } from '@regledger/event-store';
import { resetLog, type RawQuery } from '../backends.js';
import { enterpriseHistory, uscc } from '../fixtures.js';
import { measurePair, runWorkers, timed, type BenchContext, type Scale, type Scenario, type ScenarioResult, type VariantResult } from '../harness.js';

/** Streams each writer cycles through. */
export const STREAMS_PER_WRITER = 4;

const WRITERS = [1, 4, 16] as const;

/** Events per measured run, by writer count. */
const EVENTS: Record<Scale, Record<(typeof WRITERS)[number], number>> = {
  small: { 1: 200, 4: 320, 16: 480 },
  medium: { 1: 500, 4: 1_000, 16: 2_000 },
  full: { 1: 2_000, 4: 4_000, 16: 8_000 },
};

export interface WriterPlan {
  streams: string[];
  /** Per stream, its events in order. */
  histories: EventToAppend[][];
  /** Placeholder hashes for the baseline rows (64 hex characters, like the store's). */
  hashes: string[];
}

/** Each writer owns its streams: writer w, stream s is enterprise w·STREAMS_PER_WRITER + s of `family`. */
export function planWriters(writers: number, eventsPerStream: number, family: number): WriterPlan[] {
  return Array.from({ length: writers }, (_, w) => {
    const ids = Array.from({ length: STREAMS_PER_WRITER }, (_, s) => w * STREAMS_PER_WRITER + s);
    const codes = ids.map((i) => uscc(i, family));
    return {
      streams: codes.map((c) => enterpriseStreamId(c)),
      histories: codes.map((c, k) => enterpriseHistory(c, ids[k], eventsPerStream)),
      hashes: codes.map((c) => sha256(c)),
    };
  });
}

export const EVENT_INSERT_COLUMNS = '(event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at, business_time, prev_hash, hash)';

/**
 * The baselines' append: one statement, hence its own transaction and one round trip. The stream row's
 * upsert (version + the number of events) and the insert of the events, whose revisions come from the
 * upserted version; `hash` is a placeholder for every row, `prev_hash` the genesis hash.
 */
export function baselineAppend(streamId: string, events: readonly EventToAppend[], recordedAt: string, hash: string): { text: string; params: unknown[] } {
  const params: unknown[] = [streamId, events.length, recordedAt, GENESIS_HASH, hash];
  const rows = events.map((e, i) => {
    const b = params.length;
    params.push(uuidv7(), i, e.type, e.schemaVersion ?? 1, JSON.stringify(e.data), JSON.stringify(e.metadata));
    return `($${b + 1}::uuid, $${b + 2}::bigint, $${b + 3}, $${b + 4}::int, $${b + 5}::jsonb, $${b + 6}::jsonb)`;
  });
  const text = `with head as (
      insert into es_streams (stream_id, version) values ($1, $2::bigint - 1)
      on conflict (stream_id) do update set version = es_streams.version + $2::bigint
      returning version)
    insert into es_events ${EVENT_INSERT_COLUMNS}
    select v.event_id, $1, head.version - $2::bigint + 1 + v.i, v.type, v.schema_version, v.data, v.metadata, $3::timestamptz, null, $4, $5
    from head, (values ${rows.join(', ')}) as v(event_id, i, type, schema_version, data, metadata)`;
  return { text, params };
}

export async function assertLogHolds(raw: RawQuery, events: number, streams: number, side: string): Promise<void> {
  const [r] = await raw.query<{ events: string; streams: string; max_version: string }>(
    'select (select count(*) from es_events)::text as events, (select count(*) from es_streams)::text as streams, (select coalesce(sum(version + 1), 0) from es_streams)::text as max_version',
  );
  if (Number(r.events) !== events || Number(r.streams) !== streams || Number(r.max_version) !== events) {
    throw new Error(`${side}: expected ${events} events in ${streams} streams, found ${r.events} events, ${r.streams} streams, versions summing to ${r.max_version}`);
  }
}

export const appendSingleScenario: Scenario = {
  id: 'append-single',
  title: 'Single-event appends',
  summary: 'one event per appendToStream (exact expected revision) with 1, 4 and 16 concurrent writers, vs one raw SQL statement (upsert + insert) per event',
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const { raw } = ctx.bench;
    const variants: VariantResult[] = [];
    for (const writers of WRITERS) {
      const total = EVENTS[ctx.scale][writers];
      const perWriter = Math.floor(total / writers);
      const events = perWriter * writers;
      const plans = planWriters(writers, Math.ceil(perWriter / STREAMS_PER_WRITER), 2);
      variants.push(
        await measurePair(ctx, 'append-single', {
          label: `${writers} writer${writers > 1 ? 's' : ''}`,
          events,
          operations: events,
          reset: () => resetLog(raw),
          async library() {
            const latencies: number[] = [];
            const t0 = performance.now();
            await runWorkers(writers, async (w) => {
              const plan = plans[w];
              const revisions: (bigint | null)[] = plan.streams.map(() => null);
              for (let i = 0; i < perWriter; i++) {
                const s = i % STREAMS_PER_WRITER;
                const n = Math.floor(i / STREAMS_PER_WRITER);
                const current = revisions[s];
                const r = await timed(latencies, () =>
                  ctx.store.appendToStream(plan.streams[s], [plan.histories[s][n]], { expectedRevision: current === null ? 'no_stream' : current }),
                );
                revisions[s] = r.nextExpectedRevision;
              }
            });
            const ms = performance.now() - t0;
            await assertLogHolds(raw, events, writers * Math.min(STREAMS_PER_WRITER, perWriter), 'library');
            return { ms, events, latencies };
          },
          async baseline() {
            const latencies: number[] = [];
            const t0 = performance.now();
            await runWorkers(writers, async (w) => {
              const plan = plans[w];
              for (let i = 0; i < perWriter; i++) {
                const s = i % STREAMS_PER_WRITER;
                const e = plan.histories[s][Math.floor(i / STREAMS_PER_WRITER)];
                const { text, params } = baselineAppend(plan.streams[s], [e], new Date().toISOString(), plan.hashes[s]);
                await timed(latencies, () => raw.query(text, params));
              }
            });
            const ms = performance.now() - t0;
            await assertLogHolds(raw, events, writers * Math.min(STREAMS_PER_WRITER, perWriter), 'baseline');
            return { ms, events, latencies };
          },
        }),
      );
    }
    return {
      id: this.id,
      title: this.title,
      library: `PostgresEventStore.appendToStream(stream, [event], { expectedRevision: n }) — 'no_stream' for a stream's first event; each writer cycles over its own ${STREAMS_PER_WRITER} streams`,
      baseline:
        'plain SQL, one statement per event (its own transaction, one round trip, no explicit begin/commit): with head as (insert into es_streams … on conflict do update set version = version + 1 returning version) insert into es_events (same columns, revision from head, placeholder hashes); no revision check, no lock, no hash',
      operation: 'one append (one event)',
      headline: 'throughput',
      variants,
      notes: [],
    };
  },
};
