import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { clockFrom, startTestApp, type TestApp } from './support/test-app.js';
import { addDays, chinaDate, expectError, fieldsOf, refusedOn, uscc } from './support/http-expectations.js';

/** The API runs at this instant (then at the real pace), so every deadline stays inside the official working-day calendar whatever day the suite runs. */
const PINNED_NOW = '2026-11-16T02:00:00Z';
/** Today (China date) on the API's clock, before and after the app starts. */
const clock = clockFrom(PINNED_NOW);
const pinnedToday = (): string => chinaDate(clock());

type Json = Record<string, unknown>;

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const SECRET = 'a3f9c1d27b5e4f8091c2d3e4f5a6b7c8-e2e';

/** An enterprise standard issued five days ago for one product. */
const content = (number: string, name: string, model: string, category: string): Json => ({
  standard: { kind: 'enterprise', number, title: `${name}企业标准`, mandatory: false, issuedOn: addDays(pinnedToday(), -5) },
  products: [{ name, model, category }],
  indicators: [{ name: '额定功率', type: 'performance', value: '≤800', unit: 'W', testMethod: 'GB 4706.1-2005' }],
  fullTextDisclosed: false,
  firstSaleOn: null,
  belowRecommended: { flagged: false, referenceStandard: null, explanation: null },
});

