import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadEngineConfig, openEngine, type Engine } from '@regledger/engine';
import { CONTEXTS } from '../../apps/api/src/contexts.js';
import { SEED_PROVINCES, generateSeedPlan } from '../../apps/cli/src/seed/seed-generator.js';
import { runSeedPlan } from '../../apps/cli/src/seed/seed-runner.js';
import type { BenchContext, Scale } from '../harness.js';
import { PROVINCE_SHARES } from './provinces.js';
import { DEFAULT_NATIONAL_OPTIONS, generateNational, planChunks, type GenerationReport, type NationalOptions } from './generator.js';

/** The national data set by scale: enterprises, and provinces whose supervision data goes through the command path. */
export const NATIONAL_SCALES: Record<Scale, { enterprises: number; supervisedProvinces: number; supervisedEnterprises: number }> = {
  small: { enterprises: 5_000, supervisedProvinces: 1, supervisedEnterprises: 200 },
  medium: { enterprises: 100_000, supervisedProvinces: 3, supervisedEnterprises: 300 },
  full: { enterprises: 500_000, supervisedProvinces: 6, supervisedEnterprises: 400 },
};

export interface SupervisionSample {
  province: string;
  enterprises: number;
  events: number;
  complaints: number;
  drawnTargets: number;
  inspectionsCompleted: number;
  seconds: number;
}

export interface NationalDataset {
  engine: Engine;
  url: string;
  /** Null when an existing data set was reused. */
  generation: GenerationReport | null;
  supervision: SupervisionSample[];
  events: number;
}

const redact = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

async function admin(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, application_name: 'regledger-bench-admin' });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const openAt = (url: string): Promise<Engine> =>
  openEngine(loadEngineConfig({ ...process.env, DATABASE_URL: url, EVENTSTORE_CONNECTION_STRING: '', LOG_LEVEL: 'silent', NODE_ENV: 'development' }), CONTEXTS);

let current: { dataset: NationalDataset; drop: (() => Promise<void>) | null } | null = null;
/** A database created for a data set whose generation has not finished: removed by closeNationalDataset if it fails. */
let unfinished: { engine: Engine | null; drop: () => Promise<void> } | null = null;

/**
 * The national data set of this run: generated on first use into its own database on the server (the other
 * scenarios truncate theirs), or an existing one given with --dataset-url. Removed by `closeNationalDataset`
 * unless kept.
 */
