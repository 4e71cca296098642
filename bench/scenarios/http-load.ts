import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAuthConfig, signToken, type TokenClaims } from '@regledger/auth';
import { resetLog } from '../backends.js';
import { enterpriseName, registered, uscc } from '../fixtures.js';
import { measurePair, median, percentile, runWorkers, type BenchContext, type Sample, type Scale, type Scenario, type ScenarioResult, type Side, type Stats, type VariantResult } from '../harness.js';
import { ApiProcess, ensureApiBuilt, freePort, readMemory, type MemoryReading } from '../http/api-process.js';
import { LoadProcess } from '../http/load-client.js';
import { restoreSchema, snapshotSchema } from '../http/schema-snapshot.js';
import { searchPaths, type LoadEnterprise, type LoadResult, type LoadSpec } from '../http/workload.js';

/** Seconds of each load (one run of one side), by scale. */
const DURATION_S: Record<Scale, number> = { small: 5, medium: 20, full: 30 };
/** Enterprises registered through the API; declarations go round them, so concurrent ones rarely share a stream. */
const ENTERPRISES: Record<Scale, number> = { small: 200, medium: 500, full: 1000 };
/** Concurrent HTTP connections of the load generator (one request in flight on each). */
const CONNECTIONS = 16;
/** Distinct registry searches the search load goes round. */
const SEARCHES = 600;
/** USCC family of the enterprises of this scenario (fixtures.ts). */
const FAMILY = 7;
/** How long the projections may take to catch up before a load starts. */
const CATCH_UP_TIMEOUT_MS = 60_000;

const ADMIN_JURISDICTION = '000000';

interface Caught {
  ok: boolean;
  summary: string;
  /** Workers in state `failing`, with their last error. */
  failing: string[];
}

interface WorkerStatusBody {
  head: string | null;
  workers: { name: string; state: string; eventsBehind: number; eventsBehindCapped: boolean; lastError: string | null }[];
}

