import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EngineLifecycle } from '@regledger/engine';
import { clockFrom, startTestApp, type TestApp } from './support/test-app.js';
import { chinaDate, expectError, fieldsOf, refusedOn, uscc } from './support/http-expectations.js';

/** The API runs at this instant (then at the real pace), so every deadline stays inside the official working-day calendar whatever day the suite runs. */
const PINNED_NOW = '2026-11-16T02:00:00Z';
/** Today (China date) on the API's clock, before and after the app starts. */
const clock = clockFrom(PINNED_NOW);
const pinnedToday = (): string => chinaDate(clock());

type Json = Record<string, unknown>;

const ENTERPRISE = uscc('440305', 'MA5C00001');
const UNREGISTERED = uscc('440305', 'MA5C00002');

/** A complaint received on 2026-09-28 with every later step dated explicitly, so the deadlines do not depend on the real clock. */
const intake = (over: Json = {}): Json => ({
  kind: 'complaint',
  channel: '12315_hotline',
  uscc: ENTERPRISE,
  product: { name: '空气净化器', model: 'KJ500F-A1' },
  facts: '洁净空气量与声明的企业标准不符',
  complainant: { name: '张三', idNumber: '440305199001011234', phone: '13812345678', email: 'zhang.san@example.com', realName: true },
  harmKnownOn: '2026-09-01',
  receivedOn: '2026-09-28',
  jurisdiction: '440305',
  ...over,
});

