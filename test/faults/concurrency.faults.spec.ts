import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { addDays, chinaToday, uscc } from '../support/http-expectations.js';
import { compareWithCleanRebuild, logEvents, median, percentile, prepareStorage, report, startFaultApp, type FaultApp, type Reply, type Storage } from './support/fault-app.js';

/**
 * 200 commands sent at once against one enterprise's streams (its enterprise stream and its declarations
 * stream), with a mix of current, stale and absent If-Match: every 2xx answer's events are in the log
 * exactly once, every 409 appended nothing, and the read models equal a clean rebuild of the log.
 * Runs on the embedded PGlite and on PostgreSQL.
 */

const COMMANDS = Number(process.env.FAULTS_CONCURRENT_COMMANDS ?? 200);
const DECLARATIONS = 10;

type Json = Record<string, unknown>;

const content = (number: string, model: string): Json => ({
  standard: { kind: 'enterprise', number, title: '空气净化器企业标准', mandatory: false, issuedOn: addDays(chinaToday(), -5) },
  products: [{ name: '空气净化器', model, category: 'air_purifier' }],
  indicators: [{ name: '洁净空气量', type: 'performance', value: '≥500', unit: 'm³/h', testMethod: 'GB/T 18801-2022 附录B' }],
  fullTextDisclosed: false,
  firstSaleOn: null,
  belowRecommended: { flagged: false, referenceStandard: null, explanation: null },
});

interface Sent {
  kind: 'rename-current' | 'rename-stale' | 'rename-blind' | 'declare' | 'confirm';
  correlationId: string;
  reply: Reply;
}