describe('inspection planning over HTTP: inspectors, plans, the double-random draw and its verification', () => {
  let t: TestApp;
  const refused = refusedOn(() => t);
  const admin = () => t.as('admin', '000000');
  const supervisor = () => t.as('supervisor', '440100');
  const otherSupervisor = () => t.as('supervisor', '440300');

  const IN_DISTRICT = Array.from({ length: 6 }, (_, i) => uscc('440106', `MA5P0000${i}`));
  const OUTSIDE = uscc('440305', 'MA5P00009');
  const CONFLICTED = IN_DISTRICT[0];

  const registerInspector = (body: Json, auth = supervisor()) => t.http.post('/inspectors').set(auth).send(body);
  const createPlan = (body: Json, auth = supervisor(), headers: Record<string, string> = {}) => t.http.post('/inspection-plans').set(auth).set(headers).send(body);
  const planBody = (over: Json = {}): Json => ({
    jurisdiction: '440100',
    name: '2026年企业标准自我声明双随机抽查',
    scope: { standardKinds: ['enterprise'] },
    policy: { ratios: { A: 1, B: 1, C: 1, D: 1 } },
    period: { from: pinnedToday(), to: addDays(pinnedToday(), 60) },
    commitment: sha256(SECRET),
    ...over,
  });

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    for (const [i, code] of [...IN_DISTRICT, OUTSIDE].entries()) {
      const jurisdiction = code === OUTSIDE ? '440305' : '440106';
      const reg = await t.http.post('/enterprises').set(admin()).send({ uscc: code, name: `抽查企业${i}有限公司`, jurisdiction, address: '广州市海珠区', industry: '家用电器制造业' });
      expect(reg.status).toBe(201);
      const dec = await t.http
        .post('/declarations')
        .set(t.as('enterprise', jurisdiction, { uscc: code, sub: `enterprise-${code}` }))
        .send({ uscc: code, content: content(`Q/CC${i} 001-2025`, '电饭锅', `RC-${i}`, 'rice_cooker') });
      expect(dec.status).toBe(201);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('inspectors', () => {
    it('a supervisor registers inspectors of its jurisdiction; GET shows them to officials', async () => {
      const res = await registerInspector({ inspectorId: 'GZ-01', name: '李明', jurisdiction: '440100', qualifications: ['enforcement_certificate'], conflicts: [CONFLICTED] });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe('/inspectors/GZ-01');
      expect(res.body).toMatchObject({ inspectorId: 'GZ-01', streamId: 'inspector-GZ-01', events: [{ type: 'InspectorRegistered' }] });
      for (const [id, jurisdiction] of [['GZ-02', '440100'], ['HZ-03', '440106'], ['GZ-04', '440100'], ['GZ-05', '440100']] as const) {
        expect((await registerInspector({ inspectorId: id, name: id, jurisdiction, qualifications: [] })).status).toBe(201);
      }
      expect((await registerInspector({ inspectorId: 'SZ-01', name: '深圳', jurisdiction: '440300', qualifications: [] }, otherSupervisor())).status).toBe(201);

      await t.settled();
      const got = await t.http.get('/inspectors/GZ-01').set(t.as('inspector', '440100'));
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({ inspectorId: 'GZ-01', jurisdiction: '440100', active: true, qualifications: ['enforcement_certificate'], conflicts: [CONFLICTED], revision: 0 });
      const list = await t.http.get('/inspectors').set(supervisor());
      expect(list.status).toBe(200);
      expect(list.body.items.map((i: Json) => i.inspectorId)).toEqual(['GZ-01', 'GZ-02', 'GZ-04', 'GZ-05', 'HZ-03']);
    });

    it('manages qualifications, conflicts and activity', async () => {
      expect((await t.http.put('/inspectors/GZ-02/qualifications').set(supervisor()).send({ qualifications: ['product_quality'] })).status).toBe(200);
      expect((await t.http.post('/inspectors/GZ-05/conflicts').set(supervisor()).send({ uscc: IN_DISTRICT[1] })).status).toBe(201);
      expect((await t.http.delete(`/inspectors/GZ-05/conflicts/${IN_DISTRICT[1]}`).set(supervisor())).status).toBe(200);
      expect((await t.http.post('/inspectors/GZ-04/deactivate').set(supervisor()).send({ reason: '调离执法岗位' })).status).toBe(200);
      expect((await t.http.post('/inspectors/GZ-05/deactivate').set(supervisor()).send({ reason: '休假' })).status).toBe(200);
      expect((await t.http.post('/inspectors/GZ-05/reactivate').set(supervisor())).status).toBe(200);
      await t.settled();
      const got = await t.http.get('/inspectors').query({ active: 'false' }).set(supervisor());
      expect(got.body.items.map((i: Json) => [i.inspectorId, i.deactivationReason])).toEqual([['GZ-04', '调离执法岗位']]);
      expect((await t.http.get('/inspectors/GZ-05').set(supervisor())).body).toMatchObject({ active: true, conflicts: [] });
    });

    it('refuses with 400 naming the field, 403 outside the jurisdiction or role, 404 unknown, 409 conflicts — nothing written', async () => {
      const bad = await refused(() => registerInspector({ inspectorId: 'bad id', name: '', jurisdiction: '4401', qualifications: [] }));
      expectError(bad, 400, 'INSPECTOR.VALIDATION_FAILED');
      expect(fieldsOf(bad)).toEqual(['inspectorId', 'jurisdiction', 'name']);
      expectError(await refused(() => registerInspector({ inspectorId: 'X-1', name: 'x', jurisdiction: '440300', qualifications: [] })), 403, 'INSPECTOR.FORBIDDEN');
      expectError(await refused(() => t.http.post('/inspectors').set(t.as('inspector', '440100')).send({ inspectorId: 'X-1', name: 'x', jurisdiction: '440100', qualifications: [] })), 403, 'ACCESS.ROLE_NOT_ALLOWED');
      expectError(await refused(() => t.http.post('/inspectors/GZ-01/deactivate').set(otherSupervisor()).send({ reason: 'x' })), 403, 'INSPECTOR.FORBIDDEN');
      expectError(await refused(() => t.http.post('/inspectors/NOPE/deactivate').set(supervisor()).send({ reason: 'x' })), 404, 'INSPECTOR.NOT_FOUND');
      expectError(await t.http.get('/inspectors/NOPE').set(supervisor()), 404, 'INSPECTOR.NOT_FOUND');
      expectError(await refused(() => registerInspector({ inspectorId: 'GZ-01', name: 'x', jurisdiction: '440100', qualifications: [] })), 409, 'INSPECTOR.ALREADY_REGISTERED');
      expectError(await refused(() => t.http.post('/inspectors/GZ-01/conflicts').set(supervisor()).send({ uscc: CONFLICTED })), 409, 'INSPECTOR.CONFLICT_ALREADY_DECLARED');
      expectError(await refused(() => t.http.post('/inspectors/GZ-04/deactivate').set(supervisor()).send({ reason: 'x' })), 409, 'INSPECTOR.ALREADY_INACTIVE');
      expectError(await t.http.get('/inspectors/SZ-01').set(supervisor()), 403, 'INSPECTOR.FORBIDDEN');
    });
  });

  describe('the target pool', () => {
    it('shows a supervisor the registered enterprises of its jurisdiction with class and products', async () => {
      await t.settled();
      const res = await t.http.get('/inspection-pool').query({ jurisdiction: '440100' }).set(supervisor());
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(6);
      expect(res.body.targets.map((x: Json) => x.uscc)).toEqual([...IN_DISTRICT].sort());
      expect(res.body.targets[0]).toMatchObject({ creditClass: 'B', products: [{ name: '电饭锅', category: 'rice_cooker' }], openCaseProductKeys: [], passedSpotChecks: [] });
      expectError(await t.http.get('/inspection-pool').query({ jurisdiction: '440300' }).set(supervisor()), 403, 'INSPECTION_POOL.FORBIDDEN');
      expectError(await t.http.get('/inspection-pool').query({ jurisdiction: '440100' }), 401, 'AUTH.TOKEN_MISSING');
    });
  });

  describe('plans, the draw and its verification', () => {
    let planId = '';

    it('a supervisor creates a plan with a commitment; anyone reads it', async () => {
      const res = await createPlan(planBody(), supervisor(), { 'Idempotency-Key': 'plan-1' });
      expect(res.status).toBe(201);
      planId = res.body.planId as string;
      expect(planId).toMatch(/^PLAN-[0-9a-f-]{36}$/);
      expect(res.headers.location).toBe(`/inspection-plans/${planId}`);
      const replay = await createPlan(planBody(), supervisor(), { 'Idempotency-Key': 'plan-1' });
      expect({ status: replay.status, planId: replay.body.planId, replayed: replay.body.replayed }).toEqual({ status: 201, planId, replayed: true });

      await t.settled();
      const got = await t.http.get(`/inspection-plans/${planId}`);
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({ planId, jurisdiction: '440100', status: 'created', commitment: sha256(SECRET), scope: { standardKinds: ['enterprise'], productCategories: null, keyCategoriesOnly: false }, policy: { inspectorsPerTarget: 2, exclusionMonths: 6 } });
      const list = await t.http.get('/inspection-plans').query({ jurisdiction: '440100' });
      expect(list.body.items.map((p: Json) => p.planId)).toEqual([planId]);
    });

    it('refuses bad plans: 400 naming the field, 403 role or jurisdiction, 422 rule', async () => {
      const bad = await refused(() => createPlan(planBody({ commitment: 'abc', policy: { ratios: { B: 2 } }, scope: { standardKinds: ['foreign'] } })));
      expectError(bad, 400, 'PLAN.VALIDATION_FAILED');
      expect(fieldsOf(bad)).toEqual(['commitment', 'policy.ratios.B', 'scope.standardKinds[0]']);
      expectError(await refused(() => createPlan(planBody({ jurisdiction: '440300' }))), 403, 'PLAN.FORBIDDEN');
      expectError(await refused(() => createPlan(planBody(), admin())), 403, 'ACCESS.ROLE_NOT_ALLOWED');
      expectError(await refused(() => createPlan(planBody({ policy: { inspectorsPerTarget: 1 } }))), 422, 'PLAN.TOO_FEW_INSPECTORS_PER_TARGET');
      expectError(await t.http.get('/inspection-plans/PLAN-nope'), 404, 'PLAN.NOT_FOUND');
    });

    it('refuses a wrong secret (422), another city (403), an unknown plan (404); nothing written', async () => {
      expectError(await refused(() => t.http.post(`/inspection-plans/${planId}/draw`).set(supervisor()).send({ secret: 'not-the-secret-but-long-enough-0000' })), 422, 'DRAW.SECRET_MISMATCH');
      expectError(await refused(() => t.http.post(`/inspection-plans/${planId}/draw`).set(otherSupervisor()).send({ secret: SECRET })), 403, 'PLAN.FORBIDDEN');
      expectError(await refused(() => t.http.post('/inspection-plans/PLAN-nope/draw').set(supervisor()).send({ secret: SECRET })), 404, 'PLAN.NOT_FOUND');
      expectError(await refused(() => t.http.post(`/inspection-plans/${planId}/draw`).set(supervisor()).send({})), 400, 'VALIDATION.FAILED');
      expectError(await t.http.get(`/inspection-plans/${planId}/draw`), 404, 'PLAN.NOT_DRAWN');
    });

    it('draws: every target of the jurisdiction, two distinct usable inspectors each, never a conflicted one', async () => {
      const res = await t.http.post(`/inspection-plans/${planId}/draw`).set(supervisor()).set('Idempotency-Key', 'draw-1').send({ secret: SECRET });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ planId, drawnTargets: 6, poolHash: expect.stringMatching(/^[0-9a-f]{64}$/), events: [{ type: 'InspectionsDrawn' }] });
      // A retry under the same key gets the first answer, not "already drawn", and writes nothing. The tasks the
      // draw orders are opened by a policy in the background: let it finish before counting.
      await t.settled();
      const before = await t.eventCount();
      const retry = await t.http.post(`/inspection-plans/${planId}/draw`).set(supervisor()).set('Idempotency-Key', 'draw-1').send({ secret: SECRET });
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toMatchObject({ planId, poolHash: res.body.poolHash, seed: res.body.seed, replayed: true });
      expect(await t.eventCount()).toBe(before);
      expectError(await refused(() => t.http.post(`/inspection-plans/${planId}/draw`).set(supervisor()).send({ secret: SECRET })), 409, 'PLAN.ALREADY_DRAWN');

      await t.settled();
      const official = await t.http.get(`/inspection-plans/${planId}/draw`).set(supervisor());
      expect(official.status).toBe(200);
      const assignments = official.body.assignments as { uscc: string; productKey: string; inspectorIds: string[] }[];
      expect(assignments.map((a) => a.uscc).sort()).toEqual([...IN_DISTRICT].sort());
      expect(assignments.map((a) => a.uscc)).not.toContain(OUTSIDE);
      for (const a of assignments) {
        expect(a.inspectorIds).toHaveLength(2);
        expect(new Set(a.inspectorIds).size).toBe(2);
        for (const id of a.inspectorIds) expect(['GZ-01', 'GZ-02', 'HZ-03', 'GZ-05']).toContain(id);
        expect(a.productKey).toBe(JSON.stringify(['电饭锅', `RC-${IN_DISTRICT.indexOf(a.uscc)}`]));
      }
      expect(assignments.find((a) => a.uscc === CONFLICTED)?.inspectorIds).not.toContain('GZ-01');
      expect(official.body.input.targets).toHaveLength(6);
      expect(official.body).toMatchObject({ revealedSecret: SECRET, commitment: sha256(SECRET), poolBasis: { builderVersion: 2, standardKinds: ['enterprise'], defaultCreditClass: 'B' } });

      const publicView = await t.http.get(`/inspection-plans/${planId}/draw`);
      expect(publicView.status).toBe(200);
      expect(publicView.body.assignments.map((a: Json) => a.uscc)).toEqual(assignments.map((a) => a.uscc));
      for (const a of publicView.body.assignments as Json[]) expect(a).not.toHaveProperty('inspectorIds');
      expect(publicView.body).not.toHaveProperty('input');
      expect((await t.http.get(`/inspection-plans/${planId}`)).body.status).toBe('drawn');
    });

    it('anyone verifies the draw: the pool rebuilt from the log matches the recorded hash and the result recomputes', async () => {
      // Later events do not change a pool fixed at the recorded position.
      expect((await t.http.post('/inspectors/GZ-02/conflicts').set(supervisor()).send({ uscc: IN_DISTRICT[2] })).status).toBe(201);
      const res = await t.http.get(`/inspection-plans/${planId}/draw/verify`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ planId, matches: true, differences: [], poolHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(res.body.eventsRead).toBeGreaterThan(14);
      expectError(await t.http.get('/inspection-plans/PLAN-nope/draw/verify'), 404, 'PLAN.NOT_FOUND');
    });

    it('cancels an undrawn plan and refuses to cancel a drawn one', async () => {
      const other = await createPlan(planBody({ name: '第二批' }));
      expect(other.status).toBe(201);
      const cancel = await t.http.post(`/inspection-plans/${other.body.planId}/cancel`).set(supervisor()).send({ reason: '合并至第一批' });
      expect(cancel.status).toBe(200);
      expectError(await refused(() => t.http.post(`/inspection-plans/${other.body.planId}/draw`).set(supervisor()).send({ secret: SECRET })), 409, 'PLAN.CANCELLED');
      expectError(await refused(() => t.http.post(`/inspection-plans/${planId}/cancel`).set(supervisor()).send({ reason: 'x' })), 409, 'PLAN.ALREADY_DRAWN');
    });
  });
});
