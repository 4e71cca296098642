import { describe, expect, it } from '@jest/globals';
import { ResultsFormatError, chartSpec, extractSeries, fileTags, parseResults, runLine, writerCount } from './series.js';
import { renderChartSvg } from './svg-chart.js';
import { xmlProblems } from './xml-check.js';

const stats = (eventsPerSecond: number | null) => ({
  runsMs: [100],
  medianMs: 100,
  minMs: 100,
  maxMs: 100,
  eventsPerSecond,
  p50Ms: null,
  p95Ms: null,
  operations: 0,
  phasesMs: {},
});
const variant = (label: string, events: number, library: number | null, baseline: number | null) => ({
  label,
  events,
  operations: 0,
  library: stats(library),
  baseline: stats(baseline),
  ratio: 1,
});
const scenario = (id: string, variants: unknown[], names: { library?: string; baseline?: string; sides?: { library: string; baseline: string } } = {}) => ({
  id,
  title: id,
  library: names.library ?? 'a long description of what the library side does, as the suite writes it',
  baseline: names.baseline ?? 'a long description of what the baseline does, as the suite writes it',
  ...(names.sides ? { sides: names.sides } : {}),
  operation: '',
  headline: 'throughput',
  variants,
  notes: [],
});

const INFO = {
  startedAt: '2026-12-01T05:45:44.667Z',
  durationSeconds: 5.2,
  command: 'npm run bench -- --scale small',
  backend: 'postgres',
  scale: 'small',
  runs: 3,
  warmup: 1,
  loadAverageAtStart: 0.83,
  serverVersion: 'PostgreSQL 15.20 (Debian 15.20-0+deb12u1) on x86_64-pc-linux-gnu, compiled by gcc, 64-bit',
  settings: { fsync: 'on', synchronous_commit: 'on', shared_buffers: '16384 (8kB)' },
  roundTripMs: 0.6,
  machine: { cpus: 2, cpuModel: 'AMD EPYC', memoryGiB: 23.5, freeMemoryGiB: 22.7, node: 'v20.20.2', platform: 'linux x64', loadAverage: 1 },
};

const FULL = JSON.stringify({
  info: INFO,
  results: [
    scenario('append-single', [variant('16 writers', 480, 600, 1337), variant('1 writer', 200, 195, 297), variant('4 writers', 320, 385, 891)]),
    scenario('append-batch', [variant('4 writers, 100 per batch', 4000, 9000, 9500)]),
    scenario(
      'peer-emmett',
      [
        variant('single events, 1 writer', 200, 190, 240),
        variant('single events, 4 writers', 320, 370, 610),
        variant('single events, 16 writers', 480, 580, 1020),
        variant('batches of 100, 4 writers', 4000, 9000, 12000),
        variant('catch-up, 4,000 events, 1,600 enterprises', 4000, 2500, 2000),
      ],
      { sides: { library: 'RegLedger', baseline: 'Emmett' } },
    ),
    scenario('rebuild', [variant('10,000 events', 10_000, 8_400, 15_300), variant('100,000 events', 100_000, 7_900, null)], { sides: { library: 'Rebuild', baseline: 'Plain log read' } }),
    scenario('projection', [variant('4,000 events, 1,600 enterprises', 4_000, 2_086, 3_100)]),
  ],
});

const ONLY_APPEND = JSON.stringify({ info: INFO, results: [scenario('append-single', [variant('1 writer', 200, 195, 297), variant('4 writers', 320, 385, 891)])] });

