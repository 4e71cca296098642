import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Response } from 'supertest';
import type { Role } from '@regledger/shared';
import { clockFrom, startTestApp, type TestApp } from './support/test-app.js';
import { addDays, chinaDate } from './support/http-expectations.js';
import { appRoutes, type AppRoute } from './support/route-table.js';
import { followUpInspectionIdFor } from '../libs/enforcement/src/domain/matter/matter.rules.js';
import {
  INJECTIONS,
  ILL_FORMED_UNICODE,
  WELL_FORMED_UNICODE,
  adversarialBody,
  bool,
  date,
  invalidUscc,
  normaliseFieldPath,
  object,
  oneOf,
  optionalText,
  text,
  toJsonText,
  usccOf,
  validEnterpriseStandardNumber,
  validOf,
  validText,
  validUscc,
  type Field,
  type Json,
  type Mutation,
} from './support/arbitraries.js';

/**
 * Property-based tests over every write route (POST, PUT, PATCH, DELETE) the app serves, taken from Nest's own
 * metadata: random and adversarial bodies and path parameters never produce a 5xx and never append an event, and
 * each refusal has a stable code naming the field; valid bodies are accepted and append events; malformed JSON,
 * another content type or an unknown field is a clear 400. A write route without a model below fails.
 *
 * Reproducible: FC_SEED fixes the seed (fast-check prints the seed and path of a failure); FC_RUNS,
 * FC_PARAM_RUNS and FC_VALID_RUNS set the runs per route of the adversarial, path-parameter and valid properties.
 */

const SEED = Number(process.env.FC_SEED ?? 20261116);
const RUNS = Number(process.env.FC_RUNS ?? 30);
const VALID_RUNS = Number(process.env.FC_VALID_RUNS ?? 2);
const PARAM_RUNS = Number(process.env.FC_PARAM_RUNS ?? 8);

/** Each route draws its own sequence from the seed, so two routes never send the same body. */
const seedOf = (key: string, salt: number): number => (SEED + salt * 7919 + [...key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 0)) | 0;

const clock = clockFrom('2026-11-16T02:00:00Z');
const today = (): string => chinaDate(clock());
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

type Method = AppRoute['method'];
type Headers = Record<string, string>;
type Params = Record<string, string>;

/** What the fixture has set up before the properties run: one of each aggregate a route acts on. */
interface Fixture {
  enterprise: string;
  declarationId: string;
  complaintId: string;
  inspectors: [string, string];
  conflictedInspector: string;
  inspectionAssigned: string;
  inspectionStarted: string;
  planId: string;
  matterId: string;
  caseId: string;
  indicators: { name: string; value: string }[];
}

/** One write route's model: who calls it, the body's model, where it points, and how to prepare a valid call. */
interface RouteModel {
  auth: (f: Fixture) => { role: Role; headers: Headers };
  /** The body; `null`: the route takes no body, and any field sent is refused. */
  body: ((f: Fixture) => Field & { kind: 'object' }) | null;
  params: (f: Fixture) => Params;
  /** A valid call: prepares the state it needs (fresh aggregates), then the body model to draw a valid body from. */
  valid: {
    prepare?: () => Promise<{ params?: Params; body?: (f: Fixture) => Field & { kind: 'object' }; headers?: Headers }>;
    /** The answer to a valid call; `state`: a state the log cannot reach at the pinned date, so a valid body is refused by the state (409/422), never as invalid. */
    status: 200 | 201 | 'state';
  };
}

// ---------------------------------------------------------------- fixed data

const PRODUCT = { name: '空气净化器', model: 'KJ600F-PB' };
const INDICATORS = [
  { name: '洁净空气量', type: 'performance', value: '≥500', unit: 'm³/h', testMethod: 'GB/T 18801-2022 附录B' },
  { name: '待机功率', type: 'functional', value: '≤2.0', unit: 'W', testMethod: 'GB/T 18801-2022 附录F' },
];
const CATEGORIES = ['air_purifier', 'rice_cooker', 'smart_toilet_seat', 'smartphone', 'children_diaper', 'toy', 'infant_clothing', 'kitchenware', 'bedding', 'furniture', 'water_heater', 'kitchen_appliance', 'hair_dryer', 'leather_luggage', 'audio_equipment', 'other'];

const fixedContent = (number: string): Json => ({
  standard: { kind: 'enterprise', number, title: '空气净化器企业标准', mandatory: false, issuedOn: addDays(today(), -5) },
  products: [{ ...PRODUCT, category: 'air_purifier' }],
  indicators: INDICATORS,
  fullTextDisclosed: false,
  firstSaleOn: null,
  belowRecommended: { flagged: false, referenceStandard: null, explanation: null },
});

// ---------------------------------------------------------------- body models, from the DTOs and the field checks

const indicatorModel = (type?: 'functional' | 'performance'): Field =>
  object({
    name: text(200),
    type: { kind: 'enum', values: ['functional', 'performance'], valid: type ? fc.constant(type) : undefined },
    value: text(200),
    unit: optionalText(50),
    testMethod: text(200, { nullable: true }),
  });

/** A declaration's content (DeclarationContentRequestDto): an enterprise standard with its indicators. */
const contentModel = (): Field =>
  object({
    standard: object({
      kind: { kind: 'enum', values: ['national', 'industry', 'local', 'group', 'enterprise'], valid: fc.constant('enterprise') },
      number: { kind: 'standardNumber', valid: validEnterpriseStandardNumber },
      title: text(200),
      mandatory: { kind: 'boolean', valid: fc.constant(false) },
      issuedOn: date(fc.integer({ min: -25, max: 0 }).map((d) => addDays(today(), d))),
    }),
    products: { kind: 'array', of: object({ name: text(200), model: text(200), category: oneOf(CATEGORIES) }), min: 1, max: 100 },
    indicators: {
      kind: 'array',
      of: indicatorModel(),
      min: 0,
      max: 200,
      valid: fc.tuple(validOf(indicatorModel('performance')), fc.array(validOf(indicatorModel()), { maxLength: 2 })).map(([first, rest]) => [first, ...rest]),
    },
    fullTextDisclosed: bool(),
    firstSaleOn: date(fc.option(fc.integer({ min: 1, max: 40 }).map((d) => addDays(today(), d)), { nil: null }) as fc.Arbitrary<string>, true),
    belowRecommended: object(
      { flagged: { kind: 'boolean', valid: fc.constant(false) }, referenceStandard: optionalText(100, { valid: fc.constant(null) as never }), explanation: optionalText(1000, { valid: fc.constant(null) as never }) },
      { optional: true },
    ),
  });

const onToday = (): Field => date(fc.constant(today()), true);
const reasonOnly = (max = 2000, optional = false): Field & { kind: 'object' } =>
  object({ reason: optional ? optionalText(max) : text(max), on: onToday() }) as Field & { kind: 'object' };
const stepOnly = (): Field & { kind: 'object' } => object({ on: onToday() }) as Field & { kind: 'object' };
const empty = (): Field & { kind: 'object' } => object({}) as Field & { kind: 'object' };

// ---------------------------------------------------------------- the suite

