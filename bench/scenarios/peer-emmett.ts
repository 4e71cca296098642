import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { PostgreSQLEventStoreDefaultStreamVersion } from '@event-driven-io/emmett-postgresql';
import { enterprisesProjection } from '@regledger/enterprises';
import { ProjectionEngine, liveTables } from '@regledger/read-models';
import { POOL_SIZE, resetLog, type RawQuery, type RawSql } from '../backends.js';
import { enterpriseLog, seedEvents, type SeedEvent } from '../fixtures.js';
import { measurePair, runWorkers, timed, yieldToEventLoop, type BenchContext, type Scale, type Scenario, type ScenarioResult, type VariantResult } from '../harness.js';
import { assertEmmettHolds, emmettEnterprisesProjection, emmettRebuild, openEmmett, toEmmettEvent, type EmmettBench } from '../peer/emmett.js';
import { BATCH } from './append-batch.js';
import { STREAMS_PER_WRITER, assertLogHolds, planWriters } from './append-single.js';
import { BATCH as PROJECTION_BATCH } from './projection-catch-up.js';

const SIDES = { library: 'RegLedger', baseline: 'Emmett' };

const SINGLE_WRITERS = [1, 4, 16] as const;
const BATCH_WRITERS = [1, 4] as const;

/** Events per measured run of the single-event appends, by writer count (as append-single; half at small). */
const SINGLE_EVENTS: Record<Scale, Record<(typeof SINGLE_WRITERS)[number], number>> = {
  small: { 1: 100, 4: 160, 16: 320 },
  medium: { 1: 500, 4: 1_000, 16: 2_000 },
  full: { 1: 2_000, 4: 4_000, 16: 8_000 },
};

/** Appends of BATCH events per measured run, by writer count (as append-batch; half at small). */
const BATCH_APPENDS: Record<Scale, Record<(typeof BATCH_WRITERS)[number], number>> = {
  small: { 1: 10, 4: 20 },
  medium: { 1: 100, 4: 200 },
  full: { 1: 400, 4: 800 },
};

/**
 * Enterprise events in each store for the catch-up (the projection scenario's mix). Fewer than there:
 * both sides apply one statement per event, where that scenario's baseline applies two per batch.
 */
const CATCH_UP_EVENTS: Record<Scale, number> = { small: 1_000, medium: 10_000, full: 50_000 };

/** Events per transaction while Emmett's log is seeded (setup only). */
const SEED_CHUNK = 500;

const EMMETT_TABLE = 'bench_emmett_enterprises';

const writersLabel = (n: number): string => `${n} writer${n > 1 ? 's' : ''}`;

/** Both stores empty, then a checkpoint so that none falls inside a measurement. */
async function resetBoth(raw: RawQuery, emmett: EmmettBench): Promise<void> {
  await emmett.truncate();
  await resetLog(raw);
}

async function singleAppends(ctx: BenchContext, emmett: EmmettBench): Promise<VariantResult[]> {
  const { raw } = ctx.bench;
  const out: VariantResult[] = [];
  for (const writers of SINGLE_WRITERS) {
    const perWriter = Math.floor(SINGLE_EVENTS[ctx.scale][writers] / writers);
    const events = perWriter * writers;
    const streams = writers * Math.min(STREAMS_PER_WRITER, perWriter);
    const plans = planWriters(writers, Math.ceil(perWriter / STREAMS_PER_WRITER), 2);
    const emmettEvents = plans.map((p) => p.histories.map((h) => h.map(toEmmettEvent)));
    out.push(
      await measurePair(capped(ctx), 'peer-emmett', {
        label: `single events, ${writersLabel(writers)}`,
        events,
        operations: events,
        reset: () => resetBoth(raw, emmett),
        async library() {
          const latencies: number[] = [];
          const t0 = performance.now();
          await runWorkers(writers, async (w) => {
            const plan = plans[w];
            const revisions: (bigint | null)[] = plan.streams.map(() => null);
            for (let i = 0; i < perWriter; i++) {
              const s = i % STREAMS_PER_WRITER;
              const current = revisions[s];
              const r = await timed(latencies, () =>
                ctx.store.appendToStream(plan.streams[s], [plan.histories[s][Math.floor(i / STREAMS_PER_WRITER)]], {
                  expectedRevision: current === null ? 'no_stream' : current,
                }),
              );
              revisions[s] = r.nextExpectedRevision;
            }
          });
          const ms = performance.now() - t0;
          await assertLogHolds(raw, events, streams, 'RegLedger');
          return { ms, events, latencies };
        },
        async baseline() {
          const latencies: number[] = [];
          const t0 = performance.now();
          await runWorkers(writers, async (w) => {
            const plan = plans[w];
            const versions = plan.streams.map(() => PostgreSQLEventStoreDefaultStreamVersion);
            for (let i = 0; i < perWriter; i++) {
              const s = i % STREAMS_PER_WRITER;
              const r = await timed(latencies, () =>
                emmett.store.appendToStream(plan.streams[s], [emmettEvents[w][s][Math.floor(i / STREAMS_PER_WRITER)]], { expectedStreamVersion: versions[s] }),
              );
              versions[s] = r.nextExpectedStreamVersion;
            }
          });
          const ms = performance.now() - t0;
          await assertEmmettHolds(raw, events, streams, 'Emmett');
          return { ms, events, latencies };
        },
      }),
    );
  }
  return out;
}

