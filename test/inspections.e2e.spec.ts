import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EngineLifecycle } from '@regledger/engine';
import type { EventMetadata } from '@regledger/event-store';
import { addWorkingDays } from '@regledger/shared';
import { inspectionStreamId } from '@regledger/inspections/contracts';
import { clockFrom, startTestApp, type TestApp } from './support/test-app.js';
import { addDays, chinaDate, expectError, fieldsOf, refusedOn, uscc } from './support/http-expectations.js';

/** The API runs at this instant (then at the real pace), so every deadline stays inside the official working-day calendar whatever day the suite runs. */
const PINNED_NOW = '2026-11-16T02:00:00Z';
/** Today (China date) on the API's clock, before and after the app starts. */
const clock = clockFrom(PINNED_NOW);
const pinnedToday = (): string => chinaDate(clock());

type Json = Record<string, unknown>;

const PRODUCT = { name: '空气净化器', model: 'KJ500G-E2E' };

const indicator = (over: Json = {}): Json => ({ name: '洁净空气量', type: 'performance', value: '≥500', unit: 'm³/h', testMethod: 'GB/T 18801-2022 附录B', ...over });

const content = (value: string): Json => ({
  standard: { kind: 'enterprise', number: 'Q/E2E 001-2026', title: '空气净化器企业标准', mandatory: false, issuedOn: addDays(pinnedToday(), -5) },
  products: [{ ...PRODUCT, category: 'air_purifier' }],
  indicators: [indicator({ value }), indicator({ name: '待机功率', type: 'functional', value: '≤2.0', unit: 'W', testMethod: 'GB/T 18801-2022 附录F' })],
  fullTextDisclosed: false,
  firstSaleOn: null,
  belowRecommended: { flagged: false, referenceStandard: null, explanation: null },
});

const systemMetadata = (): EventMetadata => ({
  actorId: 'test-fixture',
  actorRole: 'system',
  jurisdiction: '000000',
  correlationId: 'e2e',
  causationId: null,
  idempotencyKey: null,
  reason: null,
});

