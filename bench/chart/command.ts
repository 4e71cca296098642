import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { ResultsFormatError, chartSpec, parseResults, type BenchResults } from './series.js';
import { renderChartSvg } from './svg-chart.js';

export const CHART_HELP = `Usage: npm run bench -- chart --json <file> [--json <file> ...] --out <file.svg>

Draws the results of one or more runs (files written by \`run --json\`) as an SVG image with two panels:
  - append throughput (events/s) against concurrent writers: scenario append-single (RegLedger and
    plain SQL) and, when present, peer-emmett (the Emmett line);
  - rebuild rate (events/s) against the number of events in the log: scenario rebuild (library and
    baseline) and, when present, the projection catch-up as a single point.
A panel whose scenarios are not in the files says so instead. With several files, the series are
labelled by backend and scale (by file name when those repeat); the machine and run of each file are
listed at the bottom. Only SVG is written (no converter to PNG is bundled).

Options:
  --json <file>    a results file of \`npm run bench -- run --json <file>\`; repeat for several runs
  --out <file>     the SVG to write (.svg; missing folders are created)
  -h, --help       this text

Example:
  npm run bench -- --scale medium --json /tmp/bench.json
  npm run bench -- chart --json /tmp/bench.json --out docs/benchmarks.svg
`;

class ChartUsageError extends Error {}

function usage(message: string): number {
  process.stderr.write(`bench: ${message}\n\n${CHART_HELP}`);
  return 2;
}

function readResults(file: string): BenchResults {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ChartUsageError(`cannot read --json ${file}: ${(e as Error).message}`);
  }
  return parseResults(text, file);
}

/** `chart`: results files in, one SVG out. Returns the exit code (2 for usage errors). */
export function chartCommand(args: string[], progress: (message: string) => void): number {
  try {
    const { values } = parseArgs({
      args,
      options: {
        json: { type: 'string', multiple: true },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values.help) {
      process.stdout.write(CHART_HELP);
      return 0;
    }
    const inputs = values.json ?? [];
    if (!inputs.length) throw new ChartUsageError('chart needs at least one --json <file>');
    if (!values.out) throw new ChartUsageError('chart needs --out <file.svg>');
    if (!/\.svg$/i.test(values.out)) throw new ChartUsageError(`--out must name an .svg file, not ${values.out}`);
    const files = inputs.map(readResults);
    const spec = chartSpec(files);
    const svg = renderChartSvg(spec);
    mkdirSync(dirname(values.out), { recursive: true });
    writeFileSync(values.out, svg);
    const scenarios = [...new Set(files.flatMap((f) => f.results.map((r) => r.id)))];
    const counts = spec.panels.map((p) => `${p.series.length} series in "${p.title}"`).join(', ');
    progress(`chart: ${files.length} file${files.length === 1 ? '' : 's'} (scenarios ${scenarios.join(', ') || 'none'}), ${counts} → ${values.out} (${(Buffer.byteLength(svg) / 1024).toFixed(1)} KiB)`);
    return 0;
  } catch (e) {
    if (e instanceof ChartUsageError || e instanceof ResultsFormatError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) return usage((e as Error).message);
    throw e;
  }
}
