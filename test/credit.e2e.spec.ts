import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_SCORING_POLICY } from '@regledger/credit';
import { clockFrom, startTestApp, type TestApp } from './support/test-app.js';
import { addDays, chinaDate, chinaToday, expectError, fieldsOf, refusedOn, uscc } from './support/http-expectations.js';

/** The API runs at this instant (then at the real pace), inside the official working-day calendar. */
const PINNED_NOW = '2026-11-16T02:00:00Z';
const clock = clockFrom(PINNED_NOW);
const today = (): string => chinaDate(clock());
/** Policies react on the system clock: a class they change is dated by it. */
const latest = (): string => [today(), chinaToday()].sort()[1];

type Json = Record<string, unknown>;
const PRODUCT = { name: '电水壶', model: 'SH-E2E-1' };
const indicators = [
  { name: '额定功率', type: 'performance', value: '1800', unit: 'W', testMethod: 'GB 4706.19-2008' },
  { name: '泄漏电流', type: 'functional', value: '≤0.75', unit: 'mA', testMethod: 'GB 4706.1-2005' },
];
const content = (): Json => ({
  standard: { kind: 'enterprise', number: 'Q/CR 001-2026', title: '电水壶企业标准', mandatory: false, issuedOn: addDays(today(), -5) },
  products: [{ ...PRODUCT, category: 'air_purifier' }],
  indicators,
  fullTextDisclosed: false,
  firstSaleOn: null,
  belowRecommended: { flagged: false, referenceStandard: null, explanation: null },
});
const { version: _v, effectiveFrom: _e, ...DEFAULT_CONTENT } = DEFAULT_SCORING_POLICY;