describe.each(['pglite', 'postgres'] as const)('%s: 200 concurrent commands on one enterprise', (backend) => {
  const U = uscc('440307', backend === 'pglite' ? 'MA5F00001' : 'MA5F00002');
  let storage: Storage;
  let t: FaultApp;
  let sent: Sent[] = [];
  const setupCorrelations = new Set<string>();

  beforeAll(async () => {
    storage = await prepareStorage(backend);
    t = await startFaultApp(storage);
  }, 120_000);

  afterAll(async () => {
    await t?.close().catch(() => undefined);
    await storage?.cleanup();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}, correlationId = randomUUID()) =>
    t.call('POST', path, { body, headers: { ...t.as('admin', '000000'), 'X-Correlation-Id': correlationId, 'Idempotency-Key': `c-${correlationId}`, ...headers }, timeoutMs: 120_000 });

  it('every 2xx answer is in the log exactly once, every 409 appended nothing, and the read models equal a clean rebuild', async () => {
    // Given an enterprise renamed once (revision 1) with ten declarations
    const setup = async (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> => {
      const c = randomUUID();
      setupCorrelations.add(c);
      const r = await post(path, body, headers, c);
      expect([path, r.status]).toEqual([path, expect.any(Number)]);
      if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
      return r;
    };
    await setup('/enterprises', { uscc: U, name: '并发测试电器有限公司', jurisdiction: '440307', address: '广东省深圳市南山区科技园', industry: '家用电器制造业' });
    await setup(`/enterprises/${U}/rename`, { newName: '并发测试电器股份有限公司', effectiveDate: chinaToday() }, { 'If-Match': '"0"' });
    const declarations: { id: string; version: number }[] = [];
    for (let i = 0; i < DECLARATIONS; i += 1) {
      const r = await setup('/declarations', { uscc: U, content: content(`Q/BF ${String(i + 1).padStart(4, '0')}-2026`, `BF-${i}`) });
      declarations.push({ id: r.body!.declarationId as string, version: r.body!.version as number });
    }
    await t.settled();

    // When 200 commands are sent at once
    const started = performance.now();
    sent = await Promise.all(
      Array.from({ length: COMMANDS }, async (_, i): Promise<Sent> => {
        const correlationId = randomUUID();
        const rename = (headers: Record<string, string>) => post(`/enterprises/${U}/rename`, { newName: `并发测试电器${i}号有限公司`, effectiveDate: chinaToday() }, headers, correlationId);
        switch (i % 5) {
          case 0:
            return { kind: 'rename-current', correlationId, reply: await rename({ 'If-Match': '"1"' }) };
          case 1:
            return { kind: 'rename-stale', correlationId, reply: await rename({ 'If-Match': '"0"' }) };
          case 2:
            return { kind: 'rename-blind', correlationId, reply: await rename({}) };
          case 3:
            return { kind: 'declare', correlationId, reply: await post('/declarations', { uscc: U, content: content(`Q/BF ${String(1000 + i)}-2026`, `BF-N${i}`) }, {}, correlationId) };
          default: {
            const d = declarations[i % DECLARATIONS];
            return { kind: 'confirm', correlationId, reply: await post(`/declarations/${d.id}/review`, { outcome: 'confirm' }, { 'If-Match': `"${d.version}"` }, correlationId) };
          }
        }
      }),
    );
    const elapsedMs = performance.now() - started;

    // Then each command was accepted or refused as a conflict, nothing else
    const statuses = sent.map((s) => `${s.kind} ${s.reply.status}${s.reply.status >= 300 && s.reply.status !== 409 ? ` ${JSON.stringify(s.reply.body)}` : ''}`);
    expect(statuses.filter((s) => !/ (200|201|409)$/.test(s))).toEqual([]);
    const ok = sent.filter((s) => s.reply.status < 300);
    const conflicts = sent.filter((s) => s.reply.status === 409);
    expect(ok.length).toBeGreaterThan(0);
    expect(conflicts.length).toBeGreaterThan(0);
    // a stale If-Match never wins; of the renames on the current revision at most one does
    expect(sent.filter((s) => s.kind === 'rename-stale').map((s) => s.reply.status)).toEqual(sent.filter((s) => s.kind === 'rename-stale').map(() => 409));
    expect(ok.filter((s) => s.kind === 'rename-current').length).toBeLessThanOrEqual(1);

    // and every 2xx answer's events are in the log exactly once, under that request only
    const log = await logEvents(t.engine);
    const byId = new Map<string, number>();
    for (const e of log) byId.set(e.id, (byId.get(e.id) ?? 0) + 1);
    const direct = new Map<string, string[]>();
    for (const e of log.filter((x) => x.causationId === null)) direct.set(e.correlationId, [...(direct.get(e.correlationId) ?? []), e.id]);
    for (const s of ok) {
      const ids = (s.reply.body!.events as { id: string }[]).map((e) => e.id);
      expect([s.kind, ids.length]).toEqual([s.kind, 1]);
      expect(ids.map((id) => byId.get(id) ?? 0)).toEqual(ids.map(() => 1));
      expect(direct.get(s.correlationId) ?? []).toEqual(ids);
    }
    // and a 409 appended nothing, neither directly nor through a policy
    const correlations = new Set(log.map((e) => e.correlationId));
    expect(conflicts.filter((s) => correlations.has(s.correlationId)).map((s) => s.kind)).toEqual([]);
    // and the log holds nothing else than the setup, the accepted commands and the policies' reactions to them
    const accepted = new Set([...setupCorrelations, ...ok.map((s) => s.correlationId)]);
    expect(log.filter((e) => !accepted.has(e.correlationId)).map((e) => e.type)).toEqual([]);
    // and each stream's revisions have no gap
    const streams = await sql<{ stream_id: string; version: string; n: string; max: string }>`
      select s.stream_id, s.version::text, count(e.*)::text as n, max(e.revision)::text as max
      from es_streams s join es_events e using (stream_id) group by s.stream_id, s.version`.execute(t.engine.database.db);
    for (const r of streams.rows) expect([r.stream_id, Number(r.version) + 1, Number(r.max) + 1]).toEqual([r.stream_id, Number(r.n), Number(r.n)]);

    // and once settled, the read models agree with the log
    await t.settled();
    const enterprise = await t.call('GET', `/enterprises/${U}`);
    const lastRename = [...log].reverse().find((e) => e.type === 'EnterpriseRenamed' || e.type === 'EnterpriseRegistered')!;
    const enterpriseStream = streams.rows.find((r) => r.stream_id === `enterprise-${U}`)!;
    expect(enterprise.headers.get('etag')).toBe(`"${enterpriseStream.version}"`);
    expect(lastRename.streamId).toBe(`enterprise-${U}`);

    await t.close();
    const { live, rebuilt, events } = await compareWithCleanRebuild(storage);
    expect(live).toEqual(rebuilt);

    const latencies = sent.map((s) => s.reply.ms);
    report(`concurrency (${backend})`, {
      commands: COMMANDS,
      accepted: ok.length,
      conflicts: conflicts.length,
      events: events,
      burstSeconds: (elapsedMs / 1000).toFixed(2),
      medianMs: median(latencies).toFixed(0),
      p95Ms: percentile(latencies, 95).toFixed(0),
      readModelTables: Object.keys(live).length,
    });
  });
});
