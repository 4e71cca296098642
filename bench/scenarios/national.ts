import { sql } from 'kysely';
import { awaitReadable } from '@regledger/event-store';
import { readLogUpTo } from '../../libs/inspections/src/pool-log.js';
import { FindDeclarationsHandler, FindDeclarationsQuery } from '../../libs/declarations/src/queries/find-declarations/find-declarations.query.js';
import { DEFAULT_DRAW_POLICY, buildPool, commitmentOf, poolPositionText, runDraw, type PoolInspector } from '@regledger/inspections';
import { measurePair, percentile, type BenchContext, type Sample, type Scenario, type ScenarioResult, type VariantResult } from '../harness.js';
import { NATIONAL_SCALES, nationalDataset, type NationalDataset } from '../national/dataset.js';

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Plain SQL over the log in keyset pages: the least any reader of the whole log pays. */
async function readLogPlain(ds: NationalDataset, columns: string, page = 1000): Promise<number> {
  let after = '0';
  let n = 0;
  for (;;) {
    const r = await sql<{ gp: string }>`select global_position::text as gp, ${sql.raw(columns)} from es_events where global_position > ${after}::bigint order by global_position limit ${page}`.execute(ds.engine.database.db);
    n += r.rows.length;
    if (r.rows.length < page) return n;
    after = r.rows[r.rows.length - 1].gp;
  }
}

const generationNotes = (ds: NationalDataset): string[] => {
  const g = ds.generation;
  const lines = [`Log: ${fmt(ds.events)} events in one PostgreSQL database.`];
  if (g) {
    lines.push(
      `Generated ${fmt(g.enterprises)} enterprises over ${Object.keys(g.enterprisesByProvince).length} provinces (largest: ${Object.entries(g.enterprisesByProvince)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([p, n]) => `${p} ${fmt(n)}`)
        .join(', ')}), ${fmt(g.declarations)} declarations, ${fmt(g.products)} products, ${fmt(g.events)} events in ${g.seconds.toFixed(1)} s: ${fmt(g.eventsPerSecond)} events/s in all, importEvents alone ${fmt(g.importedEventsPerSecond)} events/s (${g.importSeconds.toFixed(1)} s writing, ${g.decideSeconds.toFixed(1)} s waiting for decided chunks).`,
      `Events by type: ${Object.entries(g.eventsByType)
        .sort((a, b) => b[1] - a[1])
        .map(([t, n]) => `${t} ${fmt(n)}`)
        .join(', ')}.`,
    );
    if (g.duplicateUsccs) lines.push(`${g.duplicateUsccs} enterprises left out because another chunk had drawn the same USCC.`);
  }
  for (const s of ds.supervision)
    lines.push(`Through the command path first: ${s.province}, ${s.enterprises} enterprises with supervision data, ${fmt(s.events)} events (${s.complaints} complaints and reports, a plan drawing ${s.drawnTargets} targets, ${s.inspectionsCompleted} inspections completed) in ${s.seconds.toFixed(1)} s.`);
  return lines;
};

export const nationalGenerateScenario: Scenario = {
  id: 'national',
  title: 'National data set',
  summary: 'generates the national data set (500,000 enterprises at --scale full) through the deciders and importEvents',
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const ds = await nationalDataset(ctx);
    return {
      id: this.id,
      title: `${this.title} (${fmt(NATIONAL_SCALES[ctx.scale].enterprises)} enterprises at scale ${ctx.scale})`,
      library: 'the seed plans of `regledger seed` per province and chunk, decided by the engine’s deciders in memory, written by PostgresEventStore.importEvents',
      baseline: 'none: the figures are the generator’s own',
      operation: '',
      headline: 'throughput',
      variants: [],
      notes: generationNotes(ds),
    };
  },
};

