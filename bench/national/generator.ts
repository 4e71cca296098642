import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DeciderRuntime, type EventStore, type EventToImport } from '@regledger/event-store';
import { SEED_PROVINCES, generateSeedPlan, mulberry32, type SeedPlan } from '../../apps/cli/src/seed/seed-generator.js';
import { runSeedPlan } from '../../apps/cli/src/seed/seed-runner.js';
import { BufferStore } from './buffer-store.js';
import { allocateEnterprises } from './provinces.js';

/**
 * A deterministic national data set: enterprises spread over the provinces, each with its declarations of real
 * standards over two years, revisions, confirmations, abolitions, renames and the re-declarations they require,
 * decided by the engine's own deciders (the seed plan of `regledger seed`, chunk by chunk) and written through the
 * event store's batched `importEvents`. The same options give the same log, event for event and hash for hash.
 */
export interface NationalOptions {
  seed: number;
  enterprises: number;
  /** Mean declarations per enterprise (3,165,625 / 472,459 ≈ 6.7 nationally at the end of 2023). */
  declarationsPerEnterprise: number;
  /** The instant the plans end at (ISO 8601). */
  now: string;
  /** Enterprises per generated chunk (one seed plan each). */
  chunkSize: number;
  /** Events per importEvents call. */
  importBatch: number;
}

export const DEFAULT_NATIONAL_OPTIONS: Omit<NationalOptions, 'enterprises'> = {
  seed: 2023,
  declarationsPerEnterprise: 6.4,
  now: '2026-11-01T00:00:00Z',
  chunkSize: 5000,
  importBatch: 4000,
};

export interface Chunk {
  province: string;
  index: number;
  enterprises: number;
  seed: number;
}

export interface GenerationProgress {
  enterprises: number;
  enterprisesPlanned: number;
  events: number;
  elapsedMs: number;
}

export interface GenerationReport {
  enterprises: number;
  declarations: number;
  products: number;
  events: number;
  eventsByType: Record<string, number>;
  enterprisesByProvince: Record<string, number>;
  /** Enterprises dropped because another chunk had drawn the same USCC. */
  duplicateUsccs: number;
  seconds: number;
  /** Time spent waiting for decided chunks (in this process, or for the child processes) vs writing to the store. */
  decideSeconds: number;
  importSeconds: number;
  eventsPerSecond: number;
  importedEventsPerSecond: number;
}