describe('inspections over HTTP', () => {
  let t: TestApp;
  const refused = refusedOn(() => t);
  const ENTERPRISE = uscc('440307', 'MA5E2E001');
  const UNKNOWN = uscc('440307', 'MA5E2E999');
  const admin = () => t.as('admin', '000000');
  const shenzhen = () => t.as('supervisor', '440300');
  const guangzhou = () => t.as('supervisor', '440100');
  const inspector = (id: string) => t.as('inspector', '440300', { sub: id });
  const today = () => pinnedToday();

  let inspectionId = '';
  let declarationId = '';

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    const reg = await t.http.post('/enterprises').set(admin()).send({ uscc: ENTERPRISE, name: '深圳净化电器有限公司', jurisdiction: '440307', address: '广东省深圳市南山区', industry: '家用电器制造业' });
    expect(reg.status).toBe(201);
    const declared = await t.http.post('/declarations').set(t.as('enterprise', '440307', { uscc: ENTERPRISE, sub: 'ent-user' })).send({ uscc: ENTERPRISE, content: content('≥500') });
    expect(declared.status).toBe(201);
    declarationId = declared.body.declarationId as string;
    // Version 2 raises the indicator from a later date: a sample produced today is judged against version 1.
    const revised = await t.http
      .post(`/declarations/${declarationId}/revisions`)
      .set(t.as('enterprise', '440307', { uscc: ENTERPRISE, sub: 'ent-user' }))
      .send({ content: content('≥600'), effectiveFrom: addDays(today(), 30) });
    expect(revised.status).toBe(201);
    for (const [id, conflicts] of [['insp-a', []], ['insp-b', []], ['insp-c', [ENTERPRISE]]] as const) {
      const res = await t.http.post('/inspectors').set(shenzhen()).send({ inspectorId: id, name: `检查员${id}`, jurisdiction: '440300', qualifications: [], conflicts });
      expect(res.status).toBe(201);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('a targeted inspection from a report, through publication', () => {
    it('a supervisor opens it; bad input, other jurisdictions and unknown enterprises are refused', async () => {
      expect(fieldsOf(await refused(() => t.http.post('/inspections/targeted').set(shenzhen()).send({ uscc: ENTERPRISE, source: 'rumour' })))).toEqual(['source']);
      expectError(await refused(() => t.http.post('/inspections/targeted').set(guangzhou()).send({ uscc: ENTERPRISE, source: 'report' })), 403, 'INSPECTION.FORBIDDEN');
      expectError(await refused(() => t.http.post('/inspections/targeted').set(inspector('insp-a')).send({ uscc: ENTERPRISE, source: 'report' })), 403, 'ACCESS.ROLE_NOT_ALLOWED');
      expectError(await refused(() => t.http.post('/inspections/targeted').set(shenzhen()).send({ uscc: UNKNOWN, source: 'report' })), 404, 'INSPECTION.ENTERPRISE_NOT_REGISTERED');

      const body = { uscc: ENTERPRISE, source: 'report', reference: 'RPT-2026-001', product: PRODUCT, description: '举报：洁净空气量虚标' };
      const res = await t.http.post('/inspections/targeted').set(shenzhen()).set('Idempotency-Key', 'open-1').send(body);
      expect(res.status).toBe(201);
      inspectionId = res.body.inspectionId as string;
      expect(res.headers.location).toBe(`/inspections/${inspectionId}`);
      expect(res.body.events).toEqual([expect.objectContaining({ type: 'InspectionOpened' })]);
      const again = await t.http.post('/inspections/targeted').set(shenzhen()).set('Idempotency-Key', 'open-1').send(body);
      expect({ status: again.status, id: again.body.inspectionId, replayed: again.body.replayed }).toEqual({ status: 201, id: inspectionId, replayed: true });
    });

    it('assigns two inspectors without a conflict of interest', async () => {
      const assign = (ids: string[], headers: Record<string, string> = {}) => t.http.post(`/inspections/${inspectionId}/assign`).set(shenzhen()).set(headers).send({ inspectorIds: ids });
      expectError(await refused(() => assign(['insp-a'])), 422, 'INSPECTION.TOO_FEW_INSPECTORS');
      expectError(await refused(() => assign(['insp-a', 'insp-c'])), 422, 'INSPECTION.INSPECTOR_CONFLICT');
      expectError(await refused(() => assign(['insp-a', 'insp-zzz'])), 422, 'INSPECTION.INSPECTOR_UNKNOWN');
      expectError(await refused(() => assign(['insp-a', 'insp-b'], { 'If-Match': '"7"' })), 409, 'STREAM.WRONG_EXPECTED_REVISION');
      expectError(await refused(() => t.http.post('/inspections/no-such-task/assign').set(shenzhen()).send({ inspectorIds: ['insp-a', 'insp-b'] })), 404, 'INSPECTION.NOT_FOUND');
      const res = await assign(['insp-a', 'insp-b'], { 'If-Match': '"0"' });
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"1"');
    });

    it('an assigned inspector starts and records findings; others may not', async () => {
      expectError(await refused(() => t.http.post(`/inspections/${inspectionId}/findings`).set(inspector('insp-a')).send({ findings: [] })), 400, 'VALIDATION.FAILED');
      expectError(await refused(() => t.http.post(`/inspections/${inspectionId}/start`).set(inspector('insp-c')).send({})), 403, 'INSPECTION.FORBIDDEN');
      expect((await t.http.post(`/inspections/${inspectionId}/start`).set(inspector('insp-a')).send({})).status).toBe(200);
      expectError(await refused(() => t.http.post(`/inspections/${inspectionId}/start`).set(inspector('insp-b')).send({})), 409, 'INSPECTION.ALREADY_STARTED');
      const res = await t.http
        .post(`/inspections/${inspectionId}/findings`)
        .set(inspector('insp-b'))
        .send({ findings: [{ indicator: '洁净空气量', declaredValue: '≥500', measuredValue: '455', unit: 'm³/h', testMethod: 'GB/T 18801-2022 附录B', conforming: false }] });
      expect(res.status).toBe(200);
      await t.settled();
      const mine = await t.http.get('/inspections').set(inspector('insp-a'));
      expect(mine.body.items.map((i: Json) => i.inspectionId)).toEqual([inspectionId]);
      expect((await t.http.get('/inspections').set(inspector('insp-c'))).body.items).toEqual([]);
      expectError(await t.http.get(`/inspections/${inspectionId}`).set(inspector('insp-c')), 403, 'INSPECTION.FORBIDDEN');
    });

    it('completes non-conforming against the declaration version in force on the production date', async () => {
      const complete = (body: Json) => t.http.post(`/inspections/${inspectionId}/complete`).set(inspector('insp-a')).send(body);
      expect(fieldsOf(await refused(() => complete({ outcome: 'non_conforming' })))).toEqual(['productionDate']);
      // Produced the day before the first declaration: nothing was in force then.
      expectError(await refused(() => complete({ outcome: 'non_conforming', productionDate: addDays(today(), -1) })), 422, 'INSPECTION.NO_DECLARATION_IN_FORCE');
      expectError(await refused(() => complete({ outcome: 'conforming', productionDate: today() })), 422, 'INSPECTION.OUTCOME_CONTRADICTS_FINDINGS');
      const res = await complete({ outcome: 'non_conforming', productionDate: today(), note: '洁净空气量低于声明值' });
      expect(res.status).toBe(200);
      await t.settled();
      const view = await t.http.get(`/inspections/${inspectionId}`).set(shenzhen());
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({
        status: 'completed',
        outcome: 'non_conforming',
        productionDate: today(),
        declaration: { declarationId, version: 1, standardNumber: 'Q/E2E 001-2026' },
        nonConformingIndicators: ['洁净空气量'],
        inspectorIds: ['insp-a', 'insp-b'],
        origin: { type: 'targeted', source: 'report', reference: 'RPT-2026-001' },
        publication: { dueOn: addWorkingDays(today(), 20), publishedOn: null },
      });
      expect(view.body.judgedIndicators).toEqual([
        expect.objectContaining({ name: '洁净空气量', declaredValue: '≥500', conforming: false }),
        expect.objectContaining({ name: '待机功率', declaredValue: '≤2.0', conforming: null }),
      ]);
      expectError(await refused(() => complete({ outcome: 'non_conforming', productionDate: today() })), 409, 'INSPECTION.ALREADY_COMPLETED');
    });

    it('a supervisor publishes it; the public list shows it without inspectors', async () => {
      expect((await t.http.get('/inspection-results').query({ uscc: ENTERPRISE })).body.items).toEqual([]);
      expectError(await refused(() => t.http.post(`/inspections/${inspectionId}/publish`).set(inspector('insp-a')).send({})), 403, 'ACCESS.ROLE_NOT_ALLOWED');
      expectError(await refused(() => t.http.post(`/inspections/${inspectionId}/publish`).set(guangzhou()).send({})), 403, 'INSPECTION.FORBIDDEN');
      const res = await t.http.post(`/inspections/${inspectionId}/publish`).set(shenzhen()).send({});
      expect(res.status).toBe(200);
      expectError(await refused(() => t.http.post(`/inspections/${inspectionId}/publish`).set(shenzhen()).send({})), 409, 'INSPECTION.ALREADY_PUBLISHED');
      await t.settled();
      const list = await t.http.get('/inspection-results').query({ uscc: ENTERPRISE });
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([
        {
          inspectionId,
          uscc: ENTERPRISE,
          enterpriseName: '深圳净化电器有限公司',
          product: PRODUCT,
          outcome: 'non_conforming',
          inspectionType: 'targeted',
          standardNumber: 'Q/E2E 001-2026',
          nonConformingIndicators: ['洁净空气量'],
          completedOn: today(),
          publishedOn: today(),
          authority: '440300',
        },
      ]);
      expect(JSON.stringify(list.body)).not.toContain('insp-');
      const view = await t.http.get(`/inspections/${inspectionId}`).set(shenzhen());
      expect(view.body.publication).toMatchObject({ publishedOn: today(), late: false });
    });
  });

  describe('a random task from a draw, and the publication deadline', () => {
    const planId = 'plan-e2e-1';
    let randomId = '';

    it('the policy opens one task per assignment of InspectionsDrawn; a replay creates nothing new', async () => {
      // The event is appended directly: a real draw needs a fixed pool, a committed secret and a plan, which
      // the planning routes own; this test is about the tasks created from the draw's assignments.
      const drawn = {
        type: 'InspectionsDrawn',
        data: {
          planId,
          jurisdiction: '440300',
          drawnOn: today(),
          input: { planId, authority: '440300', drawnOn: today() },
          result: { planId, assignments: [{ uscc: ENTERPRISE, productKey: JSON.stringify([PRODUCT.name, PRODUCT.model]), inspectorIds: ['insp-a', 'insp-b'] }] },
          poolBasis: null,
        },
        metadata: systemMetadata(),
      };
      await t.engine.store.appendToStream(`inspection-plan-${planId}`, [drawn], { expectedRevision: 'any' });
      await t.settled();
      const list = await t.http.get('/inspections').set(shenzhen()).query({ planId, origin: 'random' });
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0]).toMatchObject({ origin: { type: 'random', planId }, uscc: ENTERPRISE, product: PRODUCT, inspectorIds: ['insp-a', 'insp-b'], status: 'open' });
      randomId = list.body.items[0].inspectionId as string;
      await t.engine.store.appendToStream(`inspection-plan-${planId}`, [drawn], { expectedRevision: 'any' });
      await t.settled();
      expect((await t.http.get('/inspections').set(shenzhen()).query({ planId })).body.items).toHaveLength(1);
      expect((await t.engine.store.readStream(inspectionStreamId(randomId))).map((e) => e.type)).toEqual(['InspectionOpened']);
    });

    it('an unpublished result is recorded overdue once the 20 working days pass', async () => {
      expect((await t.http.post(`/inspections/${randomId}/start`).set(inspector('insp-b')).send({})).status).toBe(200);
      expect((await t.http.post(`/inspections/${randomId}/complete`).set(inspector('insp-b')).send({ outcome: 'not_located' })).status).toBe(200);
      await t.settled();
      const due = addWorkingDays(today(), 20);
      const lifecycle = t.app.get(EngineLifecycle);
      expect(await lifecycle.runSchedules(new Date(`${due}T02:00:00Z`))).toBe(0);
      const later = new Date(`${addDays(due, 1)}T02:00:00Z`);
      expect(await lifecycle.runSchedules(later)).toBe(1);
      await t.settled();
      expect(await lifecycle.runSchedules(later)).toBe(0);
      const flags = await t.http.get('/inspections/publication-overdue').set(shenzhen());
      expect(flags.status).toBe(200);
      expect(flags.body.items).toEqual([expect.objectContaining({ inspectionId: randomId, publicationDueOn: due, overdueRecorded: true, outcome: 'not_located' })]);
      expectError(await t.http.get('/inspections/publication-overdue').set(inspector('insp-a')), 403, 'ACCESS.ROLE_NOT_ALLOWED');
      expect((await t.engine.store.readStream(inspectionStreamId(randomId))).filter((e) => e.type === 'ResultPublicationOverdue')).toHaveLength(1);
    });
  });

  describe('a targeted inspection on an escalated complaint', () => {
    it('the policy opens one with the complaint as its reference, once', async () => {
      // Appended directly: the escalation's own workflow belongs to the complaints routes; this checks the reaction.
      const escalated = {
        type: 'ComplaintEscalated',
        data: { complaintId: 'CMP-E2E-1', kind: 'complaint', reason: '多名消费者投诉', escalatedOn: today(), uscc: ENTERPRISE, jurisdiction: '440307', declarationId, product: PRODUCT },
        metadata: systemMetadata(),
      };
      await t.engine.store.appendToStream('complaint-CMP-E2E-1', [escalated], { expectedRevision: 'any' });
      await t.engine.store.appendToStream('complaint-CMP-E2E-1', [escalated], { expectedRevision: 'any' });
      await t.settled();
      const list = await t.http.get('/inspections').set(shenzhen()).query({ origin: 'targeted', uscc: ENTERPRISE });
      const fromComplaint = (list.body.items as Json[]).filter((i) => (i.origin as Json).reference === 'CMP-E2E-1');
      expect(fromComplaint).toEqual([expect.objectContaining({ authority: '440307', origin: { type: 'targeted', source: 'complaint', reference: 'CMP-E2E-1' }, status: 'open', inspectorIds: [] })]);
    });
  });
});