export const rebuildScenario: Scenario = {
  id: 'rebuild',
  title: 'Full rebuild of every read model',
  summary: 'rebuilds every projection (blue/green) from the whole national log, against one plain-SQL read of the log',
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const ds = await nationalDataset(ctx);
    await awaitReadable(ds.engine.store);
    const engine = ds.engine.projectionEngine();
    await engine.prepare();
    const names = engine.projectionNames();
    const variant = await measurePair({ ...ctx, runs: ctx.scale === 'small' ? Math.min(ctx.runs, 2) : 1, warmup: 0 }, 'rebuild', {
      label: `${fmt(ds.events)} events`,
      events: ds.events,
      operations: 0,
      reset: async () => undefined,
      async library(): Promise<Sample> {
        const phases: Record<string, number> = {};
        const t0 = performance.now();
        for (const name of names) {
          const t = performance.now();
          let shown = 0;
          await engine.rebuild(name, (p) => {
            if (performance.now() - shown < 5000) return;
            shown = performance.now();
            ctx.progress(`rebuild ${name}: ${fmt(p.applied)}/${fmt(p.total)} events, ${fmt(p.eventsPerSecond)} events/s`);
          });
          phases[name] = performance.now() - t;
        }
        return { ms: performance.now() - t0, events: ds.events, latencies: [], phases };
      },
      async baseline(): Promise<Sample> {
        const t0 = performance.now();
        const n = await readLogPlain(ds, 'event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at');
        return { ms: performance.now() - t0, events: n, latencies: [] };
      },
    });
    await engine.stop();
    return {
      id: this.id,
      title: this.title,
      library: `ProjectionEngine.rebuild(name) for each of the ${names.length} projections in turn (${names.join(', ')}): new tables beside the live ones, batches of 500 events, then the switch`,
      baseline: 'plain SQL: one read of the whole log in keyset pages of 1,000 rows (every column a projection reads), nothing written',
      sides: { library: 'Rebuild', baseline: 'Plain log read' },
      operation: '',
      headline: 'throughput',
      variants: [variant],
      notes: [
        'Phases: milliseconds per projection. Each projection reads the whole log for itself and keeps the events it handles, so a full rebuild reads the log once per projection.',
        ...generationNotes(ds),
      ],
    };
  },
};

/** Inspectors for a draw over a large pool: enough to staff every drawn target, all covering the authority. */
const benchInspectors = (authority: string, count: number): PoolInspector[] =>
  Array.from({ length: count }, (_, i) => ({ inspectorId: `bench-inspector-${String(i).padStart(5, '0')}`, jurisdiction: authority, active: true, qualifications: [], conflicts: [] }));

export const drawScenario: Scenario = {
  id: 'draw',
  title: 'Double-random draw over a province pool and the national pool',
  summary: 'builds the pool from the log at its head and runs the verifiable draw, for the largest province and the whole country',
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const ds = await nationalDataset(ctx);
    const store = ds.engine.store;
    await awaitReadable(store);
    const head = (await store.headPosition({ committed: true }))!;
    const largest = Object.entries(ds.generation?.enterprisesByProvince ?? { '44': 0 }).sort((a, b) => b[1] - a[1])[0][0];
    const variants: VariantResult[] = [];
    const notes: string[] = [];
    for (const authority of [`${largest}0000`, '000000']) {
      let targets = 0;
      let drawn = 0;
      const variant = await measurePair({ ...ctx, runs: Math.min(ctx.runs, ctx.scale === 'small' ? 2 : 3), warmup: 0 }, 'draw', {
        label: authority === '000000' ? 'national pool' : `province ${largest} pool`,
        events: ds.events,
        operations: 1,
        reset: async () => undefined,
        async library(): Promise<Sample> {
          const t0 = performance.now();
          const log = await readLogUpTo(ds.engine.store, head.position, 60_000);
          const t1 = performance.now();
          const pool = buildPool(log, { authority, asOf: '2026-10-30', standardKinds: null, defaultCreditClass: 'B', builderVersion: 2 });
          const t2 = performance.now();
          const secret = 'bench-draw-secret-0123456789abcdef-0123456789';
          const quota = Math.ceil(pool.targets.length * 0.05);
          const inspectors = [...pool.inspectors, ...benchInspectors(authority, Math.max(50, Math.min(2000, Math.ceil(quota / 10))))];
          const result = runDraw({
            planId: 'bench-plan',
            authority,
            drawnOn: '2026-10-30',
            policy: DEFAULT_DRAW_POLICY,
            revealedSecret: secret,
            commitment: commitmentOf(secret),
            poolPosition: poolPositionText({ commit: head.position.commit.toString(), prepare: head.position.prepare.toString() }),
            targets: pool.targets,
            inspectors,
          });
          const t3 = performance.now();
          targets = pool.targets.length;
          drawn = result.assignments?.length ?? 0;
          return { ms: t3 - t0, events: log.length, latencies: [t3 - t0], phases: { 'read log': t1 - t0, 'build pool': t2 - t1, draw: t3 - t2 } };
        },
        async baseline(): Promise<Sample> {
          const t0 = performance.now();
          const n = await readLogPlain(ds, 'type, data');
          return { ms: performance.now() - t0, events: n, latencies: [performance.now() - t0] };
        },
      });
      variant.label = `${variant.label}: ${fmt(targets)} targets, ${fmt(drawn)} drawn`;
      variants.push(variant);
      notes.push(`${variant.label}: of ${fmt(variant.library.medianMs)} ms, ${Object.entries(variant.library.phasesMs).map(([k, v]) => `${k} ${fmt(v)} ms`).join(', ')}.`);
    }
    return {
      id: this.id,
      title: this.title,
      library: 'what DrawInspections does: read the log up to the pool position (readAll pages), buildPool (declarations in force, classes, cases, exclusions), runDraw (HMAC-seeded shuffle, quotas by class, two inspectors per target); bench inspectors added to the pool',
      baseline: 'plain SQL: one read of type and data of the whole log in keyset pages, nothing built',
      sides: { library: 'Draw', baseline: 'Plain log read' },
      operation: 'one draw',
      headline: 'per-operation',
      variants,
      notes: [...notes, 'The pool is fixed by the log prefix so that anyone can rebuild it from the log and verify the draw (docs/draw-algorithm.md §11); reading that prefix is the cost that grows with the log.'],
    };
  },
};