async function batchedAppends(ctx: BenchContext, emmett: EmmettBench): Promise<VariantResult[]> {
  const { raw } = ctx.bench;
  const out: VariantResult[] = [];
  for (const writers of BATCH_WRITERS) {
    const perWriter = Math.floor(BATCH_APPENDS[ctx.scale][writers] / writers);
    const appends = perWriter * writers;
    const events = appends * BATCH;
    const streams = writers * Math.min(STREAMS_PER_WRITER, perWriter);
    const plans = planWriters(writers, Math.ceil(perWriter / STREAMS_PER_WRITER) * BATCH, 3);
    const batchOf = (w: number, i: number) => {
      const s = i % STREAMS_PER_WRITER;
      const n = Math.floor(i / STREAMS_PER_WRITER);
      return { s, stream: plans[w].streams[s], events: plans[w].histories[s].slice(n * BATCH, (n + 1) * BATCH) };
    };
    const emmettBatches = plans.map((_, w) => Array.from({ length: perWriter }, (_, i) => batchOf(w, i).events.map(toEmmettEvent)));
    out.push(
      await measurePair(capped(ctx), 'peer-emmett', {
        label: `batches of ${BATCH}, ${writersLabel(writers)}`,
        events,
        operations: appends,
        reset: () => resetBoth(raw, emmett),
        async library() {
          const latencies: number[] = [];
          const t0 = performance.now();
          await runWorkers(writers, async (w) => {
            const revisions: (bigint | null)[] = plans[w].streams.map(() => null);
            for (let i = 0; i < perWriter; i++) {
              const b = batchOf(w, i);
              const current = revisions[b.s];
              const r = await timed(latencies, () => ctx.store.appendToStream(b.stream, b.events, { expectedRevision: current === null ? 'no_stream' : current }));
              revisions[b.s] = r.nextExpectedRevision;
            }
          });
          const ms = performance.now() - t0;
          await assertLogHolds(raw, events, streams, 'RegLedger');
          return { ms, events, latencies };
        },
        async baseline() {
          const latencies: number[] = [];
          const t0 = performance.now();
          await runWorkers(writers, async (w) => {
            const versions = plans[w].streams.map(() => PostgreSQLEventStoreDefaultStreamVersion);
            for (let i = 0; i < perWriter; i++) {
              const s = i % STREAMS_PER_WRITER;
              const r = await timed(latencies, () =>
                emmett.store.appendToStream(plans[w].streams[s], emmettBatches[w][i], { expectedStreamVersion: versions[s] }),
              );
              versions[s] = r.nextExpectedStreamVersion;
            }
          });
          const ms = performance.now() - t0;
          await assertEmmettHolds(raw, events, streams, 'Emmett');
          return { ms, events, latencies };
        },
      }),
    );
  }
  return out;
}

/**
 * Appends the log to Emmett in log order with Emmett's own append function (`emt_append_to_stream`, the
 * call its appendToStream makes), one call per event with its expected stream position, in
 * transactions of SEED_CHUNK events from one connection. One writer: Emmett 0.42's consumer keeps its
 * checkpoint as a global position and reads in transaction order, so events written by overlapping
 * transactions whose positions are out of commit order would be skipped by the catch-up (see notes).
 */
async function seedEmmett(raw: RawSql, log: readonly SeedEvent[], progress: (done: number) => void): Promise<void> {
  const versions = new Map<string, bigint>();
  for (let start = 0; start < log.length; start += SEED_CHUNK) {
    const chunk = log.slice(start, start + SEED_CHUNK);
    await raw.transaction(async (q) => {
      for (const { streamId, event } of chunk) {
        const expected = versions.get(streamId) ?? 0n;
        const [first, ...rest] = streamId.split('-');
        const [r] = await q.query<{ success: boolean; next: string }>(
          `select success, next_stream_position::text as next
           from emt_append_to_stream($1::text[], $2::jsonb[], $3::jsonb[], $4::text[], $5::text[], $6::text[], $7, $8, $9::bigint, $10)`,
          [[randomUUID()], [JSON.stringify(event.data)], [JSON.stringify(event.metadata)], ['1'], [event.type], ['E'], streamId, first && rest.length ? first : 'emt:unknown', expected.toString(), 'emt:default'],
        );
        if (!r?.success) throw new Error(`Emmett seed: append to ${streamId} at ${expected} failed`);
        versions.set(streamId, BigInt(r.next));
      }
    });
    progress(Math.min(start + SEED_CHUNK, log.length));
    await yieldToEventLoop();
  }
}

