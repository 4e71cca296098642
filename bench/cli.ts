import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { PostgresEventStore } from '@regledger/event-store';
import { DEFAULT_SERVER_URL, openPgliteBench, openPostgresBench, type Backend, type BenchDatabase } from './backends.js';
import { CHART_HELP, chartCommand } from './chart/command.js';
import { closeNationalDataset } from './national/dataset.js';
import { SCALES, type BenchContext, type Scale, type ScenarioResult } from './harness.js';
import { reportJson, reportMarkdown, runInfo } from './report.js';
import { SCENARIOS } from './scenarios/index.js';

const MAIN_HELP = `RegLedger benchmark suite

Usage:
  npm run bench -- [run] [options]   run the scenarios (the default command)
  npm run bench -- list              list the scenarios
  npm run bench -- chart --json <file> --out <file.svg>
                                     draw results files (run --json) as an SVG chart
  npm run bench -- help              this text

Every command takes --help. Start with: npm run bench -- run --help
`;

const RUN_HELP = `Usage: npm run bench -- [run] [options]

Creates a fresh database (PostgreSQL: regledger_bench_<random> on the server; PGlite: a temporary
directory), runs the scenarios, prints a Markdown report on stdout (progress goes to stderr) and
removes the database, also on Ctrl-C (on PGlite, which keeps the event loop busy, Ctrl-C takes
effect when the current measurement ends). Each figure is the median of --runs runs of the library and of
a raw-SQL baseline on the same database and tables.

Options:
  --backend <postgres|pglite>   database to measure (default postgres)
  --database-url <url>          PostgreSQL server to create the bench database on
                                (default $DATABASE_URL, else ${DEFAULT_SERVER_URL})
  --scale <small|medium|full>   workload size (default small; small takes about a minute on 2 cores)
  --only <id[,id...]>           run only these scenarios: ${SCENARIOS.map((s) => s.id).join(', ')}
  --runs <n>                    measured runs per side and variant (default 5)
  --warmup <n>                  unmeasured runs before them (default 1)
  --json <file>                 also write every run's figures as JSON
  --markdown <file>             also write the report to a file
  --dataset-url <url>           the national scenarios use this database: an existing data set is
                                reused as it is, an empty database is filled (and kept)
  --keep-dataset                keep the generated national data set's database at the end
  --generator-workers <n>       child processes deciding the national data set while this one
                                writes it (default 1; 0 decides in this process)
  -h, --help                    this text

Examples:
  npm run bench -- --scale small
  npm run bench -- --backend pglite --only append-single,rehydration --runs 3
  DATABASE_URL=postgres://user:pw@host:5432/postgres npm run bench -- --scale medium --json bench.json
`;

const LIST_HELP = `Usage: npm run bench -- list

Lists the scenario ids accepted by --only, with what each measures.
`;

const HELP_HELP = `Usage: npm run bench -- help [command]

Prints the help of the suite, or of one command (run, list, chart).
`;

const started = Date.now();
const progress = (message: string): void => {
  process.stderr.write(`[bench +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
};

class UsageError extends Error {}

const positiveInt = (name: string, v: string | undefined, fallback: number, min = 1): number => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, not ${v}`);
  return n;
};

function listCommand(args: string[]): number {
  const { values } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    process.stdout.write(LIST_HELP);
    return 0;
  }
  for (const s of SCENARIOS) process.stdout.write(`${s.id.padEnd(14)} ${s.summary}\n`);
  return 0;
}

function helpCommand(args: string[]): number {
  const { values, positionals } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  if (values.help) process.stdout.write(HELP_HELP);
  else if (positionals[0] === 'run') process.stdout.write(RUN_HELP);
  else if (positionals[0] === 'list') process.stdout.write(LIST_HELP);
  else if (positionals[0] === 'chart') process.stdout.write(CHART_HELP);
  else process.stdout.write(MAIN_HELP);
  return 0;
}