const seedOf = (seed: number, province: string, index: number): number => (Math.imul(seed, 0x9e3779b1) ^ Math.imul(Number(province) + 1, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;

/**
 * The chunks of a national plan, provinces taking turns so that the log interleaves them, as a national platform's
 * would. `exclude` enterprises per province are left out (written by other means, e.g. through the command path).
 */
export function planChunks(options: Pick<NationalOptions, 'seed' | 'enterprises' | 'chunkSize'>, exclude: ReadonlyMap<string, number> = new Map()): Chunk[] {
  const byProvince = allocateEnterprises(options.enterprises, (code) => code in SEED_PROVINCES);
  const queues = [...byProvince].map(([province, n]) => {
    const left = Math.max(0, n - (exclude.get(province) ?? 0));
    const chunks: Chunk[] = [];
    for (let index = 0, done = 0; done < left; index++) {
      const size = Math.min(options.chunkSize, left - done);
      chunks.push({ province, index, enterprises: size, seed: seedOf(options.seed, province, index) });
      done += size;
    }
    return chunks;
  });
  const out: Chunk[] = [];
  for (let round = 0; queues.some((q) => round < q.length); round++) for (const q of queues) if (round < q.length) out.push(q[round]);
  return out;
}

/** UUID v7 layout from the instant and a seeded generator: time-ordered and reproducible. */
export const seededUuidV7 = (next: () => number): ((ms: number) => string) => {
  const hex = (n: number, len: number): string => n.toString(16).padStart(len, '0');
  const random = (len: number): string => {
    let s = '';
    for (let i = 0; i < len; i++) s += Math.floor(next() * 16).toString(16);
    return s;
  };
  return (ms) => {
    const t = hex(ms, 12);
    return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${random(3)}-${(8 + Math.floor(next() * 4)).toString(16)}${random(3)}-${random(12)}`;
  };
};

/** The plan of one chunk without the enterprises whose USCC an earlier chunk already holds (they are added to `seen`). */
export function chunkPlan(chunk: Chunk, options: Pick<NationalOptions, 'now' | 'declarationsPerEnterprise'>, seen: Set<string>): { plan: SeedPlan; duplicates: number } {
  const plan = generateSeedPlan({ seed: chunk.seed, province: chunk.province, enterprises: chunk.enterprises, now: options.now, declarationsPerEnterprise: options.declarationsPerEnterprise });
  const mine = new Set<string>();
  let duplicates = 0;
  for (const s of plan.steps) {
    if (s.type !== 'RegisterEnterprise') continue;
    if (seen.has(s.uscc)) duplicates += 1;
    else mine.add(s.uscc);
  }
  for (const u of mine) seen.add(u);
  return { plan: duplicates ? { ...plan, steps: plan.steps.filter((s) => mine.has(s.uscc)) } : plan, duplicates };
}

/**
 * Decides one chunk's plan in memory with the engine's deciders and returns its events, hashed and chained, ready
 * for importEvents.
 */
export async function decideChunk(chunk: Chunk, plan: SeedPlan): Promise<EventToImport[]> {
  const buffer = new BufferStore(seededUuidV7(mulberry32(chunk.seed ^ 0x1d872b41)));
  const runtime = new DeciderRuntime(buffer.asEventStore());
  const clocked: Pick<DeciderRuntime, 'handle'> = {
    handle: (decider, streamId, command, opts) => {
      buffer.now = new Date(command.metadata.now);
      return runtime.handle(decider, streamId, command, opts);
    },
  };
  const report = await runSeedPlan({ runtime: clocked, store: buffer.asEventStore() }, plan, { supervision: false });
  if (report.divergences.length) {
    const d = report.divergences[0];
    throw new Error(`chunk ${chunk.province}/${chunk.index}: step ${d.step} (${d.type}) gave ${d.actual.join(', ')} where the plan expected ${d.expected.join(', ')}`);
  }
  return buffer.drain();
}

const productsOf = (e: EventToImport): number => {
  if (e.type !== 'StandardDeclared') return 0;
  const content = (e.data as { content?: { products?: unknown[] } }).content;
  return content?.products?.length ?? 0;
};

/** One decided chunk: the USCCs its plan registers and its events. */
export interface DecidedChunk {
  chunk: Chunk;
  usccs: string[];
  events: EventToImport[];
}

/** Decides chunks, in this process or in `workers` child processes, and yields them in chunk order. */
async function* decidedInOrder(chunks: readonly Chunk[], options: NationalOptions, workers: number, signal?: AbortSignal): AsyncGenerator<DecidedChunk> {
  if (workers <= 0) {
    for (const chunk of chunks) {
      if (signal?.aborted) throw new Error('interrupted');
      const { plan } = chunkPlan(chunk, options, new Set());
      yield { chunk, usccs: plan.steps.filter((s) => s.type === 'RegisterEnterprise').map((s) => s.uscc), events: await decideChunk(chunk, plan) };
    }
    return;
  }
  const register = fileURLToPath(new URL('../register.mjs', import.meta.url));
  const entry = fileURLToPath(new URL('./decide-worker.ts', import.meta.url));
  const children: ChildProcess[] = Array.from({ length: workers }, () => fork(entry, [], { execArgv: ['--import', register], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  const results = new Map<number, DecidedChunk>();
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  let next = 0;
  const inFlight = new Set<ChildProcess>();
  const send = (child: ChildProcess): void => {
    // At most two chunks ahead of the writer per child, so memory stays bounded.
    if (next >= chunks.length) return;
    inFlight.add(child);
    const index = next++;
    child.send({ chunk: { ...chunks[index], order: index }, options: { now: options.now, declarationsPerEnterprise: options.declarationsPerEnterprise } });
  };
  for (const child of children) {
    child.on('message', (m: { chunk: Chunk & { order: number }; usccs?: string[]; events?: EventToImport[]; error?: string }) => {
      inFlight.delete(child);
      if (m.error) failure ??= new Error(`chunk ${m.chunk.province}/${m.chunk.index}: ${m.error}`);
      else results.set(m.chunk.order, { chunk: chunks[m.chunk.order], usccs: m.usccs!, events: m.events! });
      wake?.();
    });
    child.on('exit', (code) => {
      if (code && !failure) failure = new Error(`a generator process ended with exit code ${code}`);
      wake?.();
    });
  }
  try {
    let want = 0;
    const ahead = (): number => next - want;
    for (const child of children) send(child);
    while (want < chunks.length) {
      if (signal?.aborted) throw new Error('interrupted');
      if (failure) throw failure;
      const ready = results.get(want);
      if (ready) {
        results.delete(want);
        want += 1;
        for (const child of children) if (!inFlight.has(child) && ahead() < workers * 2) send(child);
        yield ready;
        continue;
      }
      for (const child of children) if (!inFlight.has(child) && ahead() < workers * 2) send(child);
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
  } finally {
    for (const child of children) {
      child.removeAllListeners('exit');
      if (child.connected) child.send('exit');
      child.kill();
    }
  }
}

/**
 * Generates the chunks and writes them through `store.importEvents`, `importBatch` events per call, reporting
 * progress after every call; with `workers`, child processes decide the next chunks while this one writes.
 * Enterprises whose USCC an earlier chunk (or `seen`) holds are left out with all their streams.
 */
export async function generateNational(
  store: Pick<EventStore, 'importEvents'>,
  chunks: readonly Chunk[],
  options: NationalOptions,
  hooks: { onProgress?(p: GenerationProgress): void; signal?: AbortSignal; seen?: Set<string>; workers?: number } = {},
): Promise<GenerationReport> {
  const started = performance.now();
  const seen = hooks.seen ?? new Set<string>();
  const planned = chunks.reduce((s, c) => s + c.enterprises, 0);
  const report: GenerationReport = {
    enterprises: 0,
    declarations: 0,
    products: 0,
    events: 0,
    eventsByType: {},
    enterprisesByProvince: {},
    duplicateUsccs: 0,
    seconds: 0,
    decideSeconds: 0,
    importSeconds: 0,
    eventsPerSecond: 0,
    importedEventsPerSecond: 0,
  };
  let enterprisesDone = 0;
  let waitStarted = performance.now();
  for await (const { chunk, usccs, events: decided } of decidedInOrder(chunks, options, hooks.workers ?? 0, hooks.signal)) {
    report.decideSeconds += (performance.now() - waitStarted) / 1000;
    const dropped = new Set(usccs.filter((u) => seen.has(u)));
    for (const u of usccs) seen.add(u);
    const events = dropped.size ? decided.filter((e) => !dropped.has(e.streamId.slice(e.streamId.indexOf('-') + 1))) : decided;
    report.duplicateUsccs += dropped.size;
    const registered = usccs.length - dropped.size;
    report.enterprises += registered;
    report.enterprisesByProvince[chunk.province] = (report.enterprisesByProvince[chunk.province] ?? 0) + registered;
    for (const e of events) {
      report.eventsByType[e.type] = (report.eventsByType[e.type] ?? 0) + 1;
      if (e.type === 'StandardDeclared') report.declarations += 1;
      report.products += productsOf(e);
    }
    for (let i = 0; i < events.length; i += options.importBatch) {
      if (hooks.signal?.aborted) throw new Error('interrupted');
      const batch = events.slice(i, i + options.importBatch);
      const t1 = performance.now();
      const r = await store.importEvents(batch);
      report.importSeconds += (performance.now() - t1) / 1000;
      if (r.imported !== batch.length) throw new Error(`importEvents wrote ${r.imported} of ${batch.length} events (chunk ${chunk.province}/${chunk.index})`);
      report.events += batch.length;
      const done = Math.min(1, (i + batch.length) / events.length);
      hooks.onProgress?.({ enterprises: enterprisesDone + Math.round(chunk.enterprises * done), enterprisesPlanned: planned, events: report.events, elapsedMs: performance.now() - started });
    }
    enterprisesDone += chunk.enterprises;
    waitStarted = performance.now();
  }
  report.seconds = (performance.now() - started) / 1000;
  report.eventsPerSecond = report.events / Math.max(report.seconds, 1e-9);
  report.importedEventsPerSecond = report.events / Math.max(report.importSeconds, 1e-9);
  return report;
}
