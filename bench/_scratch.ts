import { readFileSync } from 'node:fs';
import { PostgresEventStore } from '@regledger/event-store';
import { openPostgresBench, resetLog } from './backends.js';
import { planWriters, STREAMS_PER_WRITER, eventRowParams, EVENT_INSERT_COLUMNS } from './scenarios/append-single.js';
import { runWorkers } from './harness.js';

const stat = () => { const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number); const idle = f[3] + f[4]; const total = f.reduce((a, b) => a + b, 0); return { idle, total, user: f[0], sys: f[2] }; };

export async function main(): Promise<number> {
  const bench = await openPostgresBench('postgres://postgres@127.0.0.1:5432/postgres', () => undefined);
  const store = new PostgresEventStore(bench.database);
  const raw = bench.raw;
  const writers = Number(process.env.W ?? 16), perWriter = Number(process.env.N ?? 100);
  const plans = planWriters(writers, perWriter, 2);
  const sides: Record<string, (w: number, s: number, n: number, rev: bigint | null) => Promise<bigint>> = {
    library: async (w, s, n, rev) => (await store.appendToStream(plans[w].streams[s], [plans[w].histories[s][n]], { expectedRevision: rev === null ? 'no_stream' : rev })).nextExpectedRevision,
    raw: async (w, s, n) => raw.transaction(async (q) => {
      const [head] = await q.query<{ version: string }>(`insert into es_streams (stream_id, version) values ($1, 0) on conflict (stream_id) do update set version = es_streams.version + 1 returning version::text as version`, [plans[w].streams[s]]);
      const params: unknown[] = [];
      const row = eventRowParams(params, plans[w].streams[s], BigInt(head.version), plans[w].histories[s][n], new Date().toISOString(), plans[w].hashes[s]);
      await q.query(`insert into es_events ${EVENT_INSERT_COLUMNS} values ${row}`, params);
      return BigInt(head.version);
    }),
  };
  for (let round = 0; round < 2; round++) for (const [name, fn] of Object.entries(sides)) {
    await resetLog(raw);
    const c0 = process.cpuUsage(); const s0 = stat();
    const t0 = performance.now();
    await runWorkers(writers, async (w) => {
      const revs: (bigint | null)[] = [null, null, null, null];
      for (let i = 0; i < perWriter; i++) { const s = i % STREAMS_PER_WRITER; revs[s] = await fn(w, s, Math.floor(i / 4), revs[s]); }
    });
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0); const s1 = stat();
    const busy = 1 - (s1.idle - s0.idle) / (s1.total - s0.total);
    const n = writers * perWriter;
    console.log(name.padEnd(8), Math.round(n / ms * 1000), 'ev/s', 'node user/sys µs per ev', Math.round(c.user / n), Math.round(c.system / n), 'machine busy', (busy * 100).toFixed(0) + '%', 'machine cpu ms per ev', ((s1.total - s0.total - (s1.idle - s0.idle)) * 10 / n).toFixed(2));
  }
  await bench.close();
  return 0;
}