describe('parseResults', () => {
  it('reads a results file', () => {
    const r = parseResults(FULL, 'full.json');
    expect(r.source).toBe('full.json');
    expect(r.info?.backend).toBe('postgres');
    expect(r.results.map((s) => s.id)).toEqual(['append-single', 'append-batch', 'peer-emmett', 'rebuild', 'projection']);
  });

  it('says what is wrong with a file that is not one', () => {
    expect(() => parseResults('{"results": [', 'a.json')).toThrow(ResultsFormatError);
    expect(() => parseResults('{"results": [', 'a.json')).toThrow(/^a\.json: not JSON/);
    expect(() => parseResults('{"info": {}}', 'b.json')).toThrow('b.json: not a bench results file (no "results" array; write one with --json)');
    expect(() => parseResults('[1, 2]', 'c.json')).toThrow(/no "results" array/);
    expect(() => parseResults('{"results": [{"id": "x"}]}', 'd.json')).toThrow('d.json: results[0] has no string "id" and "variants" array');
    expect(() => parseResults('{"results": [{"id": "x", "variants": [{"label": 1, "events": 2}]}]}', 'e.json')).toThrow(/scenario x, variants\[0\] has no string "label"/);
    expect(() => parseResults('{"results": [{"id": "x", "variants": [{"label": "1 writer", "events": 2, "library": {"eventsPerSecond": "fast"}}]}]}', 'f.json')).toThrow(
      'f.json: scenario x, variants[0] ("1 writer"): library.eventsPerSecond is not a number',
    );
  });

  it('takes a file without run information', () => {
    expect(parseResults('{"results": []}', 'g.json')).toEqual({ source: 'g.json', info: null, results: [] });
  });
});

describe('writerCount', () => {
  it('reads the writer count from a variant label', () => {
    expect(writerCount('1 writer')).toBe(1);
    expect(writerCount('16 writers')).toBe(16);
    expect(writerCount('batches of 100, 4 writers')).toBe(4);
    expect(writerCount('single events, 16 writers')).toBe(16);
    expect(writerCount('10,000 events')).toBeNull();
    expect(writerCount('writers: 4')).toBeNull();
  });
});

describe('extractSeries', () => {
  it('finds the append and rebuild series of one file', () => {
    const data = extractSeries([parseResults(FULL, 'full.json')]);
    expect(data.append).toEqual([
      { label: 'RegLedger', dashed: false, points: [{ x: 1, y: 195 }, { x: 4, y: 385 }, { x: 16, y: 600 }] },
      { label: 'plain SQL', dashed: true, points: [{ x: 1, y: 297 }, { x: 4, y: 891 }, { x: 16, y: 1337 }] },
      // The Emmett line, from peer-emmett's baseline, without its batch variant.
      { label: 'Emmett', dashed: true, points: [{ x: 1, y: 240 }, { x: 4, y: 610 }, { x: 16, y: 1020 }] },
    ]);
    expect(data.rebuild).toEqual([
      { label: 'RegLedger rebuild', dashed: false, points: [{ x: 10_000, y: 8_400 }, { x: 100_000, y: 7_900 }] },
      // A side written as null (not measured) is left out.
      { label: 'Plain log read', dashed: true, points: [{ x: 10_000, y: 15_300 }] },
      { label: 'RegLedger catch-up, one projection', dashed: false, points: [{ x: 4_000, y: 2_086 }] },
    ]);
    expect(data.runLines).toEqual([
      'postgres, scale small, 3 runs (+1 warm-up) · 2026-12-01 05:45 UTC · 2 × AMD EPYC, 23.5 GiB, linux x64, Node v20.20.2 · PostgreSQL 15.20 · fsync=on, synchronous_commit=on · load average 0.83 at start',
    ]);
  });

  it('names the rebuild sides by their short names, else generically when the scenario describes them at length', () => {
    const long = JSON.stringify({ results: [scenario('rebuild', [variant('1,000 events', 1_000, 500, 900)])] });
    expect(extractSeries([parseResults(long, 'r.json')]).rebuild.map((s) => s.label)).toEqual(['RegLedger rebuild', 'baseline']);
    const short = JSON.stringify({ results: [scenario('rebuild', [variant('1,000 events', 1_000, 500, 900)], { library: 'full rebuild', baseline: 'COPY' })] });
    expect(extractSeries([parseResults(short, 'r.json')]).rebuild.map((s) => s.label)).toEqual(['RegLedger full rebuild', 'COPY']);
  });

  it('joins the rebuild runs of one backend at several scales into one line', () => {
    const run = (scale: string, backend: string, events: number, lib: number, base: number) =>
      parseResults(
        JSON.stringify({
          info: { ...INFO, scale, backend },
          results: [scenario('rebuild', [variant(`${events} events`, events, lib, base)], { sides: { library: 'Rebuild', baseline: 'Plain log read' } }), scenario('projection', [variant('x', events / 10, lib / 4, base)])],
        }),
        `${backend}-${scale}.json`,
      );
    const one = extractSeries([run('medium', 'postgres', 1_000_000, 7_000, 14_000), run('small', 'postgres', 100_000, 8_000, 15_000)]);
    expect(one.rebuild).toEqual([
      { label: 'RegLedger rebuild', dashed: false, points: [{ x: 100_000, y: 8_000 }, { x: 1_000_000, y: 7_000 }] },
      { label: 'Plain log read', dashed: true, points: [{ x: 100_000, y: 15_000 }, { x: 1_000_000, y: 14_000 }] },
      { label: 'RegLedger catch-up, one projection', dashed: false, points: [{ x: 10_000, y: 2_000 }, { x: 100_000, y: 1_750 }] },
    ]);
    const two = extractSeries([run('small', 'postgres', 100_000, 8_000, 15_000), run('small', 'pglite', 100_000, 5_000, 9_000)]);
    expect(two.rebuild.map((s) => `${s.label}: ${s.points.length}`)).toEqual([
      'RegLedger rebuild (postgres): 1',
      'Plain log read (postgres): 1',
      'RegLedger catch-up, one projection (postgres): 1',
      'RegLedger rebuild (pglite): 1',
      'Plain log read (pglite): 1',
      'RegLedger catch-up, one projection (pglite): 1',
    ]);
  });

  it('leaves the series of absent scenarios out', () => {
    const data = extractSeries([parseResults(ONLY_APPEND, 'append.json')]);
    expect(data.append.map((s) => s.label)).toEqual(['RegLedger', 'plain SQL']);
    expect(data.rebuild).toEqual([]);
    const none = extractSeries([parseResults('{"results": []}', 'none.json')]);
    expect(none).toEqual({ append: [], rebuild: [], runLines: ['no run information in this file'] });
  });

  it('tells several files apart by backend and scale, else by file name', () => {
    const pglite = JSON.stringify({ ...JSON.parse(ONLY_APPEND), info: { ...INFO, backend: 'pglite' } });
    const two = extractSeries([parseResults(ONLY_APPEND, 'a.json'), parseResults(pglite, 'b.json')]);
    expect(two.append.map((s) => s.label)).toEqual(['RegLedger (postgres small)', 'plain SQL (postgres small)', 'RegLedger (pglite small)', 'plain SQL (pglite small)']);
    expect(two.runLines[1]).toMatch(/^pglite, scale small, 3 runs/);

    const same = extractSeries([parseResults(ONLY_APPEND, '/tmp/monday.json'), parseResults(ONLY_APPEND, 'tuesday.json')]);
    expect(same.append[2].label).toBe('RegLedger (tuesday)');
    expect(same.runLines[0]).toMatch(/^monday: postgres, scale small/);
    expect(fileTags([parseResults(ONLY_APPEND, 'x.json'), parseResults(ONLY_APPEND, 'x.json')]).tags).toEqual(['#1', '#2']);
  });
});

