import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { chinaToday } from '../support/http-expectations.js';
import { median, percentile, prepareStorage, report, sleepMs, startFaultApp, type FaultApp, type Storage } from './support/fault-app.js';
import { loadUscc } from './support/load.js';

/**
 * A bounded soak run on loopback: commands at a steady rate (registrations, and renames of enterprises
 * registered earlier) with a read of an enterprise after each, against PostgreSQL with the projections
 * in-process. Memory (heap after warm-up, RSS) stays within a stated bound and latency does not rise: the
 * last windows' median is within a stated multiple of the first windows' (both measured in this run).
 */

const env = (name: string, fallback: number): number => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v <= 0) throw new RangeError(`${name} must be a positive number`);
  return v;
};
const SECONDS = env('FAULTS_SOAK_SECONDS', 120);
const WINDOW_SECONDS = env('FAULTS_SOAK_WINDOW_SECONDS', 10);
const RATE = env('FAULTS_SOAK_RATE', 20);
/** Windows not compared: the JIT, the pool and PostgreSQL's caches warm up. */
const WARMUP_WINDOWS = 2;
/** Windows at each end that are compared. */
const COMPARED_WINDOWS = 3;
/** Bounds the run is held to. */
const HEAP_GROWTH_BOUND_MB = env('FAULTS_SOAK_HEAP_GROWTH_MB', 64);
const RSS_GROWTH_BOUND_MB = env('FAULTS_SOAK_RSS_GROWTH_MB', 160);
const LATENCY_RATIO_BOUND = env('FAULTS_SOAK_LATENCY_RATIO', 2);
/** Below this a median is noise: the ratio is taken against at least this many milliseconds. */
const LATENCY_FLOOR_MS = 10;
/** How long the projections may take, after the last command, to catch up. */
const SETTLE_BOUND_MS = 60_000;

interface Window {
  commandMs: number[];
  readMs: number[];
  failures: string[];
  /** heapUsed right after a full collection at the window's end. */
  heapAfterGc: number;
  rssMax: number;
}

const MB = 1024 * 1024;

/** A full garbage collection on demand (the flag set at run time, as jest starts node without it): heap is measured after one. */
const collectGarbage = (): (() => void) => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
};