export async function nationalDataset(ctx: BenchContext): Promise<NationalDataset> {
  if (current) return current.dataset;
  if (ctx.bench.backend !== 'postgres') throw new Error('the national data set needs a PostgreSQL server');
  if (ctx.datasetUrl) {
    const engine = await openAt(ctx.datasetUrl);
    const head = await engine.store.headPosition({ committed: true });
    if (head) {
      ctx.progress(`national data set: reusing ${redact(ctx.datasetUrl)} (${head.globalPosition} events)`);
      current = { dataset: { engine, url: ctx.datasetUrl, generation: null, supervision: [], events: Number(head.globalPosition) }, drop: null };
      return current.dataset;
    }
    ctx.progress(`national data set: ${redact(ctx.datasetUrl)} is empty; generating into it`);
    current = { dataset: await generateInto(ctx, engine, ctx.datasetUrl), drop: null };
    return current.dataset;
  }
  const name = `regledger_bench_national_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await admin(ctx.serverUrl, `create database ${name}`);
  const drop = (): Promise<void> => admin(ctx.serverUrl, `drop database if exists ${name} with (force)`);
  ctx.onCleanup(drop);
  const url = new URL(ctx.serverUrl);
  url.pathname = `/${name}`;
  ctx.progress(`national data set: created database ${name}${ctx.keepDataset ? ' (kept at the end: --keep-dataset)' : ''}`);
  unfinished = { engine: null, drop };
  const engine = await openAt(url.toString());
  unfinished.engine = engine;
  current = { dataset: await generateInto(ctx, engine, url.toString()), drop: ctx.keepDataset ? null : drop };
  unfinished = null;
  return current.dataset;
}

export async function closeNationalDataset(): Promise<void> {
  if (unfinished) {
    const { engine, drop } = unfinished;
    unfinished = null;
    await engine?.close().catch(() => undefined);
    await drop();
  }
  if (!current) return;
  const { dataset, drop } = current;
  current = null;
  await dataset.engine.close();
  if (drop) await drop();
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** One progress line, rewritten in place on a terminal. */
const bar = (ctx: BenchContext, label: string, done: number, total: number, elapsedMs: number, events: number): void => {
  const share = total ? Math.min(1, done / total) : 1;
  const width = 24;
  const filled = Math.round(share * width);
  const seconds = Math.max(elapsedMs / 1000, 0.001);
  const eta = done > 0 && total > done ? ` ETA ${Math.ceil(((total - done) * seconds) / done)} s` : '';
  ctx.progress(`${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(1)}% ${fmt(done)}/${fmt(total)} enterprises, ${fmt(events)} events, ${fmt(events / seconds)} events/s${eta}`);
};

async function generateInto(ctx: BenchContext, engine: Engine, url: string): Promise<NationalDataset> {
  const size = NATIONAL_SCALES[ctx.scale];
  const options: NationalOptions = { ...DEFAULT_NATIONAL_OPTIONS, enterprises: size.enterprises };
  // Supervision data (inspectors, complaints and reports, a plan, its draw, the inspections) goes through the command
  // handlers for a sample of enterprises in the largest provinces, first, while the log is still small.
  const supervised = Object.entries(PROVINCE_SHARES)
    .filter(([code]) => code in SEED_PROVINCES)
    .sort((a, b) => b[1] - a[1])
    .slice(0, size.supervisedProvinces)
    .map(([code]) => code);
  const seen = new Set<string>();
  const supervision: SupervisionSample[] = [];
  const exclude = new Map<string, number>();
  for (const province of supervised) {
    const t0 = performance.now();
    const plan = generateSeedPlan({ seed: options.seed, province, enterprises: size.supervisedEnterprises, now: options.now, declarationsPerEnterprise: options.declarationsPerEnterprise });
    for (const s of plan.steps) if (s.type === 'RegisterEnterprise') seen.add(s.uscc);
    const report = await runSeedPlan(engine, plan, { supervision: true, signal: ctx.signal });
    exclude.set(province, size.supervisedEnterprises);
    const sample: SupervisionSample = {
      province: `${province} ${SEED_PROVINCES[province].name}`,
      enterprises: plan.enterprises,
      events: report.eventsWritten,
      complaints: report.supervision?.complaints ?? 0,
      drawnTargets: report.supervision?.drawnTargets ?? 0,
      inspectionsCompleted: report.supervision?.inspectionsCompleted ?? 0,
      seconds: (performance.now() - t0) / 1000,
    };
    supervision.push(sample);
    ctx.progress(`national data set: ${sample.province} through the command path: ${sample.enterprises} enterprises, ${fmt(sample.events)} events (${sample.complaints} complaints, ${sample.drawnTargets} drawn, ${sample.inspectionsCompleted} inspections) in ${sample.seconds.toFixed(1)} s`);
  }
  const chunks = planChunks(options, exclude);
  const planned = chunks.reduce((s, c) => s + c.enterprises, 0);
  ctx.progress(`national data set: ${fmt(planned)} more enterprises in ${chunks.length} chunks over ${new Set(chunks.map((c) => c.province)).size} provinces, decided by ${ctx.generatorWorkers} worker process(es), written by importEvents`);
  let lastShown = 0;
  const generation = await generateNational(engine.store, chunks, options, {
    signal: ctx.signal,
    seen,
    workers: ctx.generatorWorkers,
    onProgress(p) {
      if (p.elapsedMs - lastShown < 2000 && p.enterprises < p.enterprisesPlanned) return;
      lastShown = p.elapsedMs;
      bar(ctx, 'generate', p.enterprises, p.enterprisesPlanned, p.elapsedMs, p.events);
    },
  });
  const head = await engine.store.headPosition({ committed: true });
  ctx.progress(
    `national data set: ${fmt(generation.enterprises)} enterprises, ${fmt(generation.declarations)} declarations, ${fmt(generation.products)} products, ` +
      `${fmt(generation.events)} events in ${generation.seconds.toFixed(1)} s (${fmt(generation.eventsPerSecond)} events/s; importEvents alone ${fmt(generation.importedEventsPerSecond)} events/s)`,
  );
  return { engine, url, generation, supervision, events: Number(head?.globalPosition ?? 0n) };
}
