import { sql } from 'kysely';
import { enterprisesProjection, type EnterpriseRegisteredData, type EnterpriseRenamedData } from '@regledger/enterprises';
import { ProjectionEngine, liveTables } from '@regledger/read-models';
import { resetLog, type RawQuery } from '../backends.js';
import { enterpriseLog, seedEvents } from '../fixtures.js';
import { measurePair, type BenchContext, type Scale, type Scenario, type ScenarioResult } from '../harness.js';

/** Enterprise events in the log, by scale. */
const EVENTS: Record<Scale, number> = { small: 4_000, medium: 50_000, full: 200_000 };

/** The engine's default batch; the baseline uses the same. */
export const BATCH = 500;

const RAW_TABLE = 'bench_raw_enterprises';
const RAW_CHECKPOINT = 'bench-raw-enterprises';

interface LogRow {
  gp: string;
  tx: string;
  rev: string;
  type: string;
  data: unknown;
  recorded_at: string;
}

/** One read-model row's change within a batch: a new row (registered in the batch) or a delta to an existing one. */
interface Change {
  insert: boolean;
  uscc: string;
  name: string;
  former: { name: string; until: string }[];
  names: string[];
  registered?: EnterpriseRegisteredData;
  firstRev: string;
  rev: string;
  at: string;
}

const parse = (data: unknown): unknown => (typeof data === 'string' ? JSON.parse(data) : data);

/** Folds a batch per enterprise, in log order. */
function foldBatch(rows: readonly LogRow[]): Change[] {
  const byUscc = new Map<string, Change>();
  for (const r of rows) {
    if (r.type === 'EnterpriseRegistered') {
      const d = parse(r.data) as EnterpriseRegisteredData;
      if (byUscc.has(d.uscc)) continue;
      byUscc.set(d.uscc, { insert: true, uscc: d.uscc, name: d.name, former: [], names: [d.name], registered: d, firstRev: r.rev, rev: r.rev, at: r.recorded_at });
    } else if (r.type === 'EnterpriseRenamed') {
      const d = parse(r.data) as EnterpriseRenamedData;
      let c = byUscc.get(d.uscc);
      if (!c) {
        c = { insert: false, uscc: d.uscc, name: d.newName, former: [], names: [], firstRev: r.rev, rev: r.rev, at: r.recorded_at };
        byUscc.set(d.uscc, c);
      }
      c.name = d.newName;
      c.former.push({ name: d.previousName, until: d.effectiveDate });
      c.names.push(d.newName);
      c.rev = r.rev;
      c.at = r.recorded_at;
    }
  }
  return [...byUscc.values()];
}

/** Applies one batch's changes with one insert and one update (the baseline's read-model write). */
async function writeChanges(q: RawQuery, changes: readonly Change[]): Promise<void> {
  const inserts = changes.filter((c) => c.insert);
  const updates = changes.filter((c) => !c.insert);
  if (inserts.length) {
    const p: unknown[] = [];
    const values = inserts.map((c) => {
      const d = c.registered!;
      const b = p.length;
      p.push(c.uscc, c.name, JSON.stringify(c.former), c.names.map((n) => n.toLowerCase()).join('\n'), d.jurisdiction, d.address, d.industry, d.registeredOn, c.rev, c.at);
      return `($${b + 1}, $${b + 2}, $${b + 3}::jsonb, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, 'registered', $${b + 8}::date, $${b + 9}::bigint, $${b + 10}::timestamptz)`;
    });
    await q.query(
      `insert into ${RAW_TABLE} (uscc, name, former_names, search_text, jurisdiction, address, industry, status, registered_on, stream_revision, updated_at)
       values ${values.join(', ')} on conflict (uscc) do nothing`,
      p,
    );
  }
  if (updates.length) {
    const p: unknown[] = [];
    const values = updates.map((c) => {
      const b = p.length;
      p.push(c.uscc, c.name, JSON.stringify(c.former), c.names.map((n) => `\n${n.toLowerCase()}`).join(''), c.firstRev, c.rev, c.at);
      return `($${b + 1}, $${b + 2}, $${b + 3}::jsonb, $${b + 4}, $${b + 5}::bigint, $${b + 6}::bigint, $${b + 7}::timestamptz)`;
    });
    await q.query(
      `update ${RAW_TABLE} as t set
         name = v.name, former_names = t.former_names || v.former, search_text = t.search_text || v.suffix,
         stream_revision = v.rev, updated_at = v.at
       from (values ${values.join(', ')}) as v(uscc, name, former, suffix, first_rev, rev, at)
       where t.uscc = v.uscc and t.stream_revision < v.first_rev`,
      p,
    );
  }
}

/** The same read through the log as readAll (below the oldest running transaction), fewer columns. */
async function rawCatchUp(q: RawQuery & { transaction<T>(fn: (q: RawQuery) => Promise<T>): Promise<T> }): Promise<number> {
  let after = { tx: '0', gp: '0' };
  let seen = 0;
  for (;;) {
    const rows = await q.query<LogRow>(
      `select global_position::text as gp, transaction_id::text as tx, revision::text as rev, type, data, recorded_at::text as recorded_at
       from es_events
       where (transaction_id, global_position) > ($1::text::xid8, $2::bigint)
         and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       order by transaction_id, global_position
       limit ${BATCH}`,
      [after.tx, after.gp],
    );
    if (!rows.length) return seen;
    const last = rows[rows.length - 1];
    const changes = foldBatch(rows);
    await q.transaction(async (t) => {
      const moved = await t.query<{ name: string }>(
        `update rm_checkpoints set position_commit = $2::numeric, position_prepare = $3::numeric, global_position = $3::bigint,
           events_seen = events_seen + $4, last_event_at = $5::timestamptz, updated_at = now()
         where name = $1 and position_commit = $6::numeric and position_prepare = $7::numeric returning name`,
        [RAW_CHECKPOINT, last.tx, last.gp, rows.length, last.recorded_at, after.tx, after.gp],
      );
      if (moved.length !== 1) throw new Error('baseline checkpoint moved');
      await writeChanges(t, changes);
    });
    seen += rows.length;
    after = { tx: last.tx, gp: last.gp };
  }
}

