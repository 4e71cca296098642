import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EventMetadata } from '@regledger/event-store';
import { addWorkingDays } from '@regledger/shared';
import { inspectionStreamId } from '@regledger/inspections/contracts';
import { clockFrom, startTestApp, type TestApp } from './support/test-app.js';
import { addDays, chinaDate, expectError, fieldsOf, refusedOn, uscc } from './support/http-expectations.js';

/** The API runs at this instant (then at the real pace), so every deadline stays inside the official working-day calendar whatever day the suite runs. */
const PINNED_NOW = '2026-11-16T02:00:00Z';
const clock = clockFrom(PINNED_NOW);
const today = (): string => chinaDate(clock());

type Json = Record<string, unknown>;

const PRODUCT = { name: '空气净化器', model: 'KJ500G-ENF' };

const content = (): Json => ({
  standard: { kind: 'enterprise', number: 'Q/ENF 001-2026', title: '空气净化器企业标准', mandatory: false, issuedOn: addDays(today(), -5) },
  products: [{ ...PRODUCT, category: 'air_purifier' }],
  indicators: [{ name: '洁净空气量', type: 'performance', value: '≥500', unit: 'm³/h', testMethod: 'GB/T 18801-2022 附录B' }],
  fullTextDisclosed: false,
  firstSaleOn: null,
  belowRecommended: { flagged: false, referenceStandard: null, explanation: null },
});

const fixtureMetadata = (): EventMetadata => ({
  actorId: 'test-fixture',
  actorRole: 'system',
  jurisdiction: '000000',
  correlationId: 'e2e',
  causationId: null,
  idempotencyKey: null,
  reason: null,
});