/** Row count and md5 of every column both projections fill from the events (not updated_at). */
const readModelDigest = async (q: RawQuery, table: string): Promise<{ rows: number; digest: string }> => {
  const [r] = await q.query<{ rows: string; digest: string }>(
    `select count(*)::text as rows, md5(coalesce(string_agg(concat_ws('|', uscc, name, former_names::text, search_text, jurisdiction, address, industry, status,
       registered_on::text, stream_revision::text), E'\\n' order by uscc), '')) as digest from ${table}`,
  );
  return { rows: Number(r.rows), digest: r.digest };
};

async function catchUp(ctx: BenchContext, emmett: EmmettBench): Promise<VariantResult> {
  const { raw, database } = ctx.bench;
  const n = CATCH_UP_EVENTS[ctx.scale];
  await resetBoth(raw, emmett);
  const log = enterpriseLog(n);
  const streams = new Set(log.map((e) => e.streamId)).size;
  ctx.progress(`peer-emmett: seeding ${n} enterprise events into RegLedger's log`);
  await seedEvents(raw, log);
  ctx.progress(`peer-emmett: appending the same ${n} events to Emmett in log order`);
  await seedEmmett(raw, log, (done) => {
    if (done % 20_000 === 0) ctx.progress(`peer-emmett: appended ${done}/${n} to Emmett`);
  });
  await assertLogHolds(raw, n, streams, 'RegLedger seed');
  await assertEmmettHolds(raw, n, streams, 'Emmett seed');
  await raw.query('analyze es_events');
  await raw.query('analyze emt_messages');

  const tables = liveTables(enterprisesProjection);
  const dropLibrary = async () => {
    for (const t of Object.values(tables)) await sql`drop table if exists ${sql.table(t)}`.execute(database.db);
    await raw.query('delete from rm_checkpoints where name = $1', [enterprisesProjection.name]);
  };
  const dropEmmett = async () => {
    await raw.query(`drop table if exists ${EMMETT_TABLE}`);
    await raw.query('delete from emt_processors');
    await raw.query('delete from emt_projections');
  };
  const variant = await measurePair(capped(ctx), 'peer-emmett', {
    label: `catch-up, ${n.toLocaleString('en-US')} events, ${streams.toLocaleString('en-US')} enterprises`,
    events: n,
    operations: 0,
    async reset(side) {
      if (side === 'library') {
        await dropLibrary();
      } else {
        await dropEmmett();
        await enterprisesProjection.createTables(database.db, { enterprises: EMMETT_TABLE });
      }
      await raw.query('checkpoint').catch(() => undefined);
    },
    async library() {
      const engine = new ProjectionEngine(ctx.store, database, [enterprisesProjection], [], { batchSize: PROJECTION_BATCH });
      await engine.prepare();
      const t0 = performance.now();
      await engine.catchUp({ projectionsOnly: true });
      const ms = performance.now() - t0;
      await engine.stop();
      const [cp] = await raw.query<{ events_seen: string }>('select events_seen::text as events_seen from rm_checkpoints where name = $1', [enterprisesProjection.name]);
      if (Number(cp?.events_seen) !== n) throw new Error(`RegLedger: the checkpoint saw ${cp?.events_seen} events, not ${n}`);
      return { ms, events: n, latencies: [] };
    },
    async baseline() {
      let seen = 0;
      const consumer = emmettRebuild(
        emmett,
        emmettEnterprisesProjection(EMMETT_TABLE, () => seen++),
        PROJECTION_BATCH,
      );
      // Registers the projection: untimed, as the engine's prepare().
      await (consumer as { init?: () => Promise<void> }).init?.();
      const t0 = performance.now();
      await consumer.start();
      const ms = performance.now() - t0;
      await consumer.close();
      if (seen !== n) throw new Error(`Emmett: the projection was handed ${seen} events, not ${n}`);
      const [cp] = await raw.query<{ checkpoint: string | null; last: string }>(
        `select (select last_processed_checkpoint::text from emt_processors limit 1) as checkpoint,
                (select max(global_position)::text from emt_messages) as last`,
      );
      if (cp.checkpoint === null || BigInt(cp.checkpoint) !== BigInt(cp.last)) throw new Error(`Emmett: the checkpoint is at ${cp.checkpoint}, the log ends at ${cp.last}`);
      return { ms, events: n, latencies: [] };
    },
    async verify() {
      const lib = await readModelDigest(raw, tables.enterprises);
      const peer = await readModelDigest(raw, EMMETT_TABLE);
      if (lib.rows !== streams || lib.rows !== peer.rows || lib.digest !== peer.digest) {
        throw new Error(`the read models differ: RegLedger ${lib.rows} rows (${lib.digest}), Emmett ${peer.rows} rows (${peer.digest}), ${streams} expected`);
      }
      ctx.progress(`peer-emmett: both read models hold the same ${lib.rows} rows (md5 ${lib.digest})`);
    },
  });
  await dropLibrary();
  await dropEmmett();
  await resetBoth(raw, emmett);
  return variant;
}

