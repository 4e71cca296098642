import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from './support/test-app.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const uscc = (division: string, organisation: string): string => {
  const first17 = `91${division}${organisation}`;
  const sum = [...first17].reduce((s, c, i) => s + ALPHABET.indexOf(c) * WEIGHTS[i], 0);
  return first17 + ALPHABET[(31 - (sum % 31)) % 31];
};
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('debug', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(); });
  afterAll(async () => { await t?.close(); });
  it('loop', async () => {
    const admin = t.as('admin', '000000');
    let bad = 0;
    for (let i = 0; i < 60; i++) {
      const code = uscc('440307', `MA5X${String(i).padStart(5, '0')}`);
      expect((await t.http.post('/enterprises').set(admin).send({ uscc: code, name: `调试${i}有限公司`, jurisdiction: '440307', address: 'x', industry: 'y' })).status).toBe(201);
      const d = await t.http.post('/declarations').set(admin).send({ uscc: code, content: { standard: { kind: 'national', number: 'GB/T 18801-2022', title: 't', mandatory: false, issuedOn: '2022-12-30' }, products: [{ name: 'p', model: `m${i}`, category: 'other' }], indicators: [], fullTextDisclosed: true, firstSaleOn: null } });
      expect(d.status).toBe(201);
      const a = await t.http.post(`/declarations/${d.body.declarationId}/abolish`).set(admin).send({ effectiveDate: today() });
      expect(a.status).toBe(200);
      const head = await t.engine.store.headPosition({ committed: true });
      await t.settled();
      const row = await sql<{ status: string }>`select status, stream_revision::text as rev from declarations where declaration_id = ${d.body.declarationId}`.execute(t.engine.database.db);
      if (row.rows[0]?.status !== 'abolished') {
        bad++;
        const cps = await sql`select name, position_commit::text, position_prepare::text from rm_checkpoints`.execute(t.engine.database.db);
        const evs = await sql`select transaction_id::text, global_position::text, type, stream_id from es_events order by global_position desc limit 6`.execute(t.engine.database.db);
        const row2 = await sql`select status from declarations where declaration_id = ${d.body.declarationId}`.execute(t.engine.database.db);
        process.stdout.write(JSON.stringify({ i, head: { c: head?.position.commit.toString(), p: head?.position.prepare.toString() }, row: row.rows, later: row2.rows, cps: cps.rows, evs: evs.rows, aEvents: a.body.events, dEvents: d.body.events }, null, 1) + '\n');
      }
    }
    expect(bad).toBe(0);
  });
});