describe('enforcement over HTTP', () => {
  let t: TestApp;
  const refused = refusedOn(() => t);
  const ENTERPRISE = uscc('440307', 'MA5ENF001');
  const OTHER = uscc('440307', 'MA5ENF002');
  const admin = () => t.as('admin', '000000');
  const shenzhen = () => t.as('supervisor', '440300');
  const guangzhou = () => t.as('supervisor', '440100');
  const inspector = (id: string) => t.as('inspector', '440300', { sub: id });

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    for (const [code, name] of [
      [ENTERPRISE, '深圳净化电器有限公司'],
      [OTHER, '深圳另一电器有限公司'],
    ]) {
      const reg = await t.http.post('/enterprises').set(admin()).send({ uscc: code, name, jurisdiction: '440307', address: '广东省深圳市南山区', industry: '家用电器制造业' });
      expect(reg.status).toBe(201);
    }
    const declared = await t.http.post('/declarations').set(t.as('enterprise', '440307', { uscc: ENTERPRISE, sub: 'ent-user' })).send({ uscc: ENTERPRISE, content: content() });
    expect(declared.status).toBe(201);
    for (const id of ['insp-a', 'insp-b']) {
      const res = await t.http.post('/inspectors').set(shenzhen()).send({ inspectorId: id, name: `检查员${id}`, jurisdiction: '440300', qualifications: [], conflicts: [] });
      expect(res.status).toBe(201);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  /** Assigns two inspectors, starts and completes an inspection through the inspections API. */
  const carryOut = async (inspectionId: string, completion: Json, findings: Json[] = []): Promise<void> => {
    expect((await t.http.post(`/inspections/${inspectionId}/assign`).set(shenzhen()).send({ inspectorIds: ['insp-a', 'insp-b'] })).status).toBe(200);
    expect((await t.http.post(`/inspections/${inspectionId}/start`).set(inspector('insp-a')).send({})).status).toBe(200);
    if (findings.length) expect((await t.http.post(`/inspections/${inspectionId}/findings`).set(inspector('insp-a')).send({ findings })).status).toBe(200);
    const done = await t.http.post(`/inspections/${inspectionId}/complete`).set(inspector('insp-a')).send(completion);
    expect(done.status).toBe(200);
    await t.settled();
  };

  describe('a matter opened by a failed spot check', () => {
    let matterId = '';

    it('the policy opens a matter on a non-conforming inspection', async () => {
      const opened = await t.http.post('/inspections/targeted').set(shenzhen()).send({ uscc: ENTERPRISE, source: 'report', reference: 'RPT-ENF-1', product: PRODUCT, description: '举报' });
      expect(opened.status).toBe(201);
      await carryOut(opened.body.inspectionId as string, { outcome: 'non_conforming', productionDate: today() }, [
        { indicator: '洁净空气量', declaredValue: '≥500', measuredValue: '420', unit: 'm³/h', testMethod: 'GB/T 18801-2022 附录B', conforming: false },
      ]);
      const list = await t.http.get('/matters').set(shenzhen()).query({ uscc: ENTERPRISE });
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(1);
      matterId = list.body.items[0].matterId as string;
      expect(list.body.items[0]).toMatchObject({
        uscc: ENTERPRISE,
        jurisdiction: '440300',
        status: 'open',
        subject: { kind: 'product', product: PRODUCT },
        openedOn: today(),
        triggers: [{ kind: 'failed_inspection', reference: opened.body.inspectionId }],
      });
      expect(matterId).toMatch(new RegExp(`^${ENTERPRISE}-[0-9a-f]{16}-1$`));
    });

    it('refuses steps out of order, other jurisdictions, reader roles, stale If-Match and bad input', async () => {
      expectError(await refused(() => t.http.post(`/matters/${matterId}/correction`).set(shenzhen()).send({})), 409, 'MATTER.STEP_OUT_OF_ORDER');
      expectError(await refused(() => t.http.post(`/matters/${matterId}/public-notice`).set(shenzhen()).send({})), 409, 'MATTER.STEP_OUT_OF_ORDER');
      expectError(await refused(() => t.http.post(`/matters/${matterId}/stop-sale`).set(guangzhou()).send({})), 403, 'MATTER.FORBIDDEN');
      expectError(await refused(() => t.http.post(`/matters/${matterId}/stop-sale`).set(inspector('insp-a')).send({})), 403, 'ACCESS.ROLE_NOT_ALLOWED');
      expectError(await refused(() => t.http.post(`/matters/${matterId}/stop-sale`).set(shenzhen()).set('If-Match', '"9"').send({})), 409, 'STREAM.WRONG_EXPECTED_REVISION');
      expectError(await refused(() => t.http.post(`/matters/${matterId}/stop-sale`).set(shenzhen()).send({ on: addDays(today(), 1) })), 400, 'MATTER.VALIDATION_FAILED');
      expectError(await refused(() => t.http.post('/matters/no-such-matter/stop-sale').set(shenzhen()).send({})), 404, 'MATTER.NOT_FOUND');
      const bad = await refused(() => t.http.post(`/matters/${matterId}/follow-up`).set(shenzhen()).send({ round: 5 }));
      expectError(bad, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(bad)).toEqual(['round']);
    });

    it('orders the stop of sales and the correction: 60 days to correct, follow-up due in 75', async () => {
      const stop = await t.http.post(`/matters/${matterId}/stop-sale`).set(shenzhen()).set('If-Match', '"0"').set('Idempotency-Key', 'stop-1').send({});
      expect(stop.status).toBe(200);
      expect(stop.body.events).toEqual([expect.objectContaining({ type: 'StopSaleOrdered' })]);
      const again = await t.http.post(`/matters/${matterId}/stop-sale`).set(shenzhen()).set('Idempotency-Key', 'stop-1').send({});
      expect({ status: again.status, replayed: again.body.replayed }).toEqual({ status: 200, replayed: true });
      expect((await t.http.post(`/matters/${matterId}/correction`).set(shenzhen()).send({})).status).toBe(200);
      await t.settled();
      const view = await t.http.get(`/matters/${matterId}`).set(shenzhen());
      expect(view.body).toMatchObject({
        stopSaleOn: today(),
        correction: { orderedOn: today(), correctionDueOn: addDays(today(), 60), followUpDueOn: addDays(today(), 75) },
        nextDeadline: { deadline: 'follow_up', dueOn: addDays(today(), 75), overdue: false },
      });
      expect(view.body.timeline.map((s: Json) => s.type)).toEqual(['MatterOpened', 'StopSaleOrdered', 'CorrectionOrdered']);
    });

    it('requests follow-up round 1: the inspections context opens it, and its failed outcome comes back to the matter', async () => {
      const res = await t.http.post(`/matters/${matterId}/follow-up`).set(shenzhen()).send({ round: 1 });
      expect(res.status).toBe(200);
      expect(res.body.events).toEqual([expect.objectContaining({ type: 'FollowUpInspectionRequested' })]);
      await t.settled();
      const matter = await t.http.get(`/matters/${matterId}`).set(shenzhen());
      const inspectionId = matter.body.followUps[0].inspectionId as string;
      expect(matter.body.followUps[0]).toMatchObject({ round: 1, dueOn: addDays(today(), 75), result: null });
      const task = await t.http.get(`/inspections/${inspectionId}`).set(shenzhen());
      expect(task.status).toBe(200);
      expect(task.body.origin).toMatchObject({ type: 'follow_up', matterId, round: 1 });
      await carryOut(inspectionId, { outcome: 'not_located', note: '未找到产品' });
      const after = await t.http.get(`/matters/${matterId}`).set(shenzhen());
      expect(after.body.followUps[0].result).toEqual({ outcome: 'not_located', passed: false, completedOn: today() });
      expect(after.body.status).toBe('open');
    });

    it('issues the public notice; round 2 is refused before 60 days have passed', async () => {
      const notice = await t.http.post(`/matters/${matterId}/public-notice`).set(shenzhen()).send({});
      expect(notice.status).toBe(200);
      await t.settled();
      expect((await t.http.get(`/matters/${matterId}`).set(shenzhen())).body.publicNotice).toEqual({ issuedOn: today(), earliestOn: addDays(today(), 60), dueOn: addDays(today(), 90) });
      expectError(await refused(() => t.http.post(`/matters/${matterId}/follow-up`).set(shenzhen()).send({ round: 2 })), 422, 'MATTER.FOLLOW_UP_TOO_EARLY');
      expectError(await refused(() => t.http.post(`/matters/${matterId}/suspension`).set(shenzhen()).send({})), 409, 'MATTER.STEP_OUT_OF_ORDER');
    });

    it('reads: an inspector of the jurisdiction and the enterprise itself; not another enterprise nor the public', async () => {
      expect((await t.http.get(`/matters/${matterId}`).set(inspector('insp-a'))).status).toBe(200);
      expect((await t.http.get(`/matters/${matterId}`).set(t.as('enterprise', '440307', { uscc: ENTERPRISE }))).status).toBe(200);
      expectError(await t.http.get(`/matters/${matterId}`).set(t.as('enterprise', '440307', { uscc: OTHER })), 403, 'MATTER.FORBIDDEN');
      expectError(await t.http.get(`/matters/${matterId}`).set(t.as('supervisor', '440100')), 403, 'MATTER.FORBIDDEN');
      expect((await t.http.get(`/matters/${matterId}`)).status).toBe(401);
      const work = await t.http.get('/enforcement/worklist').set(shenzhen());
      expect(work.status).toBe(200);
      expect(work.body.items).toContainEqual(expect.objectContaining({ kind: 'matter', id: matterId, nextDeadline: { deadline: 'follow_up', dueOn: addDays(today(), 90), overdue: false } }));
    });
  });

  describe('the whole path to revocation on a matter recorded by hand', () => {
    let matterId = '';

    /**
     * A completed inspection's date is the day of the request, so three follow-ups 60–90 days apart cannot be
     * carried out through the inspections routes inside the working-day calendar; their completions are appended
     * to the log as the inspections context records them, dated in the past, and the policy reacts to them.
     */
    const followUpCompleted = async (round: number, completedOn: string, outcome: string): Promise<void> => {
      const matter = await t.http.get(`/matters/${matterId}`).set(shenzhen());
      const inspectionId = (matter.body.followUps as Json[]).find((f) => f.round === round)?.inspectionId as string;
      await t.engine.store.appendToStream(
        inspectionStreamId(inspectionId),
        [
          {
            type: 'InspectionCompleted',
            data: {
              inspectionId,
              origin: { type: 'follow_up', matterId, round, dueOn: completedOn },
              uscc: OTHER,
              authority: '440300',
              product: PRODUCT,
              productKey: JSON.stringify([PRODUCT.name, PRODUCT.model]),
              inspectorIds: ['insp-a', 'insp-b'],
              outcome,
              completedOn,
              publicationDueOn: addWorkingDays(completedOn, 20),
              productionDate: null,
              declaration: null,
              judgedIndicators: [],
              nonConformingIndicators: [],
              note: null,
            },
            metadata: fixtureMetadata(),
          },
        ],
        { expectedRevision: 'any' },
      );
      await t.settled();
    };

    // The inspections context's schedules react to these past completions meanwhile, so the log may grow during a refusal here.
    const post = (step: string, body: Json) => t.http.post(`/matters/${matterId}/${step}`).set(shenzhen()).send(body);

    it('records, orders, follows up three times, and revokes the licence; the matter closes as revoked', async () => {
      const res = await t.http
        .post('/matters')
        .set(shenzhen())
        .send({ uscc: OTHER, jurisdiction: '440300', subject: { kind: 'product', product: PRODUCT }, occurredOn: '2026-06-01', reference: 'SZ-2026-061' });
      expect(res.status).toBe(201);
      matterId = res.body.matterId as string;
      expect(res.headers.location).toBe(`/matters/${matterId}`);
      expect((await post('stop-sale', { on: '2026-06-01' })).status).toBe(200);
      expect((await post('correction', { on: '2026-06-02' })).status).toBe(200);
      expect((await post('follow-up', { round: 1, on: '2026-06-02' })).status).toBe(200);
      await t.settled();
      await followUpCompleted(1, '2026-08-10', 'non_conforming');
      expectError(await post('public-notice', { on: '2026-08-09' }), 422, 'MATTER.DATE_OUT_OF_ORDER');
      expect((await post('public-notice', { on: '2026-08-12' })).status).toBe(200);
      expectError(await post('follow-up', { round: 2, on: '2026-10-10' }), 422, 'MATTER.FOLLOW_UP_TOO_EARLY');
      expect((await post('follow-up', { round: 2, on: '2026-10-11' })).status).toBe(200);
      await t.settled();
      await followUpCompleted(2, '2026-10-20', 'not_located');
      expect((await post('suspension', { on: '2026-10-21' })).status).toBe(200);
      expect((await post('follow-up', { round: 3, on: '2026-10-22' })).status).toBe(200);
      await t.settled();
      expectError(await post('revocation', { on: '2026-11-12' }), 409, 'MATTER.STEP_OUT_OF_ORDER');
      await followUpCompleted(3, '2026-11-10', 'non_conforming');
      const revoked = await post('revocation', { on: '2026-11-12' });
      expect(revoked.status).toBe(200);
      expect(revoked.body.events.map((e: Json) => e.type)).toEqual(['LicenceRevoked', 'MatterClosed']);
      await t.settled();
      const view = await t.http.get(`/matters/${matterId}`).set(shenzhen());
      expect(view.body).toMatchObject({
        status: 'closed',
        closed: { outcome: 'revoked', closedOn: '2026-11-12' },
        publicNotice: { issuedOn: '2026-08-12', earliestOn: '2026-10-11', dueOn: '2026-11-10' },
        suspension: { orderedOn: '2026-10-21', rectificationDueOn: '2027-01-19' },
        revokedOn: '2026-11-12',
        deadlines: [],
      });
      expect(view.body.followUps.map((f: Json) => [f.round, (f.result as Json).passed])).toEqual([
        [1, false],
        [2, false],
        [3, false],
      ]);
      expectError(await post('close', { outcome: 'dismissed', reason: 'x' }), 409, 'MATTER.CLOSED');
    });
  });

  describe('a case from lead to penalty, and the public penalty list', () => {
    const CASE = '0197b000-0000-7000-8000-0000000000e1';
    const WARNED = '0197b000-0000-7000-8000-0000000000e2';
    const post = (id: string, step: string, body: Json) => t.http.post(`/cases/${id}/${step}`).set(shenzhen()).send(body);
    const lead = (caseId: string): Json => ({ caseId, uscc: ENTERPRISE, jurisdiction: '440307', source: { kind: 'inspection', reference: 'RPT-ENF-1' }, summary: '涉嫌生产不符合标准的产品', discoveredOn: '2026-09-01' });

    it('registers a lead; refuses bad input by field, other jurisdictions and reader roles', async () => {
      const bad = await refused(() => t.http.post('/cases').set(shenzhen()).send({ ...lead(CASE), caseId: 'case-1' }));
      expectError(bad, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(bad)).toEqual(['caseId']);
      expectError(await refused(() => t.http.post('/cases').set(guangzhou()).send(lead(CASE))), 403, 'CASE.FORBIDDEN');
      expectError(await refused(() => t.http.post('/cases').set(inspector('insp-a')).send(lead(CASE))), 403, 'ACCESS.ROLE_NOT_ALLOWED');
      const res = await t.http.post('/cases').set(shenzhen()).send(lead(CASE));
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/cases/${CASE}`);
      expectError(await refused(() => t.http.post('/cases').set(shenzhen()).send(lead(CASE))), 409, 'CASE.ALREADY_EXISTS');
      expectError(await refused(() => post(CASE, 'decision', { penalties: [], sector: 'general', legalBasis: 'x' })), 409, 'CASE.STEP_OUT_OF_ORDER');
    });

    it('extends the verification, opens, pauses, resumes and extends the decision deadline', async () => {
      const verificationDueOn = addWorkingDays('2026-09-01', 15);
      expect((await post(CASE, 'verification-extension', { reason: '调取证据', on: '2026-09-10' })).status).toBe(200);
      expect((await post(CASE, 'open', { on: '2026-09-15' })).status).toBe(200);
      expect((await post(CASE, 'pause', { kind: 'testing', from: '2026-09-20' })).status).toBe(200);
      expectError(await refused(() => post(CASE, 'decision', { penalties: [], sector: 'general', legalBasis: 'x' })), 409, 'CASE.PAUSED');
      expect((await post(CASE, 'resume', { on: '2026-10-10' })).status).toBe(200);
      expect((await post(CASE, 'decision-extension', { approvalReference: '深市监延〔2026〕12号', on: '2026-10-12' })).status).toBe(200);
      expectError(await refused(() => post(CASE, 'decision-extension', { approvalReference: '再延', on: '2026-10-13' })), 409, 'CASE.ALREADY_EXTENDED');
      await t.settled();
      const view = await t.http.get(`/cases/${CASE}`).set(shenzhen());
      expect(view.body).toMatchObject({
        status: 'open',
        verificationDueOn: addWorkingDays(verificationDueOn, 15),
        verificationExtended: true,
        openedOn: '2026-09-15',
        pauses: [{ kind: 'testing', from: '2026-09-20', resumedOn: '2026-10-10', days: 20 }],
        decisionDueOn: addDays(addDays(addDays('2026-09-15', 90), 20), 30),
      });
      expect(view.body.timeline.map((s: Json) => s.type)).toEqual([
        'LeadRegistered',
        'LeadVerificationExtended',
        'CaseOpened',
        'CasePaused',
        'CaseResumed',
        'DecisionDeadlineExtended',
      ]);
    });

    it('decides a fine and a warning, publishes it, and the public list shows it with public fields only', async () => {
      const decided = await post(CASE, 'decision', { penalties: [{ kind: 'fine', amountYuan: 50000 }, { kind: 'warning' }], sector: 'general', legalBasis: '《产品质量法》第四十九条', on: '2026-11-10' });
      expect(decided.status).toBe(200);
      expect(decided.body.events.map((e: Json) => e.type)).toEqual(['PenaltyDecided', 'CaseClosed']);
      await t.settled();
      expect((await t.http.get(`/cases/${CASE}`).set(shenzhen())).body.decision).toMatchObject({
        heavy: false,
        publication: { required: true, dueOn: addWorkingDays('2026-11-10', 20), window: '3_months' },
      });
      expect((await t.http.get('/penalties').query({ uscc: ENTERPRISE })).body.items).toEqual([]);
      expect((await post(CASE, 'publication', {})).status).toBe(200);
      expectError(await refused(() => post(CASE, 'publication', {})), 409, 'CASE.ALREADY_PUBLISHED');
      await t.settled();
      const list = await t.http.get('/penalties').query({ uscc: ENTERPRISE });
      expect(list.status).toBe(200);
      const entry = {
        caseId: CASE,
        uscc: ENTERPRISE,
        enterpriseName: '深圳净化电器有限公司',
        penalties: [
          { kind: 'fine', amountYuan: 50000 },
          { kind: 'warning', amountYuan: null },
        ],
        legalBasis: '《产品质量法》第四十九条',
        decidedOn: '2026-11-10',
        publishedOn: today(),
        shownUntil: '2027-02-15',
        authority: '440307',
      };
      expect(list.body.items).toEqual([entry]);
      expect((await t.http.get(`/penalties/${CASE}`)).body).toEqual(entry);
      expectError(await t.http.get('/penalties/0197b000-0000-7000-8000-0000000000ff'), 404, 'CASE.NOT_FOUND');
    });

    it('a bare warning is decided but never published', async () => {
      expect((await t.http.post('/cases').set(shenzhen()).send(lead(WARNED))).status).toBe(201);
      expect((await post(WARNED, 'open', { on: '2026-09-02' })).status).toBe(200);
      expect((await post(WARNED, 'decision', { penalties: [{ kind: 'warning' }], sector: 'general', legalBasis: '《标准化法》第三十八条', on: '2026-09-03' })).status).toBe(200);
      expectError(await refused(() => post(WARNED, 'publication', {})), 409, 'CASE.NOT_PUBLISHABLE');
      await t.settled();
      expect((await t.http.get('/penalties').query({ uscc: ENTERPRISE })).body.items.map((p: Json) => p.caseId)).toEqual([CASE]);
    });

    it('reads: the enterprise sees its own cases, an analyst all, the other enterprise none', async () => {
      expect((await t.http.get(`/cases/${CASE}`).set(t.as('enterprise', '440307', { uscc: ENTERPRISE }))).status).toBe(200);
      expectError(await t.http.get(`/cases/${CASE}`).set(t.as('enterprise', '440307', { uscc: OTHER })), 403, 'CASE.FORBIDDEN');
      const all = await t.http.get('/cases').set(t.as('analyst', '000000'));
      expect(all.body.items.map((c: Json) => c.caseId).sort()).toEqual([CASE, WARNED].sort());
      expect((await t.http.get('/cases').set(t.as('enterprise', '440307', { uscc: OTHER }))).body.items).toEqual([]);
    });
  });
});
