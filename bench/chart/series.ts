/**
 * From the suite's JSON results (`--json`, see reportJson) to the series of the benchmark chart:
 * append throughput against concurrent writers, and rebuild rate against the size of the log.
 */
import type { ScenarioResult, Stats, VariantResult } from '../harness.js';
import type { RunInfo } from '../report.js';
import type { ChartPoint, ChartSeries, ChartSpec } from './svg-chart.js';

/** One results file as read. */
export interface BenchResults {
  /** Where it came from (a file name), to tell files apart. */
  source: string;
  info: Partial<RunInfo> | null;
  results: ScenarioResult[];
}

/** The file is not a results file of the suite. */
export class ResultsFormatError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks the parts of a results file that the chart reads; everything else may vary. */
export function parseResults(text: string, source: string): BenchResults {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ResultsFormatError(`${source}: not JSON (${(e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ')})`);
  }
  if (!isObject(data) || !Array.isArray(data.results)) throw new ResultsFormatError(`${source}: not a bench results file (no "results" array; write one with --json)`);
  const results = data.results as unknown[];
  results.forEach((r, i) => {
    if (!isObject(r) || typeof r.id !== 'string' || !Array.isArray(r.variants)) throw new ResultsFormatError(`${source}: results[${i}] has no string "id" and "variants" array`);
    (r.variants as unknown[]).forEach((v, j) => {
      const where = `${source}: scenario ${r.id}, variants[${j}]`;
      if (!isObject(v) || typeof v.label !== 'string' || typeof v.events !== 'number') throw new ResultsFormatError(`${where} has no string "label" and number "events"`);
      for (const side of ['library', 'baseline'] as const) {
        const s = v[side];
        if (s === undefined || s === null) continue;
        if (!isObject(s) || (s.eventsPerSecond !== null && typeof s.eventsPerSecond !== 'number')) {
          throw new ResultsFormatError(`${where} ("${v.label}"): ${side}.eventsPerSecond is not a number`);
        }
      }
    });
  });
  return { source, info: isObject(data.info) ? (data.info as Partial<RunInfo>) : null, results: results as ScenarioResult[] };
}

/** The writer count in a variant label such as "1 writer" or "16 writers"; null when there is none. */
export function writerCount(label: string): number | null {
  const m = /(\d+) writers?\b/.exec(label);
  return m ? Number(m[1]) : null;
}

/** events/s of one side, or null when that side was not measured (absent, NaN written as null, zero). */
const rate = (s: Stats | null | undefined): number | null => {
  const v = s?.eventsPerSecond;
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null;
};

function points(variants: readonly VariantResult[], side: 'library' | 'baseline', x: (v: VariantResult) => number | null): ChartPoint[] {
  const out: ChartPoint[] = [];
  for (const v of variants) {
    const px = x(v);
    const py = rate(v[side]);
    if (px !== null && py !== null) out.push({ x: px, y: py });
  }
  return out.sort((a, b) => a.x - b.x);
}

/**
 * The name of one side of a scenario: its short name (`sides`), else its `library`/`baseline` text
 * when that is short rather than a description, else the fallback.
 */
export function sideName(r: ScenarioResult, side: 'library' | 'baseline', fallback: string): string {
  const short = r.sides?.[side]?.trim();
  if (short) return short;
  const text = typeof r[side] === 'string' ? r[side].trim() : '';
  return text && text.length <= 32 ? text : fallback;
}

/** "Rebuild" reads as "RegLedger rebuild" beside a baseline's name. */
const asRegLedger = (name: string): string => (/regledger/i.test(name) ? name : `RegLedger ${name[0].toLowerCase()}${name.slice(1)}`);

export const SCENARIO_IDS = {
  appendSingle: 'append-single',
  peerEmmett: 'peer-emmett',
  rebuild: 'rebuild',
  /** The catch-up scenario; `projection` is its id in the current suite. */
  catchUp: ['projection-catch-up', 'projection'],
} as const;

export interface ChartData {
  append: ChartSeries[];
  rebuild: ChartSeries[];
  /** One line per file: machine and run. */
  runLines: string[];
}

/**
 * Short tags that tell the files apart in series labels: backend and scale (`byRun`), else the file
 * name; none for a single file.
 */
export function fileTags(files: readonly BenchResults[]): { tags: string[]; byRun: boolean } {
  if (files.length < 2) return { tags: files.map(() => ''), byRun: false };
  const runs = files.map((f) => (f.info?.backend && f.info.scale ? `${f.info.backend} ${f.info.scale}` : ''));
  if (runs.every(Boolean) && new Set(runs).size === files.length) return { tags: runs, byRun: true };
  const names = files.map((f) => f.source.replace(/^.*[\\/]/, '').replace(/\.json$/i, ''));
  if (new Set(names).size === files.length) return { tags: names, byRun: false };
  return { tags: files.map((_, i) => `#${i + 1}`), byRun: false };
}

const shortServer = (v: string): string => /^(PostgreSQL \d+(?:\.\d+)?)/.exec(v)?.[1] ?? (v.length > 40 ? `${v.slice(0, 39)}…` : v);

