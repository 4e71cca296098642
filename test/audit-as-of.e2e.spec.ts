import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from './support/test-app.js';
import { cli } from './support/cli-run.js';
import { addDays, chinaToday, uscc } from './support/http-expectations.js';

/**
 * `regledger as-of` rebuilds the public registry as it stood at a past time: it must show what
 * GET /declarations returned at that time, and `regledger diff` exactly what changed since.
 */

type Json = Record<string, unknown>;



const content = (number: string, model: string, title = '空气净化器企业标准'): Json => ({
  standard: { kind: 'enterprise', number, title, mandatory: false, issuedOn: addDays(chinaToday(), -5) },
  products: [{ name: '空气净化器', model, category: 'air_purifier' }],
  indicators: [{ name: '洁净空气量', type: 'performance', value: '≥500', unit: 'm³/h', testMethod: 'GB/T 18801-2022 附录B' }],
  fullTextDisclosed: false,
  firstSaleOn: null,
  belowRecommended: { flagged: false, referenceStandard: null, explanation: null },
});

/** What the registry shows of a declaration, as the API names it and as the read model's row does. */
const fromApi = (i: Json) => ({ id: i.declarationId, uscc: i.uscc, status: i.status, version: i.version, number: (i.standard as Json).number, enterprise: i.enterpriseName });
const fromRow = (r: Json) => ({ id: r.declaration_id, uscc: r.uscc, status: r.status, version: r.version, number: r.standard_number, enterprise: r.enterprise_name });
const byId = <T extends { id: unknown }>(xs: T[]): T[] => [...xs].sort((a, b) => String(a.id).localeCompare(String(b.id)));

