import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { clockFrom, startTestApp, type TestApp } from './support/test-app.js';
import { cli, type CliRun } from './support/cli-run.js';
import { addDays, chinaDate, uscc } from './support/http-expectations.js';

/**
 * `regledger verify` against rows changed behind the engine's back, directly in PostgreSQL: it must name
 * exactly the event, the block and the draw that were changed, and pass again once they are restored.
 */

type Json = Record<string, unknown>;

const PINNED_NOW = '2026-11-16T02:00:00Z';
const clock = clockFrom(PINNED_NOW);
const today = (): string => chinaDate(clock());
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const SECRET = 'b7e1d3c5a9f24e6081b2c3d4e5f6a7b8-verify';



const onPostgres = Boolean(process.env.DATABASE_URL);
if (!onPostgres) {
  process.stdout.write(
    '\n[regledger tests] DATABASE_URL is not set: test/audit-verify.e2e.spec.ts (tampering rows in PostgreSQL, verify naming them) is SKIPPED (not verified)\n',
  );
}

(onPostgres ? describe : describe.skip)('regledger verify finds exactly the event, block or draw changed in PostgreSQL', () => {
  let t: TestApp;
  let env: Record<string, string | undefined>;
  let planId = '';
  const targets = Array.from({ length: 3 }, (_, i) => uscc('440106', `MA5K0000${i}`));
  const LATE = uscc('440106', 'MA5K00009');

  const supervisor = () => t.as('supervisor', '440100');
  const verify = async (): Promise<CliRun & { report: Json }> => {
    const r = await cli(env, ['verify', '--json']);
    return { ...r, report: JSON.parse(r.stdout) as Json };
  };
  const db = () => t.engine.database.db;
  const eventOf = async (streamId: string, revision: number): Promise<{ id: string; data: string }> => {
    const r = await sql<{ id: string; data: string }>`
      select event_id::text as id, data::text as data from es_events where stream_id = ${streamId} and revision = ${revision}`.execute(db());
    return r.rows[0];
  };

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    env = { DATABASE_URL: t.engine.config.databaseUrl ?? undefined, DATA_DIR: t.engine.config.dataDir, LOG_LEVEL: 'silent' };
    const register = async (code: string, i: number): Promise<void> => {
      const reg = await t.http.post('/enterprises').set(t.as('admin', '000000')).send({ uscc: code, name: `核验企业${i}有限公司`, jurisdiction: '440106', address: '广州市海珠区', industry: '家用电器制造业' });
      expect(reg.status).toBe(201);
    };
    for (const [i, code] of targets.entries()) {
      await register(code, i);
      const dec = await t.http
        .post('/declarations')
        .set(t.as('enterprise', '440106', { uscc: code, sub: `enterprise-${code}` }))
        .send({
          uscc: code,
          content: {
            standard: { kind: 'enterprise', number: `Q/HY${i} 001-2025`, title: '电饭锅企业标准', mandatory: false, issuedOn: addDays(today(), -5) },
            products: [{ name: '电饭锅', model: `HY-${i}`, category: 'rice_cooker' }],
            indicators: [{ name: '额定功率', type: 'performance', value: '≤800', unit: 'W', testMethod: 'GB 4706.1-2005' }],
            fullTextDisclosed: false,
            firstSaleOn: null,
            belowRecommended: { flagged: false, referenceStandard: null, explanation: null },
          },
        });
      expect(dec.status).toBe(201);
    }
    for (const id of ['HY-01', 'HY-02', 'HY-03']) {
      expect((await t.http.post('/inspectors').set(supervisor()).send({ inspectorId: id, name: id, jurisdiction: '440100', qualifications: [] })).status).toBe(201);
    }
    const plan = await t.http
      .post('/inspection-plans')
      .set(supervisor())
      .send({
        jurisdiction: '440100',
        name: '核验用双随机抽查',
        scope: { standardKinds: ['enterprise'] },
        policy: { ratios: { A: 1, B: 1, C: 1, D: 1 } },
        period: { from: today(), to: addDays(today(), 60) },
        commitment: sha256(SECRET),
      });
    expect(plan.status).toBe(201);
    planId = plan.body.planId as string;
    await t.settled();
    const drawn = await t.http.post(`/inspection-plans/${planId}/draw`).set(supervisor()).send({ secret: SECRET });
    expect(drawn.status).toBe(201);
    // An event after the draw's pool position: changing it breaks the chain but no draw.
    await register(LATE, 9);
    await t.settled();
    const sealed = await cli(env, ['seal', '--block-size', '10']);
    expect(sealed.code).toBe(0);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('passes on the log as recorded, the draw included', async () => {
    const { code, report } = await verify();
    expect({ code, ok: report.ok, firstFailure: report.firstFailure, draws: report.draws }).toEqual({ code: 0, ok: true, firstFailure: null, draws: { checked: 1, broken: [] } });
    expect(report.blocksChecked).toBeGreaterThanOrEqual(2);
    const text = await cli(env, ['verify']);
    expect(text.stdout).toMatch(/^OK: \d+ events and \d+ blocks match/m);
    expect(text.stdout).toContain('OK: 1 recorded draws verify');
  });

  it('names exactly the event whose data was changed, then passes once it is restored', async () => {
    const target = await eventOf(`enterprise-${LATE}`, 0);
    await sql`update es_events set data = jsonb_set(data, '{name}', '"改名后的企业有限公司"') where event_id = ${target.id}::uuid`.execute(db());
    try {
      const { code, report, stdout } = await verify();
      expect(code).toBe(1);
      expect(report.firstFailure).toMatchObject({ kind: 'event', reason: 'hash_mismatch', eventId: target.id, streamId: `enterprise-${LATE}`, revision: '0' });
      expect(report.draws).toEqual({ checked: 1, broken: [] });
      const text = await cli(env, ['verify']);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain(`BROKEN event ${target.id} (stream enterprise-${LATE} revision 0`);
      expect(stdout.match(/"eventId"/g)).toHaveLength(1);
    } finally {
      await sql`update es_events set data = ${target.data}::jsonb where event_id = ${target.id}::uuid`.execute(db());
    }
    expect((await verify()).code).toBe(0);
  });

  it('names exactly the block whose root was changed, then passes once it is restored', async () => {
    const { rows } = await sql<{ root: string }>`select events_root as root from es_blocks where block_no = 1`.execute(db());
    await sql`update es_blocks set events_root = ${'f'.repeat(64)} where block_no = 1`.execute(db());
    try {
      const { code, report } = await verify();
      expect(code).toBe(1);
      expect(report.firstFailure).toEqual({ kind: 'block', reason: 'root_mismatch', blockNo: '1', expected: rows[0].root, actual: 'f'.repeat(64) });
      const text = await cli(env, ['verify']);
      expect(text.stdout).toContain('BROKEN block 1: root_mismatch');
    } finally {
      await sql`update es_blocks set events_root = ${rows[0].root} where block_no = 1`.execute(db());
    }
    const restored = await verify();
    expect({ code: restored.code, ok: restored.report.ok }).toEqual({ code: 0, ok: true });
  });

  it('names the draw whose recorded result was changed', async () => {
    const { rows } = await sql<{ id: string; data: string }>`
      select event_id::text as id, data::text as data from es_events where stream_id = ${`inspection-plan-${planId}`} and type = 'InspectionsDrawn'`.execute(db());
    const drawEvent = rows[0];
    const recorded = JSON.parse(drawEvent.data) as { result: { assignments: { uscc: string }[] } };
    expect(recorded.result.assignments.length).toBeGreaterThan(1);
    // Swap the first two assignments' targets: the result no longer recomputes from the recorded input.
    const [a, b] = recorded.result.assignments;
    await sql`
      update es_events set data = jsonb_set(jsonb_set(data, '{result,assignments,0,uscc}', ${JSON.stringify(b.uscc)}::jsonb), '{result,assignments,1,uscc}', ${JSON.stringify(a.uscc)}::jsonb)
      where event_id = ${drawEvent.id}::uuid`.execute(db());
    try {
      const { code, report } = await verify();
      expect(code).toBe(1);
      const draws = report.draws as { checked: number; broken: { planId: string; eventId: string; differences: string[] }[] };
      expect(draws.broken.map((d) => [d.planId, d.eventId])).toEqual([[planId, drawEvent.id]]);
      expect(draws.broken[0].differences.length).toBeGreaterThan(0);
      const text = await cli(env, ['verify']);
      expect(text.stdout).toContain(`BROKEN draw of plan ${planId} (event ${drawEvent.id}`);
    } finally {
      await sql`update es_events set data = ${drawEvent.data}::jsonb where event_id = ${drawEvent.id}::uuid`.execute(db());
    }
    expect((await verify()).code).toBe(0);
  });
});