async function runCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      backend: { type: 'string' },
      'database-url': { type: 'string' },
      scale: { type: 'string' },
      only: { type: 'string' },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      json: { type: 'string' },
      markdown: { type: 'string' },
      'dataset-url': { type: 'string' },
      'keep-dataset': { type: 'boolean' },
      'generator-workers': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(RUN_HELP);
    return 0;
  }
  const backend = (values.backend ?? 'postgres') as Backend;
  if (backend !== 'postgres' && backend !== 'pglite') throw new UsageError(`--backend must be postgres or pglite, not ${values.backend}`);
  const scale = (values.scale ?? 'small') as Scale;
  if (!SCALES.includes(scale)) throw new UsageError(`--scale must be one of ${SCALES.join(', ')}, not ${values.scale}`);
  const only = values.only ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : null;
  const unknown = only?.filter((id) => !SCENARIOS.some((s) => s.id === id)) ?? [];
  if (unknown.length) throw new UsageError(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
  const scenarios = only ? SCENARIOS.filter((s) => only.includes(s.id)) : SCENARIOS;
  const runs = positiveInt('runs', values.runs, 5);
  const warmup = positiveInt('warmup', values.warmup, 1, 0);
  const serverUrl = values['database-url'] ?? process.env.DATABASE_URL ?? DEFAULT_SERVER_URL;
  const generatorWorkers = positiveInt('generator-workers', values['generator-workers'], 1, 0);
  const cleanups: (() => Promise<void>)[] = [];

  const loadAverageAtStart = Math.round(loadavg()[0] * 100) / 100;
  const controller = new AbortController();
  let bench: BenchDatabase | null = null;
  let created: (() => Promise<void>) | null = null;
  const onCreated = (destroy: () => Promise<void>): void => {
    created = destroy;
  };
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    const code = signal === 'SIGINT' ? 130 : 143;
    if (stopping) process.exit(code);
    stopping = true;
    controller.abort();
    // Connections cut by the drop may still report errors: the process is leaving anyway.
    process.on('uncaughtException', () => undefined);
    process.on('unhandledRejection', () => undefined);
    progress(`${signal}: stopping and removing the bench database`);
    setTimeout(() => process.exit(code), 15_000).unref();
    const destroyBench = bench ? () => bench!.destroyNow() : created;
    const destroy = (): Promise<unknown> => Promise.allSettled([destroyBench ? destroyBench() : Promise.resolve(), ...cleanups.map((c) => c())]);
    void destroy()
      .catch((e: unknown) => progress(`could not remove the bench database: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => process.exit(code));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    progress(`backend ${backend}, scale ${scale}, ${runs} runs + ${warmup} warm-up, scenarios ${scenarios.map((s) => s.id).join(', ')}`);
    bench = backend === 'postgres' ? await openPostgresBench(serverUrl, progress, onCreated) : await openPgliteBench(progress, onCreated);
    if (stopping) return new Promise<number>(() => undefined);
    progress(`database: ${bench.serverVersion}; select 1 round trip ${bench.roundTripMs.toFixed(3)} ms; 1-minute load average ${loadAverageAtStart}`);
    if (loadAverageAtStart > cpus().length / 2) progress(`warning: the 1-minute load average is ${loadAverageAtStart} on ${cpus().length} CPUs; other work will add noise`);
    const ctx: BenchContext = {
      bench,
      store: new PostgresEventStore(bench.database),
      scale,
      runs,
      warmup,
      progress,
      signal: controller.signal,
      serverUrl,
      datasetUrl: values['dataset-url'] ?? null,
      keepDataset: values['keep-dataset'] ?? false,
      generatorWorkers,
      onCleanup: (fn) => {
        if (!values['keep-dataset']) cleanups.push(fn);
      },
    };
    const results: ScenarioResult[] = [];
    for (const s of scenarios) {
      progress(`scenario ${s.id}: ${s.summary}`);
      results.push(await s.run(ctx));
    }
    const info = runInfo(bench, {
      startedAt: new Date(started).toISOString(),
      durationSeconds: (Date.now() - started) / 1000,
      command: `npm run bench -- ${args.join(' ')}`.trim(),
      backend,
      scale,
      runs,
      warmup,
      loadAverageAtStart,
    });
    const markdown = reportMarkdown(info, results);
    process.stdout.write(`${markdown}\n`);
    if (values.markdown) writeFileSync(values.markdown, `${markdown}\n`);
    if (values.json) writeFileSync(values.json, reportJson(info, results));
    progress(`done in ${info.durationSeconds.toFixed(1)} s`);
    return 0;
  } catch (e) {
    // After a signal the handler exits once the database is gone; errors of cut connections are noise.
    if (stopping) return new Promise<number>(() => undefined);
    throw e;
  } finally {
    if (!stopping) await closeNationalDataset().catch((e: unknown) => progress(`could not remove the national data set: ${e instanceof Error ? e.message : String(e)}`));
    if (!stopping) await bench?.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first.startsWith('-')) {
      if (first === '-h' || first === '--help') {
        process.stdout.write(MAIN_HELP);
        return 0;
      }
      return await runCommand(argv);
    }
    if (first === 'run') return await runCommand(rest);
    if (first === 'list') return listCommand(rest);
    if (first === 'chart') return chartCommand(rest, progress);
    if (first === 'help') return helpCommand(rest);
    throw new UsageError(`unknown command ${first}`);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`bench: ${(e as Error).message}\n\n${MAIN_HELP}`);
      return 2;
    }
    process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}