const tableDigest = async (q: RawQuery, table: string): Promise<{ rows: number; digest: string }> => {
  const [r] = await q.query<{ rows: string; digest: string }>(
    `select count(*)::text as rows, md5(coalesce(string_agg(concat_ws('|', uscc, name, former_names::text, search_text, jurisdiction, address, industry, status,
       registered_on::text, stream_revision::text, updated_at::text), E'\\n' order by uscc), '')) as digest from ${table}`,
  );
  return { rows: Number(r.rows), digest: r.digest };
};

export const projectionCatchUpScenario: Scenario = {
  id: 'projection',
  title: 'Projection catch-up (enterprises)',
  summary: 'ProjectionEngine.catchUp() with the enterprises projection over N enterprise events, vs raw SQL reading the same events and upserting the same rows in batches',
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const { raw, database } = ctx.bench;
    const n = EVENTS[ctx.scale];
    await resetLog(raw);
    const log = enterpriseLog(n);
    ctx.progress(`projection: seeding ${n} enterprise events`);
    await seedEvents(raw, log, (done) => {
      if (done % 20_000 === 0) ctx.progress(`projection: seeded ${done}/${n}`);
    });
    await raw.query('analyze es_events');
    const streams = new Set(log.map((e) => e.streamId)).size;
    const tables = liveTables(enterprisesProjection);
    const dropLibrary = async () => {
      for (const t of Object.values(tables)) await sql`drop table if exists ${sql.table(t)}`.execute(database.db);
      await raw.query(`delete from rm_checkpoints where name = $1`, [enterprisesProjection.name]);
    };
    const variant = await measurePair(ctx, 'projection', {
      label: `${n.toLocaleString('en-US')} events, ${streams.toLocaleString('en-US')} enterprises`,
      events: n,
      operations: 0,
      async reset(side) {
        if (side === 'library') {
          await dropLibrary();
        } else {
          await raw.query(`drop table if exists ${RAW_TABLE}`);
          await enterprisesProjection.createTables(database.db, { enterprises: RAW_TABLE });
          await raw.query(`delete from rm_checkpoints where name = $1`, [RAW_CHECKPOINT]);
          await raw.query(`insert into rm_checkpoints (name, kind, version) values ($1, 'projection', 1)`, [RAW_CHECKPOINT]);
        }
        await raw.query('checkpoint').catch(() => undefined);
      },
      async library() {
        const engine = new ProjectionEngine(ctx.store, database, [enterprisesProjection], [], { batchSize: BATCH });
        await engine.prepare();
        const t0 = performance.now();
        await engine.catchUp({ projectionsOnly: true });
        const ms = performance.now() - t0;
        await engine.stop();
        const [cp] = await raw.query<{ events_seen: string }>('select events_seen::text as events_seen from rm_checkpoints where name = $1', [enterprisesProjection.name]);
        if (Number(cp?.events_seen) !== n) throw new Error(`library: the checkpoint saw ${cp?.events_seen} events, not ${n}`);
        return { ms, events: n, latencies: [] };
      },
      async baseline() {
        const t0 = performance.now();
        const seen = await rawCatchUp(raw);
        const ms = performance.now() - t0;
        if (seen !== n) throw new Error(`baseline: read ${seen} events, not ${n}`);
        return { ms, events: n, latencies: [] };
      },
      async verify() {
        const lib = await tableDigest(raw, 'enterprises');
        const base = await tableDigest(raw, RAW_TABLE);
        if (lib.rows !== streams || lib.rows !== base.rows || lib.digest !== base.digest) {
          throw new Error(`the read models differ: library ${lib.rows} rows (${lib.digest}), baseline ${base.rows} rows (${base.digest}), ${streams} expected`);
        }
        ctx.progress(`projection: both read models hold the same ${lib.rows} rows (md5 ${lib.digest})`);
      },
    });
    await dropLibrary();
    await raw.query(`drop table if exists ${RAW_TABLE}`);
    return {
      id: this.id,
      title: this.title,
      library: `new ProjectionEngine(store, db, [enterprisesProjection], [], { batchSize: ${BATCH} }).catchUp() from position zero (tables created before timing)`,
      baseline: `plain SQL: keyset reads of ${BATCH} events below the oldest running transaction (as readAll, fewer columns), folded per enterprise in JS, one multi-row insert + one update from VALUES per batch, checkpoint compare-and-set in the same transaction`,
      operation: '',
      headline: 'throughput',
      variants: [variant],
      notes: [
        'Event mix: every enterprise is registered, enterprise i is then renamed i mod 4 times (2.5 events per enterprise); blocks of 100 enterprises interleave in the log.',
        'Both sides build the same table (created by enterprisesProjection.createTables); the suite checks that the two tables end identical (row count and md5 of every column).',
      ],
    };
  },
};