describe('credit over HTTP', () => {
  let t: TestApp;
  const refused = refusedOn(() => t);
  const ENT = uscc('440307', 'MA5CR0001');
  const LISTED = uscc('440307', 'MA5CR0002');
  const RECENT = uscc('440307', 'MA5CR0003');
  const admin = () => t.as('admin', '000000');
  const shenzhen = () => t.as('supervisor', '440300');
  const guangzhou = () => t.as('supervisor', '440100');
  const analyst = () => t.as('analyst', '440000');
  const inspector = (id: string) => t.as('inspector', '440300', { sub: id });
  const enterprise = (code: string) => t.as('enterprise', '440307', { uscc: code, sub: `user-${code}` });
  const credit = (code: string, asOf?: string) => t.http.get(`/enterprises/${code}/credit${asOf ? `?asOf=${asOf}` : ''}`);

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    for (const [code, name] of [
      [ENT, '深圳信用电器有限公司'],
      [LISTED, '深圳严重失信电器有限公司'],
      [RECENT, '深圳新近失信电器有限公司'],
    ]) {
      const reg = await t.http.post('/enterprises').set(admin()).send({ uscc: code, name, jurisdiction: '440307', address: '广东省深圳市南山区', industry: '家用电器制造业' });
      expect(reg.status).toBe(201);
    }
    const declared = await t.http.post('/declarations').set(enterprise(ENT)).send({ uscc: ENT, content: content() });
    expect({ status: declared.status, body: declared.status === 201 ? null : declared.body }).toEqual({ status: 201, body: null });
    for (const id of ['cr-a', 'cr-b']) {
      expect((await t.http.post('/inspectors').set(shenzhen()).send({ inspectorId: id, name: `检查员${id}`, jurisdiction: '440300', qualifications: [], conflicts: [] })).status).toBe(201);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('publishes a scoring policy version: admin only or a province supervisor, fields checked, listed beside version 0', async () => {
    const body = { ...DEFAULT_CONTENT, points: { ...DEFAULT_CONTENT.points, inspection_passed: 5 }, effectiveFrom: today(), note: '2026 版：抽查合格加 5 分' };
    expectError(await refused(() => t.http.post('/credit/scoring-policies').set(shenzhen()).send(body)), 403, 'SCORING_POLICY.FORBIDDEN');
    expectError(await refused(() => t.http.post('/credit/scoring-policies').set(inspector('cr-a')).send(body)), 403, 'ACCESS.ROLE_NOT_ALLOWED');
    const bad = await refused(() => t.http.post('/credit/scoring-policies').set(admin()).send({ ...body, effectiveFrom: '2026/12/01' }));
    expectError(bad, 400, 'VALIDATION.FAILED');
    expect(fieldsOf(bad)).toEqual(['effectiveFrom']);
    const badPoints = await refused(() => t.http.post('/credit/scoring-policies').set(admin()).send({ ...body, points: { ...body.points, bogus_kind: 1 } }));
    expectError(badPoints, 400, 'SCORING_POLICY.VALIDATION');
    expect(fieldsOf(badPoints)).toEqual(['points.bogus_kind']);
    expectError(await refused(() => t.http.post('/credit/scoring-policies').set(admin()).send({ ...body, effectiveFrom: addDays(today(), -1) })), 422, 'SCORING_POLICY.EFFECTIVE_IN_PAST');
    const res = await t.http.post('/credit/scoring-policies').set(t.as('supervisor', '440000')).send(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 1, streamId: 'credit-scoring-policy', events: [expect.objectContaining({ type: 'ScoringPolicyPublished' })] });
    await t.settled();
    expect((await t.http.get('/credit/scoring-policies')).status).toBe(401);
    const list = await t.http.get('/credit/scoring-policies').set(analyst());
    expect(list.status).toBe(200);
    expect(list.body.limits).toEqual({ points: 1000, validityMonths: 240 });
    expect(list.body.items.map((p: Json) => [p.version, p.inForce])).toEqual([
      [0, false],
      [1, true],
    ]);
  });

  it('a passed targeted inspection becomes an entry; the class changes and RiskClassChanged is recorded', async () => {
    const opened = await t.http.post('/inspections/targeted').set(shenzhen()).send({ uscc: ENT, source: 'report', reference: 'RPT-CR-1', product: PRODUCT, description: '举报核查' });
    expect(opened.status).toBe(201);
    const id = opened.body.inspectionId as string;
    expect((await t.http.post(`/inspections/${id}/assign`).set(shenzhen()).send({ inspectorIds: ['cr-a', 'cr-b'] })).status).toBe(200);
    expect((await t.http.post(`/inspections/${id}/start`).set(inspector('cr-a')).send({})).status).toBe(200);
    const findings = await t.http
      .post(`/inspections/${id}/findings`)
      .set(inspector('cr-a'))
      .send({ findings: indicators.map((i) => ({ indicator: i.name, declaredValue: i.value, measuredValue: i.name === '额定功率' ? '1800' : '0.2', unit: i.unit, testMethod: i.testMethod, conforming: true })) });
    expect(findings.status).toBe(200);
    const done = await t.http.post(`/inspections/${id}/complete`).set(inspector('cr-a')).send({ outcome: 'conforming', productionDate: today() });
    expect(done.status).toBe(200);
    await t.settled();
    const x = await credit(ENT, latest()).set(shenzhen());
    expect(x.status).toBe(200);
    expect(x.body).toMatchObject({ uscc: ENT, class: 'A', score: 90, policyVersion: 1, listed: { abnormal: false, seriousViolation: false } });
    expect(x.body.entries).toEqual([
      expect.objectContaining({ kind: 'inspection_passed', occurredOn: today(), points: 5, counted: true, repaired: false, expiresOn: `${Number(today().slice(0, 4)) + 2}${today().slice(4)}`, sources: [expect.objectContaining({ streamId: `inspection-task-${id}`, type: 'InspectionCompleted' })] }),
    ]);
    expect(x.body.classHistory).toEqual([expect.objectContaining({ uscc: ENT, from: null, to: 'A', score: 90, policyVersion: 1, cause: expect.objectContaining({ reason: 'entry' }) })]);
  });

  it('an abnormal-operations listing by the supervisor of the jurisdiction floors the class at C; others are refused', async () => {
    const place = (who: Json, body: Json = { reason: 'annual_report_not_filed' }) => t.http.post(`/enterprises/${ENT}/credit/abnormal-list`).set(who as Record<string, string>).send(body);
    expectError(await refused(() => place(guangzhou())), 403, 'CREDIT.FORBIDDEN');
    expectError(await refused(() => place(inspector('cr-a'))), 403, 'ACCESS.ROLE_NOT_ALLOWED');
    const bad = await refused(() => place(shenzhen(), { reason: 'late_lunch' }));
    expectError(bad, 400, 'VALIDATION.FAILED');
    expect(fieldsOf(bad)).toEqual(['reason']);
    expectError(await refused(() => t.http.post(`/enterprises/${uscc('440307', 'MA5CR0999')}/credit/abnormal-list`).set(shenzhen()).send({ reason: 'annual_report_not_filed' })), 404, 'CREDIT.ENTERPRISE_UNKNOWN');
    const res = await place(shenzhen());
    expect(res.status).toBe(201);
    expect(res.body.events.map((e: Json) => e.type)).toEqual(['AbnormalListPlaced', 'CreditEntryRecorded', 'RiskClassChanged']);
    await t.settled();
    const x = await credit(ENT).set(enterprise(ENT));
    expect(x.status).toBe(200);
    expect(x.body).toMatchObject({ class: 'C', score: 80, scoreClass: 'B', listed: { abnormal: true } });
    const list = await t.http.get('/credit/abnormal-list');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([{ listingId: res.body.listingId, uscc: ENT, enterpriseName: '深圳信用电器有限公司', reason: 'annual_report_not_filed', listedOn: today(), listedUntil: null }]);
  });

  it('explains the record today and as of a past date; readers are checked', async () => {
    const past = await credit(ENT, '2026-11-01').set(analyst());
    expect(past.status).toBe(200);
    expect(past.body).toMatchObject({ asOf: '2026-11-01', class: 'B', score: 85, policyVersion: 0, entries: [], classHistory: [] });
    expectError(await credit(ENT).set(guangzhou()), 403, 'CREDIT.FORBIDDEN');
    expectError(await credit(ENT).set(enterprise(LISTED)), 403, 'CREDIT.FORBIDDEN');
    expect((await credit(ENT)).status).toBe(401);
    const bad = await credit(ENT, '2026-13-01').set(analyst());
    expectError(bad, 400, 'CREDIT.VALIDATION');
    expect(fieldsOf(bad)).toEqual(['asOf']);
  });

  describe('the serious-violation list and credit repair', () => {
    let listingId = '';
    let recentListingId = '';

    it('lists for a heavy penalty (class D); the public list shows public fields only', async () => {
      const res = await t.http.post(`/enterprises/${LISTED}/credit/serious-violation-list`).set(shenzhen()).send({ caseId: 'CASE-CR-1', on: '2025-10-01' });
      expect(res.status).toBe(201);
      listingId = res.body.listingId as string;
      const recent = await t.http.post(`/enterprises/${RECENT}/credit/serious-violation-list`).set(shenzhen()).send({ caseId: 'CASE-CR-2', on: '2026-06-01' });
      expect(recent.status).toBe(201);
      recentListingId = recent.body.listingId as string;
      await t.settled();
      const x = await credit(LISTED).set(enterprise(LISTED));
      expect(x.body).toMatchObject({ class: 'D', score: 45, listed: { seriousViolation: true } });
      const list = await t.http.get('/credit/serious-violation-list');
      expect(list.status).toBe(200);
      const item = list.body.items.find((i: Json) => i.uscc === LISTED);
      expect(item).toEqual({ listingId, uscc: LISTED, enterpriseName: '深圳严重失信电器有限公司', reason: 'heavy_penalty', listedOn: '2025-10-01', listedUntil: '2028-10-01' });
    });

    it('an enterprise applies for repair of its own listing; a grant after a year ends the listing and lifts the class', async () => {
      const body = { target: { kind: 'serious_violation_list', listingId }, obligationsFulfilled: true, harmRemedied: true };
      expectError(await refused(() => t.http.post(`/enterprises/${LISTED}/credit/repairs`).set(enterprise(ENT)).send(body)), 403, 'CREDIT.FORBIDDEN');
      const applied = await t.http.post(`/enterprises/${LISTED}/credit/repairs`).set(enterprise(LISTED)).send(body);
      expect(applied.status).toBe(201);
      const repairId = applied.body.repairId as string;
      await t.settled();
      expectError(await refused(() => t.http.post(`/credit/repairs/${repairId}/decision`).set(enterprise(LISTED)).send({ grant: true, reason: 'x' })), 403, 'ACCESS.ROLE_NOT_ALLOWED');
      expectError(await refused(() => t.http.post(`/credit/repairs/${repairId}/decision`).set(guangzhou()).send({ grant: true, reason: 'x' })), 403, 'CREDIT.FORBIDDEN');
      const granted = await t.http.post(`/credit/repairs/${repairId}/decision`).set(shenzhen()).send({ grant: true, reason: '已履行义务、消除危害后果，满一年无新的从重处罚' });
      expect(granted.status).toBe(200);
      expect(granted.body.events.map((e: Json) => e.type)).toEqual(['RepairGranted', 'SeriousViolationRemoved', 'CreditEntryRecorded', 'RiskClassChanged']);
      await t.settled();
      const x = await credit(LISTED).set(enterprise(LISTED));
      expect(x.body).toMatchObject({ class: 'B', score: 85, listed: { seriousViolation: false } });
      expect(x.body.entries.find((e: Json) => e.kind === 'serious_violation_listed')).toMatchObject({ points: 0, counted: false, repaired: true, repairId });
      expect((await t.http.get('/credit/serious-violation-list')).body.items.map((i: Json) => i.uscc)).toEqual([RECENT]);
    });

    it('a grant less than a year after listing is refused by rule; the supervisor then refuses it', async () => {
      const applied = await t.http.post(`/enterprises/${RECENT}/credit/repairs`).set(enterprise(RECENT)).send({ target: { kind: 'serious_violation_list', listingId: recentListingId }, obligationsFulfilled: true, harmRemedied: true });
      expect(applied.status).toBe(201);
      const repairId = applied.body.repairId as string;
      await t.settled();
      expectError(await refused(() => t.http.post(`/credit/repairs/${repairId}/decision`).set(shenzhen()).send({ grant: true, reason: '申请提前移出' })), 422, 'CREDIT.EARLY_REMOVAL_TOO_SOON');
      const refusedDecision = await t.http.post(`/credit/repairs/${repairId}/decision`).set(shenzhen()).send({ grant: false, reason: '列入未满一年（市场监管总局令第44号）' });
      expect(refusedDecision.status).toBe(200);
      expect(refusedDecision.body.events.map((e: Json) => e.type)).toEqual(['RepairRefused']);
      expectError(await refused(() => t.http.post(`/credit/repairs/${repairId}/decision`).set(shenzhen()).send({ grant: false, reason: 'again' })), 409, 'CREDIT.REPAIR_ALREADY_DECIDED');
      expectError(await refused(() => t.http.post('/credit/repairs/not-a-repair/decision').set(shenzhen()).send({ grant: false, reason: 'x' })), 404, 'CREDIT.REPAIR_NOT_FOUND');
    });
  });
});