describe('complaints over HTTP', () => {
  let t: TestApp;
  const refused = refusedOn(() => t);
  const handler = () => t.as('complaint_handler', '440300');
  const post = (path: string, body: object, auth = handler(), headers: Record<string, string> = {}) => t.http.post(path).set(auth).set(headers).send(body);
  const get = (path: string, auth = handler()) => t.http.get(path).set(auth);
  const received = async (body: Json = intake()): Promise<string> => {
    const res = await post('/complaints', body);
    expect({ status: res.status, type: res.body.events?.[0]?.type }).toEqual({ status: 201, type: 'ComplaintReceived' });
    return res.body.complaintId as string;
  };

  beforeAll(async () => {
    t = await startTestApp({ SCHEDULE_INTERVAL_MS: '0' }, { clock });
    const res = await t.http.post('/enterprises').set(t.as('admin', '000000')).send({
      uscc: ENTERPRISE,
      name: '深圳市洁净电器有限公司',
      jurisdiction: '440305',
      address: '广东省深圳市南山区科技园',
      industry: '家用电器制造业',
    });
    expect(res.status).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a complaint from intake to closing: accept, pause for testing, resume, mediate, close; the detail follows every step', async () => {
    const id = await received();
    expect((await post(`/complaints/${id}/accept`, { on: '2026-09-29' }, handler(), { 'If-Match': '"1"' })).status).toBe(200);
    await t.settled();
    const page = await get(`/complaints/${id}`);
    expect(page.status).toBe(200);
    expect(page.headers.etag).toBe('"2"');
    expect(page.body).toMatchObject({
      status: 'accepted',
      enterpriseRegistered: true,
      enterpriseName: '深圳市洁净电器有限公司',
      acceptanceDueOn: '2026-10-13',
      acceptedOn: '2026-09-29',
      mediationEndsOn: '2026-12-07',
      complainant: { name: '张三', phone: '13812345678', masked: false },
    });
    const pause = await post(`/complaints/${id}/testing-pause`, { from: '2026-10-08' });
    expect(pause.status).toBe(200);
    const resume = await post(`/complaints/${id}/testing-resume`, { on: '2026-10-10' });
    expect(resume.body.events[0].type).toBe('TestingResumed');
    expect((await post(`/complaints/${id}/mediation`, { outcome: 'agreement', summary: '退货退款', on: '2026-10-20' })).status).toBe(200);
    expect((await post(`/complaints/${id}/close`, { outcome: 'agreement', summary: '已履行', on: '2026-10-21' })).status).toBe(200);
    await t.settled();
    const closed = await get(`/complaints/${id}`);
    expect(closed.body).toMatchObject({ status: 'closed', mediationEndsOn: '2026-12-09', mediation: { outcome: 'agreement' }, closed: { outcome: 'agreement' }, deadlines: [], overdue: false });
    expect(closed.body.timeline.map((s: Json) => s.type)).toEqual(['ComplaintReceived', 'ComplaintAccepted', 'TestingPaused', 'TestingResumed', 'MediationRecorded', 'ComplaintClosed']);
  });

  it('a report from intake to closing: accept, extend, escalate, decide, tell the reporter, close', async () => {
    const id = await received(intake({ kind: 'report', harmKnownOn: undefined, receivedOn: '2026-09-21' }));
    await post(`/complaints/${id}/accept`, { on: '2026-09-21' });
    const extended = await post(`/complaints/${id}/verification-extension`, { reason: '需要送检', on: '2026-10-12' });
    expect(extended.body.events[0].type).toBe('VerificationExtended');
    const escalated = await post(`/complaints/${id}/escalate`, { reason: '涉嫌不符合声明标准', on: '2026-10-12' });
    expect(escalated.status).toBe(200);
    const events = await t.engine.store.readStream(`complaint-${id}`);
    expect(events.find((e) => e.type === 'ComplaintEscalated')?.data).toEqual({
      complaintId: id,
      kind: 'report',
      reason: '涉嫌不符合声明标准',
      escalatedOn: '2026-10-12',
      uscc: ENTERPRISE,
      jurisdiction: '440305',
      declarationId: null,
      product: { name: '空气净化器', model: 'KJ500F-A1' },
    });
    await post(`/complaints/${id}/case-decision`, { openCase: true, reason: '涉嫌虚假声明', on: '2026-10-13' });
    // The escalation policy opens a targeted inspection in the background: let it finish before counting events.
    await t.settled();
    expectError(await refused(() => post(`/complaints/${id}/close`, { outcome: 'case_decided', summary: '已立案' })), 422, 'COMPLAINT.REPORTER_NOTICE_PENDING');
    expect((await post(`/complaints/${id}/reporter-notification`, { on: '2026-10-16' })).body.events[0].type).toBe('ReporterNotified');
    expect((await post(`/complaints/${id}/close`, { outcome: 'case_decided', summary: '已立案' })).status).toBe(200);
    await t.settled();
    expect((await get(`/complaints/${id}`)).body).toMatchObject({
      status: 'closed',
      verification: { dueOn: '2026-11-09', extended: true },
      caseDecision: { openCase: true, decidedOn: '2026-10-13' },
      reporterNotice: { dueOn: '2026-10-20', notifiedOn: '2026-10-16', late: false },
    });
  });

  it('masking: handlers and supervisors of the jurisdiction and admin see the complainant; inspectors, analysts and the enterprise read it masked; the public is refused', async () => {
    const id = await received();
    await t.settled();
    for (const auth of [t.as('supervisor', '440000'), t.as('admin', '000000')]) expect((await get(`/complaints/${id}`, auth)).body.complainant.masked).toBe(false);
    const masked = { name: '张*', idNumber: '4****************4', phone: '138****5678', email: 'z***@example.com', realName: true, masked: true };
    for (const auth of [t.as('inspector', '440300'), t.as('analyst', '440000'), t.as('enterprise', '440305', { uscc: ENTERPRISE })]) {
      expect((await get(`/complaints/${id}`, auth)).body.complainant).toEqual(masked);
    }
    expectError(await get(`/complaints/${id}`, t.as('complaint_handler', '440100')), 403, 'COMPLAINT.FORBIDDEN');
    expectError(await get(`/complaints/${id}`, t.as('enterprise', '440305', { uscc: UNREGISTERED })), 403, 'COMPLAINT.FORBIDDEN');
    expectError(await t.http.get(`/complaints/${id}`), 401, 'AUTH.TOKEN_MISSING');
    const stats = await t.http.get('/complaints/statistics?jurisdiction=440000');
    expect(stats.status).toBe(200);
    expect(JSON.stringify(stats.body)).not.toContain('张');
  });

  it('refusals: jurisdiction 403, validation 400 naming the field, unknown id 404, rule 422, stale If-Match 409 — nothing written', async () => {
    expectError(await refused(() => post('/complaints', intake(), t.as('complaint_handler', '440100'))), 403, 'COMPLAINT.FORBIDDEN');
    expectError(await refused(() => post('/complaints', intake(), t.as('inspector', '440300'))), 403, 'ACCESS.ROLE_NOT_ALLOWED');
    const bad = await refused(() => post('/complaints', intake({ receivedOn: '28/09/2026', kind: 'gripe' })));
    expectError(bad, 400, 'VALIDATION.FAILED');
    expect(fieldsOf(bad)).toEqual(['kind', 'receivedOn']);
    const future = await refused(() => post('/complaints', intake({ receivedOn: '2099-01-01' })));
    expect(future.status).toBe(400);
    expect(fieldsOf(future)).toEqual(['receivedOn']);
    expectError(await refused(() => post('/complaints/not-a-uuid/accept', {})), 404, 'COMPLAINT.NOT_FOUND');
    expectError(await refused(() => post('/complaints/0197a000-0000-7000-8000-000000000000/accept', {})), 404, 'COMPLAINT.NOT_FOUND');
    expectError(await get('/complaints/0197a000-0000-7000-8000-000000000000'), 404, 'COMPLAINT.NOT_FOUND');
    expectError(await refused(() => post('/complaints', intake({ declarationId: `${ENTERPRISE}-0197a000-0000-7000-8000-000000000001` }))), 422, 'COMPLAINT.DECLARATION_NOT_FOUND');
    const id = await received();
    expectError(await refused(() => post(`/complaints/${id}/mediation`, { outcome: 'agreement', summary: 'x' })), 422, 'COMPLAINT.NOT_ACCEPTED');
    expectError(await refused(() => post(`/complaints/${id}/accept`, { on: '2026-09-27' })), 422, 'COMPLAINT.DATE_OUT_OF_ORDER');
    expectError(await refused(() => post(`/complaints/${id}/accept`, {}, handler(), { 'If-Match': '"7"' })), 409, 'COMPLAINT.VERSION_MISMATCH');
  });

  it('an unregistered USCC is received as a lead with enterpriseRegistered false', async () => {
    const id = await received(intake({ uscc: UNREGISTERED }));
    await t.settled();
    expect((await get(`/complaints/${id}`)).body).toMatchObject({ uscc: UNREGISTERED, enterpriseRegistered: false, enterpriseName: null });
  });

  it('an idempotent retry answers the first result and records nothing', async () => {
    const key = { 'Idempotency-Key': 'intake-retry-1' };
    const first = await post('/complaints', intake(), handler(), key);
    const before = await t.eventCount();
    const again = await post('/complaints', intake(), handler(), key);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.complaintId).toBe(first.body.complaintId);
    expect(await t.eventCount()).toBe(before);
  });

  it('queue and overdue counts: overdue items first, then by due date; the schedule records each missed deadline once', async () => {
    const scope = '440306';
    const h = t.as('complaint_handler', scope);
    const old = (await post('/complaints', intake({ jurisdiction: scope, receivedOn: '2026-09-01' }), h)).body.complaintId as string;
    const older = (await post('/complaints', intake({ jurisdiction: scope, receivedOn: '2026-08-03', harmKnownOn: '2026-08-01' }), h)).body.complaintId as string;
    const fresh = (await post('/complaints', intake({ jurisdiction: scope, receivedOn: pinnedToday(), harmKnownOn: undefined }), h)).body.complaintId as string;
    await t.settled();
    const queue = await get('/complaints/queue', h);
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i: Json) => i.complaintId)).toEqual([older, old, fresh]);
    expect(queue.body.items.map((i: Json) => i.overdue)).toEqual([true, true, false]);
    expect(queue.body.items[0].nextDeadline).toEqual({ deadline: 'acceptance', dueOn: '2026-08-12', overdue: true });
    const counts = await get('/complaints/overdue-counts', h);
    expect(counts.body.jurisdictions).toEqual([{ jurisdiction: scope, open: 3, overdue: 2, byDeadline: { acceptance: 2 } }]);
    const listed = await get('/complaints?overdue=true&limit=100', h);
    expect(listed.body.items.map((i: Json) => i.complaintId).sort()).toEqual([old, older].sort());

    const lifecycle = t.app.get(EngineLifecycle);
    const before = await t.eventCount();
    await lifecycle.runSchedules(clock());
    await t.settled();
    const missed = (await t.engine.store.readStream(`complaint-${old}`)).filter((e) => e.type === 'ComplaintDeadlineMissed');
    expect(missed.map((e) => e.data)).toEqual([{ complaintId: old, deadline: 'acceptance', dueOn: '2026-09-10', recordedOn: pinnedToday(), jurisdiction: scope }]);
    expect(missed[0].metadata).toMatchObject({ actorRole: 'system' });
    const after = await t.eventCount();
    expect(after).toBeGreaterThan(before);
    await lifecycle.runSchedules(clock());
    await t.settled();
    expect(await t.eventCount()).toBe(after);
    expect((await get(`/complaints/${old}`, h)).body.missedDeadlines).toEqual([{ deadline: 'acceptance', dueOn: '2026-09-10', recordedOn: pinnedToday() }]);
  });
});
