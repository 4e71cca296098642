import { resetLog } from '../backends.js';
import { measurePair, runWorkers, timed, type BenchContext, type Scale, type Scenario, type ScenarioResult, type VariantResult } from '../harness.js';
import { STREAMS_PER_WRITER, assertLogHolds, baselineAppend, planWriters } from './append-single.js';

export const BATCH = 100;

const WRITERS = [1, 4] as const;

/** Appends of BATCH events per measured run, by writer count. */
const APPENDS: Record<Scale, Record<(typeof WRITERS)[number], number>> = {
  small: { 1: 20, 4: 40 },
  medium: { 1: 100, 4: 200 },
  full: { 1: 400, 4: 800 },
};

export const appendBatchScenario: Scenario = {
  id: 'append-batch',
  title: `Batched appends (${BATCH} events per append)`,
  summary: `${BATCH} events per appendToStream with 1 and 4 writers, vs one raw SQL statement per batch (upsert + multi-row insert)`,
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const { raw } = ctx.bench;
    const variants: VariantResult[] = [];
    for (const writers of WRITERS) {
      const perWriter = Math.floor(APPENDS[ctx.scale][writers] / writers);
      const appends = perWriter * writers;
      const events = appends * BATCH;
      const plans = planWriters(writers, Math.ceil(perWriter / STREAMS_PER_WRITER) * BATCH, 3);
      const streams = writers * Math.min(STREAMS_PER_WRITER, perWriter);
      const batchOf = (w: number, i: number) => {
        const s = i % STREAMS_PER_WRITER;
        const n = Math.floor(i / STREAMS_PER_WRITER);
        return { s, stream: plans[w].streams[s], events: plans[w].histories[s].slice(n * BATCH, (n + 1) * BATCH) };
      };
      variants.push(
        await measurePair(ctx, 'append-batch', {
          label: `${writers} writer${writers > 1 ? 's' : ''}`,
          events,
          operations: appends,
          reset: () => resetLog(raw),
          async library() {
            const latencies: number[] = [];
            const t0 = performance.now();
            await runWorkers(writers, async (w) => {
              const revisions: (bigint | null)[] = plans[w].streams.map(() => null);
              for (let i = 0; i < perWriter; i++) {
                const b = batchOf(w, i);
                const current = revisions[b.s];
                const r = await timed(latencies, () => ctx.store.appendToStream(b.stream, b.events, { expectedRevision: current === null ? 'no_stream' : current }));
                revisions[b.s] = r.nextExpectedRevision;
              }
            });
            const ms = performance.now() - t0;
            await assertLogHolds(raw, events, streams, 'library');
            return { ms, events, latencies };
          },
          async baseline() {
            const latencies: number[] = [];
            const t0 = performance.now();
            await runWorkers(writers, async (w) => {
              for (let i = 0; i < perWriter; i++) {
                const b = batchOf(w, i);
                const { text, params } = baselineAppend(b.stream, b.events, new Date().toISOString(), plans[w].hashes[b.s]);
                await timed(latencies, () => raw.query(text, params));
              }
            });
            const ms = performance.now() - t0;
            await assertLogHolds(raw, events, streams, 'baseline');
            return { ms, events, latencies };
          },
        }),
      );
    }
    return {
      id: this.id,
      title: this.title,
      library: `PostgresEventStore.appendToStream(stream, ${BATCH} events, { expectedRevision: n }); each writer cycles over its own ${STREAMS_PER_WRITER} streams`,
      baseline: `plain SQL, one statement per batch (its own transaction, one round trip, no explicit begin/commit): with head as (upsert of the es_streams row, version + ${BATCH}, returning version) insert into es_events of the ${BATCH} rows from a multi-row values list (revisions from head, placeholder hashes); no revision check, no lock, no hash`,
      operation: `one append (${BATCH} events)`,
      headline: 'throughput',
      variants,
      notes: [],
    };
  },
};
