import type { PostgresEventStore } from '@regledger/event-store';
import type { BenchDatabase } from './backends.js';

export type Scale = 'small' | 'medium' | 'full';
export const SCALES: readonly Scale[] = ['small', 'medium', 'full'];

export interface BenchContext {
  readonly bench: BenchDatabase;
  readonly store: PostgresEventStore;
  readonly scale: Scale;
  /** Measured repetitions of every library and baseline measurement. */
  readonly runs: number;
  /** Unmeasured repetitions before them. */
  readonly warmup: number;
  readonly progress: (message: string) => void;
  readonly signal: AbortSignal;
  /** The PostgreSQL server the bench databases are created on. */
  readonly serverUrl: string;
  /** An existing national data set to use instead of generating one (--dataset-url). */
  readonly datasetUrl: string | null;
  /** Keep the generated national data set's database at the end (--keep-dataset). */
  readonly keepDataset: boolean;
  /** Child processes deciding the national data set's chunks (--generator-workers). */
  readonly generatorWorkers: number;
  /** Registers a removal to run on Ctrl-C and SIGTERM. */
  onCleanup(fn: () => Promise<void>): void;
}

/** One measurement: how long the timed region took, how many events it handled, per-operation latencies. */
export interface Sample {
  ms: number;
  events: number;
  /** Per operation (one append, one load), in ms. */
  latencies: number[];
  /** Time spent in named phases inside the timed region (ms). */
  phases?: Record<string, number>;
}

export interface Stats {
  /** Timed region of every measured run, in ms, in run order. */
  runsMs: number[];
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Median over runs of events / second. */
  eventsPerSecond: number;
  /** Over the operations of all measured runs pooled. */
  p50Ms: number | null;
  p95Ms: number | null;
  /** Where a scenario reports it (summarise does not): as p50Ms. */
  p99Ms?: number | null;
  operations: number;
  /** Median over runs of each phase's share (ms). */
  phasesMs: Record<string, number>;
  /** Where runs last a fixed time rather than a fixed amount of work: events / second of each measured run (the run spread is taken over these). */
  ratePerRun?: number[];
}

export interface VariantResult {
  label: string;
  /** Events per measured run. */
  events: number;
  /** Operations per measured run (appends, loads). */
  operations: number;
  library: Stats;
  baseline: Stats;
  /** Median library time ÷ median baseline time: 1.00 is equal, 2.00 takes twice as long. */
  ratio: number;
}

export interface ScenarioResult {
  id: string;
  title: string;
  library: string;
  baseline: string;
  /** Short names of the two sides for the report's columns; "Library" and "Baseline" when absent. */
  sides?: { library: string; baseline: string };
  /** What one operation (a latency sample) is; empty when there are none. */
  operation: string;
  /** The headline figure: events per second, or milliseconds per (sequential) operation. */
  headline: 'throughput' | 'per-operation';
  /** What the counted events are, in the report's column names ("requests"); "events" when absent. */
  unit?: string;
  variants: VariantResult[];
  notes: string[];
}

export interface Scenario {
  id: string;
  title: string;
  /** One line for `list` and `--help`. */
  summary: string;
  run(ctx: BenchContext): Promise<ScenarioResult>;
}

/**
 * Lets timers and signal handlers run. PGlite answers queries without going through the event loop, so
 * a run against it is one long chain of promises: Ctrl-C is handled at the next such yield.
 */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export const median = (xs: readonly number[]): number => {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Nearest-rank percentile. */
export const percentile = (xs: readonly number[], p: number): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

export const summarise = (samples: readonly Sample[]): Stats => {
  const runsMs = samples.map((s) => s.ms);
  const latencies = samples.flatMap((s) => s.latencies);
  const phaseNames = [...new Set(samples.flatMap((s) => Object.keys(s.phases ?? {})))];
  return {
    runsMs,
    medianMs: median(runsMs),
    minMs: Math.min(...runsMs),
    maxMs: Math.max(...runsMs),
    eventsPerSecond: median(samples.map((s) => (s.events * 1000) / s.ms)),
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    operations: latencies.length,
    phasesMs: Object.fromEntries(phaseNames.map((n) => [n, median(samples.map((s) => s.phases?.[n] ?? 0))])),
  };
};

export type Side = 'library' | 'baseline';

export interface PairSpec {
  label: string;
  events: number;
  operations: number;
  /** Brings the database to the same state before every measurement of that side (untimed). */
  reset(side: Side): Promise<void>;
  /** Each returns the time of its own timed region; checks after it are not timed. */
  library(): Promise<Sample>;
  baseline(): Promise<Sample>;
  /** Untimed check once both sides have run for the last time. */
  verify?(): Promise<void>;
}

const fmt = (n: number): string => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));

/**
 * Warm-up runs, then `runs` measured runs of the library and of the baseline, alternating which goes
 * first so that drift (autovacuum, checkpoints, cache) does not always favour the same side.
 */
export async function measurePair(ctx: BenchContext, scenario: string, spec: PairSpec): Promise<VariantResult> {
  const library: Sample[] = [];
  const baseline: Sample[] = [];
  const total = ctx.warmup + ctx.runs;
  for (let i = 0; i < total; i++) {
    const warm = i < ctx.warmup;
    const order: Side[] = i % 2 === 0 ? ['library', 'baseline'] : ['baseline', 'library'];
    for (const side of order) {
      await yieldToEventLoop();
      if (ctx.signal.aborted) throw new Error('interrupted');
      await spec.reset(side);
      const sample = side === 'library' ? await spec.library() : await spec.baseline();
      const tag = warm ? `warm-up ${i + 1}/${ctx.warmup}` : `run ${i - ctx.warmup + 1}/${ctx.runs}`;
      ctx.progress(`${scenario} ${spec.label} ${side.padEnd(8)} ${tag}: ${fmt(sample.ms)} ms, ${fmt((sample.events * 1000) / sample.ms)} events/s`);
      if (!warm) (side === 'library' ? library : baseline).push(sample);
    }
  }
  if (spec.verify) await spec.verify();
  const lib = summarise(library);
  const raw = summarise(baseline);
  return { label: spec.label, events: spec.events, operations: spec.operations, library: lib, baseline: raw, ratio: lib.medianMs / raw.medianMs };
}

/** Runs `count` asynchronous workers and returns when all are done. */
export const runWorkers = (count: number, worker: (index: number) => Promise<void>): Promise<void[]> =>
  Promise.all(Array.from({ length: count }, (_, i) => worker(i)));

/** Times one operation and records its latency. */
export async function timed<T>(latencies: number[], op: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await op();
  latencies.push(performance.now() - t0);
  return r;
}
