import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { AnyDb, Database } from '@regledger/database';
import { createTestDatabase, prepareEngineStorage } from '@regledger/database/testing';
import { loadEngineConfig, openEngine, type EngineConfig } from '@regledger/engine';
import {
  PostgresEventStore,
  eventStoreMigrations,
  eventsRoot,
  integrityMigrations,
  seal,
  verifyLog,
  type EventStore,
  type RecordedEvent,
} from '@regledger/event-store';
import { canonicalJson } from '@regledger/shared';
import { CONTEXTS } from '../apps/api/src/contexts.js';
import { NO_FILTERS, type BundleManifest } from '../apps/cli/src/audit-bundle/bundle-format.js';
import { exportBundle, partialDirOf } from '../apps/cli/src/audit-bundle/export-bundle.js';
import { importBundle } from '../apps/cli/src/audit-bundle/import-bundle.js';
import { verifyBundle } from '../apps/cli/src/audit-bundle/verify-bundle.js';
import { makeExportCommand } from '../apps/cli/src/commands/export.command.js';
import { makeImportCommand } from '../apps/cli/src/commands/import.command.js';
import { verifyDraws } from '../apps/cli/src/commands/verify.command.js';
import { clockFrom, startTestApp, type TestApp } from './support/test-app.js';
import { addDays, chinaDate, uscc } from './support/http-expectations.js';

/**
 * An engine driven over HTTP (enterprises, declarations, a report escalated into an inspection and a
 * case, inspections, the matter and credit entries they cause), exported to a bundle, and imported into
 * an empty second database (a second PGlite data directory, or a fresh PostgreSQL database when
 * DATABASE_URL is set): the log is the same event for event, `verify` passes, and every read model
 * rebuilt from it equals the source's, table by table.
 */

const clock = clockFrom('2026-11-16T02:00:00Z');
const today = (): string => chinaDate(clock());

type Json = Record<string, unknown>;
const FIRST = uscc('440106', 'MA5AB0001');
const SECOND = uscc('440106', 'MA5AB0002');
const PRODUCT = { name: '电热水壶', model: 'KT-1701' };

const content = (number: string): Json => ({
  standard: { kind: 'enterprise', number, title: '电热水壶企业标准', mandatory: false, issuedOn: addDays(today(), -5) },
  products: [{ ...PRODUCT, category: 'kitchen_appliance' }],
  indicators: [{ name: '额定功率', type: 'performance', value: '≤1800', unit: 'W', testMethod: 'GB 4706.1-2005' }],
  fullTextDisclosed: false,
  firstSaleOn: null,
  belowRecommended: { flagged: false, referenceStandard: null, explanation: null },
});

/** A checksum per table: sha256 of its rows as canonical JSON, ordered by the primary key. */
async function tableChecksums(db: AnyDb, tables: readonly string[]): Promise<Record<string, { rows: number; sha256: string }>> {
  const out: Record<string, { rows: number; sha256: string }> = {};
  for (const table of [...tables].sort()) {
    const pk = await sql<{ column: string }>`
      select a.attname as column from pg_index i
      join lateral unnest(i.indkey) with ordinality as k(attnum, n) on true
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
      where i.indrelid = ${table}::regclass and i.indisprimary order by k.n`.execute(db);
    const rows = (await sql<Json>`select * from ${sql.table(table)} ${pk.rows.length ? sql`order by ${sql.join(pk.rows.map((r) => sql.ref(r.column)))}` : sql``}`.execute(db)).rows.map((r) => canonicalJson(r));
    // Without a primary key, the rows' canonical text is the order.
    if (!pk.rows.length) rows.sort();
    out[table] = { rows: rows.length, sha256: createHash('sha256').update(rows.join('\n')).digest('hex') };
  }
  return out;
}

const readWholeLog = async (store: EventStore): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  for (let page = await store.readAll({ raw: true }); page.length; page = await store.readAll({ after: page[page.length - 1].position, raw: true })) all.push(...page);
  return all;
};

/** What an import must keep of every event (positions are the target's own). */
const kept = (e: RecordedEvent) => ({
  id: e.id,
  streamId: e.streamId,
  revision: e.revision,
  type: e.type,
  schemaVersion: e.storedSchemaVersion,
  data: e.data,
  metadata: e.metadata,
  recordedAt: e.recordedAt.toISOString(),
  businessTime: e.businessTime?.toISOString() ?? null,
  prevHash: e.prevHash,
  hash: e.hash,
});