describe('runLine', () => {
  it('says what it knows of the run', () => {
    expect(runLine(null)).toBe('no run information in this file');
    expect(runLine({ backend: 'pglite', scale: 'medium', runs: 1 })).toBe('pglite, scale medium, 1 run');
  });
});

describe('chartSpec', () => {
  it('gives two panels whose SVG is well-formed and carries the values', () => {
    const svg = renderChartSvg(chartSpec([parseResults(FULL, 'full.json')]));
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('>Append throughput against writers</text>');
    expect(svg).toContain('>Rebuild rate against log size</text>');
    for (const v of ['195', '1,337', '1,020', '8,400', '15,300', '2,086']) expect(svg).toContain(`>${v}</text>`);
    expect(svg).toContain('>Emmett</text>');
    expect(svg).toContain('>RegLedger rebuild</text>');
    expect(svg).not.toContain('no data in these results');
    expect(svg).toContain('PostgreSQL 15.20');
  });

  it('draws a note in a panel whose scenarios are absent', () => {
    const svg = renderChartSvg(chartSpec([parseResults(ONLY_APPEND, 'append.json')]));
    expect(xmlProblems(svg)).toEqual([]);
    expect(countOf(svg, '>no data in these results</text>')).toBe(1);
    const nothing = renderChartSvg(chartSpec([parseResults('{"results": []}', 'none.json')]));
    expect(xmlProblems(nothing)).toEqual([]);
    expect(countOf(nothing, '>no data in these results</text>')).toBe(2);
  });
});

const countOf = (s: string, part: string): number => s.split(part).length - 1;
