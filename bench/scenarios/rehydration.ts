import { enterpriseDecider, enterpriseStreamId, type EnterpriseEvent, type EnterpriseState } from '@regledger/enterprises';
import { resetLog } from '../backends.js';
import { enterpriseHistory, enterpriseName, seedEvents, uscc } from '../fixtures.js';
import { measurePair, type BenchContext, type Sample, type Scale, type Scenario, type ScenarioResult, type VariantResult } from '../harness.js';

/** Stream lengths: a typical enterprise stream, then the two long ones the snapshot question is about. */
const LENGTHS = [5, 1_000, 10_000] as const;

/** Loads per measured run, by scale and length. */
const LOADS: Record<Scale, Record<(typeof LENGTHS)[number], number>> = {
  small: { 5: 100, 1_000: 5, 10_000: 1 },
  medium: { 5: 1_000, 1_000: 30, 10_000: 5 },
  full: { 5: 3_000, 1_000: 100, 10_000: 15 },
};

/** The DeciderRuntime's fold: evolve over `{ type, data }` from the initial state. */
const fold = (events: readonly { type: string; data: unknown }[]): EnterpriseState =>
  events.reduce((s, e) => enterpriseDecider.evolve(s, { type: e.type, data: e.data } as EnterpriseEvent), enterpriseDecider.initialState());

export const rehydrationScenario: Scenario = {
  id: 'rehydration',
  title: 'Rehydration of one stream (readStream + fold)',
  summary: 'loads of a 5-, 1,000- and 10,000-event enterprise stream through readStream + the decider fold, vs raw select of type and data + the same fold',
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const { raw } = ctx.bench;
    await resetLog(raw);
    const streams = LENGTHS.map((length, k) => {
      const code = uscc(k, 4);
      return { length, index: k, streamId: enterpriseStreamId(code), events: enterpriseHistory(code, k, length) };
    });
    ctx.progress(`rehydration: seeding streams of ${LENGTHS.join(', ')} events`);
    await seedEvents(raw, streams.flatMap((s) => s.events.map((event) => ({ streamId: s.streamId, event }))));
    await raw.query('analyze es_events');
    const variants: VariantResult[] = [];
    for (const s of streams) {
      const loads = LOADS[ctx.scale][s.length];
      const expectName = enterpriseName(s.index, s.length - 1);
      const check = (state: EnterpriseState, side: string) => {
        if (state.name !== expectName || state.formerNames.length !== s.length - 1) throw new Error(`${side}: folded state of ${s.streamId} is wrong`);
      };
      const measure = async (side: string, read: () => Promise<readonly { type: string; data: unknown }[]>): Promise<Sample> => {
        const latencies: number[] = [];
        let readMs = 0;
        let foldMs = 0;
        let state: EnterpriseState | null = null;
        const t0 = performance.now();
        for (let i = 0; i < loads; i++) {
          const a = performance.now();
          const events = await read();
          const b = performance.now();
          state = fold(events);
          const c = performance.now();
          readMs += b - a;
          foldMs += c - b;
          latencies.push(c - a);
        }
        const ms = performance.now() - t0;
        check(state!, side);
        return { ms, events: loads * s.length, latencies, phases: { read: readMs / loads, fold: foldMs / loads } };
      };
      variants.push(
        await measurePair(ctx, 'rehydration', {
          label: `${s.length.toLocaleString('en-US')} events`,
          events: loads * s.length,
          operations: loads,
          reset: async () => undefined,
          library: () => measure('library', () => ctx.store.readStream(s.streamId)),
          baseline: () =>
            measure('baseline', async () =>
              (await raw.query<{ type: string; data: unknown }>('select type, data from es_events where stream_id = $1 order by revision', [s.streamId])).map((r) => ({
                type: r.type,
                data: typeof r.data === 'string' ? JSON.parse(r.data) : r.data,
              })),
            ),
        }),
      );
    }
    return {
      id: this.id,
      title: this.title,
      library: 'PostgresEventStore.readStream(streamId) then the enterprise decider’s evolve from its initial state (what DeciderRuntime.handle does before deciding); repeated loads, warm cache',
      baseline: 'plain SQL: select type, data from es_events where stream_id = $1 order by revision, then the same fold',
      operation: 'one load (read + fold)',
      headline: 'per-operation',
      variants,
      notes: ['Streams hold one EnterpriseRegistered followed by renames, the only events an enterprise stream can grow with besides one deregistration.'],
    };
  },
};