describe('soak: a steady command rate for a bounded time', () => {
  let storage: Storage;
  let t: FaultApp;

  beforeAll(async () => {
    storage = await prepareStorage('postgres');
    t = await startFaultApp(storage);
  }, 120_000);

  afterAll(async () => {
    await t?.close().catch(() => undefined);
    await storage?.cleanup();
  });

  it(`holds memory within bounds and latency flat over ${SECONDS}s at ${RATE} commands/s`, async () => {
    const windowCount = Math.max(Math.floor(SECONDS / WINDOW_SECONDS), WARMUP_WINDOWS + 2 * COMPARED_WINDOWS);
    const windows: Window[] = Array.from({ length: windowCount }, () => ({ commandMs: [], readMs: [], failures: [], heapAfterGc: Number.NaN, rssMax: 0 }));
    const auth = t.as('admin', '000000');
    const registered: string[] = [];
    const started = Date.now();
    const windowOf = (at: number): Window | undefined => windows[Math.floor((at - started) / (WINDOW_SECONDS * 1000))];
    const inFlight = new Set<Promise<void>>();

    const one = async (seq: number): Promise<void> => {
      const w = windowOf(Date.now());
      const correlationId = randomUUID();
      const headers = { ...auth, 'Idempotency-Key': `soak-${correlationId}`, 'X-Correlation-Id': correlationId };
      const rename = seq % 3 === 2 && registered.length > 0;
      const target = rename ? registered.shift()! : loadUscc('TK', seq);
      const r = rename
        ? await t.call('POST', `/enterprises/${target}/rename`, { body: { newName: `浸泡测试更名${seq}有限公司`, effectiveDate: chinaToday() }, headers })
        : await t.call('POST', '/enterprises', {
            body: { uscc: target, name: `浸泡测试${seq}号电器有限公司`, jurisdiction: '440305', address: '广东省深圳市南山区粤海街道', industry: '家用电器制造业' },
            headers,
          });
      if (!w) return;
      if (r.status >= 300) {
        w.failures.push(`${rename ? 'rename' : 'register'} ${r.status}`);
        return;
      }
      w.commandMs.push(r.ms);
      if (!rename) registered.push(target);
      const read = await t.call('GET', `/enterprises/${target}`);
      // a registration not yet projected answers 404: the read measures latency, not freshness
      if (read.status !== 200 && read.status !== 404) w.failures.push(`read ${read.status}`);
      else w.readMs.push(read.ms);
    };

    // Samples RSS once a second, and the heap after a full collection at the end of each window.
    const gc = collectGarbage();
    const sampler = setInterval(() => {
      const w = windowOf(Date.now());
      if (w) w.rssMax = Math.max(w.rssMax, process.memoryUsage().rss);
    }, 1000);
    const heapSampler = setInterval(() => {
      const w = windowOf(Date.now() - 500);
      if (!w) return;
      gc();
      w.heapAfterGc = process.memoryUsage().heapUsed;
    }, WINDOW_SECONDS * 1000);

    // Sends at a steady rate (an open loop: a slow answer does not slow the sender down).
    const intervalMs = 1000 / RATE;
    const end = started + windowCount * WINDOW_SECONDS * 1000;
    let seq = 0;
    try {
      while (Date.now() < end) {
        const p = one(seq).finally(() => inFlight.delete(p));
        inFlight.add(p);
        seq += 1;
        const next = started + seq * intervalMs;
        await sleepMs(Math.max(0, next - Date.now()));
      }
      await Promise.all(inFlight);
      const lastWindow = windows[windows.length - 1];
      if (Number.isNaN(lastWindow.heapAfterGc)) {
        gc();
        lastWindow.heapAfterGc = process.memoryUsage().heapUsed;
      }
    } finally {
      clearInterval(sampler);
      clearInterval(heapSampler);
    }
    // The projections catch up with the last command (settled fails past its bound).
    const settleFrom = Date.now();
    await t.settled(SETTLE_BOUND_MS);
    const settleMs = Date.now() - settleFrom;

    const rows = windows.map((w, i) => ({
      window: i + 1,
      commands: w.commandMs.length,
      medianMs: Number(median(w.commandMs).toFixed(1)),
      p95Ms: Number(percentile(w.commandMs, 95).toFixed(1)),
      readMedianMs: Number(median(w.readMs).toFixed(1)),
      heapAfterGcMB: Number((w.heapAfterGc / MB).toFixed(1)),
      rssMaxMB: Number((w.rssMax / MB).toFixed(1)),
      failures: w.failures.length,
    }));
    process.stdout.write(`[faults] soak windows (${WINDOW_SECONDS}s each):\n${rows.map((r) => `  ${JSON.stringify(r)}`).join('\n')}\n`);

    const first = windows.slice(WARMUP_WINDOWS, WARMUP_WINDOWS + COMPARED_WINDOWS);
    const last = windows.slice(-COMPARED_WINDOWS);
    const firstMedian = median(first.flatMap((w) => w.commandMs));
    const lastMedian = median(last.flatMap((w) => w.commandMs));
    const latencyRatio = lastMedian / Math.max(firstMedian, LATENCY_FLOOR_MS);
    const firstReadMedian = median(first.flatMap((w) => w.readMs));
    const lastReadMedian = median(last.flatMap((w) => w.readMs));
    const readRatio = lastReadMedian / Math.max(firstReadMedian, LATENCY_FLOOR_MS);
    const heapOf = (ws: Window[]): number => median(ws.map((w) => w.heapAfterGc).filter((h) => !Number.isNaN(h)));
    const heapGrowthMB = (heapOf(last) - heapOf(first)) / MB;
    const rssGrowthMB = (Math.max(...last.map((w) => w.rssMax)) - Math.max(...first.map((w) => w.rssMax))) / MB;
    const sent = windows.reduce((n, w) => n + w.commandMs.length + w.failures.filter((f) => !f.startsWith('read')).length, 0);
    const achievedRate = sent / (windowCount * WINDOW_SECONDS);

    report('soak', {
      seconds: windowCount * WINDOW_SECONDS,
      targetRate: RATE,
      achievedRate: achievedRate.toFixed(1),
      commands: sent,
      firstMedianMs: firstMedian.toFixed(1),
      lastMedianMs: lastMedian.toFixed(1),
      latencyRatio: latencyRatio.toFixed(2),
      firstReadMedianMs: firstReadMedian.toFixed(1),
      lastReadMedianMs: lastReadMedian.toFixed(1),
      readLatencyRatio: readRatio.toFixed(2),
      heapFirstMB: (heapOf(first) / MB).toFixed(1),
      heapGrowthMB: heapGrowthMB.toFixed(1),
      rssGrowthMB: rssGrowthMB.toFixed(1),
      settleSeconds: (settleMs / 1000).toFixed(1),
    });

    // Then every command and read succeeded, at the rate asked for
    expect(windows.flatMap((w) => w.failures)).toEqual([]);
    expect(achievedRate).toBeGreaterThanOrEqual(RATE * 0.9);
    // and memory stayed within its bounds
    expect(heapGrowthMB).toBeLessThanOrEqual(HEAP_GROWTH_BOUND_MB);
    expect(rssGrowthMB).toBeLessThanOrEqual(RSS_GROWTH_BOUND_MB);
    // and latency did not rise
    expect(latencyRatio).toBeLessThanOrEqual(LATENCY_RATIO_BOUND);
    expect(readRatio).toBeLessThanOrEqual(LATENCY_RATIO_BOUND);
  });
});