const DESCRIBE = {
  library: `RegLedger's PostgresEventStore.appendToStream(stream, events, { expectedRevision }) ('no_stream' for a stream's first append); catch-up: new ProjectionEngine(store, db, [enterprisesProjection], [], { batchSize: ${PROJECTION_BATCH} }).catchUp() from position zero (tables created before timing)`,
  baseline: `Emmett 0.42.0 (@event-driven-io/emmett-postgresql, own pg pool of the same size) getPostgreSQLEventStore(url).appendToStream(stream, events, { expectedStreamVersion }) (0n, its "no stream" position, for a stream's first append); catch-up: rebuildPostgreSQLProjections({ projection, pulling: { batchSize: ${PROJECTION_BATCH}, pullingFrequencyInMs: 0 } }).start() with a postgreSQLRawSQLProjection issuing the same insert/update per event as enterprisesProjection into a table of the same shape`,
};


/** At scale small the suite keeps to a few minutes: at most three measured runs per side. */
const capped = (ctx: BenchContext): BenchContext => (ctx.scale === 'small' ? { ...ctx, runs: Math.min(ctx.runs, 3) } : ctx);

export const peerEmmettScenario: Scenario = {
  id: 'peer-emmett',
  title: 'Peer comparison: RegLedger vs Emmett (PostgreSQL event store)',
  summary: `RegLedger vs Emmett's PostgreSQL event store on the same server: single-event appends (1, 4, 16 writers), ${BATCH}-event appends (1, 4 writers), enterprises catch-up projection`,
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const base = {
      id: this.id,
      title: this.title,
      ...DESCRIBE,
      sides: SIDES,
      operation: `one append (1 event in the single-event variants, ${BATCH} in the batched ones); the catch-up has none`,
      headline: 'throughput' as const,
    };
    const url = ctx.bench.database.connectionString;
    if (ctx.bench.backend !== 'postgres' || !url) {
      return { ...base, variants: [], notes: ["Not run: Emmett's event store needs a PostgreSQL server (`--backend postgres`)."] };
    }
    const emmett = await openEmmett(url, POOL_SIZE);
    const variants: VariantResult[] = [];
    try {
      variants.push(...(await singleAppends(ctx, emmett)));
      variants.push(...(await batchedAppends(ctx, emmett)));
      variants.push(await catchUp(ctx, emmett));
    } finally {
      await emmett.close();
    }
    return {
      ...base,
      variants,
      notes: [
        'RegLedger ÷ Emmett time: below 1.00 RegLedger is faster, above 1.00 Emmett is. Both stores live in the same database (RegLedger es_*, Emmett emt_*), both are emptied before every measured run, and each run is checked afterwards (events and streams counted in the store that was written).',
        "What one append does: RegLedger's is one statement (its own transaction) that takes the stream's advisory lock, moves the stream row, checks the previous event's hash and inserts the events with their SHA-256 hash chain; Emmett's is begin, one call of its emt_append_to_stream function (stream row insert or update, events insert), commit. Each writer owns its streams, as in append-single and append-batch.",
        `Catch-up: both stores hold the same enterprise log in the same order (RegLedger's seeded as in the projection scenario; Emmett's through its own emt_append_to_stream function, one writer, ${SEED_CHUNK} events per transaction; untimed). Emmett's consumer hands each event to its own projection call and stores its checkpoint after each event, in one transaction per pulled batch of ${PROJECTION_BATCH}; its puller also waits 100 ms after the first batch (built in).`,
        "Emmett's log is seeded by one writer because Emmett 0.42.0's consumer checkpoints by global position while reading in transaction order: events appended by overlapping transactions whose positions are out of commit order are skipped (here 16 concurrent writers, 4,000 single-event appends: its rebuild handed 3,800 events to the projection). RegLedger's readAll orders and checkpoints by (transaction id, position).",
        "Both read models are checked equal at the end (row count and md5 of uscc, name, former names, search text and the other columns; Emmett's stream positions are 1-based and stored minus one; updated_at is left out since Emmett's read events carry no recording time).",
        "Emmett's SQL layer installs process-wide pg type parsers (int8 as BigInt, JSON with a BigInt reviver); the suite gives them to Emmett's pool only and leaves RegLedger's connections on the defaults.",
      ],
    };
  },
};