/** "postgres, scale small, 5 runs (+1 warm-up) · started … · machine · database · settings · load". */
export function runLine(info: Partial<RunInfo> | null): string {
  if (!info) return 'no run information in this file';
  const parts: string[] = [];
  const run = [info.backend, info.scale ? `scale ${info.scale}` : undefined].filter(Boolean).join(', ');
  const reps = typeof info.runs === 'number' ? `${info.runs} run${info.runs === 1 ? '' : 's'}${typeof info.warmup === 'number' ? ` (+${info.warmup} warm-up)` : ''}` : '';
  const head = [run, reps].filter(Boolean).join(', ');
  if (head) parts.push(head);
  if (info.startedAt) parts.push(`${info.startedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC')}`);
  const m = info.machine;
  if (m) parts.push(`${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.platform}, Node ${m.node}`);
  if (info.serverVersion) parts.push(shortServer(info.serverVersion));
  const settings = ['fsync', 'synchronous_commit'].filter((k) => info.settings?.[k] !== undefined).map((k) => `${k}=${info.settings![k]}`);
  if (settings.length) parts.push(settings.join(', '));
  if (typeof info.loadAverageAtStart === 'number') parts.push(`load average ${info.loadAverageAtStart} at start`);
  return parts.join(' · ') || 'no run information in this file';
}

/**
 * The series of both panels. Append throughput: one line per series and file (each file measured
 * 1, 4, 16 writers). Rebuild rate: the files of one backend join into one line per series, so that
 * runs at several scales (log sizes) draw the growth; at the same log size the later file wins.
 */
export function extractSeries(files: readonly BenchResults[]): ChartData {
  const { tags, byRun } = fileTags(files);
  const append: ChartSeries[] = [];
  const backends = [...new Set(files.map((f) => f.info?.backend ?? ''))];
  const joined = new Map<string, { label: string; dashed: boolean; points: Map<number, number> }>();
  files.forEach((f, i) => {
    const find = (...ids: readonly string[]): ScenarioResult | undefined => ids.map((id) => f.results.find((r) => r.id === id)).find(Boolean);
    const writers = (v: VariantResult): number | null => writerCount(v.label);
    const addAppend = (label: string, pts: ChartPoint[], dashed: boolean): void => {
      if (pts.length) append.push({ label: tags[i] ? `${label} (${tags[i]})` : label, points: pts, dashed });
    };
    const backend = f.info?.backend ?? '';
    const addRebuild = (name: string, pts: ChartPoint[], dashed: boolean): void => {
      if (!pts.length) return;
      const label = backends.length > 1 ? `${name} (${backend || 'unknown backend'})` : name;
      const key = `${backend}\u0000${label}`;
      const line = joined.get(key) ?? { label, dashed, points: new Map<number, number>() };
      for (const p of pts) line.points.set(p.x, p.y);
      joined.set(key, line);
    };

    const single = find(SCENARIO_IDS.appendSingle);
    if (single) {
      addAppend('RegLedger', points(single.variants, 'library', writers), false);
      addAppend('plain SQL', points(single.variants, 'baseline', writers), true);
    }
    const emmett = find(SCENARIO_IDS.peerEmmett);
    if (emmett) {
      // Its single-event appends only ("single events, 4 writers"), not its batches.
      const singles = emmett.variants.filter((v) => !/batch/i.test(v.label));
      addAppend(sideName(emmett, 'baseline', 'Emmett'), points(singles, 'baseline', writers), true);
    }

    const rb = find(SCENARIO_IDS.rebuild);
    if (rb) {
      addRebuild(asRegLedger(sideName(rb, 'library', 'RegLedger rebuild')), points(rb.variants, 'library', (v) => v.events), false);
      addRebuild(sideName(rb, 'baseline', 'baseline'), points(rb.variants, 'baseline', (v) => v.events), true);
    }
    const catchUp = find(...SCENARIO_IDS.catchUp);
    if (catchUp) addRebuild('RegLedger catch-up, one projection', points(catchUp.variants, 'library', (v) => v.events), false);
  });
  const rebuild = [...joined.values()].map((l) => ({
    label: l.label,
    dashed: l.dashed,
    points: [...l.points].map(([x, y]) => ({ x, y })).sort((a, b) => a.x - b.x),
  }));
  // Backend and scale open the run line already; a file name is put before it.
  const runLines = files.map((f, i) => (tags[i] && !byRun ? `${tags[i]}: ${runLine(f.info)}` : runLine(f.info)));
  return { append, rebuild, runLines };
}

/** The whole chart: the two panels and the run lines. */
export function chartSpec(files: readonly BenchResults[]): ChartSpec {
  const data = extractSeries(files);
  return {
    title: 'RegLedger benchmarks: append throughput and rebuild rate',
    panels: [
      {
        title: 'Append throughput against writers',
        x: { label: 'concurrent writers (log₂ scale)', scale: 'log', base: 2, ticks: 'data' },
        y: { label: 'events per second (median of runs)' },
        series: data.append,
        emptyHint: `scenarios ${SCENARIO_IDS.appendSingle} and ${SCENARIO_IDS.peerEmmett} are not in these results`,
      },
      {
        title: 'Rebuild rate against log size',
        x: { label: 'events in the log (log₁₀ scale)', scale: 'log', base: 10, ticks: 'nice' },
        y: { label: 'events per second (median of runs)' },
        series: data.rebuild,
        emptyHint: `scenarios ${SCENARIO_IDS.rebuild} and ${SCENARIO_IDS.catchUp[1]} (catch-up) are not in these results`,
      },
    ],
    footer: data.runLines,
  };
}