/** Runs a CLI command in this process and returns its exit code and what it printed on stdout. */
const runCommand = async (command: ReturnType<typeof makeImportCommand>, values: Json, positionals: string[] = []): Promise<{ code: number; stdout: string }> => {
  let stdout = '';
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  const errors = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await command.run({ values: values as Record<string, string | boolean | string[] | undefined>, positionals });
    return { code, stdout };
  } finally {
    write.mockRestore();
    errors.mockRestore();
  }
};

describe('audit bundle: export, verify, import into an empty store', () => {
  let t: TestApp;
  const work = mkdtempSync(join(tmpdir(), 'regledger-bundle-e2e-'));
  const bundle = join(work, 'bundle');
  let manifest: BundleManifest;
  let sourceLog: RecordedEvent[] = [];
  let sourceChecksums: Record<string, { rows: number; sha256: string }> = {};
  let readModelTables: string[] = [];
  let target: { databaseUrl: string | null; dataDir: string; cleanup(): Promise<void> };
  let targetConfig: EngineConfig;
  const openTarget = () => openEngine(targetConfig, CONTEXTS);
  /** An empty log for the refusals (created once; the last refusal leaves one event in it). */
  let scratch: Database | null = null;
  const scratchStore = async (): Promise<{ store: PostgresEventStore; db: AnyDb }> => {
    scratch ??= await createTestDatabase([...eventStoreMigrations, ...integrityMigrations]);
    return { store: new PostgresEventStore(scratch), db: scratch.db };
  };

  const ok = (res: { status: number; body: unknown }, status = 200): Json => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as Json;
  };

  beforeAll(async () => {
    t = await startTestApp({ SCHEDULE_INTERVAL_MS: '0' }, { clock });
    const admin = t.as('admin', '000000');
    const supervisor = t.as('supervisor', '440100');
    const inspector = (id: string) => t.as('inspector', '440100', { sub: id });
    const handler = t.as('complaint_handler', '440100');
    for (const [code, name] of [
      [FIRST, '广州某电器有限公司'],
      [SECOND, '广州另一电器有限公司'],
    ] as const) {
      ok(await t.http.post('/enterprises').set(admin).send({ uscc: code, name, jurisdiction: '440106', address: '广州市海珠区', industry: '家用电器制造业' }), 201);
      ok(await t.http.post('/declarations').set(t.as('enterprise', '440106', { uscc: code, sub: `user-${code}` })).send({ uscc: code, content: content(`Q/AB${code.slice(-4)} 001-2026`) }), 201);
    }
    for (const id of ['GZ-01', 'GZ-02']) ok(await t.http.post('/inspectors').set(supervisor).send({ inspectorId: id, name: id, jurisdiction: '440100', qualifications: [] }), 201);
    // A report: accepted, escalated (a targeted inspection follows) and decided for a case (a lead, a case and a matter follow).
    const report = ok(
      await t.http.post('/complaints').set(handler).send({
        kind: 'report',
        channel: '12315_hotline',
        uscc: FIRST,
        product: PRODUCT,
        facts: '额定功率与声明的企业标准不符',
        complainant: { name: '张三', idNumber: '440305199001011234', phone: '13812345678', email: 'zhang.san@example.com', realName: true },
        receivedOn: '2026-09-21',
        jurisdiction: '440106',
      }),
      201,
    );
    const complaintId = report.complaintId as string;
    ok(await t.http.post(`/complaints/${complaintId}/accept`).set(handler).send({ on: '2026-09-21' }));
    ok(await t.http.post(`/complaints/${complaintId}/escalate`).set(handler).send({ reason: '涉嫌不符合声明标准', on: '2026-10-12' }));
    ok(await t.http.post(`/complaints/${complaintId}/case-decision`).set(handler).send({ openCase: true, reason: '涉嫌虚假声明', on: '2026-10-13' }));
    await t.settled();
    // Inspections: the second enterprise passes (a credit entry), the first fails (a matter, credit entries).
    for (const [code, passes] of [
      [SECOND, true],
      [FIRST, false],
    ] as const) {
      const opened = ok(await t.http.post('/inspections/targeted').set(supervisor).send({ uscc: code, source: 'report', product: PRODUCT, description: '举报：额定功率超标' }), 201);
      const id = opened.inspectionId as string;
      ok(await t.http.post(`/inspections/${id}/assign`).set(supervisor).send({ inspectorIds: ['GZ-01', 'GZ-02'] }));
      ok(await t.http.post(`/inspections/${id}/start`).set(inspector('GZ-01')).send({}));
      ok(
        await t.http
          .post(`/inspections/${id}/findings`)
          .set(inspector('GZ-01'))
          .send({ findings: [{ indicator: '额定功率', declaredValue: '≤1800', measuredValue: passes ? '1750' : '1950', unit: 'W', testMethod: 'GB 4706.1-2005', conforming: passes }] }),
      );
      ok(await t.http.post(`/inspections/${id}/complete`).set(inspector('GZ-02')).send({ outcome: passes ? 'conforming' : 'non_conforming', productionDate: today() }));
      await t.settled();
    }
    // A double-random draw: its pool is cut at an event of this log, which the target numbers anew.
    const secret = 'a9e1c3d5b7f24e6081b2c3d4e5f6a7b8-bundle';
    const plan = ok(
      await t.http.post('/inspection-plans').set(supervisor).send({
        jurisdiction: '440100',
        name: '导出前的抽查计划',
        scope: { standardKinds: ['enterprise'] },
        policy: { ratios: { A: 1, B: 1, C: 1, D: 1 } },
        period: { from: today(), to: addDays(today(), 30) },
        commitment: createHash('sha256').update(secret, 'utf8').digest('hex'),
      }),
      201,
    );
    ok(await t.http.post(`/inspection-plans/${plan.planId as string}/draw`).set(supervisor).send({ secret }), 201);
    await t.settled();
    await seal(t.engine.store, t.engine.database.db, { blockSize: 40 });
    sourceLog = await readWholeLog(t.engine.store);
    readModelTables = t.engine.projections.flatMap((p) => [...p.tables]);
    sourceChecksums = await tableChecksums(t.engine.database.db, readModelTables);
    target = await prepareEngineStorage();
    targetConfig = loadEngineConfig({ DATA_DIR: target.dataDir, ...(target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : {}), LOG_LEVEL: 'silent' });
  });

  afterAll(async () => {
    await t?.close();
    await scratch?.close();
    await target?.cleanup();
    rmSync(work, { recursive: true, force: true });
  });

  it('the source recorded every context: enterprises, declarations, a complaint, inspections, enforcement and credit', () => {
    const prefixes = new Set(sourceLog.map((e) => e.streamId.replace(/-.*$/, '')));
    for (const p of ['enterprise', 'declarations', 'complaint', 'inspection', 'case', 'matters', 'credit']) expect(prefixes).toContain(p);
    expect(Object.values(sourceChecksums).reduce((n, c) => n + c.rows, 0)).toBeGreaterThan(20);
  });

  it('export writes every event with its full envelope and a manifest whose hashes cover them', async () => {
    const r = await exportBundle(t.engine.store, { out: bundle, filters: NO_FILTERS, integrityDb: t.engine.database.db, personalDataKeys: t.engine.personalData.keys });
    manifest = r.manifest;
    const lines = readFileSync(join(bundle, 'events.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(sourceLog.length);
    const first = JSON.parse(lines[0]) as Json;
    expect(Object.keys(first)).toEqual(['id', 'streamId', 'revision', 'type', 'schemaVersion', 'data', 'metadata', 'recordedAt', 'businessTime', 'prevHash', 'hash', 'globalPosition', 'position']);
    expect(first).toMatchObject({ id: sourceLog[0].id, hash: sourceLog[0].hash, globalPosition: sourceLog[0].globalPosition.toString() });
    expect(manifest).toMatchObject({
      format: 'regledger-audit-bundle',
      formatVersion: 1,
      engineVersion: '0.1.0',
      source: { logIdentity: await t.engine.store.logIdentity(), backend: t.engine.store.backend },
      filters: NO_FILTERS,
      count: sourceLog.length,
      first: { id: sourceLog[0].id },
      last: { id: sourceLog[sourceLog.length - 1].id },
      eventsFile: { name: 'events.jsonl', sha256: createHash('sha256').update(readFileSync(join(bundle, 'events.jsonl'))).digest('hex') },
      chainHash: eventsRoot(sourceLog.map((e) => e.hash)),
      streams: { partialCount: 0 },
      importable: true,
      personalDataKeys: { name: 'personal-data-keys.json', sha256: createHash('sha256').update(readFileSync(join(bundle, 'personal-data-keys.json'))).digest('hex'), count: 1 },
    });
    expect(manifest.source.lastSealedBlock).not.toBeNull();
    // The reporter's identity is in the bundle only sealed; its key travels apart, outside the chain hash.
    const events = readFileSync(join(bundle, 'events.jsonl'), 'utf8');
    for (const clear of ['440305199001011234', '13812345678', 'zhang.san@example.com']) expect(events).not.toContain(clear);
    const keys = JSON.parse(readFileSync(join(bundle, 'personal-data-keys.json'), 'utf8')) as { keys: { keyId: string }[] };
    const sealedKey = (sourceLog.find((e) => e.type === 'ComplaintReceived')!.data as { complainant: { personalData: { keyId: string } } }).complainant.personalData.keyId;
    expect(keys.keys.map((k) => k.keyId)).toEqual([sealedKey]);
    expect(existsSync(partialDirOf(bundle))).toBe(false);
  });

  it('a bundle whose keys file was changed fails verification, naming the keys file', async () => {
    const altered = join(work, 'altered-keys');
    cpSync(bundle, altered, { recursive: true });
    const file = join(altered, 'personal-data-keys.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"key": "[^"]*"/, `"key": "${Buffer.alloc(32, 7).toString('base64')}"`));
    const report = await verifyBundle(altered);
    expect(report.ok).toBe(false);
    expect(report.firstFailure).toMatchObject({ kind: 'keys', reason: 'sha256_mismatch' });
  });

  it('an interrupted export leaves no bundle; an existing bundle is not overwritten without --force', async () => {
    const out = join(work, 'interrupted');
    const abort = new AbortController();
    abort.abort();
    await expect(exportBundle(t.engine.store, { out, filters: NO_FILTERS, signal: abort.signal })).rejects.toMatchObject({ code: 'BUNDLE.INTERRUPTED' });
    expect([existsSync(out), existsSync(partialDirOf(out))]).toEqual([false, false]);
    await expect(exportBundle(t.engine.store, { out: bundle, filters: NO_FILTERS })).rejects.toMatchObject({ code: 'BUNDLE.EXISTS' });
  });

  it('a bundle with one byte of data changed is refused, naming the event', async () => {
    const tampered = join(work, 'tampered');
    cpSync(bundle, tampered, { recursive: true });
    const file = join(tampered, 'events.jsonl');
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const k = lines.findIndex((l) => l.includes('"type":"EnterpriseRegistered"'));
    const at = lines[k].indexOf(FIRST.slice(0, 8), lines[k].indexOf('"data":'));
    const changed = `${lines[k].slice(0, at + 3)}${lines[k][at + 3] === '5' ? '6' : '5'}${lines[k].slice(at + 4)}`;
    expect(Buffer.byteLength(changed)).toBe(Buffer.byteLength(lines[k]));
    lines[k] = changed;
    writeFileSync(file, lines.join('\n'));
    const eventId = sourceLog[k].id;

    const check = await runCommand(makeImportCommand(() => Promise.reject(new Error('--check opens no database'))), { check: true }, [tampered]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`BROKEN bundle ${tampered}: event ${eventId}`);
    expect(check.stdout).toContain('hash_mismatch');

    const { store, db } = await scratchStore();
    await expect(importBundle(store, tampered)).rejects.toMatchObject({
      code: 'BUNDLE.VERIFICATION_FAILED',
      message: expect.stringContaining(`event ${eventId}`),
    });
    expect((await sql<{ n: string }>`select count(*)::text as n from es_events`.execute(db)).rows[0].n).toBe('0');
  });

  it('a filtered bundle that starts a stream mid-way verifies but is refused for import', async () => {
    const complaint = sourceLog.filter((e) => e.streamId.startsWith('complaint-'));
    const from = complaint[complaint.length - 1].recordedAt.toISOString();
    const r = await exportBundle(t.engine.store, { out: join(work, 'from'), filters: { ...NO_FILTERS, from } });
    expect(r.manifest.importable).toBe(false);
    expect(r.manifest.streams.partial.map((s) => s.streamId)).toContain(complaint[0].streamId);
    const check = await runCommand(makeImportCommand(() => Promise.reject(new Error('--check opens no database'))), { check: true }, [r.dir]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('importable  no');
    const { store } = await scratchStore();
    await expect(importBundle(store, r.dir)).rejects.toMatchObject({
      code: 'BUNDLE.NOT_IMPORTABLE',
      message: expect.stringContaining('a filtered export that starts a stream mid-way'),
    });
    expect(await store.headPosition({ committed: true })).toBeNull();
  });

  it('import into a store that holds other events is refused, and writes nothing', async () => {
    const { store } = await scratchStore();
    await store.appendToStream(
      'enterprise-elsewhere',
      [{ type: 'EnterpriseRegistered', data: {}, metadata: { actorId: 'a', actorRole: 'admin', jurisdiction: '000000', correlationId: 'c', causationId: null, idempotencyKey: null, reason: null } }],
      { expectedRevision: 'no_stream' },
    );
    await expect(importBundle(store, bundle)).rejects.toMatchObject({ code: 'IMPORT.TARGET_NOT_EMPTY', message: expect.stringContaining('enterprise-elsewhere') });
    expect((await readWholeLog(store)).map((e) => e.streamId)).toEqual(['enterprise-elsewhere']);
  });

  it('an import stopped after its first batch resumes when run again, to the whole log', async () => {
    const engine = await openTarget();
    try {
      const first = await importBundle(engine.store, bundle, { batchSize: 25, stopAfterBatches: 1, personalDataKeys: engine.personalData.keys });
      expect({ interrupted: first.interrupted, imported: first.imported, batches: first.batches }).toEqual({ interrupted: true, imported: 25, batches: 1 });
    } finally {
      await engine.close();
    }
    const resumed = await runCommand(makeImportCommand(openTarget), { json: true, 'batch-size': '25' }, [bundle]);
    expect(resumed.code).toBe(0);
    const report = JSON.parse(resumed.stdout) as Json & { seal: { eventsSealed: number; blocksSealed: number } };
    expect(report).toMatchObject({ alreadyPresent: 25, imported: sourceLog.length - 25, interrupted: false, policiesMoved: [], keys: { imported: 0, skipped: 1 } });
    expect(report.seal.eventsSealed).toBe(sourceLog.length);
  });

  it('the target holds the same events (ids, revisions, times, metadata, hashes, order), verify passes, and every read model rebuilt equals the source\'s', async () => {
    const engine = await openTarget();
    try {
      const targetLog = await readWholeLog(engine.store);
      expect(targetLog.map(kept)).toEqual(sourceLog.map(kept));
      const verified = await verifyLog(engine.store, engine.database.db);
      expect({ ok: verified.ok, events: verified.eventsChecked, unsealed: verified.unsealedEvents, failure: verified.firstFailure }).toEqual({
        ok: true,
        events: sourceLog.length,
        unsealed: 0,
        failure: null,
      });
      expect(verified.blocksChecked).toBeGreaterThan(0);
      // The draw verifies on the target: found by the id of its pool's last event, not by a position of the source.
      expect(await verifyDraws(engine.store)).toEqual({ checked: 1, broken: [] });
      const projections = engine.projectionEngine();
      await projections.prepare();
      for (const name of projections.projectionNames()) await projections.rebuild(name);
      expect(await tableChecksums(engine.database.db, readModelTables)).toEqual(sourceChecksums);
      // The keys moved with the log: the reporter's identity opens on the target as on the source.
      const intake = targetLog.find((e) => e.type === 'ComplaintReceived')!;
      const [opened] = await engine.personalData.reveal([intake.data]);
      expect((opened as { complainant: unknown }).complainant).toEqual({
        realName: true,
        personalData: { name: '张三', idNumber: '440305199001011234', phone: '13812345678', email: 'zhang.san@example.com' },
      });
    } finally {
      await engine.close();
    }
  });

  it('exported again from the target, the bundle has the same events and chain hash', async () => {
    const again = await runCommand(makeExportCommand(openTarget), { json: true, out: join(work, 'again') });
    expect(again.code).toBe(0);
    const { manifest: m } = JSON.parse(again.stdout) as { manifest: BundleManifest };
    expect({ count: m.count, chainHash: m.chainHash, importable: m.importable }).toEqual({ count: manifest.count, chainHash: manifest.chainHash, importable: true });
  });
});