describe('regledger as-of and diff of the public registry', () => {
  let t: TestApp;
  let env: Record<string, string | undefined>;
  let onPglite = false;
  let closed = false;
  const A = uscc('440307', 'MA5H00001');
  const B = uscc('440307', 'MA5H00002');
  const ids: Record<'kept' | 'revised' | 'abolished' | 'added', string> = { kept: '', revised: '', abolished: '', added: '' };
  let t1 = '';
  let atT1: Json[] = [];
  let atEnd: Json[] = [];

  const asEnterprise = (code: string) => t.as('enterprise', '440307', { uscc: code, sub: `enterprise-${code}` });
  const registry = async (): Promise<Json[]> => {
    const res = await t.http.get('/declarations').query({ limit: 100 });
    expect(res.status).toBe(200);
    return res.body.items as Json[];
  };
  const declared = async (code: string, body: Json): Promise<string> => {
    const res = await t.http.post('/declarations').set(asEnterprise(code)).send({ uscc: code, content: body });
    expect(res.status).toBe(201);
    return res.body.declarationId as string;
  };

  beforeAll(async () => {
    t = await startTestApp();
    onPglite = !t.engine.config.databaseUrl;
    env = { DATABASE_URL: t.engine.config.databaseUrl ?? undefined, DATA_DIR: t.engine.config.dataDir, LOG_LEVEL: 'silent' };
    for (const [code, name] of [[A, '时点甲电器有限公司'], [B, '时点乙电器有限公司']]) {
      const reg = await t.http.post('/enterprises').set(t.as('admin', '000000')).send({ uscc: code, name, jurisdiction: '440307', address: '深圳市南山区', industry: '家用电器制造业' });
      expect(reg.status).toBe(201);
    }
    ids.kept = await declared(A, content('Q/SDJ 001-2025', 'SD-1'));
    ids.revised = await declared(A, content('Q/SDJ 002-2025', 'SD-2'));
    ids.abolished = await declared(B, content('Q/SDY 001-2025', 'SY-1'));
    await t.settled();
    // T1: just after the last event recorded so far.
    const head = await t.engine.store.headPosition({ committed: true });
    t1 = new Date(head!.recordedAt.getTime() + 1).toISOString();
    atT1 = await registry();
    expect(atT1.map((i) => i.declarationId).sort()).toEqual([ids.kept, ids.revised, ids.abolished].sort());

    const revised = await t.http.post(`/declarations/${ids.revised}/revisions`).set(asEnterprise(A)).send({ content: content('Q/SDJ 002-2025', 'SD-2A', '空气净化器企业标准（修订）'), effectiveFrom: chinaToday() });
    expect(revised.status).toBe(201);
    const abolished = await t.http.post(`/declarations/${ids.abolished}/abolish`).set(asEnterprise(B)).send({ effectiveDate: chinaToday(), reason: '停产' });
    expect(abolished.status).toBe(200);
    ids.added = await declared(B, content('Q/SDY 002-2025', 'SY-2'));
    await t.settled();
    atEnd = await registry();
    // Every change came after T1 on the log's clock: otherwise the test would not test anything.
    const later = await t.engine.store.readStream(`declarations-${B}`);
    expect(later.slice(-2).every((e) => e.recordedAt.getTime() > Date.parse(t1))).toBe(true);

    // A scratch schema left by a run that crashed.
    await sql`create schema asof_0000deadbeef`.execute(t.engine.database.db);
    await sql`create table asof_0000deadbeef.declarations (declaration_id text primary key)`.execute(t.engine.database.db);
    if (onPglite) {
      // The embedded database is opened by one process at a time: the API lets it go before the CLI opens it.
      await t.app.close();
      closed = true;
    }
  });

  afterAll(async () => {
    if (closed) rmSync(t.engine.config.dataDir, { recursive: true, force: true });
    else await t?.close();
  });

  it('as-of at T1 shows the registry the API returned at T1, and removes the scratch schema a crash left', async () => {
    const r = await cli(env, ['as-of', 'declarations', '--at', t1, '--table', 'declarations', '--json']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: expect.stringContaining('removed scratch schemas left by an interrupted run: asof_0000deadbeef') });
    const body = JSON.parse(r.stdout) as { at: string; tables: Record<string, Json[]> };
    expect(body.at).toBe(t1);
    expect(Object.keys(body.tables)).toEqual(['declarations']);
    expect(byId(body.tables.declarations.map(fromRow))).toEqual(byId(atT1.map(fromApi)));
    // Not the registry of today: the revision, the abolition and the new declaration are not in it.
    expect(byId(body.tables.declarations.map(fromRow))).not.toEqual(byId(atEnd.map(fromApi)));
  });

  it('as-of now equals the registry the API returns now; --out writes the same rows as JSON Lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regledger-asof-'));
    try {
      const file = join(dir, 'registry.jsonl');
      const r = await cli(env, ['as-of', 'declarations', '--at', 'now', '--table', 'declarations', '--out', file]);
      expect(r.code).toBe(0);
      expect(r.stderr).not.toContain('removed scratch schemas');
      expect(r.stdout).toContain(`wrote 4 rows (declarations 4) to ${file}`);
      const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { table: string; row: Json });
      expect(lines.every((l) => l.table === 'declarations')).toBe(true);
      expect(byId(lines.map((l) => fromRow(l.row)))).toEqual(byId(atEnd.map(fromApi)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('filters rows by column without SQL: --filter status=abolished', async () => {
    const r = await cli(env, ['as-of', 'declarations', '--at', 'now', '--filter', 'status=abolished', '--json']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout) as { tables: Record<string, Json[]> };
    expect(Object.keys(body.tables)).toEqual(['declarations']);
    expect(body.tables.declarations.map((row) => row.declaration_id)).toEqual([ids.abolished]);
  });

  it('diff between T1 and now lists exactly the revision, the abolition and the new declaration', async () => {
    const r = await cli(env, ['diff', 'declarations', '--at', t1, '--at', 'now', '--json']);
    expect(r.code).toBe(0);
    type Diff = { table: string; added: { key: string; row: Json }[]; removed: { key: string }[]; changed: { key: string; changes: Record<string, { from: unknown; to: unknown }> }[] };
    const body = JSON.parse(r.stdout) as { from: { at: string }; tables: Diff[] };
    expect(body.from.at).toBe(t1);
    const table = (name: string): Diff => body.tables.find((d) => d.table === name)!;
    const registryDiff = table('declarations');
    expect(registryDiff.added.map((a) => a.key)).toEqual([ids.added]);
    expect(registryDiff.removed).toEqual([]);
    expect(registryDiff.changed.map((c) => c.key).sort()).toEqual([ids.revised, ids.abolished].sort());
    const change = (id: string) => registryDiff.changed.find((c) => c.key === id)!.changes;
    expect(change(ids.revised).version).toEqual({ from: 1, to: 2 });
    expect(change(ids.revised).standard_title).toEqual({ from: '空气净化器企业标准', to: '空气净化器企业标准（修订）' });
    expect(change(ids.abolished).status).toEqual({ from: 'active', to: 'abolished' });
    expect(change(ids.abolished).version).toBeUndefined();
    expect(table('declaration_versions').added.map((a) => a.key).sort()).toEqual([`(${ids.revised}, 2)`, `(${ids.added}, 1)`].sort());
    expect(table('declaration_versions').removed).toEqual([]);

    const text = await cli(env, ['diff', 'declarations', '--at', t1, '--at', 'now', '--table', 'declarations']);
    expect(text.stdout).toContain('declarations: 1 added, 0 removed, 2 changed');
    expect(text.stdout).toContain(`  ~ ${ids.abolished}\n`);
    expect(text.stdout).toContain('      status: "active" → "abolished"');
  });

  it('refuses an unknown read model, a time without offset and a column the table lacks (exit 2, nothing built)', async () => {
    const unknown = await cli(env, ['as-of', 'registry', '--at', 'now']);
    expect({ code: unknown.code, stderr: unknown.stderr }).toEqual({ code: 2, stderr: expect.stringContaining('unknown read model "registry"; known: ') });
    const local = await cli(env, ['as-of', 'declarations', '--at', '2026-03-01 10:00']);
    expect({ code: local.code, stderr: local.stderr }).toEqual({ code: 2, stderr: expect.stringContaining('--at takes an ISO 8601 instant with its offset') });
    const column = await cli(env, ['as-of', 'declarations', '--at', 'now', '--table', 'declarations', '--filter', 'colour=red']);
    expect({ code: column.code, stderr: column.stderr }).toEqual({ code: 2, stderr: expect.stringContaining('table declarations has no column colour') });
    const once = await cli(env, ['diff', 'declarations', '--at', t1]);
    expect({ code: once.code, stderr: once.stderr }).toEqual({ code: 2, stderr: expect.stringContaining('give --at twice') });
    // No scratch schema outlives a run, refused ones included.
    const after = await cli(env, ['as-of', 'declarations', '--at', t1, '--table', 'declarations', '--limit', '1']);
    expect(after.code).toBe(0);
    expect(after.stderr).not.toContain('removed scratch schemas');
  });
});