/** Search terms drawn from the data set itself, so every kind of query finds rows. */
async function searchTerms(ds: NationalDataset, count: number): Promise<{ name: string[]; standard: string[]; product: string[] }> {
  const db = ds.engine.database.db;
  const rows = await sql<{ enterprise_name: string; standard_number: string; product: string | null }>`
    select d.enterprise_name, d.standard_number, (select p.name from declaration_products p where p.declaration_id = d.declaration_id limit 1) as product
    from declarations d tablesample system (5) limit ${count}`.execute(db);
  const pick = (s: string, len: number, i: number): string => {
    const chars = [...s];
    const from = chars.length > len ? i % (chars.length - len) : 0;
    return chars.slice(from, from + len).join('');
  };
  return {
    name: rows.rows.map((r, i) => pick(r.enterprise_name, 4, i)),
    standard: rows.rows.map((r) => r.standard_number.split('-')[0]),
    product: rows.rows.filter((r) => r.product).map((r, i) => pick(r.product!, 3, i)),
  };
}

export const searchScenario: Scenario = {
  id: 'search',
  title: 'Registry search at full size',
  summary: 'the public registry search (name substring, standard number, product) over the rebuilt national read model: p50/p95/p99',
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const ds = await nationalDataset(ctx);
    const db = ds.engine.database.db;
    const projection = ds.engine.projectionEngine();
    await projection.catchUp({ projectionsOnly: true, timeoutMs: 3_600_000 });
    await projection.stop();
    const [{ n }] = (await sql<{ n: string }>`select count(*)::text as n from declarations`.execute(db)).rows;
    const handler = new FindDeclarationsHandler(db);
    const queries = ctx.scale === 'small' ? 100 : 300;
    const terms = await searchTerms(ds, queries);
    const variants: VariantResult[] = [];
    const kinds: { label: string; terms: string[]; criteria: (t: string) => { q?: string; standard?: string; product?: string }; plain: string }[] = [
      { label: 'name substring', terms: terms.name, criteria: (t) => ({ q: t }), plain: 'enterprise_search' },
      { label: 'standard number', terms: terms.standard, criteria: (t) => ({ standard: t }), plain: 'standard_key' },
      { label: 'product', terms: terms.product, criteria: (t) => ({ product: t }), plain: 'product_search' },
    ];
    for (const kind of kinds) {
      const list = kind.terms.slice(0, queries);
      const all: number[] = [];
      const allPlain: number[] = [];
      const variant = await measurePair({ ...ctx, runs: Math.min(ctx.runs, 3) }, 'search', {
        label: kind.label,
        events: list.length,
        operations: list.length,
        reset: async () => undefined,
        async library(): Promise<Sample> {
          const latencies: number[] = [];
          const t0 = performance.now();
          for (const t of list) {
            const s = performance.now();
            await handler.execute(new FindDeclarationsQuery({ ...kind.criteria(t), sort: 'declaredOn', order: 'desc', limit: 20, offset: 0 }));
            latencies.push(performance.now() - s);
          }
          all.push(...latencies);
          return { ms: performance.now() - t0, events: list.length, latencies };
        },
        async baseline(): Promise<Sample> {
          const latencies: number[] = [];
          const t0 = performance.now();
          for (const t of list) {
            const s = performance.now();
            await sql`select declaration_id from declarations where ${sql.ref(kind.plain)} like ${`%${t}%`} limit 20`.execute(db);
            latencies.push(performance.now() - s);
          }
          allPlain.push(...latencies);
          return { ms: performance.now() - t0, events: list.length, latencies };
        },
      });
      variant.library.p99Ms = percentile(all, 99);
      variant.baseline.p99Ms = percentile(allPlain, 99);
      variants.push(variant);
    }
    return {
      id: this.id,
      title: `${this.title} (${fmt(Number(n))} declarations)`,
      library: 'FindDeclarationsHandler.execute (GET /declarations): the filter, ordered by declaration date, first page of 20, and the total count',
      baseline: 'plain SQL: the same substring filter, the first 20 ids, no order and no count',
      sides: { library: 'Search', baseline: 'Plain filter' },
      operation: 'one query',
      headline: 'per-operation',
      unit: 'queries',
      variants,
      notes: [`Terms: ${queries} per kind, taken from the data set (a 4-character piece of an enterprise name, a standard number's prefix, a 3-character piece of a product name).`],
    };
  },
};
