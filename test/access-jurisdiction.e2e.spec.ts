import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { ROLES, type Role } from '@regledger/shared';
import { clockFrom, startTestApp, type TestApp } from './support/test-app.js';
import { addDays, chinaDate } from './support/http-expectations.js';
import { ACCESS_TABLE, appRoutes, type AppRoute } from './support/route-table.js';
import { usccOf, type Json } from './support/arbitraries.js';
import { followUpInspectionIdFor } from '../libs/enforcement/src/domain/matter/matter.rules.js';

/**
 * Jurisdiction and ownership of every route, over HTTP (domain.md §1: a user acts only inside its jurisdiction; an
 * enterprise sees and acts on its own records only). Every route the app serves (from Nest's metadata) × every role
 * its rule admits × a token inside the resource's jurisdiction and one outside (for an enterprise: its own USCC and
 * another's), each cell asserting the exact status and error code; lists answer 200 and show the resource inside
 * only. A route without a scope below fails.
 *
 * Every resource lies in Nanshan (440305) and belongs to the enterprise OWN; a Shenzhen (440300) token is inside, a
 * Guangzhou (440100) token outside. An enterprise token of OWN (440305) is "inside", one of OTHER (440106) "outside".
 * Write routes try the outside cell of every role first on one target, each refusal writing nothing; a cell that is
 * accepted consumes its target, so the next cell acts on a fresh one: every cell meets the same state.
 * ACCESS_DISCOVER=1 prints every cell's answer, e.g. to fill in the scope of a new route.
 */

const clock = clockFrom('2026-11-16T02:00:00Z');
const today = (): string => chinaDate(clock());
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

type Headers = Record<string, string>;
type Side = 'in' | 'out';

/** Where a cell points: path parameters, body, query, and for list routes the id that shows the resource is listed. */
interface Target {
  params?: Record<string, string>;
  body?: Json;
  query?: Record<string, string>;
  /** A list route: the id whose presence in the answer shows the resource (`200 listed` / `200 unlisted`). */
  needle?: string;
  /** The enterprise the target belongs to, for an enterprise's own token (defaults to OWN). */
  uscc?: string;
}

/**
 * The scope of one route:
 * - `public`: the same answer for every role, inside or outside;
 * - `everywhere`: the admitted roles act or read role-wide: the same answer inside and outside;
 * - `jurisdiction`: bound to the resource's jurisdiction (an enterprise to its own USCC); `anywhere` lists the
 *   roles that are not (admin, analyst reads), `outside` is the answer outside.
 * `overrides` sets a role's [inside, outside] answers where the domain answers otherwise (each says why).
 */
interface Scope {
  kind: 'public' | 'everywhere' | 'jurisdiction';
  /** The answer inside: `200`, `201`, `200 listed`, or `<status> <CODE>`. */
  ok: string;
  outside?: string;
  anywhere?: readonly Role[];
  overrides?: Partial<Record<Role, readonly [string, string]>>;
  /** The target; called again for a fresh one after a write cell was accepted. */
  target: () => Target | Promise<Target>;
}

const TOKEN_ROLES: Role[] = ROLES.filter((r) => r !== 'system');
const admittedRoles = (key: string): Role[] => {
  const rule = ACCESS_TABLE[key];
  return rule === 'public' ? TOKEN_ROLES : TOKEN_ROLES.filter((r) => rule.includes(r));
};

/** The expected [inside, outside] answers of a role on a route. */
const expectedFor = (scope: Scope, role: Role): readonly [string, string] => {
  const override = scope.overrides?.[role];
  if (override) return override;
  if (scope.kind !== 'jurisdiction' || (scope.anywhere ?? []).includes(role)) return [scope.ok, scope.ok];
  if (scope.outside === undefined) throw new Error('a jurisdiction scope names its outside answer');
  return [scope.ok, scope.outside];
};

const OWN = usccOf('440305', 'MA5AJ0001');
const OTHER = usccOf('440106', 'MA5AJ0002');
const OUTSIDE_INSPECTOR = 'AJ-OUT-01';
const PLAN_SECRET = 'access-jurisdiction-secret-long-enough-01';
const PRODUCT = { name: '空气净化器', model: 'KJ600F-AJ' };
const INDICATORS = [
  { name: '洁净空气量', type: 'performance', value: '≥500', unit: 'm³/h', testMethod: 'GB/T 18801-2022 附录B' },
  { name: '待机功率', type: 'functional', value: '≤2.0', unit: 'W', testMethod: 'GB/T 18801-2022 附录F' },
];
const content = (number: string): Json => ({
  standard: { kind: 'enterprise', number, title: '空气净化器企业标准', mandatory: false, issuedOn: addDays(today(), -5) },
  products: [{ ...PRODUCT, category: 'air_purifier' }],
  indicators: INDICATORS,
  fullTextDisclosed: false,
  firstSaleOn: null,
  belowRecommended: { flagged: false, referenceStandard: null, explanation: null },
});
/** Received and accepted early enough that the working-day deadlines have not passed on the pinned date. */
const RECEIVED_ON = { complaint: '2026-10-19', report: '2026-11-05' } as const;
const ACCEPTED_ON = { complaint: '2026-10-20', report: '2026-11-06' } as const;
const intake = (kind: 'complaint' | 'report'): Json => ({
  kind,
  channel: '12315_hotline',
  uscc: OWN,
  product: PRODUCT,
  facts: '洁净空气量与声明的企业标准不符',
  complainant: { name: '张三', idNumber: '440305199001011234', phone: '13812345678', email: 'zhang.san@example.com', realName: true },
  harmKnownOn: addDays(RECEIVED_ON[kind], -3),
  receivedOn: RECEIVED_ON[kind],
  jurisdiction: '440305',
});
const MATTER_CHAIN: [string, Json][] = [
  ['stop-sale', { on: '2026-06-01' }],
  ['correction', { on: '2026-06-02' }],
  ['follow-up', { round: 1, on: '2026-06-02' }],
  ['public-notice', { on: '2026-08-12' }],
];
const CASE_CHAIN: [string, Json][] = [
  ['open', { on: '2026-09-15' }],
  ['pause', { kind: 'testing', from: '2026-09-20' }],
  ['resume', { on: '2026-10-10' }],
];
const DECISION = { penalties: [{ kind: 'fine', amountYuan: 50000 }], sector: 'general', legalBasis: '《产品质量法》第四十九条', on: '2026-11-10' };