describe('every write route: property-based bodies and parameters', () => {
  let t: TestApp;
  let routes: AppRoute[];
  let fx: Fixture;
  let serial = 0;
  const nextSerial = (): string => String(++serial).padStart(4, '0');

  const supervisor = (): { role: Role; headers: Headers } => ({ role: 'supervisor', headers: t.as('supervisor', '440300') });
  const admin = (): { role: Role; headers: Headers } => ({ role: 'admin', headers: t.as('admin', '000000') });
  const handler = (): { role: Role; headers: Headers } => ({ role: 'complaint_handler', headers: t.as('complaint_handler', '440300') });
  const inspectorAuth = (id: string): { role: Role; headers: Headers } => ({ role: 'inspector', headers: t.as('inspector', '440300', { sub: id }) });

  const pathOf = (route: AppRoute, params: Params): string =>
    route.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
      if (params[name] === undefined) throw new Error(`${route.key}: no value for :${name}`);
      return encodeURIComponent(params[name]);
    });

  const send = (method: Method, path: string, headers: Headers, raw: string | undefined, contentType = 'application/json') => {
    const req = t.http[method.toLowerCase() as 'post' | 'put' | 'delete' | 'patch'](path).set(headers);
    return raw === undefined ? req : req.set('Content-Type', contentType).send(raw);
  };

  /** A call the fixture needs: fails the setup with the answer when it is not the expected status. */
  const must = async (res: Response, status: number, what: string): Promise<Json> => {
    if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Json;
  };
  const post = (path: string, body: Json, auth: Headers) => t.http.post(path).set(auth).send(body);

  // ---- fresh aggregates for valid calls

  const registerEnterprise = async (division = '440305'): Promise<string> => {
    const code = usccOf(division, `MA5PB${nextSerial()}`);
    await must(await post('/enterprises', { uscc: code, name: `深圳性质测试${serial}有限公司`, jurisdiction: division, address: '广东省深圳市南山区', industry: '家用电器制造业' }, t.as('admin', '000000')), 201, 'register');
    return code;
  };
  const declare = async (code: string): Promise<string> =>
    (await must(await post('/declarations', { uscc: code, content: fixedContent(`Q/PB ${nextSerial()}-2026`) }, t.as('supervisor', '440300')), 201, 'declare')).declarationId as string;
  const registerInspector = async (conflicts: string[] = []): Promise<string> => {
    const id = `PB-${nextSerial()}`;
    await must(await post('/inspectors', { inspectorId: id, name: `检查员${id}`, jurisdiction: '440300', qualifications: [], conflicts }, t.as('supervisor', '440300')), 201, 'inspector');
    return id;
  };
  const openInspection = async (assign: boolean, start: boolean): Promise<string> => {
    const opened = await must(await post('/inspections/targeted', { uscc: fx.enterprise, source: 'report', reference: `RPT-PB-${nextSerial()}`, product: PRODUCT }, t.as('supervisor', '440300')), 201, 'targeted');
    const id = opened.inspectionId as string;
    if (assign) await must(await post(`/inspections/${id}/assign`, { inspectorIds: fx.inspectors }, t.as('supervisor', '440300')), 200, 'assign');
    if (start) await must(await post(`/inspections/${id}/start`, {}, inspectorAuth(fx.inspectors[0]).headers), 200, 'start');
    return id;
  };
  const createPlan = async (): Promise<string> =>
    (
      await must(
        await post(
          '/inspection-plans',
          { jurisdiction: '440300', name: `性质测试抽查计划${nextSerial()}`, scope: { standardKinds: ['enterprise'] }, period: { from: today(), to: addDays(today(), 30) }, commitment: sha256(PLAN_SECRET) },
          t.as('supervisor', '440300'),
        ),
        201,
        'plan',
      )
    ).planId as string;
  const receiveComplaint = async (kind: 'complaint' | 'report', accept: boolean): Promise<string> => {
    const res = await must(await post('/complaints', intake(kind), t.as('complaint_handler', '440300')), 201, 'complaint');
    const id = res.complaintId as string;
    if (accept) await must(await post(`/complaints/${id}/accept`, { on: ACCEPTED_ON[kind] }, t.as('complaint_handler', '440300')), 200, 'accept');
    return id;
  };
  const recordMatter = async (): Promise<string> =>
    (
      await must(
        await post(
          '/matters',
          { uscc: fx.enterprise, jurisdiction: '440305', subject: { kind: 'product', product: { ...PRODUCT, model: `KJ-M${nextSerial()}` } }, occurredOn: '2026-06-01', reference: `PB-${serial}` },
          t.as('supervisor', '440300'),
        ),
        201,
        'matter',
      )
    ).matterId as string;
  /** The manual matter chain of docs/enforcement.md, dated as the enforcement tests date it, up to (not including) `until`. */
  const MATTER_CHAIN: [string, Json][] = [
    ['stop-sale', { on: '2026-06-01' }],
    ['correction', { on: '2026-06-02' }],
    ['follow-up', { round: 1, on: '2026-06-02' }],
    ['public-notice', { on: '2026-08-12' }],
    ['follow-up', { round: 2, on: '2026-10-11' }],
    ['suspension', { on: '2026-10-21' }],
    ['follow-up', { round: 3, on: '2026-10-22' }],
  ];
  const matterUntil = async (until: string): Promise<string> => {
    const id = await recordMatter();
    for (const [step, body] of MATTER_CHAIN) {
      if (step === until) break;
      await must(await post(`/matters/${id}/${step}`, body, t.as('supervisor', '440300')), 200, `matter ${step}`);
    }
    return id;
  };
  const registerLead = async (): Promise<string> => {
    const caseId = randomUUID();
    await must(await post('/cases', { caseId, uscc: fx.enterprise, jurisdiction: '440305', source: { kind: 'inspection', reference: 'PB-RPT' }, summary: '涉嫌生产不符合标准的产品', discoveredOn: '2026-09-01' }, t.as('supervisor', '440300')), 201, 'lead');
    return caseId;
  };
  const CASE_CHAIN: [string, Json][] = [
    ['open', { on: '2026-09-15' }],
    ['pause', { kind: 'testing', from: '2026-09-20' }],
    ['resume', { on: '2026-10-10' }],
  ];
  const caseUntil = async (until: string): Promise<string> => {
    const id = await registerLead();
    for (const [step, body] of CASE_CHAIN) {
      if (step === until) break;
      await must(await post(`/cases/${id}/${step}`, body, t.as('supervisor', '440300')), 200, `case ${step}`);
    }
    return id;
  };
  const listSerious = async (code: string, on: string): Promise<string> =>
    ((await must(await post(`/enterprises/${code}/credit/serious-violation-list`, { caseId: `CASE-PB-${nextSerial()}`, on }, t.as('supervisor', '440300')), 201, 'serious')).listingId ??
      (await seriousListingOf(code))) as string;
  const seriousListingOf = async (code: string): Promise<string> => {
    await t.settled();
    const x = await t.http.get(`/enterprises/${code}/credit`).set(t.as('supervisor', '440300'));
    return (x.body.listings ?? x.body.lists ?? []).find?.((l: Json) => l.list === 'serious_violation')?.listingId as string;
  };

  const PLAN_SECRET = 'property-test-secret-long-enough-0001';
  /**
   * Complaints are received and accepted early enough that their working-day deadlines (45 days of mediation,
   * 15 of verification) end inside the shipped calendar and have not passed on the pinned date.
   */
  const RECEIVED_ON = { complaint: '2026-10-19', report: '2026-11-05' } as const;
  const ACCEPTED_ON = { complaint: '2026-10-20', report: '2026-11-06' } as const;
  const intake = (kind: 'complaint' | 'report'): Json => ({
    kind,
    channel: '12315_hotline',
    uscc: fx.enterprise,
    product: PRODUCT,
    facts: '洁净空气量与声明的企业标准不符',
    complainant: { name: '张三', idNumber: '440305199001011234', phone: '13812345678', email: 'zhang.san@example.com', realName: true },
    harmKnownOn: addDays(RECEIVED_ON[kind], -3),
    receivedOn: RECEIVED_ON[kind],
    jurisdiction: '440305',
  });

  // ---- the models of every write route

  const complainantModel = (): Field =>
    object({
      name: text(200),
      idNumber: { kind: 'text', max: 200, optional: true, valid: fc.constant('440305199001011234') },
      phone: { kind: 'text', max: 200, optional: true, valid: fc.constant('13812345678') },
      email: { kind: 'text', max: 200, optional: true, valid: fc.constant('li.si@example.com') },
      realName: bool(),
    });
  const intakeModel = (kind?: 'complaint' | 'report'): Field & { kind: 'object' } =>
    object({
      kind: { kind: 'enum', values: ['complaint', 'report'], valid: kind ? fc.constant(kind) : undefined },
      channel: oneOf(['12315_hotline', 'web', 'letter', 'media', 'transfer']),
      uscc: { kind: 'uscc', valid: fc.constant(fx.enterprise) },
      product: object({ name: text(200), model: text(200) }, { optional: true }),
      facts: text(5000),
      complainant: complainantModel(),
      harmKnownOn: date(fc.integer({ min: -20, max: 0 }).map((d) => addDays(today(), d)), true),
      receivedOn: date(today()),
      jurisdiction: { kind: 'division', valid: fc.constant('440305') },
    }) as Field & { kind: 'object' };

  const complaintStep = (prepare: () => Promise<string>, body: () => Field & { kind: 'object' }): RouteModel => ({
    auth: handler,
    body: () => body(),
    params: (f) => ({ id: f.complaintId }),
    valid: { prepare: async () => ({ params: { id: await prepare() } }), status: 200 },
  });
  const matterStep = (until: string, body: () => Field & { kind: 'object' }, prepare?: () => Promise<string>): RouteModel => ({
    auth: supervisor,
    body: () => body(),
    params: (f) => ({ id: f.matterId }),
    valid: { prepare: async () => ({ params: { id: await (prepare ? prepare() : matterUntil(until)) } }), status: 200 },
  });
  const caseStep = (until: string, body: () => Field & { kind: 'object' }, prepare?: () => Promise<string>): RouteModel => ({
    auth: supervisor,
    body: () => body(),
    params: (f) => ({ id: f.caseId }),
    valid: { prepare: async () => ({ params: { id: await (prepare ? prepare() : caseUntil(until)) } }), status: 200 },
  });

  const MODELS: Record<string, RouteModel> = {
    // enterprises
    'POST /enterprises': {
      auth: admin,
      body: () =>
        object({
          uscc: { kind: 'uscc', valid: fc.constantFrom('440305', '440106', '110108').chain((d) => validUscc(d)) },
          name: text(200),
          jurisdiction: { kind: 'division', valid: fc.constantFrom('440305', '440106', '110108') },
          address: text(500, { min: 0 }),
          industry: text(100, { min: 0 }),
        }) as Field & { kind: 'object' },
      params: () => ({}),
      valid: { status: 201 },
    },
    'POST /enterprises/:uscc/rename': {
      auth: supervisor,
      body: () => object({ newName: text(200), effectiveDate: date(today()), reason: optionalText(1000) }) as Field & { kind: 'object' },
      params: (f) => ({ uscc: f.enterprise }),
      valid: { prepare: async () => ({ params: { uscc: await registerEnterprise() } }), status: 200 },
    },
    'POST /enterprises/:uscc/deregister': {
      auth: supervisor,
      body: () => object({ effectiveDate: date(today()), reason: text(1000) }) as Field & { kind: 'object' },
      params: (f) => ({ uscc: f.enterprise }),
      valid: { prepare: async () => ({ params: { uscc: await registerEnterprise() } }), status: 200 },
    },
    // declarations
    'POST /declarations': {
      auth: supervisor,
      body: (f) => object({ uscc: { kind: 'uscc', valid: fc.constant(f.enterprise) }, content: contentModel() }) as Field & { kind: 'object' },
      params: () => ({}),
      valid: { status: 201 },
    },
    'POST /declarations/:id/revisions': {
      auth: supervisor,
      body: () =>
        object({ content: contentModel(), effectiveFrom: date(fc.integer({ min: 0, max: 30 }).map((d) => addDays(today(), d))), reason: optionalText(1000) }) as Field & { kind: 'object' },
      params: (f) => ({ id: f.declarationId }),
      valid: { prepare: async () => ({ params: { id: await declare(fx.enterprise) } }), status: 201 },
    },
    'POST /declarations/:id/review': {
      auth: supervisor,
      body: () => object({ outcome: { kind: 'enum', values: ['confirm', 'revise', 'abolish'], valid: fc.constant('confirm') }, reason: optionalText(1000) }) as Field & { kind: 'object' },
      params: (f) => ({ id: f.declarationId }),
      valid: { prepare: async () => ({ params: { id: await declare(fx.enterprise) } }), status: 200 },
    },
    'POST /declarations/:id/abolish': {
      auth: supervisor,
      body: () => object({ effectiveDate: date(fc.integer({ min: 0, max: 30 }).map((d) => addDays(today(), d))), reason: optionalText(1000) }) as Field & { kind: 'object' },
      params: (f) => ({ id: f.declarationId }),
      valid: { prepare: async () => ({ params: { id: await declare(fx.enterprise) } }), status: 200 },
    },
    'POST /declarations/:id/redeclare': {
      auth: supervisor,
      body: () => object({ reason: optionalText(1000) }) as Field & { kind: 'object' },
      params: (f) => ({ id: f.declarationId }),
      valid: {
        prepare: async () => {
          const code = await registerEnterprise();
          const id = await declare(code);
          await must(await post(`/enterprises/${code}/rename`, { newName: `深圳性质测试更名${serial}有限公司`, effectiveDate: today() }, t.as('supervisor', '440300')), 200, 'rename');
          await t.settled();
          return { params: { id } };
        },
        status: 200,
      },
    },
    // complaints
    'POST /complaints': { auth: handler, body: () => intakeModel(), params: () => ({}), valid: { status: 201 } },
    'POST /complaints/:id/accept': complaintStep(() => receiveComplaint('complaint', false), () => object({ on: date(ACCEPTED_ON.complaint, true) }) as Field & { kind: 'object' }),
    'POST /complaints/:id/reject': complaintStep(() => receiveComplaint('complaint', false), () => object({ reason: text(2000), on: date(ACCEPTED_ON.complaint, true) }) as Field & { kind: 'object' }),
    'POST /complaints/:id/assign': complaintStep(() => receiveComplaint('complaint', true), () => object({ handlerId: text(128, { valid: fc.stringMatching(/^[a-z][a-z0-9-]{2,20}$/) }), on: onToday() }) as Field & { kind: 'object' }),
    'POST /complaints/:id/mediation': complaintStep(() => receiveComplaint('complaint', true), () => object({ outcome: oneOf(['agreement', 'failure']), summary: text(2000), on: onToday() }) as Field & { kind: 'object' }),
    'POST /complaints/:id/testing-pause': complaintStep(() => receiveComplaint('complaint', true), () => object({ from: date(today()) }) as Field & { kind: 'object' }),
    'POST /complaints/:id/testing-resume': complaintStep(
      async () => {
        const id = await receiveComplaint('complaint', true);
        await must(await post(`/complaints/${id}/testing-pause`, { from: addDays(today(), -5) }, t.as('complaint_handler', '440300')), 200, 'pause');
        return id;
      },
      () => object({ on: date(today()) }) as Field & { kind: 'object' },
    ),
    'POST /complaints/:id/escalate': complaintStep(() => receiveComplaint('report', true), () => reasonOnly()),
    'POST /complaints/:id/close': complaintStep(
      async () => {
        const id = await receiveComplaint('complaint', true);
        await must(await post(`/complaints/${id}/mediation`, { outcome: 'agreement', summary: '退货退款' }, t.as('complaint_handler', '440300')), 200, 'mediation');
        return id;
      },
      () => object({ outcome: { kind: 'enum', values: ['agreement', 'no_agreement', 'rejected', 'escalated', 'case_decided', 'withdrawn'], valid: fc.constant('agreement') }, summary: text(2000), on: onToday() }) as Field & { kind: 'object' },
    ),
    'POST /complaints/:id/verification-extension': complaintStep(() => receiveComplaint('report', true), () => reasonOnly()),
    'POST /complaints/:id/case-decision': complaintStep(() => receiveComplaint('report', true), () => object({ openCase: bool(), reason: text(2000), on: onToday() }) as Field & { kind: 'object' }),
    'POST /complaints/:id/reporter-notification': complaintStep(
      async () => {
        const id = await receiveComplaint('report', true);
        await must(await post(`/complaints/${id}/case-decision`, { openCase: true, reason: '涉嫌虚假声明' }, t.as('complaint_handler', '440300')), 200, 'case decision');
        return id;
      },
      () => object({ on: date(today()) }) as Field & { kind: 'object' },
    ),
    // personal data of complainants and reporters
    'POST /personal-data/erasures': {
      auth: admin,
      body: (f) => object({ complaintId: { kind: 'ref', max: 128, valid: fc.constant(f.complaintId) }, reason: text(500) }) as Field & { kind: 'object' },
      params: () => ({}),
      valid: {
        prepare: async () => {
          const id = await receiveComplaint('complaint', false);
          return { body: () => object({ complaintId: { kind: 'ref', max: 128, valid: fc.constant(id) }, reason: text(500) }) as Field & { kind: 'object' } };
        },
        status: 200,
      },
    },
    // inspectors
    'POST /inspectors': {
      auth: supervisor,
      body: () =>
        object({
          inspectorId: { kind: 'ref', max: 64, valid: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{3,40}$/).map((s) => `P${s}`.slice(0, 64)) },
          name: text(100),
          jurisdiction: { kind: 'division', valid: fc.constantFrom('440300', '440305') },
          qualifications: { kind: 'array', of: text(100), min: 0, max: 50, valid: fc.uniqueArray(validText(100), { maxLength: 3 }) },
          conflicts: { kind: 'array', of: { kind: 'uscc', valid: validUscc() }, min: 0, max: 500, optional: true, valid: fc.uniqueArray(validUscc(), { maxLength: 2 }) },
        }) as Field & { kind: 'object' },
      params: () => ({}),
      valid: { status: 201 },
    },
    'PUT /inspectors/:id/qualifications': {
      auth: supervisor,
      body: () => object({ qualifications: { kind: 'array', of: text(100), min: 1, max: 50, valid: fc.uniqueArray(validText(100), { minLength: 1, maxLength: 3 }) } }) as Field & { kind: 'object' },
      params: (f) => ({ id: f.inspectors[1] }),
      valid: { prepare: async () => ({ params: { id: await registerInspector() } }), status: 200 },
    },
    'POST /inspectors/:id/conflicts': {
      auth: supervisor,
      body: () => object({ uscc: { kind: 'uscc', valid: validUscc() } }) as Field & { kind: 'object' },
      params: (f) => ({ id: f.inspectors[1] }),
      valid: { prepare: async () => ({ params: { id: await registerInspector() } }), status: 201 },
    },
    'DELETE /inspectors/:id/conflicts/:uscc': {
      auth: supervisor,
      body: () => object({ reason: optionalText(2000) }) as Field & { kind: 'object' },
      params: (f) => ({ id: f.conflictedInspector, uscc: f.enterprise }),
      valid: { prepare: async () => ({ params: { id: await registerInspector([fx.enterprise]), uscc: fx.enterprise } }), status: 200 },
    },
    'POST /inspectors/:id/deactivate': {
      auth: supervisor,
      body: () => object({ reason: text(1000) }) as Field & { kind: 'object' },
      params: (f) => ({ id: f.inspectors[1] }),
      valid: { prepare: async () => ({ params: { id: await registerInspector() } }), status: 200 },
    },
    'POST /inspectors/:id/reactivate': {
      auth: supervisor,
      body: () => object({ reason: optionalText(2000) }) as Field & { kind: 'object' },
      params: (f) => ({ id: f.inspectors[1] }),
      valid: {
        prepare: async () => {
          const id = await registerInspector();
          await must(await post(`/inspectors/${id}/deactivate`, { reason: '休假' }, t.as('supervisor', '440300')), 200, 'deactivate');
          return { params: { id } };
        },
        status: 200,
      },
    },
    // inspection plans
    'POST /inspection-plans': {
      auth: supervisor,
      body: () =>
        object({
          jurisdiction: { kind: 'division', valid: fc.constant('440300') },
          name: text(200),
          scope: object({ standardKinds: { kind: 'array', of: oneOf(['national', 'industry', 'local', 'group', 'enterprise']), min: 1, max: 5, optional: true, valid: fc.constant(['enterprise']) } }, { optional: true }),
          period: object({ from: date(today()), to: date(fc.integer({ min: 1, max: 40 }).map((d) => addDays(today(), d))) }),
          commitment: { kind: 'ref', max: 64, valid: fc.string({ minLength: 8, maxLength: 40 }).map(sha256) },
        }) as Field & { kind: 'object' },
      params: () => ({}),
      valid: { status: 201 },
    },
    'POST /inspection-plans/:id/cancel': {
      auth: supervisor,
      body: () => object({ reason: text(1000) }) as Field & { kind: 'object' },
      params: (f) => ({ id: f.planId }),
      valid: { prepare: async () => ({ params: { id: await createPlan() } }), status: 200 },
    },
    'POST /inspection-plans/:id/draw': {
      auth: supervisor,
      body: () => object({ secret: { kind: 'ref', max: 200, valid: fc.constant(PLAN_SECRET) } }) as Field & { kind: 'object' },
      params: (f) => ({ id: f.planId }),
      valid: { prepare: async () => ({ params: { id: await createPlan() } }), status: 201 },
    },
    // inspections
    'POST /inspections/targeted': {
      auth: supervisor,
      body: (f) =>
        object({
          uscc: { kind: 'uscc', valid: fc.constant(f.enterprise) },
          source: oneOf(['complaint', 'report', 'media', 'other']),
          reference: optionalText(200),
          product: object({ name: { kind: 'text', max: 200, valid: fc.constant(PRODUCT.name) }, model: { kind: 'text', max: 200, valid: fc.constant(PRODUCT.model) } }, { optional: true }),
          description: optionalText(2000),
          inspectorIds: { kind: 'array', of: { kind: 'ref', max: 64, valid: fc.constant('') }, min: 2, max: 20, optional: true, valid: fc.constant([...f.inspectors]) },
        }) as Field & { kind: 'object' },
      params: () => ({}),
      valid: { status: 201 },
    },
    'POST /inspections/:id/assign': {
      auth: supervisor,
      body: (f) =>
        object({
          inspectorIds: { kind: 'array', of: { kind: 'ref', max: 64, valid: fc.constant('') }, min: 2, max: 20, valid: fc.constant([...f.inspectors]) },
          reason: optionalText(2000),
        }) as Field & { kind: 'object' },
      params: (f) => ({ id: f.inspectionAssigned }),
      valid: { prepare: async () => ({ params: { id: await openInspection(false, false) } }), status: 200 },
    },
    'POST /inspections/:id/start': {
      auth: (f) => inspectorAuth(f.inspectors[0]),
      body: () => object({ reason: optionalText(2000) }) as Field & { kind: 'object' },
      params: (f) => ({ id: f.inspectionAssigned }),
      valid: { prepare: async () => ({ params: { id: await openInspection(true, false) } }), status: 200 },
    },
    'POST /inspections/:id/findings': {
      auth: (f) => inspectorAuth(f.inspectors[0]),
      body: (f) => {
        const finding = object({
          indicator: { kind: 'text', max: 200, valid: fc.constant(f.indicators[0].name) },
          declaredValue: { kind: 'ref', max: 200, valid: fc.constant(f.indicators[0].value) },
          measuredValue: text(200),
          unit: optionalText(50),
          testMethod: optionalText(500),
          conforming: bool(),
        });
        return object({ findings: { kind: 'array', of: finding, min: 1, max: 200, valid: fc.array(validOf(finding), { minLength: 1, maxLength: 1 }) } }) as Field & { kind: 'object' };
      },
      params: (f) => ({ id: f.inspectionStarted }),
      valid: { prepare: async () => ({ params: { id: await openInspection(true, true) } }), status: 200 },
    },
    'POST /inspections/:id/complete': {
      auth: (f) => inspectorAuth(f.inspectors[0]),
      body: () => object({ outcome: { kind: 'enum', values: ['conforming', 'non_conforming', 'no_declaration', 'not_located'], valid: fc.constant('not_located') }, note: optionalText(2000) }) as Field & { kind: 'object' },
      params: (f) => ({ id: f.inspectionStarted }),
      valid: { prepare: async () => ({ params: { id: await openInspection(true, true) } }), status: 200 },
    },
    'POST /inspections/:id/publish': {
      auth: supervisor,
      body: () => object({ reason: optionalText(2000) }) as Field & { kind: 'object' },
      params: (f) => ({ id: f.inspectionStarted }),
      valid: {
        prepare: async () => {
          const id = await openInspection(true, true);
          await must(await post(`/inspections/${id}/complete`, { outcome: 'not_located' }, inspectorAuth(fx.inspectors[0]).headers), 200, 'complete');
          return { params: { id } };
        },
        status: 200,
      },
    },
    // enforcement: matters
    'POST /matters': {
      auth: supervisor,
      body: (f) =>
        object({
          uscc: { kind: 'uscc', valid: fc.constant(f.enterprise) },
          jurisdiction: { kind: 'division', valid: fc.constant('440305') },
          subject: object({ kind: { kind: 'enum', values: ['product', 'enterprise'], valid: fc.constant('product') }, product: object({ name: text(200), model: text(200) }) }),
          occurredOn: date(fc.integer({ min: -60, max: 0 }).map((d) => addDays(today(), d))),
          reference: optionalText(200),
          description: optionalText(2000),
        }) as Field & { kind: 'object' },
      params: () => ({}),
      valid: { status: 201 },
    },
    'POST /matters/:id/stop-sale': matterStep('stop-sale', stepOnly),
    'POST /matters/:id/correction': matterStep('correction', stepOnly),
    'POST /matters/:id/follow-up': matterStep('follow-up', () => object({ round: { kind: 'enum', values: [1, 2, 3], valid: fc.constant(1) }, on: onToday() }) as Field & { kind: 'object' }, async () => {
      const id = await recordMatter();
      await must(await post(`/matters/${id}/stop-sale`, { on: '2026-06-01' }, t.as('supervisor', '440300')), 200, 'stop-sale');
      await must(await post(`/matters/${id}/correction`, { on: '2026-06-02' }, t.as('supervisor', '440300')), 200, 'correction');
      return id;
    }),
    'POST /matters/:id/public-notice': matterStep('public-notice', stepOnly, async () => {
      const id = await matterUntil('public-notice');
      await t.settled();
      const inspectionId = followUpInspectionIdFor(id, 1);
      await must(await post(`/inspections/${inspectionId}/assign`, { inspectorIds: fx.inspectors }, t.as('supervisor', '440300')), 200, 'assign follow-up');
      await must(await post(`/inspections/${inspectionId}/start`, {}, inspectorAuth(fx.inspectors[0]).headers), 200, 'start follow-up');
      await must(await post(`/inspections/${inspectionId}/complete`, { outcome: 'not_located' }, inspectorAuth(fx.inspectors[0]).headers), 200, 'complete follow-up');
      await t.settled();
      return id;
    }),
    // Suspension and revocation need a follow-up 60 days after the notice, and correction confirmation and
    // non-disclosure a declaration-duties matter that only a policy opens: a valid body meets the state.
    'POST /matters/:id/suspension': { ...matterStep('suspension', stepOnly), valid: { prepare: async () => ({ params: { id: await matterUntil('public-notice') } }), status: 'state' } },
    'POST /matters/:id/revocation': { ...matterStep('revocation', stepOnly), valid: { prepare: async () => ({ params: { id: await matterUntil('public-notice') } }), status: 'state' } },
    'POST /matters/:id/correction-confirmation': {
      ...matterStep('correction-confirmation', () => object({ note: optionalText(2000), on: onToday() }) as Field & { kind: 'object' }),
      valid: { prepare: async () => ({ params: { id: await matterUntil('follow-up') } }), status: 'state' },
    },
    'POST /matters/:id/non-disclosure': { ...matterStep('non-disclosure', stepOnly), valid: { prepare: async () => ({ params: { id: await matterUntil('follow-up') } }), status: 'state' } },
    'POST /matters/:id/close': matterStep('close', () => object({ outcome: oneOf(['referred_to_case', 'dismissed']), reason: text(2000), on: onToday() }) as Field & { kind: 'object' }, recordMatter),
    // enforcement: cases
    'POST /cases': {
      auth: supervisor,
      body: (f) =>
        object({
          caseId: { kind: 'uuid', valid: fc.uuid({ version: 4 }) },
          uscc: { kind: 'uscc', valid: fc.constant(f.enterprise) },
          jurisdiction: { kind: 'division', valid: fc.constant('440305') },
          source: object({ kind: oneOf(['matter', 'report', 'inspection', 'other'], false), reference: optionalText(200) }),
          summary: text(2000),
          discoveredOn: date(fc.integer({ min: -30, max: 0 }).map((d) => addDays(today(), d))),
        }) as Field & { kind: 'object' },
      params: () => ({}),
      valid: { status: 201 },
    },
    'POST /cases/:id/verification-extension': caseStep('verification-extension', () => object({ reason: text(2000), on: date('2026-09-10') }) as Field & { kind: 'object' }, registerLead),
    'POST /cases/:id/open': caseStep('open', () => object({ on: date('2026-09-15', true) }) as Field & { kind: 'object' }, registerLead),
    'POST /cases/:id/decline': caseStep('decline', () => object({ reason: text(2000), on: date('2026-09-15', true) }) as Field & { kind: 'object' }, registerLead),
    'POST /cases/:id/pause': caseStep('pause', () => object({ kind: oneOf(['testing', 'hearing', 'suspension']), from: date('2026-09-20', true) }) as Field & { kind: 'object' }),
    'POST /cases/:id/resume': caseStep('resume', () => object({ on: date('2026-10-10', true) }) as Field & { kind: 'object' }),
    'POST /cases/:id/decision-extension': caseStep('decision-extension', () => object({ approvalReference: text(2000), on: date('2026-10-12', true) }) as Field & { kind: 'object' }),
    'POST /cases/:id/decision': caseStep('decision', () =>
      object({
        penalties: { kind: 'array', of: object({ kind: oneOf(['warning', 'fine', 'confiscation', 'suspension', 'licence_revocation']), amountYuan: { kind: 'positive', optional: true, valid: fc.integer({ min: 1, max: 100000 }) } }), min: 1, max: 5, valid: fc.constant([{ kind: 'warning' }]) },
        sector: oneOf(['general', 'food_drug_special_equipment']),
        legalBasis: text(2000),
        on: date('2026-11-10'),
      }) as Field & { kind: 'object' },
    ),
    'POST /cases/:id/publication': caseStep('publication', stepOnly, async () => {
      const id = await caseUntil('none');
      await must(await post(`/cases/${id}/decision`, { penalties: [{ kind: 'fine', amountYuan: 50000 }], sector: 'general', legalBasis: '《产品质量法》第四十九条', on: '2026-11-10' }, t.as('supervisor', '440300')), 200, 'decision');
      return id;
    }),
    // credit
    'POST /credit/scoring-policies': {
      auth: admin,
      body: () => scoringPolicyModel(),
      params: () => ({}),
      // Each version takes effect after the previous one: a later date per run.
      valid: { prepare: async () => ({ body: () => scoringPolicyModel(fc.constant(addDays(today(), 10 + Number(nextSerial())))) }), status: 201 },
    },
    'POST /enterprises/:uscc/credit/abnormal-list': {
      auth: supervisor,
      body: () => object({ reason: oneOf(['annual_report_not_filed', 'information_not_published', 'false_information', 'unreachable_at_address']), on: onToday() }) as Field & { kind: 'object' },
      params: (f) => ({ uscc: f.enterprise }),
      valid: { prepare: async () => ({ params: { uscc: await registerEnterprise() } }), status: 201 },
    },
    'DELETE /enterprises/:uscc/credit/abnormal-list': {
      auth: supervisor,
      body: () => object({ listingId: { kind: 'uuid', valid: fc.uuid({ version: 4 }) }, cure: text(2000), on: onToday() }) as Field & { kind: 'object' },
      params: (f) => ({ uscc: f.enterprise }),
      valid: {
        prepare: async () => {
          const code = await registerEnterprise();
          const placed = await must(await post(`/enterprises/${code}/credit/abnormal-list`, { reason: 'annual_report_not_filed' }, t.as('supervisor', '440300')), 201, 'place');
          const listingId = placed.listingId as string;
          return { params: { uscc: code }, body: () => object({ listingId: { kind: 'uuid', valid: fc.constant(listingId) }, cure: text(2000) }) as Field & { kind: 'object' } };
        },
        status: 200,
      },
    },
    'POST /enterprises/:uscc/credit/serious-violation-list': {
      auth: supervisor,
      body: () => object({ caseId: text(200), on: onToday() }) as Field & { kind: 'object' },
      params: (f) => ({ uscc: f.enterprise }),
      valid: { prepare: async () => ({ params: { uscc: await registerEnterprise() } }), status: 201 },
    },
    'DELETE /enterprises/:uscc/credit/serious-violation-list': {
      auth: supervisor,
      body: () =>
        object({ listingId: { kind: 'uuid', valid: fc.uuid({ version: 4 }) }, reason: oneOf(['term_elapsed', 'early_removal']), obligationsFulfilled: bool(true), harmRemedied: bool(true) }) as Field & { kind: 'object' },
      params: (f) => ({ uscc: f.enterprise }),
      valid: {
        prepare: async () => {
          const code = await registerEnterprise();
          const listingId = await listSerious(code, '2023-01-02');
          return { params: { uscc: code }, body: () => object({ listingId: { kind: 'uuid', valid: fc.constant(listingId) }, reason: { kind: 'enum', values: ['term_elapsed', 'early_removal'], valid: fc.constant('term_elapsed') } }) as Field & { kind: 'object' } };
        },
        status: 200,
      },
    },
    'POST /enterprises/:uscc/credit/repairs': {
      auth: supervisor,
      body: () =>
        object({
          target: object({ kind: { kind: 'enum', values: ['penalty_publication', 'serious_violation_list'], valid: fc.constant('serious_violation_list') }, listingId: { kind: 'ref', max: 200, valid: fc.uuid({ version: 4 }) } }),
          obligationsFulfilled: bool(),
          harmRemedied: bool(),
          on: onToday(),
        }) as Field & { kind: 'object' },
      params: (f) => ({ uscc: f.enterprise }),
      valid: {
        prepare: async () => {
          const code = await registerEnterprise();
          const listingId = await listSerious(code, '2025-10-01');
          return {
            params: { uscc: code },
            body: () =>
              object({
                target: object({ kind: { kind: 'enum', values: ['serious_violation_list'] }, listingId: { kind: 'ref', max: 200, valid: fc.constant(listingId) } }),
                obligationsFulfilled: { kind: 'boolean', valid: fc.constant(true) },
                harmRemedied: { kind: 'boolean', valid: fc.constant(true) },
              }) as Field & { kind: 'object' },
          };
        },
        status: 201,
      },
    },
    'POST /credit/repairs/:id/decision': {
      auth: supervisor,
      body: () => object({ grant: bool(), reason: text(2000), on: onToday() }) as Field & { kind: 'object' },
      params: () => ({ id: randomUUID() }),
      valid: {
        prepare: async () => {
          const code = await registerEnterprise();
          const listingId = await listSerious(code, '2025-10-01');
          const applied = await must(await post(`/enterprises/${code}/credit/repairs`, { target: { kind: 'serious_violation_list', listingId }, obligationsFulfilled: true, harmRemedied: true }, t.as('supervisor', '440300')), 201, 'repair');
          await t.settled();
          return { params: { id: applied.repairId as string } };
        },
        status: 200,
      },
    },
  };

  /** The scoring policy body (PublishScoringPolicyRequestDto): version 0's content, a date and a note. */
  const scoringPolicyModel = (effectiveFrom: fc.Arbitrary<string> = fc.integer({ min: 0, max: 30 }).map((d) => addDays(today(), d))): Field & { kind: 'object' } =>
    object({
      effectiveFrom: date(effectiveFrom),
      basePoints: { kind: 'int', min: -1000, max: 1000, valid: fc.constant(DEFAULT_POLICY.basePoints as number) },
      points: object({}, { open: true, valid: fc.constant(DEFAULT_POLICY.points as Json) }),
      validityMonths: object({}, { open: true, valid: fc.constant(DEFAULT_POLICY.validityMonths as Json) }),
      thresholds: object({}, { open: true, valid: fc.constant(DEFAULT_POLICY.thresholds as Json) }),
      note: text(2000),
    }) as Field & { kind: 'object' };
  let DEFAULT_POLICY: Json = {};

  // ---- setup

  beforeAll(async () => {
    t = await startTestApp({ SCHEDULE_INTERVAL_MS: '0' }, { clock });
    routes = appRoutes(t.app);
    const policies = await t.http.get('/credit/scoring-policies').set(t.as('admin', '000000'));
    DEFAULT_POLICY = (policies.body.items as Json[]).find((p) => p.version === 0) as Json;
    const enterprise = await registerEnterprise('440305');
    fx = { enterprise } as Fixture;
    fx.declarationId = await declare(enterprise);
    fx.indicators = INDICATORS.map((i) => ({ name: i.name, value: i.value }));
    fx.inspectors = [await registerInspector(), await registerInspector()];
    fx.conflictedInspector = await registerInspector([enterprise]);
    fx.inspectionAssigned = await openInspection(true, false);
    fx.inspectionStarted = await openInspection(true, true);
    fx.planId = await createPlan();
    fx.complaintId = await receiveComplaint('complaint', true);
    fx.matterId = await recordMatter();
    fx.caseId = await registerLead();
    await t.settled();
  });

  afterAll(async () => {
    await t?.close();
  });

  const writeRoutes = (): AppRoute[] => routes.filter((r) => r.method !== 'GET');
  const routeOf = (key: string): AppRoute => {
    const r = routes.find((x) => x.key === key);
    if (!r) throw new Error(`the app serves no ${key}`);
    return r;
  };
  const authFor = (key: string): Headers => {
    const route = routeOf(key);
    const { role, headers } = MODELS[key].auth(fx);
    if (!route.rule || route.rule.public || !route.rule.roles.includes(role)) throw new Error(`${key}: the model acts as ${role}, which the route's rule does not admit`);
    return headers;
  };

  /** What is wrong with a refusal, or null: a 4xx in the error envelope with a stable code, naming the field it broke. */
  const refusalProblem = (res: Response, m: Pick<Mutation, 'field' | 'how'>): string | null => {
    const error = (res.body as { error?: { code?: unknown; errors?: { field?: unknown; rule?: unknown }[] } } | undefined)?.error;
    if (res.status < 400 || res.status >= 500) return `status ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
    if (typeof error?.code !== 'string' || !/^[A-Z][A-Z_]*(\.[A-Z][A-Z_]*)+$/.test(error.code)) return `no stable code: ${JSON.stringify(res.body).slice(0, 300)}`;
    if (res.status !== 400 || m.field === '') return null;
    if (!/VALIDATION|INVALID/.test(error.code)) return null;
    if (!Array.isArray(error.errors) || error.errors.length === 0) return `${error.code} names no field`;
    const want = normaliseFieldPath(m.field);
    const named = error.errors.map((e) => normaliseFieldPath(String(e.field)));
    const related = named.some((f) => f === want || f.startsWith(`${want}.`) || want.startsWith(`${f}.`) || (m.how === 'unknown field' && error.errors!.some((e) => e.rule === 'unknown_field')));
    return related ? null : `${error.code} names ${JSON.stringify(named)}, not ${m.field}`;
  };

  const keys = Object.keys(MODELS);

  it('every write route the app serves has a model here, and every model a route', () => {
    const served = writeRoutes().map((r) => r.key);
    expect({ withoutModel: served.filter((k) => !MODELS[k]), withoutRoute: keys.filter((k) => !served.includes(k)) }).toEqual({ withoutModel: [], withoutRoute: [] });
  });

  describe('inputs the properties found, kept as examples', () => {
    /** Sends raw JSON text and expects a 400 naming `field` with `rule`, nothing appended. */
    const refusedWith = async (method: Method, path: string, auth: Headers, raw: string, field: string, rule: string): Promise<void> => {
      await t.settled();
      const before = await t.eventCount();
      const res = await send(method, path, auth, raw);
      expect({ status: res.status, code: res.body?.error?.code, named: res.body?.error?.errors?.some((e: { field: string; rule: string }) => e.field === field && e.rule === rule) }).toEqual({
        status: 400,
        code: expect.stringMatching(/VALIDATION/),
        named: true,
      });
      expect(await t.eventCount()).toBe(before);
    };
    const sup = () => t.as('supervisor', '440300');

    it('text the log cannot store (NUL, an unpaired surrogate) in a body, a path parameter or a member name: 400 `characters`, never a 500', async () => {
      await refusedWith('POST', `/enterprises/${fx.enterprise}/deregister`, sup(), JSON.stringify({ effectiveDate: today(), reason: 'a\u0000b' }), 'reason', 'characters');
      await refusedWith('POST', '/inspectors', sup(), JSON.stringify({ inspectorId: '名\udc00', name: 'x', jurisdiction: '440300', qualifications: [] }), 'inspectorId', 'characters');
      await refusedWith('POST', `/inspectors/${encodeURIComponent('a\u0000')}/deactivate`, sup(), JSON.stringify({ reason: '调离' }), 'id', 'characters');
      await refusedWith('POST', `/matters/${fx.matterId}/close`, sup(), JSON.stringify({ outcome: 'dismissed', reason: 'x', ['k\u0000']: 1 }), 'k\u0000', 'characters');
    });

    it('nesting 3,000 levels deep: 400 `max_depth` at the field, never a stack overflow', async () => {
      await refusedWith('POST', `/enterprises/${fx.enterprise}/rename`, sup(), `{"newName":${'['.repeat(3000)}"x"${']'.repeat(3000)},"effectiveDate":"${today()}"}`, `newName${'.0'.repeat(31)}`, 'max_depth');
    });

    it('member names of the object machinery (constructor, __proto__, toString) are unknown fields, not silently dropped', async () => {
      for (const name of ['constructor', '__proto__', 'toString', 'prototype']) {
        await refusedWith('POST', `/enterprises/${fx.enterprise}/credit/abnormal-list`, sup(), `{"reason":"annual_report_not_filed","${name}":1}`, name, 'unknown_field');
      }
    });

    it('a blank reason or case, a missing nested object, an array for an object, an unknown member of the plan period: 400 naming the field', async () => {
      await refusedWith('POST', `/enterprises/${fx.enterprise}/deregister`, sup(), JSON.stringify({ effectiveDate: today(), reason: '   ' }), 'reason', 'matches');
      await refusedWith('POST', `/enterprises/${fx.enterprise}/credit/serious-violation-list`, sup(), JSON.stringify({ caseId: ' ' }), 'caseId', 'matches');
      await refusedWith('POST', `/enterprises/${fx.enterprise}/credit/repairs`, sup(), JSON.stringify({ obligationsFulfilled: true, harmRemedied: true }), 'target', 'isDefined');
      const { version: _v, effectiveFrom: _e, thresholds: _t, ...policy } = DEFAULT_POLICY;
      await refusedWith('POST', '/credit/scoring-policies', t.as('admin', '000000'), JSON.stringify({ ...policy, effectiveFrom: addDays(today(), 5), note: '无阈值' }), 'thresholds', 'isDefined');
      const matter = { uscc: fx.enterprise, jurisdiction: '440305', subject: [], occurredOn: today() };
      await refusedWith('POST', '/matters', sup(), JSON.stringify(matter), 'subject', 'isObject');
      const plan = { jurisdiction: '440300', name: '计划', period: { from: today(), to: addDays(today(), 9), extra: 1 }, commitment: sha256(PLAN_SECRET) };
      await refusedWith('POST', '/inspection-plans', sup(), JSON.stringify(plan), 'period.extra', 'unknown_field');
    });

    it('withdrawing a conflict and reactivating take at most a reason: any other body is refused', async () => {
      await refusedWith('DELETE', `/inspectors/${fx.conflictedInspector}/conflicts/${fx.enterprise}`, sup(), '{"uscc":"x"}', 'uscc', 'unknown_field');
      await refusedWith('POST', `/inspectors/${fx.inspectors[1]}/reactivate`, sup(), '{"force":true}', 'force', 'unknown_field');
    });
  });

  describe.each(keys)('%s', (key) => {
    it('adversarial bodies: a 4xx with a stable code naming the field, never a 5xx, nothing appended', async () => {
      const route = routeOf(key);
      const model = MODELS[key];
      const headers = authFor(key);
      const path = pathOf(route, model.params(fx));
      const bodyModel = model.body ? model.body(fx) : empty();
      await t.settled();
      await fc.assert(
        fc.asyncProperty(adversarialBody(bodyModel), async (m) => {
          const before = await t.eventCount();
          const res = await send(route.method, path, headers, toJsonText(m.body));
          const problem = refusalProblem(res, m);
          const after = await t.eventCount();
          if (problem || after !== before) throw new Error(`${key} (${m.how} at "${m.field}"): ${problem ?? `${after - before} event(s) appended`}; body ${toJsonText(m.body).slice(0, 400)}`);
        }),
        { seed: seedOf(key, 0), numRuns: RUNS, endOnFailure: true },
      );
    });

    const withParams = key.includes('/:') ? it : null;
    withParams?.('adversarial path parameters with a valid body: a 4xx, never a 5xx, nothing appended', async () => {
      const route = routeOf(key);
      const names = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((x) => x[1]);
      const model = MODELS[key];
      const headers = authFor(key);
      const base = model.params(fx);
      const bodyModel = model.body ? model.body(fx) : empty();
      const badParam = fc.oneof(invalidUscc(), fc.constantFrom(...INJECTIONS, ...WELL_FORMED_UNICODE, ...ILL_FORMED_UNICODE.filter((s) => !/[\uD800-\uDFFF]/.test(s)), '..', '.', '%', '%00', 'x'.repeat(3000), 'null', 'undefined', '0'), fc.string({ minLength: 1, maxLength: 40 }));
      await t.settled();
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...names), badParam, validOf(bodyModel), async (name, value, body) => {
          const before = await t.eventCount();
          const res = await send(route.method, pathOf(route, { ...base, [name]: value }), headers, model.body ? JSON.stringify(body) : undefined);
          const problem = res.status === 404 && res.body?.error?.code === 'ROUTE.NOT_FOUND' ? null : refusalProblem(res, { field: '', how: 'path' });
          const after = await t.eventCount();
          if (problem || after !== before) throw new Error(`${key} (:${name} = ${JSON.stringify(value).slice(0, 80)}): ${problem ?? `${after - before} event(s) appended`}`);
        }),
        { seed: seedOf(key, 2), numRuns: PARAM_RUNS, endOnFailure: true },
      );
    });

    it('malformed JSON, another content type, an unknown field: a clear 400, nothing appended', async () => {
      const route = routeOf(key);
      const model = MODELS[key];
      const headers = authFor(key);
      const path = pathOf(route, model.params(fx));
      await t.settled();
      const before = await t.eventCount();
      for (const raw of ['{', '{"a":', "{'a': 1}", '{"a": 1,}', '[1,]', '{"a":1}}', 'nul', '123', '"text"', 'null', 'true', '{"a": "\\x41"}', '{"a": NaN}']) {
        const res = await send(route.method, path, headers, raw);
        expect({ raw, status: res.status, code: res.body?.error?.code }).toEqual({ raw, status: 400, code: 'REQUEST.MALFORMED_JSON' });
      }
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/jsonp', 'text/json']) {
        const res = await send(route.method, path, headers, '{}', type);
        expect({ type, status: res.status, code: res.body?.error?.code }).toEqual({ type, status: 400, code: 'REQUEST.UNSUPPORTED_CONTENT_TYPE' });
      }
      const valid = fc.sample(validOf(model.body ? model.body(fx) : empty()), { seed: seedOf(key, 3), numRuns: 1 })[0] as Json;
      for (const name of ['unexpectedField', 'isAdmin', '$where', '名称', 'constructor', '__proto__']) {
        const body = { ...valid };
        Object.defineProperty(body, name, { value: 1, enumerable: true, configurable: true, writable: true });
        const res = await send(route.method, path, headers, JSON.stringify(body));
        expect({ name, status: res.status, code: res.body?.error?.code, errors: res.body?.error?.errors }).toEqual({
          name,
          status: 400,
          code: 'VALIDATION.FAILED',
          errors: expect.arrayContaining([expect.objectContaining({ field: name, rule: 'unknown_field' })]),
        });
      }
      expect(await t.eventCount()).toBe(before);
    });

    it('valid bodies (fresh state per run): accepted and events appended, or refused only by the state', async () => {
      const route = routeOf(key);
      const model = MODELS[key];
      const headers = authFor(key);
      await t.settled();
      await fc.assert(
        fc.asyncProperty(fc.gen(), async (g) => {
          const prepared = (await model.valid.prepare?.()) ?? {};
          // A refusal by the state must append nothing: let the reactions to the preparation finish first.
          if (model.valid.status === 'state') await t.settled();
          const params = { ...model.params(fx), ...prepared.params };
          const bodyModel = prepared.body ? prepared.body(fx) : model.body ? model.body(fx) : null;
          const body = bodyModel ? (g(() => validOf(bodyModel)) as Json) : undefined;
          const before = await t.eventCount();
          const res = await send(route.method, pathOf(route, params), { ...headers, ...prepared.headers }, body === undefined ? undefined : JSON.stringify(body));
          const after = await t.eventCount();
          const expected = model.valid.status;
          const ok =
            expected === 'state'
              ? (res.status === 409 || res.status === 422) && after === before && !/VALIDATION/.test(String(res.body?.error?.code))
              : res.status === expected && after > before && Array.isArray(res.body?.events) && res.body.events.length > 0;
          if (!ok) throw new Error(`${key}: expected ${expected === 'state' ? '409/422 from the state, nothing appended' : `${expected} and events appended`}, got ${res.status} (${after - before} event(s)) ${JSON.stringify(res.body).slice(0, 600)}`);
        }),
        { seed: seedOf(key, 1), numRuns: VALID_RUNS, endOnFailure: true },
      );
    });
  });
});
