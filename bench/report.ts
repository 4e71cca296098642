import { cpus, freemem, loadavg, totalmem } from 'node:os';
import type { BenchDatabase } from './backends.js';
import type { ScenarioResult, Stats } from './harness.js';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  freeMemoryGiB: number;
  node: string;
  platform: string;
  /** 1-minute load average when the report was made. */
  loadAverage: number;
}

export const machineInfo = (): MachineInfo => ({
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  loadAverage: Math.round(loadavg()[0] * 100) / 100,
});

export interface RunInfo {
  startedAt: string;
  durationSeconds: number;
  command: string;
  backend: string;
  scale: string;
  runs: number;
  warmup: number;
  serverVersion: string;
  settings: Record<string, string>;
  roundTripMs: number;
  /** 1-minute load average before the database was opened. */
  loadAverageAtStart: number;
  machine: MachineInfo;
}

export const runInfo = (bench: BenchDatabase, rest: Omit<RunInfo, 'serverVersion' | 'settings' | 'roundTripMs' | 'machine'>): RunInfo => ({
  ...rest,
  serverVersion: bench.serverVersion,
  settings: bench.settings,
  roundTripMs: bench.roundTripMs,
  machine: machineInfo(),
});

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number | null): string => (n === null ? '–' : n >= 100 ? int(n) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const spread = (s: Stats): string =>
  s.ratePerRun?.length
    ? `±${Math.round(((Math.max(...s.ratePerRun) - Math.min(...s.ratePerRun)) / 2 / s.eventsPerSecond) * 100)}%`
    : `±${Math.round(((s.maxMs - s.minMs) / 2 / s.medianMs) * 100)}%`;
const pct = (s: Stats): string => (s.p50Ms === null ? '–' : `${ms(s.p50Ms)} / ${ms(s.p95Ms)}${s.p99Ms === undefined ? '' : ` / ${ms(s.p99Ms)}`}`);
const phases = (s: Stats): string =>
  Object.keys(s.phasesMs).length ? Object.entries(s.phasesMs).map(([k, v]) => `${k} ${ms(v)}`).join(', ') : '';

function table(r: ScenarioResult): string[] {
  const { library: L, baseline: B } = r.sides ?? { library: 'Library', baseline: 'Baseline' };
  const withOps = r.variants.some((v) => v.operations > 0);
  const withPhases = r.variants.some((v) => Object.keys(v.library.phasesMs).length > 0);
  const perOp = r.headline === 'per-operation';
  const unit = r.unit ?? 'events';
  const p99 = r.variants.some((v) => v.library.p99Ms !== undefined) ? ' / p99' : '';
  const head = ['Variant', perOp ? 'Operations per run' : `${unit[0].toUpperCase()}${unit.slice(1)} per run`];
  if (perOp) head.push(`${L} ms per op`, `${B} ms per op`);
  else head.push(`${L} ${unit}/s`, `${B} ${unit}/s`);
  head.push(`${L} ÷ ${r.sides ? B : B.toLowerCase()} time`);
  if (withOps) head.push(`${L} p50 / p95${p99} ms`, `${B} p50 / p95${p99} ms`);
  else head.push(`${L} ms per run`, `${B} ms per run`);
  if (withPhases) head.push(`${L} phases, ms per op`, `${B} phases, ms per op`);
  if (perOp) head.push(`${L} ${unit}/s`, `${B} ${unit}/s`);
  head.push(r.sides ? `Run spread ${L} / ${B}` : 'Run spread L / B');
  const rows = r.variants.map((v) => {
    const cells = [v.label, int(perOp ? v.operations : v.events)];
    if (perOp) cells.push(ms(v.library.medianMs / v.operations), ms(v.baseline.medianMs / v.operations));
    else cells.push(int(v.library.eventsPerSecond), int(v.baseline.eventsPerSecond));
    cells.push(`**${v.ratio.toFixed(2)}**`);
    if (withOps) cells.push(pct(v.library), pct(v.baseline));
    else cells.push(ms(v.library.medianMs), ms(v.baseline.medianMs));
    if (withPhases) cells.push(phases(v.library), phases(v.baseline));
    if (perOp) cells.push(int(v.library.eventsPerSecond), int(v.baseline.eventsPerSecond));
    cells.push(`${spread(v.library)} / ${spread(v.baseline)}`);
    return `| ${cells.join(' | ')} |`;
  });
  return [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows];
}

export function scenarioMarkdown(r: ScenarioResult): string {
  const { library: L, baseline: B } = r.sides ?? { library: 'Library', baseline: 'Baseline' };
  return [
    `### ${r.title}`,
    '',
    `- ${L}: ${r.library}.`,
    `- ${B}: ${r.baseline}.`,
    ...(r.operation ? [`- One operation (one latency sample): ${r.operation}.`] : []),
    ...r.notes.map((n) => `- ${n}`),
    '',
    ...(r.variants.length ? [...table(r), ''] : []),
  ].join('\n');
}

export function reportMarkdown(info: RunInfo, results: readonly ScenarioResult[]): string {
  const m = info.machine;
  const settings = Object.entries(info.settings)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return [
    `## ${info.backend} — scale ${info.scale}, ${info.runs} measured runs (+${info.warmup} warm-up) per side`,
    '',
    `- Started ${info.startedAt}, took ${info.durationSeconds.toFixed(0)} s: \`${info.command}\``,
    `- Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB memory, ${m.platform}, Node ${m.node}; 1-minute load average ${info.loadAverageAtStart} at the start, ${m.loadAverage} at the end`,
    `- Database: ${info.serverVersion}`,
    `- Settings: ${settings}; \`select 1\` round trip ${info.roundTripMs.toFixed(3)} ms (median)`,
    '- Figures are medians over the measured runs; "library ÷ baseline time" is the median library time over the median baseline time (1.00 = as fast as raw SQL, 2.00 = twice as long); p50/p95 pool the operations of all measured runs; spread is half the min–max range over the median.',
    '',
    ...results.map(scenarioMarkdown),
  ].join('\n');
}

/** JSON with bigint-free numbers. */
export const reportJson = (info: RunInfo, results: readonly ScenarioResult[]): string => `${JSON.stringify({ info, results }, null, 2)}\n`;