/** What the suite sets up once: one of each resource, all in 440305 and of the enterprise OWN. */
interface Fixture {
  declarationId: string;
  complaintId: string;
  inspectors: [string, string];
  /** An inspector of the same jurisdiction assigned to nothing. */
  unassigned: string;
  planId: string;
  inspectionId: string;
  matterId: string;
  caseId: string;
  publishedCaseId: string;
  publishedInspectionId: string;
  /** An enterprise of 440305 on the serious-violation list. */
  seriouslyListed: string;
  streamId: string;
  correlationId: string;
  policy: Json;
}

describe('access by jurisdiction and ownership: every route × every admitted role × inside / outside', () => {
  let t: TestApp;
  let routes: AppRoute[];
  const fx = {} as Fixture;
  let serial = 0;
  const next = (): string => String(++serial).padStart(4, '0');

  const ADMIN = (): Headers => t.as('admin', '000000');
  const inspectorAt = (id: string, jurisdiction = '440300'): Headers => t.as('inspector', jurisdiction, { sub: id });

  /** A call the setup needs: fails the setup with the answer when it is not the expected status. */
  const must = async (res: Response, status: number, what: string): Promise<Json> => {
    if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Json;
  };
  const post = (path: string, body: Json, auth: Headers = ADMIN()) => t.http.post(path).set(auth).send(body);

  // ---- fresh resources, all in 440305

  const registerEnterprise = async (code = usccOf('440305', `MA5AJ${next()}`)): Promise<string> => {
    await must(await post('/enterprises', { uscc: code, name: `深圳管辖测试${serial}有限公司`, jurisdiction: code.slice(2, 8), address: '广东省', industry: '家用电器制造业' }), 201, 'register');
    return code;
  };
  const declare = async (code = OWN): Promise<string> =>
    (await must(await post('/declarations', { uscc: code, content: content(`Q/AJ ${next()}-2026`) }), 201, 'declare')).declarationId as string;
  const registerInspector = async (conflicts: string[] = []): Promise<string> => {
    const id = `AJ-${next()}`;
    await must(await post('/inspectors', { inspectorId: id, name: `检查员${id}`, jurisdiction: '440300', qualifications: [], conflicts }), 201, 'inspector');
    return id;
  };
  const openInspection = async (assign: boolean, start: boolean, complete = false): Promise<string> => {
    // Opened by a supervisor of Shenzhen: the inspecting authority is the opener's jurisdiction.
    const opened = await post('/inspections/targeted', { uscc: OWN, source: 'report', reference: `RPT-AJ-${next()}`, product: PRODUCT }, t.as('supervisor', '440300'));
    const id = (await must(opened, 201, 'targeted')).inspectionId as string;
    if (assign) await must(await post(`/inspections/${id}/assign`, { inspectorIds: fx.inspectors }), 200, 'assign');
    if (start) await must(await post(`/inspections/${id}/start`, {}, inspectorAt(fx.inspectors[0])), 200, 'start');
    if (complete) await must(await post(`/inspections/${id}/complete`, { outcome: 'not_located' }, inspectorAt(fx.inspectors[0])), 200, 'complete');
    return id;
  };
  const createPlan = async (): Promise<string> =>
    (
      await must(
        await post('/inspection-plans', planBody(), t.as('supervisor', '440300')),
        201,
        'plan',
      )
    ).planId as string;
  const planBody = (): Json => ({
    jurisdiction: '440300',
    name: `管辖测试抽查计划${next()}`,
    scope: { standardKinds: ['enterprise'] },
    period: { from: today(), to: addDays(today(), 30) },
    commitment: sha256(PLAN_SECRET),
  });
  const receiveComplaint = async (kind: 'complaint' | 'report', accept: boolean): Promise<string> => {
    const id = (await must(await post('/complaints', intake(kind)), 201, 'complaint')).complaintId as string;
    if (accept) await must(await post(`/complaints/${id}/accept`, { on: ACCEPTED_ON[kind] }), 200, 'accept');
    return id;
  };
  const matterBody = (): Json => ({ uscc: OWN, jurisdiction: '440305', subject: { kind: 'product', product: { ...PRODUCT, model: `KJ-M${next()}` } }, occurredOn: '2026-06-01', reference: `AJ-${serial}` });
  const matterUntil = async (until: string): Promise<string> => {
    const id = (await must(await post('/matters', matterBody()), 201, 'matter')).matterId as string;
    for (const [step, body] of MATTER_CHAIN) {
      if (step === until) break;
      await must(await post(`/matters/${id}/${step}`, body), 200, `matter ${step}`);
    }
    return id;
  };
  const leadBody = (): Json => ({ caseId: randomUUID(), uscc: OWN, jurisdiction: '440305', source: { kind: 'inspection', reference: 'AJ-RPT' }, summary: '涉嫌生产不符合标准的产品', discoveredOn: '2026-09-01' });
  const caseUntil = async (until: string): Promise<string> => {
    const body = leadBody();
    await must(await post('/cases', body), 201, 'lead');
    const id = body.caseId as string;
    for (const [step, stepBody] of CASE_CHAIN) {
      if (step === until) break;
      await must(await post(`/cases/${id}/${step}`, stepBody), 200, `case ${step}`);
    }
    return id;
  };
  const listSerious = async (code: string, on: string): Promise<string> => {
    const listed = await must(await post(`/enterprises/${code}/credit/serious-violation-list`, { caseId: `CASE-AJ-${next()}`, on }), 201, 'serious');
    if (typeof listed.listingId === 'string') return listed.listingId;
    await t.settled();
    const record = await t.http.get(`/enterprises/${code}/credit`).set(ADMIN());
    const listings = (record.body.listings ?? record.body.lists ?? []) as Json[];
    return listings.find((l) => l.list === 'serious_violation')?.listingId as string;
  };

  // ---- the scope of every route

  const same = (ok: string, target: Scope['target'] = () => ({})): Scope => ({ kind: 'public', ok, target });
  const everywhere = (ok: string, target: Scope['target'] = () => ({}), more: Partial<Scope> = {}): Scope => ({ kind: 'everywhere', ok, target, ...more });
  const bound = (ok: string, outside: string, target: Scope['target'], more: Partial<Scope> = {}): Scope => ({ kind: 'jurisdiction', ok, outside, anywhere: ['admin'], target, ...more });
  /** Reads: admin and analysts read everything (domain.md §1). */
  const readBound = (ok: string, outside: string, target: Scope['target'], more: Partial<Scope> = {}): Scope => bound(ok, outside, target, { anywhere: ['admin', 'analyst'], ...more });

  const SCOPES: Record<string, Scope> = {
    // system
    'GET /health': same('200'),
    'GET /ready': same('200'),
    'GET /projections': everywhere('200'),
    // enterprises
    'GET /enterprises': same('200 listed', () => ({ needle: OWN })),
    'GET /enterprises/:uscc': same('200', () => ({ params: { uscc: OWN } })),
    'POST /enterprises': bound('201', '403 ENTERPRISE.FORBIDDEN', () => {
      const code = usccOf('440305', `MA5AJ${next()}`);
      return { body: { uscc: code, name: `深圳管辖登记${serial}有限公司`, jurisdiction: '440305', address: '广东省', industry: '家用电器制造业' }, uscc: code };
    }),
    'POST /enterprises/:uscc/rename': bound('200', '403 ENTERPRISE.FORBIDDEN', async () => {
      const code = await registerEnterprise();
      return { params: { uscc: code }, body: { newName: `深圳管辖更名${serial}有限公司`, effectiveDate: today() }, uscc: code };
    }),
    'POST /enterprises/:uscc/deregister': bound('200', '403 ENTERPRISE.FORBIDDEN', async () => {
      const code = await registerEnterprise();
      return { params: { uscc: code }, body: { effectiveDate: today(), reason: '歇业' }, uscc: code };
    }),
    // declarations
    'GET /declarations': same('200 listed', () => ({ needle: fx.declarationId })),
    'GET /declarations/in-force': same('200 listed', () => ({ query: { uscc: OWN, product: PRODUCT.name, model: PRODUCT.model, date: today() }, needle: fx.declarationId })),
    'GET /declarations/:id': same('200', () => ({ params: { id: fx.declarationId } })),
    'GET /statistics/declarations': same('200'),
    'POST /declarations': bound('201', '403 DECLARATION.FORBIDDEN', () => ({ body: { uscc: OWN, content: content(`Q/AJ ${next()}-2026`) } })),
    'POST /declarations/:id/revisions': bound('201', '403 DECLARATION.FORBIDDEN', async () => ({
      params: { id: await declare() },
      body: { content: content(`Q/AJ ${next()}-2026`), effectiveFrom: today() },
    })),
    'POST /declarations/:id/review': bound('200', '403 DECLARATION.FORBIDDEN', async () => ({ params: { id: await declare() }, body: { outcome: 'confirm' } })),
    'POST /declarations/:id/abolish': bound('200', '403 DECLARATION.FORBIDDEN', async () => ({ params: { id: await declare() }, body: { effectiveDate: today() } })),
    'POST /declarations/:id/redeclare': bound('200', '403 DECLARATION.FORBIDDEN', async () => {
      const code = await registerEnterprise();
      const id = await declare(code);
      await must(await post(`/enterprises/${code}/rename`, { newName: `深圳管辖重声明${serial}有限公司`, effectiveDate: today() }), 200, 'rename');
      await t.settled();
      return { params: { id }, body: {}, uscc: code };
    }),
    // complaints
    'GET /complaints/statistics': same('200'),
    'GET /complaints/queue': readBound('200 listed', '200 unlisted', () => ({ needle: fx.complaintId })),
    'GET /complaints/overdue-counts': readBound('200 listed', '200 unlisted', () => ({ needle: '440305' })),
    'GET /complaints': readBound('200 listed', '200 unlisted', () => ({ query: { uscc: OWN }, needle: fx.complaintId })),
    'GET /complaints/:id': readBound('200', '403 COMPLAINT.FORBIDDEN', () => ({ params: { id: fx.complaintId } })),
    'POST /complaints': bound('201', '403 COMPLAINT.FORBIDDEN', () => ({ body: intake('complaint') })),
    'POST /complaints/:id/accept': bound('200', '403 COMPLAINT.FORBIDDEN', async () => ({ params: { id: await receiveComplaint('complaint', false) }, body: { on: ACCEPTED_ON.complaint } })),
    'POST /complaints/:id/reject': bound('200', '403 COMPLAINT.FORBIDDEN', async () => ({ params: { id: await receiveComplaint('complaint', false) }, body: { reason: '不属于本部门管辖', on: ACCEPTED_ON.complaint } })),
    'POST /complaints/:id/assign': bound('200', '403 COMPLAINT.FORBIDDEN', async () => ({ params: { id: await receiveComplaint('complaint', true) }, body: { handlerId: 'handler-aj' } })),
    'POST /complaints/:id/mediation': bound('200', '403 COMPLAINT.FORBIDDEN', async () => ({ params: { id: await receiveComplaint('complaint', true) }, body: { outcome: 'agreement', summary: '退货退款' } })),
    'POST /complaints/:id/testing-pause': bound('200', '403 COMPLAINT.FORBIDDEN', async () => ({ params: { id: await receiveComplaint('complaint', true) }, body: { from: today() } })),
    'POST /complaints/:id/testing-resume': bound('200', '403 COMPLAINT.FORBIDDEN', async () => {
      const id = await receiveComplaint('complaint', true);
      await must(await post(`/complaints/${id}/testing-pause`, { from: addDays(today(), -5) }), 200, 'pause');
      return { params: { id }, body: { on: today() } };
    }),
    'POST /complaints/:id/escalate': bound('200', '403 COMPLAINT.FORBIDDEN', async () => ({ params: { id: await receiveComplaint('report', true) }, body: { reason: '涉嫌违法，转检查' } })),
    'POST /complaints/:id/close': bound('200', '403 COMPLAINT.FORBIDDEN', async () => {
      const id = await receiveComplaint('complaint', true);
      await must(await post(`/complaints/${id}/mediation`, { outcome: 'agreement', summary: '退货退款' }), 200, 'mediation');
      return { params: { id }, body: { outcome: 'agreement', summary: '调解达成协议' } };
    }),
    'POST /complaints/:id/verification-extension': bound('200', '403 COMPLAINT.FORBIDDEN', async () => ({ params: { id: await receiveComplaint('report', true) }, body: { reason: '案情复杂' } })),
    'POST /complaints/:id/case-decision': bound('200', '403 COMPLAINT.FORBIDDEN', async () => ({ params: { id: await receiveComplaint('report', true) }, body: { openCase: true, reason: '涉嫌虚假声明' } })),
    'POST /complaints/:id/reporter-notification': bound('200', '403 COMPLAINT.FORBIDDEN', async () => {
      const id = await receiveComplaint('report', true);
      await must(await post(`/complaints/${id}/case-decision`, { openCase: true, reason: '涉嫌虚假声明' }), 200, 'case decision');
      return { params: { id }, body: { on: today() } };
    }),
    'POST /personal-data/erasures': everywhere('200', async () => ({ body: { complaintId: await receiveComplaint('complaint', false), reason: '个人信息删除请求' } })),
    // inspection plans, pool, results
    'GET /inspection-plans': same('200 listed', () => ({ needle: fx.planId })),
    'GET /inspection-plans/:id': same('200', () => ({ params: { id: fx.planId } })),
    // Public; the drawn inspectors (and the full input, which holds the pools) only for officials of the plan's
    // jurisdiction, analysts and admin: the others see the drawn targets only.
    'GET /inspection-plans/:id/draw': readBound('200 listed', '200 unlisted', () => ({ params: { id: fx.planId }, needle: fx.inspectors[0] }), {
      overrides: Object.fromEntries((['public', 'enterprise', 'complaint_handler'] as const).map((r) => [r, ['200 unlisted', '200 unlisted'] as const])),
    }),
    'GET /inspection-plans/:id/draw/verify': same('200', () => ({ params: { id: fx.planId } })),
    'GET /inspection-results': same('200 listed', () => ({ needle: fx.publishedInspectionId })),
    'POST /inspection-plans': bound('201', '403 PLAN.FORBIDDEN', () => ({ body: planBody() })),
    'POST /inspection-plans/:id/cancel': bound('200', '403 PLAN.FORBIDDEN', async () => ({ params: { id: await createPlan() }, body: { reason: '计划调整' } })),
    'POST /inspection-plans/:id/draw': bound('201', '403 PLAN.FORBIDDEN', async () => ({ params: { id: await createPlan() }, body: { secret: PLAN_SECRET } })),
    'GET /inspection-pool': readBound('200 listed', '403 INSPECTION_POOL.FORBIDDEN', () => ({ query: { jurisdiction: '440300' }, needle: OWN })),
    // inspections
    'GET /inspections': readBound('200 listed', '200 unlisted', () => ({ query: { uscc: OWN, jurisdiction: '440300' }, needle: fx.inspectionId })),
    'GET /inspections/:id': readBound('200', '403 INSPECTION.FORBIDDEN', () => ({ params: { id: fx.inspectionId } })),
    'GET /inspections/publication-overdue': readBound('200', '200', () => ({})),
    'POST /inspections/targeted': bound('201', '403 INSPECTION.FORBIDDEN', () => ({ body: { uscc: OWN, source: 'report', reference: `RPT-AJ-${next()}`, product: PRODUCT } })),
    'POST /inspections/:id/assign': bound('200', '403 INSPECTION.FORBIDDEN', async () => ({ params: { id: await openInspection(false, false) }, body: { inspectorIds: fx.inspectors } })),
    'POST /inspections/:id/publish': bound('200', '403 INSPECTION.FORBIDDEN', async () => ({ params: { id: await openInspection(true, true, true) }, body: {} })),
    'POST /inspections/:id/start': bound('200', '403 INSPECTION.FORBIDDEN', async () => ({ params: { id: await openInspection(true, false) }, body: {} })),
    'POST /inspections/:id/findings': bound('200', '403 INSPECTION.FORBIDDEN', async () => ({
      params: { id: await openInspection(true, true) },
      body: { findings: [{ indicator: INDICATORS[0].name, declaredValue: INDICATORS[0].value, measuredValue: '520', conforming: true }] },
    })),
    'POST /inspections/:id/complete': bound('200', '403 INSPECTION.FORBIDDEN', async () => ({ params: { id: await openInspection(true, true) }, body: { outcome: 'not_located' } })),
    // inspectors
    'GET /inspectors': readBound('200 listed', '403 INSPECTOR.FORBIDDEN', () => ({ query: { jurisdiction: '440300' }, needle: fx.inspectors[0] })),
    'GET /inspectors/:id': readBound('200', '403 INSPECTOR.FORBIDDEN', () => ({ params: { id: fx.inspectors[0] } })),
    'POST /inspectors': bound('201', '403 INSPECTOR.FORBIDDEN', () => ({ body: { inspectorId: `AJ-${next()}`, name: '检查员', jurisdiction: '440300', qualifications: [], conflicts: [] } })),
    'PUT /inspectors/:id/qualifications': bound('200', '403 INSPECTOR.FORBIDDEN', async () => ({ params: { id: await registerInspector() }, body: { qualifications: ['家用电器'] } })),
    'POST /inspectors/:id/conflicts': bound('201', '403 INSPECTOR.FORBIDDEN', async () => ({ params: { id: await registerInspector() }, body: { uscc: OWN } })),
    'DELETE /inspectors/:id/conflicts/:uscc': bound('200', '403 INSPECTOR.FORBIDDEN', async () => ({ params: { id: await registerInspector([OWN]), uscc: OWN }, body: {} })),
    'POST /inspectors/:id/deactivate': bound('200', '403 INSPECTOR.FORBIDDEN', async () => ({ params: { id: await registerInspector() }, body: { reason: '休假' } })),
    'POST /inspectors/:id/reactivate': bound('200', '403 INSPECTOR.FORBIDDEN', async () => {
      const id = await registerInspector();
      await must(await post(`/inspectors/${id}/deactivate`, { reason: '休假' }), 200, 'deactivate');
      return { params: { id }, body: {} };
    }),
    // enforcement
    'GET /penalties': same('200 listed', () => ({ needle: fx.publishedCaseId })),
    'GET /penalties/:caseId': same('200', () => ({ params: { caseId: fx.publishedCaseId } })),
    'GET /enforcement/worklist': bound('200 listed', '200 unlisted', () => ({ needle: fx.caseId })),
    'GET /matters': readBound('200 listed', '200 unlisted', () => ({ query: { uscc: OWN }, needle: fx.matterId })),
    'GET /matters/:id': readBound('200', '403 MATTER.FORBIDDEN', () => ({ params: { id: fx.matterId } })),
    'POST /matters': bound('201', '403 MATTER.FORBIDDEN', () => ({ body: matterBody() })),
    'POST /matters/:id/stop-sale': bound('200', '403 MATTER.FORBIDDEN', async () => ({ params: { id: await matterUntil('stop-sale') }, body: { on: '2026-06-01' } })),
    'POST /matters/:id/correction': bound('200', '403 MATTER.FORBIDDEN', async () => ({ params: { id: await matterUntil('correction') }, body: { on: '2026-06-02' } })),
    'POST /matters/:id/follow-up': bound('200', '403 MATTER.FORBIDDEN', async () => ({ params: { id: await matterUntil('follow-up') }, body: { round: 1, on: '2026-06-02' } })),
    'POST /matters/:id/public-notice': bound('200', '403 MATTER.FORBIDDEN', async () => {
      const id = await matterUntil('public-notice');
      await t.settled();
      const inspectionId = followUpInspectionIdFor(id, 1);
      await must(await post(`/inspections/${inspectionId}/assign`, { inspectorIds: fx.inspectors }), 200, 'assign follow-up');
      await must(await post(`/inspections/${inspectionId}/start`, {}, inspectorAt(fx.inspectors[0])), 200, 'start follow-up');
      await must(await post(`/inspections/${inspectionId}/complete`, { outcome: 'not_located' }, inspectorAt(fx.inspectors[0])), 200, 'complete follow-up');
      await t.settled();
      return { params: { id }, body: { on: today() } };
    }),
    // Suspension and revocation need a follow-up 60 days after the notice, correction confirmation and non-disclosure a
    // declaration-duties matter only a policy opens: inside, the state answers (the jurisdiction check came first).
    'POST /matters/:id/suspension': bound('409 MATTER.STEP_OUT_OF_ORDER', '403 MATTER.FORBIDDEN', async () => ({ params: { id: await matterUntil('public-notice') }, body: { on: today() } })),
    'POST /matters/:id/revocation': bound('409 MATTER.STEP_OUT_OF_ORDER', '403 MATTER.FORBIDDEN', async () => ({ params: { id: await matterUntil('public-notice') }, body: { on: today() } })),
    'POST /matters/:id/correction-confirmation': bound('409 MATTER.WRONG_SUBJECT', '403 MATTER.FORBIDDEN', async () => ({ params: { id: await matterUntil('follow-up') }, body: { on: today() } })),
    'POST /matters/:id/non-disclosure': bound('409 MATTER.WRONG_SUBJECT', '403 MATTER.FORBIDDEN', async () => ({ params: { id: await matterUntil('follow-up') }, body: { on: today() } })),
    'POST /matters/:id/close': bound('200', '403 MATTER.FORBIDDEN', async () => ({ params: { id: await matterUntil('stop-sale') }, body: { outcome: 'dismissed', reason: '证据不足' } })),
    'GET /cases': readBound('200 listed', '200 unlisted', () => ({ query: { uscc: OWN }, needle: fx.caseId })),
    'GET /cases/:id': readBound('200', '403 CASE.FORBIDDEN', () => ({ params: { id: fx.caseId } })),
    'POST /cases': bound('201', '403 CASE.FORBIDDEN', () => ({ body: leadBody() })),
    'POST /cases/:id/verification-extension': bound('200', '403 CASE.FORBIDDEN', async () => ({ params: { id: await caseUntil('open') }, body: { reason: '线索复杂', on: '2026-09-10' } })),
    'POST /cases/:id/open': bound('200', '403 CASE.FORBIDDEN', async () => ({ params: { id: await caseUntil('open') }, body: { on: '2026-09-15' } })),
    'POST /cases/:id/decline': bound('200', '403 CASE.FORBIDDEN', async () => ({ params: { id: await caseUntil('open') }, body: { reason: '不予立案', on: '2026-09-15' } })),
    'POST /cases/:id/pause': bound('200', '403 CASE.FORBIDDEN', async () => ({ params: { id: await caseUntil('pause') }, body: { kind: 'testing', from: '2026-09-20' } })),
    'POST /cases/:id/resume': bound('200', '403 CASE.FORBIDDEN', async () => ({ params: { id: await caseUntil('resume') }, body: { on: '2026-10-10' } })),
    'POST /cases/:id/decision-extension': bound('200', '403 CASE.FORBIDDEN', async () => ({ params: { id: await caseUntil('none') }, body: { approvalReference: '批准延期 2026-01', on: '2026-10-12' } })),
    'POST /cases/:id/decision': bound('200', '403 CASE.FORBIDDEN', async () => ({ params: { id: await caseUntil('none') }, body: DECISION })),
    'POST /cases/:id/publication': bound('200', '403 CASE.FORBIDDEN', async () => {
      const id = await caseUntil('none');
      await must(await post(`/cases/${id}/decision`, DECISION), 200, 'decision');
      return { params: { id }, body: {} };
    }),
    // credit
    'GET /credit/abnormal-list': same('200 listed', () => ({ needle: OWN })),
    'GET /credit/serious-violation-list': same('200 listed', () => ({ needle: fx.seriouslyListed })),
    'GET /enterprises/:uscc/credit': readBound('200', '403 CREDIT.FORBIDDEN', () => ({ params: { uscc: OWN } })),
    'GET /credit/scoring-policies': everywhere('200'),
    // Scoring is set province-wide (design choice): a supervisor of a city is refused in and out, one of the province is not.
    'POST /credit/scoring-policies': everywhere('201', () => ({ body: { ...fx.policy, effectiveFrom: addDays(today(), 10 + Number(next())), note: '调整' } }), {
      overrides: { supervisor: ['403 SCORING_POLICY.FORBIDDEN', '403 SCORING_POLICY.FORBIDDEN'] },
    }),
    'POST /enterprises/:uscc/credit/abnormal-list': bound('201', '403 CREDIT.FORBIDDEN', async () => {
      const code = await registerEnterprise();
      return { params: { uscc: code }, body: { reason: 'annual_report_not_filed' }, uscc: code };
    }),
    'DELETE /enterprises/:uscc/credit/abnormal-list': bound('200', '403 CREDIT.FORBIDDEN', async () => {
      const code = await registerEnterprise();
      const placed = await must(await post(`/enterprises/${code}/credit/abnormal-list`, { reason: 'annual_report_not_filed' }), 201, 'place');
      return { params: { uscc: code }, body: { listingId: placed.listingId, cure: '已补报年报' }, uscc: code };
    }),
    'POST /enterprises/:uscc/credit/serious-violation-list': bound('201', '403 CREDIT.FORBIDDEN', async () => {
      const code = await registerEnterprise();
      return { params: { uscc: code }, body: { caseId: `CASE-AJ-${next()}`, on: today() }, uscc: code };
    }),
    'DELETE /enterprises/:uscc/credit/serious-violation-list': bound('200', '403 CREDIT.FORBIDDEN', async () => {
      const code = await registerEnterprise();
      const listingId = await listSerious(code, '2023-01-02');
      return { params: { uscc: code }, body: { listingId, reason: 'term_elapsed' }, uscc: code };
    }),
    'POST /enterprises/:uscc/credit/repairs': bound('201', '403 CREDIT.FORBIDDEN', async () => {
      const code = await registerEnterprise();
      const listingId = await listSerious(code, '2025-10-01');
      return { params: { uscc: code }, body: { target: { kind: 'serious_violation_list', listingId }, obligationsFulfilled: true, harmRemedied: true }, uscc: code };
    }),
    'POST /credit/repairs/:id/decision': bound('200', '403 CREDIT.FORBIDDEN', async () => {
      const code = await registerEnterprise();
      const listingId = await listSerious(code, '2025-10-01');
      const applied = await must(await post(`/enterprises/${code}/credit/repairs`, { target: { kind: 'serious_violation_list', listingId }, obligationsFulfilled: true, harmRemedied: true }), 201, 'repair');
      await t.settled();
      return { params: { id: applied.repairId as string }, body: { grant: true, reason: '已履行义务' }, uscc: code };
    }),
    // audit: analysts and admin read everything (domain.md §1)
    'GET /audit/streams/:id': everywhere('200', () => ({ params: { id: fx.streamId } })),
    'GET /audit/events': everywhere('200 listed', () => ({ query: { uscc: OWN }, needle: fx.streamId })),
    'GET /audit/trace/:correlationId': everywhere('200', () => ({ params: { correlationId: fx.correlationId } })),
    'GET /audit/verify': everywhere('200'),
  };

  // ---- cells

  /** The token of a role on a side: inside 440300 (an enterprise: the target's own), outside 440100 (another enterprise). */
  const tokenOf = (role: Role, side: Side, target: Target): Headers => {
    if (role === 'enterprise') {
      return side === 'in' ? t.as('enterprise', '440305', { uscc: target.uscc ?? OWN, sub: `user-${target.uscc ?? OWN}` }) : t.as('enterprise', '440106', { uscc: OTHER, sub: `user-${OTHER}` });
    }
    if (role === 'inspector') return side === 'in' ? inspectorAt(fx.inspectors[0]) : inspectorAt(OUTSIDE_INSPECTOR, '440100');
    return t.as(role, side === 'in' ? '440300' : '440100');
  };

  const send = (route: AppRoute, target: Target, headers: Headers) => {
    const path = route.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
      const value = target.params?.[name];
      if (value === undefined) throw new Error(`${route.key}: no value for :${name}`);
      return encodeURIComponent(value);
    });
    const req = t.http[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch'](path).set(headers);
    if (target.query) req.query(target.query);
    return route.method === 'GET' ? req : req.send(target.body ?? {});
  };

  /** A cell's answer as `<status>[ <CODE>][ listed|unlisted]`. */
  const answerOf = (res: Response, target: Target): string => {
    const code = (res.body as { error?: { code?: string } } | undefined)?.error?.code;
    const listed = target.needle !== undefined && res.status === 200 ? (JSON.stringify(res.body).includes(target.needle) ? ' listed' : ' unlisted') : '';
    return `${res.status}${code ? ` ${code}` : ''}${listed}`;
  };

  /** Every cell of a read route, on the shared fixture: `role in` / `role out` → answer. */
  const readCells = async (route: AppRoute): Promise<Record<string, string>> => {
    const scope = SCOPES[route.key];
    const target = await scope.target();
    const seen: Record<string, string> = {};
    for (const role of admittedRoles(route.key)) {
      for (const side of ['in', 'out'] as const) seen[`${role} ${side}`] = answerOf(await send(route, target, tokenOf(role, side, target)), target);
    }
    return seen;
  };

  /**
   * Every cell of a write route: outside cells first, then inside ones; a refused cell must write nothing (the log
   * is compared before and after), an accepted one consumes its target and the next cell gets a fresh one.
   */
  const writeCells = async (route: AppRoute): Promise<{ seen: Record<string, string>; wroteWhenRefused: string[] }> => {
    const scope = SCOPES[route.key];
    let target: Target | null = null;
    const seen: Record<string, string> = {};
    const wroteWhenRefused: string[] = [];
    const roles = admittedRoles(route.key);
    for (const [side, role] of [...roles.map((r) => ['out', r] as const), ...roles.map((r) => ['in', r] as const)]) {
      target ??= await scope.target();
      await t.settled();
      const before = await t.eventCount();
      const res = await send(route, target, tokenOf(role, side, target));
      seen[`${role} ${side}`] = answerOf(res, target);
      if (res.status < 300) {
        target = null;
      } else {
        await t.settled();
        if ((await t.eventCount()) !== before) wroteWhenRefused.push(`${role} ${side}`);
      }
    }
    return { seen, wroteWhenRefused };
  };

  const expectedCells = (route: AppRoute): Record<string, string> => {
    const scope = SCOPES[route.key];
    const cells: Record<string, string> = {};
    for (const role of admittedRoles(route.key)) {
      const [inside, outside] = expectedFor(scope, role);
      cells[`${role} in`] = inside;
      cells[`${role} out`] = outside;
    }
    return cells;
  };

  beforeAll(async () => {
    t = await startTestApp({ SCHEDULE_INTERVAL_MS: '0' }, { clock });
    routes = appRoutes(t.app);
    const policies = await t.http.get('/credit/scoring-policies').set(ADMIN());
    const policy = (policies.body.items as Json[]).find((p) => p.version === 0) as Json;
    fx.policy = { basePoints: policy.basePoints, points: policy.points, validityMonths: policy.validityMonths, thresholds: policy.thresholds };
    await registerEnterprise(OWN);
    await registerEnterprise(OTHER);
    fx.declarationId = await declare(OWN);
    fx.inspectors = [await registerInspector(), await registerInspector()];
    fx.unassigned = await registerInspector();
    await must(await post('/inspectors', { inspectorId: OUTSIDE_INSPECTOR, name: '检查员外', jurisdiction: '440100', qualifications: [], conflicts: [] }), 201, 'outside inspector');
    fx.inspectionId = await openInspection(true, true);
    fx.seriouslyListed = await registerEnterprise();
    await listSerious(fx.seriouslyListed, today());
    fx.planId = await createPlan();
    await t.settled();
    await must(await post(`/inspection-plans/${fx.planId}/draw`, { secret: PLAN_SECRET }, t.as('supervisor', '440300')), 201, 'draw');
    // After the draw: the inspectors of an enterprise's last inspection are not drawn for it (rotation).
    fx.publishedInspectionId = await openInspection(true, true, true);
    await must(await post(`/inspections/${fx.publishedInspectionId}/publish`, {}), 200, 'publish');
    fx.complaintId = await receiveComplaint('complaint', true);
    fx.matterId = await matterUntil('stop-sale');
    fx.caseId = await caseUntil('pause');
    fx.publishedCaseId = await caseUntil('none');
    await must(await post(`/cases/${fx.publishedCaseId}/decision`, DECISION), 200, 'decision');
    await must(await post(`/cases/${fx.publishedCaseId}/publication`, {}), 200, 'publication');
    await must(await post(`/enterprises/${OWN}/credit/abnormal-list`, { reason: 'annual_report_not_filed' }), 201, 'abnormal');
    await t.settled();
    const events = await t.http.get('/audit/events').query({ uscc: OWN }).set(ADMIN());
    const first = (events.body.items as { streamId: string; correlationId: string }[])[0];
    fx.streamId = first.streamId;
    fx.correlationId = first.correlationId;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('every route the app serves has a scope here, and every scope a route', () => {
    const keys = routes.map((r) => r.key);
    expect({ withoutScope: keys.filter((k) => !SCOPES[k]), withoutRoute: Object.keys(SCOPES).filter((k) => !keys.includes(k)) }).toEqual({ withoutScope: [], withoutRoute: [] });
  });

  it("a draw shows its inspectors and full input to officials of the plan's jurisdiction only; officials outside see the public view", async () => {
    const draw = (auth: Headers) => t.http.get(`/inspection-plans/${fx.planId}/draw`).set(auth);
    const shape = (res: Response) => ({
      status: res.status,
      input: 'input' in res.body,
      poolBasis: 'poolBasis' in res.body,
      inspectorIds: (res.body.assignments as Json[]).some((a) => 'inspectorIds' in a),
      assignments: (res.body.assignments as Json[]).map((a) => a.uscc),
    });
    const inside = shape(await draw(t.as('supervisor', '440300')));
    expect(inside).toEqual({ status: 200, input: true, poolBasis: true, inspectorIds: true, assignments: expect.arrayContaining([OWN]) });
    for (const auth of [t.as('supervisor', '440100'), inspectorAt(OUTSIDE_INSPECTOR, '440100'), t.as('supervisor', '440305')]) {
      expect(shape(await draw(auth))).toEqual({ ...inside, input: false, poolBasis: false, inspectorIds: false });
    }
    expect(shape(await draw(t.as('analyst', '440100')))).toEqual(inside);
  });

  it('an inspector of the jurisdiction that is not assigned to an inspection neither reads nor works on it (domain.md §1: tasks assigned to it)', async () => {
    const auth = inspectorAt(fx.unassigned);
    const seen: Record<string, string> = {};
    seen.read = answerOf(await t.http.get(`/inspections/${fx.inspectionId}`).set(auth), {});
    seen.list = answerOf(await t.http.get('/inspections').set(auth), { needle: fx.inspectionId });
    for (const step of ['start', 'findings', 'complete'] as const) {
      const route = routes.find((r) => r.key === `POST /inspections/:id/${step}`)!;
      const target = await SCOPES[route.key].target();
      await t.settled();
      const before = await t.eventCount();
      seen[step] = answerOf(await send(route, target, auth), target);
      await t.settled();
      if ((await t.eventCount()) !== before) seen[step] += ' (wrote)';
    }
    expect(seen).toEqual({ read: '403 INSPECTION.FORBIDDEN', list: '200 unlisted', start: '403 INSPECTION.FORBIDDEN', findings: '403 INSPECTION.FORBIDDEN', complete: '403 INSPECTION.FORBIDDEN' });
  });

  const DISCOVER = process.env.ACCESS_DISCOVER === '1';
  const report = (key: string, seen: Record<string, string>): void => {
    if (DISCOVER) process.stdout.write(`${key}\n${Object.entries(seen).map(([c, a]) => `    ${c}: ${a}`).join('\n')}\n`);
  };

  it('read routes: every admitted role inside and outside gets the exact answer; lists show the resource inside only', async () => {
    const seenAll: Record<string, Record<string, string>> = {};
    const expected: Record<string, Record<string, string>> = {};
    for (const route of routes.filter((r) => r.method === 'GET' && SCOPES[r.key])) {
      const seen = await readCells(route);
      report(route.key, seen);
      seenAll[route.key] = seen;
      expected[route.key] = expectedCells(route);
    }
    expect(seenAll).toEqual(expected);
  });

  it('write routes: outside refused writing nothing, inside accepted (or the exact state answer), for every admitted role', async () => {
    const seenAll: Record<string, Record<string, string>> = {};
    const expected: Record<string, Record<string, string>> = {};
    const wrote: Record<string, string[]> = {};
    for (const route of routes.filter((r) => r.method !== 'GET' && SCOPES[r.key])) {
      const { seen, wroteWhenRefused } = await writeCells(route);
      report(route.key, seen);
      seenAll[route.key] = seen;
      expected[route.key] = expectedCells(route);
      if (wroteWhenRefused.length > 0) wrote[route.key] = wroteWhenRefused;
    }
    expect({ answers: seenAll, refusedButWrote: wrote }).toEqual({ answers: expected, refusedButWrote: {} });
  });
});