const mib = (bytes: number): string => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MiB`;

/** A load's outcome as a harness sample; a load with anything but 2xx answers fails the scenario. */
function toSample(label: string, side: Side, r: LoadResult): Sample {
  if (r.non2xx || r.errors || r.timeouts || !r.ok) {
    const codes = Object.entries(r.statusCodes).map(([c, n]) => `${c}: ${n}`).join(', ');
    const first = r.failures.map((f) => `  ${f.status} ${f.body}`).join('\n');
    throw new Error(
      `http-load ${label} ${side}: ${r.non2xx} non-2xx responses, ${r.errors} errors, ${r.timeouts} timeouts out of ${r.responses} responses (${codes || 'none'})${first ? `; the first:\n${first}` : ''}`,
    );
  }
  return { ms: r.durationMs, events: r.ok, latencies: r.latencies };
}

/** The harness's figures plus the p99 and the per-run rate (a run lasts a fixed time: its spread is in the rate). */
function httpStats(stats: Stats, samples: readonly Sample[]): Stats {
  return {
    ...stats,
    p99Ms: percentile(samples.flatMap((s) => s.latencies), 99),
    ratePerRun: samples.map((s) => (s.events * 1000) / s.ms),
  };
}

export const httpLoadScenario: Scenario = {
  id: 'http-load',
  title: 'HTTP API under load (declare a standard, registry search)',
  summary: 'the built API as a child process on PostgreSQL, loaded by autocannon from another process on loopback: POST /declarations and GET /declarations searches, each against GET /health under the same load; requests/s, p50/p95/p99, peak RSS',
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const base = {
      id: this.id,
      title: this.title,
      library: 'the API (`node dist/apps/api/src/main.js`, projections, policies and sealing in the same process as `npm start` runs them) answering the route of each row',
      baseline: '`GET /health` on the same API process under the same load (same connections, duration and headers): routing, guards, request logging and JSON, no database',
      unit: 'requests',
      headline: 'throughput' as const,
    };
    const { connectionString } = ctx.bench;
    if (ctx.bench.backend !== 'postgres' || !connectionString) {
      return { ...base, operation: '', variants: [], notes: ['Not run: the API runs against PostgreSQL only here (PGlite holds its data directory for one process). Run with `--backend postgres`.'] };
    }
    const duration = DURATION_S[ctx.scale];
    const enterpriseCount = ENTERPRISES[ctx.scale];

    // The log of earlier scenarios would otherwise be projected by the API before the loads.
    await resetLog(ctx.bench.raw);
    // The API migrates the database for every context: undone at the end, so no scenario depends on the order.
    const schema = await snapshotSchema(ctx.bench.raw);
    await ensureApiBuilt(ctx.progress);
    if (ctx.signal.aborted) throw new Error('interrupted');

    const dir = mkdtempSync(join(tmpdir(), 'regledger-http-load-'));
    // Also when the process leaves on Ctrl-C, which skips the finally below.
    const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
    process.on('exit', removeDir);
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const k of ['EVENTSTORE_CONNECTION_STRING', 'JWT_PUBLIC_KEY', 'JWT_PRIVATE_KEY', 'NODE_ENV', 'PORT']) delete env[k];
    Object.assign(env, {
      DATABASE_URL: connectionString,
      DATA_DIR: dir,
      JWT_SECRET: randomBytes(32).toString('hex'),
      RATE_LIMIT_USER_PER_MINUTE: '0',
      RATE_LIMIT_ADDRESS_PER_MINUTE: '0',
      PROJECTIONS_IN_PROCESS: 'true',
    });
    const auth = loadAuthConfig(env);
    if (!auth.signingKey) throw new Error('http-load: no signing key');
    const signingKey = auth.signingKey;
    const ttl = 4 * 3600;
    const token = (claims: Omit<TokenClaims, 'iss' | 'aud'>): string => signToken({ ...claims, iss: auth.issuer, aud: auth.audience }, signingKey, { expiresInSeconds: ttl });
    const adminAuth = { authorization: `Bearer ${token({ sub: 'bench-admin', roles: ['admin'], jurisdiction: ADMIN_JURISDICTION })}` };

    const port = await freePort();
    ctx.progress(`http-load: starting the API on 127.0.0.1:${port} (DATABASE_URL = the bench database; its error log: ${join(dir, 'api-stderr.log')})`);
    const t0 = performance.now();
    const api = ApiProcess.start({ env, port, stderrFile: join(dir, 'api-stderr.log'), signal: ctx.signal });
    let load: LoadProcess | null = null;
    try {
      await api.waitUntilReady(60_000, ctx.signal);
      const startupMs = performance.now() - t0;
      ctx.progress(`http-load: API ready in ${(startupMs / 1000).toFixed(1)} s (pid ${api.pid})`);
      load = await LoadProcess.start(ctx.signal);

      const call = async (method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; text: string }> => {
        const res = await fetch(`${api.baseUrl}${path}`, {
          method,
          headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        return { status: res.status, text: await res.text() };
      };

      // Enterprises, registered through the API by an admin; each declares with its own token.
      const enterprises: LoadEnterprise[] = [];
      const names: string[] = [];
      let next = 0;
      await runWorkers(8, async () => {
        while (next < enterpriseCount) {
          const i = next++;
          const code = uscc(i, FAMILY);
          const d = registered(code, i).data as { name: string; jurisdiction: string; address: string; industry: string };
          const res = await call('POST', '/enterprises', adminAuth, { uscc: code, name: d.name, jurisdiction: d.jurisdiction, address: d.address, industry: d.industry });
          if (res.status !== 201) throw new Error(`http-load: registering ${code} answered ${res.status} ${res.text}`);
          enterprises[i] = { uscc: code, token: token({ sub: `enterprise-${code}`, roles: ['enterprise'], jurisdiction: d.jurisdiction, uscc: code }) };
          names[i] = enterpriseName(i, 0);
        }
      });
      ctx.progress(`http-load: registered ${enterpriseCount} enterprises through POST /enterprises`);

      const catchUpNotes: string[] = [];
      const caughtUp = async (): Promise<Caught> => {
        const res = await call('GET', '/projections', adminAuth);
        if (res.status !== 200) throw new Error(`http-load: GET /projections answered ${res.status} ${res.text}`);
        const body = JSON.parse(res.text) as WorkerStatusBody;
        const behind = body.workers
          .filter((w) => w.eventsBehind > 0 || w.eventsBehindCapped || !['running', 'standby'].includes(w.state))
          .sort((a, b) => b.eventsBehind - a.eventsBehind);
        const most = behind.slice(0, 3).map((w) => `${w.name} ${w.state}${w.eventsBehindCapped ? ' ≥' : ' '}${w.eventsBehind} behind${w.lastError ? ` (${w.lastError})` : ''}`);
        const failing = body.workers.filter((w) => w.state === 'failing').map((w) => `${w.name}: ${w.lastError ?? 'no error recorded'}`);
        return { ok: behind.length === 0, summary: `${behind.length} of ${body.workers.length} workers behind; ${most.join(', ')}`, failing };
      };
      /** Until every projection and policy has read the whole log (untimed, before each load). */
      const waitForCatchUp = async (before: string): Promise<void> => {
        const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
        let told = Date.now();
        for (;;) {
          if (ctx.signal.aborted) throw new Error('interrupted');
          api.assertRunning();
          const state = await caughtUp();
          if (state.ok) return;
          if (Date.now() > deadline) {
            if (state.failing.length) throw new Error(`http-load: workers failing before ${before}: ${state.failing.join('; ')}`);
            const note = `The projections had not caught up within ${CATCH_UP_TIMEOUT_MS / 1000} s before ${before} (${state.summary}); a transaction left open elsewhere on the server holds them back (docs/operations.md).`;
            ctx.progress(`http-load: warning: ${note}`);
            catchUpNotes.push(note);
            return;
          }
          if (Date.now() - told >= 5_000) {
            told = Date.now();
            ctx.progress(`http-load: waiting for the projections before ${before}: ${state.summary}`);
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      };
      await waitForCatchUp('the first load');
      const memoryAfterSetup = readMemory(api.pid);

      const spec = { url: api.baseUrl, connections: CONNECTIONS, durationSeconds: duration };
      const loadProcess = load;
      let loads = 0;
      const runLoad = async (s: LoadSpec): Promise<LoadResult> => {
        api.assertRunning();
        const r = await loadProcess.run(s);
        api.assertRunning();
        loads++;
        return r;
      };

      /** One row: the route's load against the /health load, alternating, each after the projections caught up. */
      const pair = async (label: string, route: (run: number) => LoadSpec, baselineHeaders: Record<string, string>): Promise<VariantResult> => {
        const samples: Record<Side, Sample[]> = { library: [], baseline: [] };
        let runIndex = 0;
        // At scale small the suite keeps to a few minutes: two measured runs, no warm-up.
        const runCtx = ctx.scale === 'small' ? { ...ctx, runs: Math.min(ctx.runs, 2), warmup: 0 } : ctx;
        const variant = await measurePair(runCtx, 'http-load', {
          label,
          events: 0,
          operations: 1,
          reset: () => waitForCatchUp(`a ${label} load`),
          async library() {
            const sample = toSample(label, 'library', await runLoad(route(runIndex++)));
            samples.library.push(sample);
            return sample;
          },
          async baseline() {
            const sample = toSample(label, 'baseline', await runLoad({ ...spec, kind: 'get', paths: ['/health'], headers: baselineHeaders }));
            samples.baseline.push(sample);
            return sample;
          },
        });
        const lib = samples.library.slice(runCtx.warmup);
        const raw = samples.baseline.slice(runCtx.warmup);
        const requests = Math.round(median(lib.map((s) => s.events)));
        return {
          ...variant,
          events: requests,
          operations: requests,
          library: httpStats(variant.library, lib),
          baseline: httpStats(variant.baseline, raw),
          // Time per request: the baseline's rate over the route's.
          ratio: variant.baseline.eventsPerSecond / variant.library.eventsPerSecond,
        };
      };

      const tag = Date.now().toString(36);
      const declare = await pair(
        'POST /declarations (declare a standard)',
        (run) => ({ ...spec, kind: 'declare', tag: `${tag}-${run}`, enterprises }),
        { authorization: `Bearer ${enterprises[0].token}` },
      );
      const memoryAfterDeclare = readMemory(api.pid);
      await waitForCatchUp('the search loads');
      const registry = await call('GET', '/declarations?limit=1', {});
      const declarations = registry.status === 200 ? (JSON.parse(registry.text) as { total: number }).total : null;
      const search = await pair('GET /declarations by name, standard or product (registry search)', () => ({ ...spec, kind: 'get', paths: searchPaths(names, SEARCHES), headers: {} }), {});
      const memoryAtEnd = readMemory(api.pid);

      const memory = (m: MemoryReading | null): string => (m ? `RSS ${mib(m.rss)}, peak ${mib(m.peak)}` : 'not available');
      return {
        ...base,
        operation: 'one HTTP request, from writing it to reading the whole response (autocannon, keep-alive)',
        variants: [declare, search],
        notes: [
          `Load: autocannon ${CONNECTIONS} connections, one request in flight on each, ${duration} s per run, from a separate Node process over 127.0.0.1; rate limits off (\`RATE_LIMIT_*_PER_MINUTE=0\`), request logs written (to /dev/null), every other setting at its default (pool of 10 connections, projections polled every 100 ms, sealing every 10 s).`,
          `Requests per run: the route's completed 2xx requests in the median run; "requests/s" is the median over runs, p50/p95/p99 pool every request of the measured runs; "library ÷ baseline time" is time per request: the /health rate over the route's rate. Every response of every load was 2xx (a non-2xx, a connection error or a timeout fails the scenario). Before each load the projections and policies had caught up (GET /projections).`,
          `Declare: ${enterpriseCount} enterprises registered through POST /enterprises, each declaring with its own enterprise token in turn (so the ${CONNECTIONS} requests in flight are on different streams); five standard kinds in turn (national recommended and mandatory, industry, group and enterprise with indicators), a product model unique to each request, every declaration in time (none recorded as late, so no enforcement reaction).`,
          `Search: ${SEARCHES} public searches in turn: a part of one enterprise's name (\`q\`), a standard number in one of its written variants (\`standard\`), a product name or part of one (\`product\`); 20 per page, newest first; the registry held ${declarations === null ? 'an unknown number of' : declarations.toLocaleString('en-US')} declarations.`,
          `API process (pid ${api.pid}) memory from /proc (VmRSS, VmHWM): after start-up and registration ${memory(memoryAfterSetup)}; after the declare loads ${memory(memoryAfterDeclare)}; at the end ${memory(memoryAtEnd)} — the peak is the process's highest resident set over all ${loads} loads. Start-up to the first 200 from GET /ready: ${(startupMs / 1000).toFixed(1)} s.`,
          ...catchUpNotes,
        ],
      };
    } finally {
      load?.kill();
      await api.stop();
      if (api.stderrTail()) ctx.progress(`http-load: the API logged errors; the end of its error log:\n${api.stderrTail()}`);
      removeDir();
      process.off('exit', removeDir);
      if (!ctx.signal.aborted) {
        await restoreSchema(ctx.bench.raw, schema).then(
          (r) => ctx.progress(`http-load: bench database restored (dropped ${r.tables} tables, ${r.schemas} schemas and ${r.migrations} migration records of the API; emptied ${r.emptied} log and runtime tables)`),
          (e: unknown) => ctx.progress(`http-load: warning: could not restore the bench database: ${e instanceof Error ? e.message : String(e)}`),
        );
      }
    }
  },
};
