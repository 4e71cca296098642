import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { EngineLifecycle } from '@regledger/engine';
import { startTestApp, type TestApp } from './support/test-app.js';
import { addDays, chinaDate, chinaToday, expectError, fieldsOf, refusedOn, uscc } from './support/http-expectations.js';

const DAY_MS = 86_400_000;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// ---- request bodies ----

type Json = Record<string, unknown>;

const NO_SHORTFALL = { flagged: false, referenceStandard: null, explanation: null };

const indicator = (over: Json = {}): Json => ({
  name: '洁净空气量',
  type: 'performance',
  value: '≥500',
  unit: 'm³/h',
  testMethod: 'GB/T 18801-2022 附录B',
  ...over,
});

/** An enterprise standard issued five days ago, for a product not yet sold: in time. */
const enterpriseContent = (number: string, model: string, over: Json = {}): Json => ({
  standard: { kind: 'enterprise', number, title: '空气净化器企业标准', mandatory: false, issuedOn: addDays(chinaToday(), -5) },
  products: [{ name: '空气净化器', model, category: 'air_purifier' }],
  indicators: [indicator(), indicator({ name: '待机功率', type: 'functional', value: '≤2.0', unit: 'W', testMethod: 'GB/T 18801-2022 附录F' })],
  fullTextDisclosed: false,
  firstSaleOn: null,
  belowRecommended: NO_SHORTFALL,
  ...over,
});

/** A national recommended standard issued long ago: its age does not make a declaration late. */
const nationalContent = (model: string, over: Json = {}): Json => ({
  standard: { kind: 'national', number: 'GB/T 18801-2022', title: '空气净化器', mandatory: false, issuedOn: '2022-12-30' },
  products: [{ name: '空气净化器', model, category: 'air_purifier' }],
  indicators: [],
  fullTextDisclosed: true,
  firstSaleOn: null,
  belowRecommended: NO_SHORTFALL,
  ...over,
});

const withStandard = (content: Json, standard: Json): Json => ({ ...content, standard: { ...(content.standard as Json), ...standard } });

const registration = (code: string, name: string, jurisdiction: string) => ({
  uscc: code,
  name,
  jurisdiction,
  address: '广东省深圳市南山区科技园',
  industry: '家用电器制造业',
});

describe('declarations over HTTP', () => {
  let t: TestApp;

  const admin = () => t.as('admin', '000000');
  const refused = refusedOn(() => t);
  const enterpriseUser = (code: string) => t.as('enterprise', '440307', { uscc: code, sub: `enterprise-${code}` });

  const register = async (code: string, name: string, jurisdiction = '440307'): Promise<void> => {
    const res = await t.http.post('/enterprises').set(admin()).send(registration(code, name, jurisdiction));
    expect(res.status).toBe(201);
  };

  const declare = (body: object, auth: Record<string, string>, headers: Record<string, string> = {}) =>
    t.http.post('/declarations').set(auth).set(headers).send(body);

  /** Declares and returns the new declaration id. */
  const declared = async (code: string, content: Json, auth: Record<string, string> = enterpriseUser(code)): Promise<string> => {
    const res = await declare({ uscc: code, content }, auth);
    expect({ status: res.status, body: res.body }).toEqual({ status: 201, body: expect.objectContaining({ declarationId: expect.any(String) }) });
    return res.body.declarationId as string;
  };

  const revise = (id: string, body: object, auth: Record<string, string>, headers: Record<string, string> = {}) =>
    t.http.post(`/declarations/${id}/revisions`).set(auth).set(headers).send(body);

  const review = (id: string, body: object, auth: Record<string, string>, headers: Record<string, string> = {}) =>
    t.http.post(`/declarations/${id}/review`).set(auth).set(headers).send(body);

  const abolish = (id: string, body: object, auth: Record<string, string>, headers: Record<string, string> = {}) =>
    t.http.post(`/declarations/${id}/abolish`).set(auth).set(headers).send(body);

  const redeclare = (id: string, auth: Record<string, string>, body: object = {}) => t.http.post(`/declarations/${id}/redeclare`).set(auth).send(body);

  const get = (id: string) => t.http.get(`/declarations/${id}`);

  const find = (query: Record<string, string | number | boolean>) => t.http.get('/declarations').query(query);

  const idsOf = (res: Response): string[] => (res.body.items as { declarationId: string }[]).map((i) => i.declarationId).sort();

  const inForce = (query: Record<string, string>) => t.http.get('/declarations/in-force').query(query);

  const stats = (query: Record<string, string>) => t.http.get('/statistics/declarations').query(query);





  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('computes the USCCs of domain.md §4', () => {
    expect(uscc('440300', '192203821')).toBe('914403001922038216');
    expect(uscc('350100', 'M000100Y4')).toBe('91350100M000100Y43');
  });

  describe('declare and read', () => {
    const D1 = uscc('440307', 'MA5D00001');
    const D2 = uscc('440307', 'MA5D00002');
    const UNREGISTERED = uscc('440307', 'MA5D00003');

    beforeAll(async () => {
      await register(D1, '声明甲电器有限公司');
      await register(D2, '声明乙电器有限公司');
    });

    it('the enterprise declares for itself: 201 with Location, ETag "1" and a <USCC>-<uuid> id; GET shows the page with its version, who, when and the indicators', async () => {
      const before = await t.eventCount();
      const content = enterpriseContent('Q/SMJ  0001—2025', 'KJ500F-A1');
      const res = await declare({ uscc: D1, content }, enterpriseUser(D1), { 'X-Correlation-Id': 'e2e-declare-1' });

      expect(res.status).toBe(201);
      const id = res.body.declarationId as string;
      expect(id).toMatch(new RegExp(`^${D1}-${UUID}$`));
      expect(res.headers.location).toBe(`/declarations/${id}`);
      expect(res.headers.etag).toBe('"1"');
      expect(res.headers['x-correlation-id']).toBe('e2e-declare-1');
      expect(res.headers['idempotent-replayed']).toBeUndefined();
      expect(res.body).toEqual({
        declarationId: id,
        version: 1,
        replayed: false,
        streamId: `declarations-${D1}`,
        events: [{ id: expect.any(String), type: 'StandardDeclared', revision: '0', globalPosition: expect.stringMatching(/^\d+$/) }],
      });
      expect(await t.eventCount()).toBe(before + 1);

      await t.settled();
      const got = await get(id);
      expect(got.status).toBe(200);
      expect(got.headers.etag).toBe('"1"');
      const stored = { ...content, standard: { ...(content.standard as Json), number: 'Q/SMJ 0001-2025' } };
      expect(got.body).toEqual({
        declarationId: id,
        uscc: D1,
        enterpriseName: '声明甲电器有限公司',
        jurisdiction: '440307',
        status: 'active',
        version: 1,
        standard: { kind: 'enterprise', number: 'Q/SMJ 0001-2025', title: '空气净化器企业标准', mandatory: false },
        categories: ['air_purifier'],
        productCount: 1,
        fullTextDisclosed: false,
        belowRecommended: false,
        late: false,
        declaredOn: chinaToday(),
        effectiveFrom: chinaToday(),
        abolishedOn: null,
        lastReviewedOn: null,
        redeclareDeadline: null,
        redeclarationOverdue: false,
        updatedAt: expect.stringMatching(ISO_INSTANT),
        content: stored,
        lateReasons: [],
        versions: [
          {
            version: 1,
            enterpriseName: '声明甲电器有限公司',
            effectiveFrom: chinaToday(),
            effectiveTo: null,
            recordedAt: expect.stringMatching(ISO_INSTANT),
            recordedBy: { actorId: `enterprise-${D1}`, role: 'enterprise' },
            reason: null,
            eventId: res.body.events[0].id,
            content: stored,
          },
        ],
      });
      expect(got.body.versions[0].content.indicators).toHaveLength(2);

      const [event] = await t.engine.store.readStream(`declarations-${D1}`);
      expect(event.metadata).toMatchObject({ actorId: `enterprise-${D1}`, actorRole: 'enterprise', correlationId: 'e2e-declare-1' });
      expect(event.data).toMatchObject({ declarationId: id, uscc: D1, enterpriseName: '声明甲电器有限公司', jurisdiction: '440307', version: 1 });
    });

    it('a second declaration of the same enterprise has its own id and ETag "1" in the same stream', async () => {
      const res = await declare({ uscc: D1, content: nationalContent('KJ300') }, enterpriseUser(D1));
      expect(res.status).toBe(201);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({ version: 1, streamId: `declarations-${D1}`, events: [{ type: 'StandardDeclared', revision: '1' }] });
    });

    it('a supervisor inside the jurisdiction declares (201); outside it: 403 DECLARATION.FORBIDDEN, nothing written', async () => {
      const ok = await declare({ uscc: D1, content: nationalContent('KJ301') }, t.as('supervisor', '440000', { sub: 'supervisor-gd' }));
      expect(ok.status).toBe(201);
      const district = await declare({ uscc: D1, content: nationalContent('KJ302') }, t.as('supervisor', '440307'));
      expect(district.status).toBe(201);
      const byAdmin = await declare({ uscc: D1, content: nationalContent('KJ303') }, admin());
      expect(byAdmin.status).toBe(201);

      await t.settled();
      expect((await get(ok.body.declarationId)).body.versions[0].recordedBy).toEqual({ actorId: 'supervisor-gd', role: 'supervisor' });

      for (const outside of ['110000', '440100', '440306']) {
        const res = await refused(() => declare({ uscc: D1, content: nationalContent('KJ399') }, t.as('supervisor', outside)));
        expectError(res, 403, 'DECLARATION.FORBIDDEN');
      }
    });

    it("an enterprise declaring for another enterprise's USCC: 403 DECLARATION.FORBIDDEN, nothing written", async () => {
      const res = await refused(() => declare({ uscc: D2, content: nationalContent('KJ310') }, enterpriseUser(D1)));
      expectError(res, 403, 'DECLARATION.FORBIDDEN');
      const lower = await refused(() => declare({ uscc: D2.toLowerCase(), content: nationalContent('KJ310') }, enterpriseUser(D1)));
      expectError(lower, 403, 'DECLARATION.FORBIDDEN');
    });

    it.each(['public', 'inspector', 'analyst', 'complaint_handler'] as const)('a %s token: 403 ACCESS.ROLE_NOT_ALLOWED, nothing written', async (role) => {
      const res = await refused(() => declare({ uscc: D1, content: nationalContent('KJ320') }, t.as(role, '440000')));
      expectError(res, 403, 'ACCESS.ROLE_NOT_ALLOWED');
    });

    it('no token: 401 AUTH.TOKEN_MISSING on every write, nothing written', async () => {
      const id = await declared(D1, nationalContent('KJ330'));
      const writes: [string, object][] = [
        ['/declarations', { uscc: D1, content: nationalContent('KJ331') }],
        [`/declarations/${id}/revisions`, { content: nationalContent('KJ331'), effectiveFrom: chinaToday() }],
        [`/declarations/${id}/review`, { outcome: 'confirm' }],
        [`/declarations/${id}/abolish`, { effectiveDate: chinaToday() }],
        [`/declarations/${id}/redeclare`, {}],
      ];
      for (const [path, body] of writes) {
        const res = await refused(() => t.http.post(path).send(body));
        expectError(res, 401, 'AUTH.TOKEN_MISSING');
      }
    });

    it('the reads are public: GET /declarations, /declarations/:id, /declarations/in-force and /statistics/declarations need no token', async () => {
      const id = await declared(D1, nationalContent('KJ340'));
      await t.settled();
      expect((await get(id)).status).toBe(200);
      expect((await find({ uscc: D1 })).status).toBe(200);
      expect((await inForce({ uscc: D1, product: '空气净化器', model: 'KJ340', date: chinaToday() })).status).toBe(200);
      expect((await stats({})).status).toBe(200);
    });

    it('an unknown enterprise: 422 DECLARATION.ENTERPRISE_NOT_REGISTERED, nothing written', async () => {
      const res = await refused(() => declare({ uscc: UNREGISTERED, content: nationalContent('KJ350') }, admin()));
      expectError(res, 422, 'DECLARATION.ENTERPRISE_NOT_REGISTERED');
      const own = await refused(() => declare({ uscc: UNREGISTERED, content: nationalContent('KJ350') }, enterpriseUser(UNREGISTERED)));
      expectError(own, 422, 'DECLARATION.ENTERPRISE_NOT_REGISTERED');
    });
  });

  describe('validation', () => {
    const V = uscc('440307', 'MA5K00001');
    const base = () => enterpriseContent('Q/YZ 0001-2025', 'YZ-1');

    beforeAll(async () => {
      await register(V, '校验电器有限公司');
    });

    it.each([
      ['the earthquake trap DB/T 1234-2013 declared as local', ['content.standard.number'], withStandard(nationalContent('YZ-10'), { kind: 'local', number: 'DB/T 1234-2013', issuedOn: '2013-05-01' })],
      ['a national number declared as industry', ['content.standard.number'], withStandard(nationalContent('YZ-11'), { kind: 'industry' })],
      ['a number of no known shape', ['content.standard.number'], withStandard(nationalContent('YZ-12'), { number: 'ABC-123' })],
      ['GB 4706.1-2005 declared recommended', ['content.standard.mandatory'], withStandard(nationalContent('YZ-13'), { number: 'GB 4706.1-2005', mandatory: false, issuedOn: '2005-08-01' })],
      ['GB/T 18801-2022 declared mandatory', ['content.standard.mandatory'], withStandard(nationalContent('YZ-14'), { mandatory: true })],
      ['DB11/ 501-2017 declared recommended', ['content.standard.mandatory'], withStandard(nationalContent('YZ-15'), { kind: 'local', number: 'DB11/ 501-2017', mandatory: false, issuedOn: '2017-06-01' })],
      ['an enterprise standard without indicators', ['content.indicators'], { ...base(), indicators: [] }],
      ['a group standard without indicators', ['content.indicators'], withStandard({ ...base(), indicators: [] }, { kind: 'group', number: 'T/XZYC 0055-2024', issuedOn: '2024-03-01' })],
      ['an indicator without test method', ['content.indicators[0].testMethod'], { ...base(), indicators: [indicator({ testMethod: undefined })] }],
      ['an indicator with a blank test method', ['content.indicators[1].testMethod'], { ...base(), indicators: [indicator(), indicator({ testMethod: '   ' })] }],
      ['an unknown category', ['content.products[0].category'], { ...base(), products: [{ name: '空气净化器', model: 'YZ-16', category: 'spaceship' }] }],
      ['flagged below recommended without explanation', ['content.belowRecommended.explanation'], { ...base(), belowRecommended: { flagged: true, referenceStandard: 'GB/T 18801-2022', explanation: null } }],
      ['a reference standard that is not a recommended one', ['content.belowRecommended.referenceStandard'], { ...base(), belowRecommended: { flagged: true, referenceStandard: 'GB 4706.1-2005', explanation: '少于推荐性标准' } }],
      ['an impossible issue date', ['content.standard.issuedOn'], withStandard(base(), { issuedOn: '2025-02-30' })],
      ['an issue date after today', ['content.standard.issuedOn'], withStandard(base(), { issuedOn: addDays(chinaToday(), 2) })],
      ['an impossible first sale date', ['content.firstSaleOn'], { ...base(), firstSaleOn: '2025-13-01' }],
      ['the same product twice', ['content.products[1]'], { ...base(), products: [{ name: '空气净化器', model: 'YZ-17', category: 'air_purifier' }, { name: ' 空气净化器 ', model: 'yz-17', category: 'air_purifier' }] }],
    ])('%s: 400 DECLARATION.VALIDATION_FAILED naming %j, nothing written', async (_label, fields, content) => {
      const res = await refused(() => declare({ uscc: V, content }, enterpriseUser(V)));
      expectError(res, 400, 'DECLARATION.VALIDATION_FAILED');
      expect(fieldsOf(res)).toEqual(fields);
      for (const e of res.body.error.errors as Json[]) expect(e).toEqual({ field: expect.any(String), rule: expect.any(String), message: expect.any(String) });
    });

    it('the right kinds pass: DB44/T 1234-2013 is local, DB/T 1234-2013 is the earthquake industry standard, DB11/ 501-2017 is a mandatory local one', async () => {
      for (const [standard, model] of [
        [{ kind: 'local', number: 'DB44/T 1234-2013', issuedOn: '2013-05-01' }, 'YZ-20'],
        [{ kind: 'industry', number: 'DB/T 1234-2013', issuedOn: '2013-05-01' }, 'YZ-21'],
        [{ kind: 'local', number: 'DB11/ 501-2017', mandatory: true, issuedOn: '2017-06-01' }, 'YZ-22'],
        [{ kind: 'group', number: 'T/PCA 004—2023', issuedOn: '2023-03-01' }, 'YZ-23'],
      ] as const) {
        const res = await declare({ uscc: V, content: withStandard(enterpriseContent('unused', model), standard) }, enterpriseUser(V));
        expect({ standard, status: res.status }).toEqual({ standard, status: 201 });
      }
    });

    it('every domain field error of one declaration is listed at once', async () => {
      const content = {
        ...withStandard(nationalContent('YZ-30'), { kind: 'local', number: 'DB/T 1234-2013', mandatory: true, issuedOn: '2013-05-01' }),
        products: [{ name: '空气净化器', model: 'YZ-30', category: 'spaceship' }],
        indicators: [indicator({ testMethod: null })],
        belowRecommended: { flagged: true, referenceStandard: null, explanation: '' },
      };
      const res = await refused(() => declare({ uscc: V, content }, enterpriseUser(V)));
      expectError(res, 400, 'DECLARATION.VALIDATION_FAILED');
      expect(fieldsOf(res)).toEqual([
        'content.belowRecommended.explanation',
        'content.indicators[0].testMethod',
        'content.products[0].category',
        'content.standard.mandatory',
        'content.standard.number',
      ]);
      expect(res.body.error.errors).toEqual(
        expect.arrayContaining([
          { field: 'content.standard.number', rule: 'standard_number_kind', message: expect.stringContaining('industry') },
          { field: 'content.standard.mandatory', rule: 'standard_nature', message: expect.any(String) },
          { field: 'content.products[0].category', rule: 'product_category', message: expect.any(String) },
          { field: 'content.indicators[0].testMethod', rule: 'test_method_required', message: expect.any(String) },
          { field: 'content.belowRecommended.explanation', rule: 'explanation_required', message: expect.any(String) },
        ]),
      );
    });

    it('malformed dates, unknown fields and no products: 400 VALIDATION.FAILED listing every field, nothing written', async () => {
      const content = {
        ...base(),
        standard: { ...(base().standard as Json), issuedOn: '2025/01/01', color: 'red' },
        products: [],
        firstSaleOn: '01-02-2025',
        extra: 1,
      };
      const res = await refused(() => declare({ uscc: V, content, nickname: '小华' }, enterpriseUser(V)));
      expectError(res, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(res)).toEqual(['content.extra', 'content.firstSaleOn', 'content.products', 'content.standard.color', 'content.standard.issuedOn', 'nickname']);
      expect(res.body.error.errors).toContainEqual({ field: 'nickname', rule: 'unknown_field', message: expect.any(String) });
      expect(res.body.error.errors).toContainEqual({ field: 'content.standard.color', rule: 'unknown_field', message: expect.any(String) });
    });

    it('an empty body lists uscc and content; wrong types are refused field by field', async () => {
      const empty = await refused(() => declare({}, enterpriseUser(V)));
      expectError(empty, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(empty)).toEqual(['content', 'uscc']);

      const noContent = await refused(() => declare({ uscc: V }, enterpriseUser(V)));
      expectError(noContent, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(noContent)).toEqual(['content']);

      const emptyContent = await refused(() => declare({ uscc: V, content: {} }, enterpriseUser(V)));
      expectError(emptyContent, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(emptyContent)).toEqual(['content.fullTextDisclosed', 'content.indicators', 'content.products', 'content.standard']);

      const wrong = await refused(() =>
        declare({ uscc: V, content: { ...base(), fullTextDisclosed: 'yes', standard: { ...(base().standard as Json), kind: 'foreign', mandatory: 'no' } } }, enterpriseUser(V)),
      );
      expectError(wrong, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(wrong)).toEqual(['content.fullTextDisclosed', 'content.standard.kind', 'content.standard.mandatory']);
    });

    it('a deregistered enterprise: 422 DECLARATION.ENTERPRISE_DEREGISTERED on declaring and on revising, nothing written', async () => {
      const code = uscc('440307', 'MA5K00002');
      await register(code, '注销电器有限公司');
      const id = await declared(code, nationalContent('ZX-1'));
      const off = await t.http.post(`/enterprises/${code}/deregister`).set(admin()).send({ effectiveDate: chinaToday(), reason: '营业执照注销' });
      expect(off.status).toBe(200);

      const res = await refused(() => declare({ uscc: code, content: nationalContent('ZX-2') }, enterpriseUser(code)));
      expectError(res, 422, 'DECLARATION.ENTERPRISE_DEREGISTERED');
      const rev = await refused(() => revise(id, { content: nationalContent('ZX-3'), effectiveFrom: chinaToday() }, admin()));
      expectError(rev, 422, 'DECLARATION.ENTERPRISE_DEREGISTERED');
    });

    it('the same number and product again: 409 DECLARATION.DUPLICATE naming the declaration, also spelt differently; another product or after abolition passes', async () => {
      const first = await declared(V, nationalContent('DUP-1'));
      const again = await refused(() =>
        declare(
          { uscc: V, content: withStandard({ ...nationalContent('dup-1'), products: [{ name: ' 空气净化器 ', model: 'dup-1', category: 'air_purifier' }] }, { number: 'GB/T18801—2022' }) },
          enterpriseUser(V),
        ),
      );
      expectError(again, 409, 'DECLARATION.DUPLICATE');
      expect(again.body.error.details).toEqual({
        existingDeclarationId: first,
        standardNumber: 'GB/T 18801-2022',
        product: { name: '空气净化器', model: 'dup-1' },
      });

      const other = await declare({ uscc: V, content: nationalContent('DUP-2') }, enterpriseUser(V));
      expect(other.status).toBe(201);

      const gone = await abolish(first, { effectiveDate: chinaToday() }, enterpriseUser(V));
      expect(gone.status).toBe(200);
      const anew = await declare({ uscc: V, content: nationalContent('DUP-1') }, enterpriseUser(V));
      expect(anew.status).toBe(201);
      expect(anew.body.declarationId).not.toBe(first);
    });
  });

  describe('timeliness', () => {
    const L = uscc('440307', 'MA5L00001');

    beforeAll(async () => {
      await register(L, '时效电器有限公司');
    });

    const lateOf = async (content: Json) => {
      const res = await declare({ uscc: L, content }, enterpriseUser(L));
      expect(res.status).toBe(201);
      await t.settled();
      const page = await get(res.body.declarationId);
      return { res, page: page.body };
    };

    it('sold before declaring: the answer lists DeclarationMarkedLate and the registry shows late: true with the reason', async () => {
      const yesterday = addDays(chinaToday(), -1);
      const { res, page } = await lateOf(nationalContent('SX-1', { firstSaleOn: yesterday }));
      expect(res.body.events.map((e: Json) => e.type)).toEqual(['StandardDeclared', 'DeclarationMarkedLate']);
      expect(res.headers.etag).toBe('"1"');
      expect(page).toMatchObject({ late: true, lateReasons: [{ rule: 'after_first_sale', firstSaleOn: yesterday, declaredOn: chinaToday() }] });
      expect(idsOf(await find({ uscc: L, late: true }))).toContain(res.body.declarationId);
      expect(idsOf(await find({ uscc: L, late: false }))).not.toContain(res.body.declarationId);
    });

    it('an enterprise standard issued 31 days ago is late; 30 days ago is in time', async () => {
      const issued = addDays(chinaToday(), -31);
      const late = await lateOf(withStandard(enterpriseContent('Q/SX 0031-2025', 'SX-2'), { issuedOn: issued }));
      expect(late.res.body.events.map((e: Json) => e.type)).toEqual(['StandardDeclared', 'DeclarationMarkedLate']);
      expect(late.page).toMatchObject({
        late: true,
        lateReasons: [{ rule: 'after_issue_window', issuedOn: issued, declaredOn: chinaToday(), daysAfterIssue: 31, allowedDays: 30 }],
      });

      const inTime = await lateOf(withStandard(enterpriseContent('Q/SX 0030-2025', 'SX-3'), { issuedOn: addDays(chinaToday(), -30) }));
      expect(inTime.res.body.events.map((e: Json) => e.type)).toEqual(['StandardDeclared']);
      expect(inTime.page).toMatchObject({ late: false, lateReasons: [] });
    });

    it('both reasons at once are both listed', async () => {
      const { page } = await lateOf(withStandard(enterpriseContent('Q/SX 0040-2025', 'SX-4', { firstSaleOn: addDays(chinaToday(), -3) }), { issuedOn: addDays(chinaToday(), -40) }));
      expect(page.late).toBe(true);
      expect((page.lateReasons as Json[]).map((r) => r.rule)).toEqual(['after_first_sale', 'after_issue_window']);
    });

    it('a revision is late only for what is new: the same products are not late again, an added product sold before is', async () => {
      const yesterday = addDays(chinaToday(), -1);
      const { res } = await lateOf(nationalContent('SX-8', { firstSaleOn: yesterday }));
      const id = res.body.declarationId as string;

      const same = await revise(id, { content: nationalContent('SX-8', { firstSaleOn: yesterday, fullTextDisclosed: false }), effectiveFrom: chinaToday() }, enterpriseUser(L));
      expect(same.status).toBe(201);
      expect(same.body.events.map((e: Json) => e.type)).toEqual(['DeclarationRevised']);
      await t.settled();
      expect((await get(id)).body).toMatchObject({ version: 2, late: false, lateReasons: [] });

      const added = {
        ...nationalContent('SX-8', { firstSaleOn: yesterday }),
        products: [
          { name: '空气净化器', model: 'SX-8', category: 'air_purifier' },
          { name: '空气净化器', model: 'SX-9', category: 'air_purifier' },
        ],
      };
      const more = await revise(id, { content: added, effectiveFrom: chinaToday() }, enterpriseUser(L));
      expect(more.status).toBe(201);
      expect(more.body.events.map((e: Json) => e.type)).toEqual(['DeclarationRevised', 'DeclarationMarkedLate']);
      await t.settled();
      expect((await get(id)).body).toMatchObject({ version: 3, late: true, lateReasons: [{ rule: 'after_first_sale', firstSaleOn: yesterday, declaredOn: chinaToday() }] });
    });

    it('on time: sold today or later, a national standard issued years ago: only StandardDeclared, late: false', async () => {
      for (const content of [nationalContent('SX-5', { firstSaleOn: chinaToday() }), nationalContent('SX-6', { firstSaleOn: addDays(chinaToday(), 30) }), nationalContent('SX-7')]) {
        const { res, page } = await lateOf(content);
        expect(res.body.events.map((e: Json) => e.type)).toEqual(['StandardDeclared']);
        expect(page).toMatchObject({ late: false, lateReasons: [] });
      }
    });
  });

  describe('search', () => {
    const S1 = uscc('440307', 'MA5T00001');
    const S2 = uscc('440106', 'MA5T00002');
    const S3 = uscc('110108', 'MA5T00003');
    const ids: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };

    beforeAll(async () => {
      await register(S1, '觅标甲电器有限公司', '440307');
      await register(S2, '觅标乙玩具有限公司', '440106');
      await register(S3, '觅标丙服饰有限公司', '110108');
      ids.A = await declared(S1, nationalContent('MB-A1'), admin());
      ids.B = await declared(
        S1,
        {
          ...enterpriseContent('Q/MB 0001-2025', 'MB-30'),
          products: [{ name: '智能电饭锅', model: 'MB-30', category: 'rice_cooker' }],
          firstSaleOn: addDays(chinaToday(), -2),
          belowRecommended: { flagged: true, referenceStandard: 'QB/T 4099-2010', explanation: '保温能耗指标低于推荐性行业标准' },
        },
        admin(),
      );
      ids.C = await declared(
        S2,
        withStandard({ ...enterpriseContent('x', 'TY-01'), products: [{ name: '毛绒玩具', model: 'TY-01', category: 'toy' }] }, { kind: 'group', number: 'T/XZYC 0055-2024', issuedOn: '2024-03-01' }),
        admin(),
      );
      ids.D = await declared(
        S3,
        withStandard({ ...nationalContent('x'), products: [{ name: '婴幼儿连体衣', model: 'LT-66', category: 'infant_clothing' }] }, { kind: 'industry', number: 'FZ/T 81014-2008', title: '婴幼儿服装', issuedOn: '2008-04-01' }),
        admin(),
      );
      await t.settled();
    });

    it('by part of the enterprise name in Chinese; the list carries the registry fields', async () => {
      const res = await find({ q: '觅标甲' });
      expect(res.status).toBe(200);
      expect(idsOf(res)).toEqual([ids.A, ids.B].sort());
      expect(res.body).toMatchObject({ total: 2, limit: 20, offset: 0, asOf: null });
      expect(res.body.items.find((i: Json) => i.declarationId === ids.B)).toEqual({
        declarationId: ids.B,
        uscc: S1,
        enterpriseName: '觅标甲电器有限公司',
        jurisdiction: '440307',
        status: 'active',
        version: 1,
        standard: { kind: 'enterprise', number: 'Q/MB 0001-2025', title: '空气净化器企业标准', mandatory: false },
        categories: ['rice_cooker'],
        productCount: 1,
        fullTextDisclosed: false,
        belowRecommended: true,
        late: true,
        declaredOn: chinaToday(),
        effectiveFrom: chinaToday(),
        abolishedOn: null,
        lastReviewedOn: null,
        redeclareDeadline: null,
        redeclarationOverdue: false,
        updatedAt: expect.stringMatching(ISO_INSTANT),
      });
      expect(idsOf(await find({ q: '觅标' }))).toEqual(Object.values(ids).sort());
      expect(idsOf(await find({ q: '玩具有限' }))).toEqual([ids.C]);
      expect((await find({ q: '无此企业名称' })).body).toEqual({ items: [], total: 0, limit: 20, offset: 0, asOf: null });
    });

    it('by USCC, in either case', async () => {
      expect(idsOf(await find({ uscc: S1 }))).toEqual([ids.A, ids.B].sort());
      expect(idsOf(await find({ uscc: S2.toLowerCase() }))).toEqual([ids.C]);
    });

    it('by standard number, normalised: GB/T 18801—2022 and GB/T18801-2022 find GB/T 18801-2022', async () => {
      for (const standard of ['GB/T 18801-2022', 'GB/T 18801—2022', 'GB/T18801-2022', 'gb/t 18801–2022', ' GB/T  18801-2022 ', '18801']) {
        expect({ standard, ids: idsOf(await find({ q: '觅标', standard })) }).toEqual({ standard, ids: [ids.A] });
      }
      expect(idsOf(await find({ q: '觅标', standard: 'FZ/T 81014—2008' }))).toEqual([ids.D]);
      expect(idsOf(await find({ q: '觅标', standard: 'GB/T 18801-2021' }))).toEqual([]);
    });

    it('by part of a product name or model', async () => {
      expect(idsOf(await find({ q: '觅标', product: '净化器' }))).toEqual([ids.A]);
      expect(idsOf(await find({ q: '觅标', product: 'mb-a' }))).toEqual([ids.A]);
      expect(idsOf(await find({ q: '觅标', product: '电饭锅' }))).toEqual([ids.B]);
      expect(idsOf(await find({ q: '觅标', product: '连体' }))).toEqual([ids.D]);
    });

    it('by category, kind, jurisdiction prefix and status', async () => {
      expect(idsOf(await find({ q: '觅标', category: 'toy' }))).toEqual([ids.C]);
      expect(idsOf(await find({ q: '觅标', category: 'infant_clothing' }))).toEqual([ids.D]);
      expect(idsOf(await find({ q: '觅标', kind: 'group' }))).toEqual([ids.C]);
      expect(idsOf(await find({ q: '觅标', kind: 'industry' }))).toEqual([ids.D]);
      expect(idsOf(await find({ q: '觅标', kind: 'national' }))).toEqual([ids.A]);
      expect(idsOf(await find({ q: '觅标', jurisdiction: '440000' }))).toEqual([ids.A, ids.B, ids.C].sort());
      expect(idsOf(await find({ q: '觅标', jurisdiction: '440100' }))).toEqual([ids.C]);
      expect(idsOf(await find({ q: '觅标', jurisdiction: '440307' }))).toEqual([ids.A, ids.B].sort());
      expect(idsOf(await find({ q: '觅标', jurisdiction: '110000' }))).toEqual([ids.D]);
      expect(idsOf(await find({ q: '觅标', status: 'active' }))).toEqual(Object.values(ids).sort());
      expect(idsOf(await find({ q: '觅标', status: 'abolished' }))).toEqual([]);
    });

    it('by late and belowRecommended', async () => {
      expect(idsOf(await find({ q: '觅标', late: true }))).toEqual([ids.B]);
      expect(idsOf(await find({ q: '觅标', late: false }))).toEqual([ids.A, ids.C, ids.D].sort());
      expect(idsOf(await find({ q: '觅标', belowRecommended: 'true' }))).toEqual([ids.B]);
      expect(idsOf(await find({ q: '觅标', belowRecommended: 'false' }))).toEqual([ids.A, ids.C, ids.D].sort());
    });

    it('sorts and pages with limit, offset and total', async () => {
      const byNumber = await find({ q: '觅标', sort: 'standardNumber', order: 'asc' });
      expect(byNumber.body.items.map((i: Json) => (i.standard as Json).number)).toEqual(['FZ/T 81014-2008', 'GB/T 18801-2022', 'Q/MB 0001-2025', 'T/XZYC 0055-2024']);
      const byNumberDesc = await find({ q: '觅标', sort: 'standardNumber', order: 'desc' });
      expect(byNumberDesc.body.items.map((i: Json) => (i.standard as Json).number)).toEqual(['T/XZYC 0055-2024', 'Q/MB 0001-2025', 'GB/T 18801-2022', 'FZ/T 81014-2008']);
      const byName = await find({ q: '觅标', sort: 'enterpriseName', order: 'asc' });
      const names = byName.body.items.map((i: Json) => i.enterpriseName as string);
      expect(new Set(names)).toEqual(new Set(['觅标甲电器有限公司', '觅标乙玩具有限公司', '觅标丙服饰有限公司']));
      const byNameDesc = await find({ q: '觅标', sort: 'enterpriseName', order: 'desc' });
      expect([...new Set(byNameDesc.body.items.map((i: Json) => i.enterpriseName as string))]).toEqual([...new Set(names)].reverse());

      const first = await find({ q: '觅标', sort: 'standardNumber', order: 'asc', limit: 3 });
      const second = await find({ q: '觅标', sort: 'standardNumber', order: 'asc', limit: 3, offset: 3 });
      const beyond = await find({ q: '觅标', sort: 'standardNumber', order: 'asc', limit: 3, offset: 4 });
      expect([first.body.total, first.body.limit, first.body.offset, first.body.items.length]).toEqual([4, 3, 0, 3]);
      expect([second.body.total, second.body.limit, second.body.offset, second.body.items.length]).toEqual([4, 3, 3, 1]);
      expect(beyond.body).toEqual({ items: [], total: 4, limit: 3, offset: 4, asOf: null });
      expect([...first.body.items, ...second.body.items].map((i: Json) => i.declarationId)).toEqual(byNumber.body.items.map((i: Json) => i.declarationId));
    });

    it.each([
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ offset: -1 }, 'offset'],
      [{ jurisdiction: '44' }, 'jurisdiction'],
      [{ status: 'deleted' }, 'status'],
      [{ kind: 'foreign' }, 'kind'],
      [{ late: 'yes' }, 'late'],
      [{ sort: 'uscc' }, 'sort'],
      [{ asOf: 'yesterday' }, 'asOf'],
      [{ uscc: '9144' }, 'uscc'],
      [{ colour: 'red' }, 'colour'],
    ])('search query %j: 400 naming %s', async (query, field) => {
      const res = await refused(() => find(query as Record<string, string | number>));
      expectError(res, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(res)).toEqual([field]);
    });

    it('asOf: the registry before a declaration existed does not list it; after an abolition, asOf before it shows it active', async () => {
      const code = uscc('440307', 'MA5T00009');
      await register(code, '往昔电器有限公司');
      const id = await declared(code, nationalContent('WX-1'));
      const gone = await abolish(id, { effectiveDate: chinaToday(), reason: '停产' }, enterpriseUser(code));
      expect(gone.status).toBe(200);
      await t.settled();
      const [declaredEvent, abolishedEvent] = await t.engine.store.readStream(`declarations-${code}`);
      expect([declaredEvent.type, abolishedEvent.type]).toEqual(['StandardDeclared', 'DeclarationAbolished']);
      const at = (d: Date, ms = 0) => new Date(d.getTime() + ms).toISOString();

      const before = await find({ uscc: code, asOf: at(declaredEvent.recordedAt, -1) });
      expect(before.status).toBe(200);
      expect(before.body).toEqual({ items: [], total: 0, limit: 20, offset: 0, asOf: at(declaredEvent.recordedAt, -1) });

      const whileActive = await find({ uscc: code, asOf: at(abolishedEvent.recordedAt, -1) });
      expect(whileActive.body.items.map((i: Json) => [i.declarationId, i.status, i.abolishedOn])).toEqual([[id, 'active', null]]);
      expect(idsOf(await find({ uscc: code, status: 'active', asOf: at(declaredEvent.recordedAt) }))).toEqual([id]);

      const afterwards = await find({ uscc: code, asOf: at(abolishedEvent.recordedAt) });
      expect(afterwards.body.items.map((i: Json) => [i.declarationId, i.status, i.abolishedOn])).toEqual([[id, 'abolished', chinaToday()]]);
      expect((await find({ uscc: code })).body.items.map((i: Json) => i.status)).toEqual(['abolished']);
    });

    it('by a former and the current name after a rename', async () => {
      const res = await t.http.post(`/enterprises/${S2}/rename`).set(admin()).send({ newName: '寻新乙玩具有限公司', effectiveDate: chinaToday() });
      expect(res.status).toBe(200);
      await t.settled();
      expect(idsOf(await find({ q: '觅标乙' }))).toEqual([ids.C]);
      expect(idsOf(await find({ q: '寻新乙' }))).toEqual([ids.C]);
      expect(idsOf(await find({ q: '寻新' }))).toEqual([ids.C]);
    });
  });

  describe('revise, review and abolish', () => {
    const R = uscc('440307', 'MA5R00001');
    const OTHER = uscc('440307', 'MA5R00002');
    const UNKNOWN_ID = `${R}-0197a000-0000-7000-8000-000000000000`;
    let id = '';

    beforeAll(async () => {
      await register(R, '复审电器有限公司');
      await register(OTHER, '旁观电器有限公司');
      id = await declared(R, enterpriseContent('Q/FS 0001-2025', 'FS-1'));
      await t.settled();
    });

    it('revise with If-Match "1": 201, ETag "2"; the page shows both versions, v1 ending where v2 begins, with the reason', async () => {
      expect((await get(id)).headers.etag).toBe('"1"');
      const from = addDays(chinaToday(), 10);
      const content = enterpriseContent('Q/FS 0001-2026', 'FS-1');
      const res = await revise(id, { content, effectiveFrom: from, reason: '标准修订' }, enterpriseUser(R), { 'If-Match': '"1"' });
      expect(res.status).toBe(201);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toEqual({
        declarationId: id,
        version: 2,
        replayed: false,
        streamId: `declarations-${R}`,
        events: [{ id: expect.any(String), type: 'DeclarationRevised', revision: '1', globalPosition: expect.stringMatching(/^\d+$/) }],
      });

      await t.settled();
      const got = await get(id);
      expect(got.headers.etag).toBe('"2"');
      expect(got.body).toMatchObject({ version: 2, status: 'active', effectiveFrom: from, declaredOn: chinaToday(), standard: { number: 'Q/FS 0001-2026' } });
      expect(got.body.versions.map((v: Json) => [v.version, v.effectiveFrom, v.effectiveTo, v.reason, (v.recordedBy as Json).role])).toEqual([
        [1, chinaToday(), from, null, 'enterprise'],
        [2, from, null, '标准修订', 'enterprise'],
      ]);
      expect(got.body.versions[1].eventId).toBe(res.body.events[0].id);
    });

    it('a stale If-Match: 409 DECLARATION.VERSION_MISMATCH; a malformed one: 400 HTTP.IF_MATCH_INVALID; nothing written', async () => {
      const stale = await refused(() => revise(id, { content: enterpriseContent('Q/FS 0001-2027', 'FS-1'), effectiveFrom: addDays(chinaToday(), 20) }, enterpriseUser(R), { 'If-Match': '"1"' }));
      expectError(stale, 409, 'DECLARATION.VERSION_MISMATCH');
      expect(stale.body.error.details).toEqual({ declarationId: id, expected: 1, actual: 2 });
      const staleReview = await refused(() => review(id, { outcome: 'confirm' }, enterpriseUser(R), { 'If-Match': '"3"' }));
      expectError(staleReview, 409, 'DECLARATION.VERSION_MISMATCH');
      const staleAbolish = await refused(() => abolish(id, { effectiveDate: addDays(chinaToday(), 30) }, enterpriseUser(R), { 'If-Match': '"1"' }));
      expectError(staleAbolish, 409, 'DECLARATION.VERSION_MISMATCH');
      for (const ifMatch of ['abc', '2', '"x"']) {
        const bad = await refused(() => revise(id, { content: enterpriseContent('Q/FS 0001-2027', 'FS-1'), effectiveFrom: addDays(chinaToday(), 20) }, enterpriseUser(R), { 'If-Match': ifMatch }));
        expectError(bad, 400, 'HTTP.IF_MATCH_INVALID');
      }
    });

    it('refusals of a revision: before the current version, by another enterprise or an outside supervisor, without effectiveFrom; nothing written', async () => {
      const early = await refused(() => revise(id, { content: enterpriseContent('Q/FS 0001-2027', 'FS-1'), effectiveFrom: addDays(chinaToday(), 9) }, enterpriseUser(R)));
      expectError(early, 422, 'DECLARATION.EFFECTIVE_DATE_OUT_OF_RANGE');
      const other = await refused(() => revise(id, { content: enterpriseContent('Q/FS 0001-2027', 'FS-1'), effectiveFrom: addDays(chinaToday(), 20) }, enterpriseUser(OTHER)));
      expectError(other, 403, 'DECLARATION.FORBIDDEN');
      const outside = await refused(() => revise(id, { content: enterpriseContent('Q/FS 0001-2027', 'FS-1'), effectiveFrom: addDays(chinaToday(), 20) }, t.as('supervisor', '110000')));
      expectError(outside, 403, 'DECLARATION.FORBIDDEN');
      const inspector = await refused(() => revise(id, { content: enterpriseContent('Q/FS 0001-2027', 'FS-1'), effectiveFrom: addDays(chinaToday(), 20) }, t.as('inspector', '440000')));
      expectError(inspector, 403, 'ACCESS.ROLE_NOT_ALLOWED');
      const missing = await refused(() => revise(id, { content: enterpriseContent('Q/FS 0001-2027', 'FS-1') }, enterpriseUser(R)));
      expectError(missing, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(missing)).toEqual(['effectiveFrom']);
      const noContent = await refused(() => revise(id, { effectiveFrom: addDays(chinaToday(), 20) }, enterpriseUser(R)));
      expectError(noContent, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(noContent)).toEqual(['content']);
      const impossible = await refused(() => revise(id, { content: enterpriseContent('Q/FS 0001-2027', 'FS-1'), effectiveFrom: '2026-02-30' }, enterpriseUser(R)));
      expectError(impossible, 400, 'DECLARATION.VALIDATION_FAILED');
      expect(fieldsOf(impossible)).toEqual(['effectiveFrom']);
      const invalid = await refused(() => revise(id, { content: { ...enterpriseContent('Q/FS 0001-2027', 'FS-1'), indicators: [] }, effectiveFrom: addDays(chinaToday(), 20) }, enterpriseUser(R)));
      expectError(invalid, 400, 'DECLARATION.VALIDATION_FAILED');
      expect(fieldsOf(invalid)).toEqual(['content.indicators']);
    });

    it('review: confirm (200, ETag unchanged, lastReviewedOn), revise (200, next version), abolish (200); malformed reviews are 400', async () => {
      const confirm = await review(id, { outcome: 'confirm', reason: '复审继续有效' }, enterpriseUser(R), { 'If-Match': '"2"' });
      expect(confirm.status).toBe(200);
      expect(confirm.headers.etag).toBe('"2"');
      expect(confirm.body).toMatchObject({ declarationId: id, version: 2, events: [{ type: 'DeclarationConfirmed' }] });
      await t.settled();
      expect((await get(id)).body).toMatchObject({ version: 2, lastReviewedOn: chinaToday(), status: 'active' });

      for (const [body, fields] of [
        [{ outcome: 'revise', effectiveDate: addDays(chinaToday(), 20) }, ['content']],
        [{ outcome: 'abolish' }, ['effectiveDate']],
        [{ outcome: 'delete' }, ['effectiveDate', 'outcome']],
        [{ outcome: 'revise', content: enterpriseContent('Q/FS 0001-2027', 'FS-1'), effectiveDate: 'soon' }, ['effectiveDate']],
      ] as const) {
        const bad = await refused(() => review(id, body, enterpriseUser(R)));
        expectError(bad, 400, 'VALIDATION.FAILED');
        expect(fieldsOf(bad)).toEqual(fields);
      }

      const revised = await review(id, { outcome: 'revise', content: enterpriseContent('Q/FS 0001-2027', 'FS-1'), effectiveDate: addDays(chinaToday(), 20), reason: '复审修订' }, enterpriseUser(R), {
        'If-Match': '"2"',
      });
      expect(revised.status).toBe(200);
      expect(revised.headers.etag).toBe('"3"');
      expect(revised.body).toMatchObject({ declarationId: id, version: 3, events: [{ type: 'DeclarationRevised' }] });

      const abolished = await review(id, { outcome: 'abolish', effectiveDate: addDays(chinaToday(), 30), reason: '复审废止' }, t.as('supervisor', '440300'), { 'If-Match': '"3"' });
      expect(abolished.status).toBe(200);
      expect(abolished.headers.etag).toBe('"3"');
      expect(abolished.body).toMatchObject({ declarationId: id, version: 3, events: [{ type: 'DeclarationAbolished' }] });

      await t.settled();
      const got = await get(id);
      expect(got.body).toMatchObject({ status: 'abolished', version: 3, abolishedOn: addDays(chinaToday(), 30), standard: { number: 'Q/FS 0001-2027' } });
      expect(got.body.versions.map((v: Json) => [v.version, v.effectiveFrom, v.effectiveTo, v.reason])).toEqual([
        [1, chinaToday(), addDays(chinaToday(), 10), null],
        [2, addDays(chinaToday(), 10), addDays(chinaToday(), 20), '标准修订'],
        [3, addDays(chinaToday(), 20), addDays(chinaToday(), 30), '复审修订'],
      ]);
    });

    it('after abolition: revise, confirm, abolish and redeclare are 422 DECLARATION.ALREADY_ABOLISHED, nothing written', async () => {
      const rev = await refused(() => revise(id, { content: enterpriseContent('Q/FS 0001-2028', 'FS-1'), effectiveFrom: addDays(chinaToday(), 40) }, enterpriseUser(R)));
      expectError(rev, 422, 'DECLARATION.ALREADY_ABOLISHED');
      expectError(await refused(() => review(id, { outcome: 'confirm' }, enterpriseUser(R))), 422, 'DECLARATION.ALREADY_ABOLISHED');
      expectError(await refused(() => abolish(id, { effectiveDate: addDays(chinaToday(), 40) }, enterpriseUser(R))), 422, 'DECLARATION.ALREADY_ABOLISHED');
      expectError(await refused(() => redeclare(id, enterpriseUser(R))), 422, 'DECLARATION.ALREADY_ABOLISHED');
    });

    it('POST /:id/abolish: 200 with the event; the version ends on the abolition date; a date before the version: 422', async () => {
      const other = await declared(R, nationalContent('FS-2'));
      const early = await refused(() => abolish(other, { effectiveDate: addDays(chinaToday(), -1) }, enterpriseUser(R)));
      expectError(early, 422, 'DECLARATION.EFFECTIVE_DATE_OUT_OF_RANGE');
      const bad = await refused(() => abolish(other, { effectiveDate: '31/12/2026' }, enterpriseUser(R)));
      expectError(bad, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(bad)).toEqual(['effectiveDate']);

      const res = await abolish(other, { effectiveDate: chinaToday(), reason: '产品停产' }, enterpriseUser(R), { 'If-Match': '"1"' });
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({ declarationId: other, version: 1, replayed: false, events: [{ type: 'DeclarationAbolished' }] });
      await t.settled();
      const got = await get(other);
      expect(got.body).toMatchObject({ status: 'abolished', abolishedOn: chinaToday() });
      expect(got.body.versions.map((v: Json) => [v.version, v.effectiveFrom, v.effectiveTo])).toEqual([[1, chinaToday(), chinaToday()]]);
      const rev = await refused(() => revise(other, { content: nationalContent('FS-2'), effectiveFrom: chinaToday() }, enterpriseUser(R)));
      expectError(rev, 422, 'DECLARATION.ALREADY_ABOLISHED');
    });

    it('an unknown id: 404 DECLARATION.NOT_FOUND on reading and on every command, nothing written', async () => {
      expectError(await get(UNKNOWN_ID), 404, 'DECLARATION.NOT_FOUND');
      expectError(await refused(() => revise(UNKNOWN_ID, { content: nationalContent('FS-9'), effectiveFrom: chinaToday() }, enterpriseUser(R))), 404, 'DECLARATION.NOT_FOUND');
      expectError(await refused(() => review(UNKNOWN_ID, { outcome: 'confirm' }, enterpriseUser(R))), 404, 'DECLARATION.NOT_FOUND');
      expectError(await refused(() => abolish(UNKNOWN_ID, { effectiveDate: chinaToday() }, enterpriseUser(R))), 404, 'DECLARATION.NOT_FOUND');
      expectError(await refused(() => redeclare(UNKNOWN_ID, enterpriseUser(R))), 404, 'DECLARATION.NOT_FOUND');
    });

    it.each(['not-a-declaration', 'R', `${uscc('440307', 'MA5R00001').toLowerCase()}-0197a000-0000-7000-8000-000000000000`, `${uscc('440307', 'MA5R00001')}-xyz`])(
      'a malformed id %s: 404 DECLARATION.NOT_FOUND on reading and on commands, nothing written',
      async (bad) => {
        expectError(await get(bad), 404, 'DECLARATION.NOT_FOUND');
        expectError(await refused(() => revise(bad, { content: nationalContent('FS-9'), effectiveFrom: chinaToday() }, admin())), 404, 'DECLARATION.NOT_FOUND');
        expectError(await refused(() => review(bad, { outcome: 'confirm' }, admin())), 404, 'DECLARATION.NOT_FOUND');
        expectError(await refused(() => abolish(bad, { effectiveDate: chinaToday() }, admin())), 404, 'DECLARATION.NOT_FOUND');
        expectError(await refused(() => redeclare(bad, admin())), 404, 'DECLARATION.NOT_FOUND');
      },
    );
  });

  describe('in force', () => {
    const F = uscc('440307', 'MA5F00001');
    let id = '';
    const today = chinaToday();
    const v2From = addDays(today, 10);
    const abolishOn = addDays(today, 20);

    const contentV1: Json = { ...enterpriseContent('Q/ZL 0001-2025', 'RS-60'), products: [{ name: '电热水器', model: 'RS-60', category: 'water_heater' }] };
    const contentV2: Json = {
      ...contentV1,
      standard: { ...(contentV1.standard as Json), number: 'Q/ZL 0001-2026' },
      indicators: [indicator({ name: '热水输出率', value: '≥60%', unit: '%', testMethod: 'GB/T 20289-2006' })],
    };

    const ask = (date: string, product = '电热水器', model = 'RS-60') => inForce({ uscc: F, product, model, date });
    const versionsIn = (res: Response) => (res.body.inForce as Json[]).map((v) => [v.declarationId, v.version, v.effectiveFrom, v.effectiveTo]);

    beforeAll(async () => {
      await register(F, '在用热水器有限公司');
      id = await declared(F, contentV1);
      const res = await revise(id, { content: contentV2, effectiveFrom: v2From }, enterpriseUser(F));
      expect(res.status).toBe(201);
      await t.settled();
    });

    it('v1 for a date before the revision takes effect, v2 on and after it; nothing before the declaration', async () => {
      const first = await ask(today);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        uscc: F,
        product: '电热水器',
        model: 'RS-60',
        date: today,
        inForce: [
          {
            declarationId: id,
            version: 1,
            enterpriseName: '在用热水器有限公司',
            standard: { kind: 'enterprise', number: 'Q/ZL 0001-2025', title: '空气净化器企业标准', mandatory: false },
            effectiveFrom: today,
            effectiveTo: v2From,
            recordedAt: expect.stringMatching(ISO_INSTANT),
            indicators: contentV1.indicators,
          },
        ],
      });
      expect(versionsIn(await ask(addDays(today, 9)))).toEqual([[id, 1, today, v2From]]);
      expect(versionsIn(await ask(v2From))).toEqual([[id, 2, v2From, null]]);
      expect((await ask(v2From)).body.inForce[0]).toMatchObject({ standard: { number: 'Q/ZL 0001-2026' }, indicators: contentV2.indicators });
      expect(versionsIn(await ask(addDays(today, 400)))).toEqual([[id, 2, v2From, null]]);
      expect(versionsIn(await ask(addDays(today, -1)))).toEqual([]);
    });

    it('matches the product and model as declared, ignoring case and outer blanks; another product or model finds nothing', async () => {
      expect(versionsIn(await ask(v2From, ' 电热水器 ', 'rs-60'))).toEqual([[id, 2, v2From, null]]);
      expect(versionsIn(await inForce({ uscc: F.toLowerCase(), product: '电热水器', model: 'RS-60', date: v2From }))).toEqual([[id, 2, v2From, null]]);
      expect(versionsIn(await ask(v2From, '电热水器', 'RS-80'))).toEqual([]);
      expect(versionsIn(await ask(v2From, '燃气热水器', 'RS-60'))).toEqual([]);
    });

    it('after an abolition nothing is in force from its date on; earlier dates keep their version', async () => {
      const res = await abolish(id, { effectiveDate: abolishOn }, enterpriseUser(F));
      expect(res.status).toBe(200);
      await t.settled();
      expect(versionsIn(await ask(abolishOn))).toEqual([]);
      expect(versionsIn(await ask(addDays(today, 400)))).toEqual([]);
      expect(versionsIn(await ask(addDays(abolishOn, -1)))).toEqual([[id, 2, v2From, abolishOn]]);
      expect(versionsIn(await ask(today))).toEqual([[id, 1, today, v2From]]);
    });

    it.each([
      [{ date: 'tomorrow' }, ['date']],
      [{ date: '2025-13-01' }, ['date']],
      [{ date: '2025-02-30' }, ['date']],
      [{ date: '' }, ['date']],
      [{ uscc: '9144' }, ['uscc']],
      [{ product: '' }, ['product']],
    ])('invalid %j: 400 naming %j', async (change, fields) => {
      const res = await inForce({ uscc: F, product: '电热水器', model: 'RS-60', date: today, ...change });
      expectError(res, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(res)).toEqual(fields);
    });

    it('missing parameters are listed', async () => {
      const res = await inForce({});
      expectError(res, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(res)).toEqual(['date', 'model', 'product', 'uscc']);
    });
  });

  describe('change of name', () => {
    const N = uscc('440307', 'MA5N00001');
    const OLD_NAME = '更名前电器有限公司';
    const NEW_NAME = '更名后电器有限公司';
    const today = chinaToday();
    const deadline = addDays(today, 30);
    const ids = { kept: '', waiting: '', abolished: '' };

    beforeAll(async () => {
      await register(N, OLD_NAME);
      ids.kept = await declared(N, enterpriseContent('Q/GM 0001-2025', 'GM-1'));
      ids.waiting = await declared(N, nationalContent('GM-2'));
      ids.abolished = await declared(N, nationalContent('GM-3'));
      const off = await abolish(ids.abolished, { effectiveDate: today }, enterpriseUser(N));
      expect(off.status).toBe(200);
      await t.settled();
    });

    it('a rename marks every active declaration to be re-declared by the rename date + 30 days; the abolished one is untouched', async () => {
      const res = await t.http.post(`/enterprises/${N}/rename`).set(admin()).send({ newName: NEW_NAME, effectiveDate: today, reason: '名称变更登记' });
      expect(res.status).toBe(200);
      await t.settled();

      for (const id of [ids.kept, ids.waiting]) {
        const got = await get(id);
        expect(got.body).toMatchObject({ status: 'to_be_redeclared', redeclareDeadline: deadline, redeclarationOverdue: false, enterpriseName: OLD_NAME });
        expect(got.headers.etag).toBe('"1"');
      }
      expect((await get(ids.abolished)).body).toMatchObject({ status: 'abolished', redeclareDeadline: null, redeclarationOverdue: false, abolishedOn: today });
      expect(idsOf(await find({ uscc: N, status: 'to_be_redeclared' }))).toEqual([ids.kept, ids.waiting].sort());
      expect(idsOf(await find({ q: '更名后', status: 'to_be_redeclared' }))).toEqual([ids.kept, ids.waiting].sort());

      const events = await t.engine.store.readStream(`declarations-${N}`);
      const required = events.filter((e) => e.type === 'RedeclarationRequired');
      expect(required).toHaveLength(1);
      expect(required[0].data).toEqual({
        uscc: N,
        previousName: OLD_NAME,
        newName: NEW_NAME,
        renamedOn: today,
        deadline,
        declarationIds: [ids.kept, ids.waiting],
        sourceEventId: res.body.events[0].id,
      });
      expect(required[0].metadata).toMatchObject({ actorRole: 'system', causationId: res.body.events[0].id });
    });

    it('redeclare clears it: 200, status active under the new name; again: 422 DECLARATION.NOT_PENDING_REDECLARATION', async () => {
      const res = await redeclare(ids.kept, enterpriseUser(N), { reason: '以新名称重新声明' });
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({ declarationId: ids.kept, version: 1, replayed: false, events: [{ type: 'DeclarationRedeclared' }] });
      await t.settled();
      expect((await get(ids.kept)).body).toMatchObject({ status: 'active', enterpriseName: NEW_NAME, redeclareDeadline: null, redeclarationOverdue: false, version: 1 });

      const again = await refused(() => redeclare(ids.kept, enterpriseUser(N)));
      expectError(again, 422, 'DECLARATION.NOT_PENDING_REDECLARATION');
      expectError(await refused(() => redeclare(ids.abolished, enterpriseUser(N))), 422, 'DECLARATION.ALREADY_ABOLISHED');
      expectError(await refused(() => redeclare(ids.waiting, enterpriseUser(uscc('440307', 'MA5N00002')))), 403, 'DECLARATION.FORBIDDEN');
      expectError(await refused(() => redeclare(ids.waiting, t.as('public', '440000'))), 403, 'ACCESS.ROLE_NOT_ALLOWED');
    });

    it('a declaration made after the rename carries the new name and is not waiting', async () => {
      const id = await declared(N, nationalContent('GM-4'));
      await t.settled();
      expect((await get(id)).body).toMatchObject({ status: 'active', enterpriseName: NEW_NAME, redeclareDeadline: null });
      expectError(await refused(() => redeclare(id, enterpriseUser(N))), 422, 'DECLARATION.NOT_PENDING_REDECLARATION');
    });

    it('overdue: the schedule 40 days later records the one not re-declared, once; running it again records nothing', async () => {
      const lifecycle = t.app.get(EngineLifecycle);
      const early = await refused(async () => {
        expect(await lifecycle.runSchedules(new Date(Date.now() + 10 * DAY_MS))).toBe(0);
        return get(ids.waiting);
      });
      expect(early.body.redeclarationOverdue).toBe(false);

      const waiting = (await find({ status: 'to_be_redeclared', limit: 100 })).body.items as Json[];
      const due = waiting.filter((i) => !i.redeclarationOverdue);
      expect(due.map((i) => i.declarationId)).toContain(ids.waiting);

      const later = new Date(Date.now() + 40 * DAY_MS);
      // The declarations streams: enforcement and credit react to each overdue fact in their own streams.
      const before = await t.eventCount('declarations-');
      expect(await lifecycle.runSchedules(later)).toBe(due.length);
      await t.settled();
      expect(await t.eventCount('declarations-')).toBe(before + due.length);

      expect((await get(ids.waiting)).body).toMatchObject({ status: 'to_be_redeclared', redeclarationOverdue: true, redeclareDeadline: deadline });
      expect((await get(ids.kept)).body).toMatchObject({ status: 'active', redeclarationOverdue: false });
      expect((await get(ids.abolished)).body).toMatchObject({ status: 'abolished', redeclarationOverdue: false });
      const overdue = (await t.engine.store.readStream(`declarations-${N}`)).filter((e) => e.type === 'RedeclarationOverdue');
      expect(overdue.map((e) => e.data)).toEqual([{ declarationId: ids.waiting, uscc: N, deadline, recordedOn: chinaDate(later) }]);
      expect(overdue[0].metadata).toMatchObject({ actorRole: 'system' });

      const again = await refused(async () => {
        expect(await lifecycle.runSchedules(new Date(later.getTime() + DAY_MS))).toBe(0);
        await t.settled();
        return get(ids.waiting);
      });
      expect(again.body.redeclarationOverdue).toBe(true);
    });

    it('a late re-declaration still clears the wait and the overdue mark', async () => {
      const res = await redeclare(ids.waiting, enterpriseUser(N));
      expect(res.status).toBe(200);
      await t.settled();
      expect((await get(ids.waiting)).body).toMatchObject({ status: 'active', enterpriseName: NEW_NAME, redeclareDeadline: null, redeclarationOverdue: false });
    });
  });

  describe('statistics', () => {
    const FZ = uscc('350102', 'MA5G00001');
    const XM = uscc('350203', 'MA5G00002');
    const month = chinaToday().slice(0, 7);
    const fujian = () => t.as('supervisor', '350000');

    beforeAll(async () => {
      await register(FZ, '统计福州玩具有限公司', '350102');
      await register(XM, '统计厦门通信有限公司', '350203');
      await declared(
        FZ,
        {
          ...enterpriseContent('Q/FZWJ 0001-2025', 'TY-1'),
          products: [
            { name: '毛绒玩具', model: 'TY-1', category: 'toy' },
            { name: '塑料积木', model: 'JM-1', category: 'toy' },
          ],
          firstSaleOn: addDays(chinaToday(), -1),
          belowRecommended: { flagged: true, referenceStandard: 'GB/T 26701-2011', explanation: '部分指标少于推荐性国家标准' },
        },
        fujian(),
      );
      await declared(
        FZ,
        withStandard(
          {
            ...nationalContent('x'),
            products: [
              { name: '积木', model: 'JM-2', category: 'toy' },
              { name: '童车', model: 'TC-1', category: 'other' },
            ],
          },
          { number: 'GB 6675.1-2014', title: '玩具安全 第1部分：基本规范', mandatory: true, issuedOn: '2014-05-06' },
        ),
        fujian(),
      );
      await declared(
        XM,
        withStandard({ ...enterpriseContent('x', 'P1'), products: [{ name: '智能手机', model: 'P1', category: 'smartphone' }] }, { kind: 'group', number: 'T/PCA 004-2023', issuedOn: '2023-03-01' }),
        fujian(),
      );
      const gone = await declared(XM, nationalContent('XM-AP'), fujian());
      expect((await abolish(gone, { effectiveDate: chinaToday() }, fujian())).status).toBe(200);
      await t.settled();
    });

    const row = (key: string, enterprises: number, declarations: number, products: number, lateShare: number, belowRecommendedShare: number) => ({
      key,
      enterprises,
      declarations,
      products,
      lateShare,
      belowRecommendedShare,
    });
    const total = { enterprises: 2, declarations: 3, products: 5, lateShare: 0.3333, belowRecommendedShare: 0.3333 };

    it.each([
      ['province', [row('350000', 2, 3, 5, 0.3333, 0.3333)]],
      ['city', [row('350100', 1, 2, 4, 0.5, 0.5), row('350200', 1, 1, 1, 0, 0)]],
      ['jurisdiction', [row('350102', 1, 2, 4, 0.5, 0.5), row('350203', 1, 1, 1, 0, 0)]],
      ['kind', [row('enterprise', 1, 1, 2, 1, 1), row('group', 1, 1, 1, 0, 0), row('national', 1, 1, 2, 0, 0)]],
      ['category', [row('other', 1, 1, 1, 0, 0), row('smartphone', 1, 1, 1, 0, 0), row('toy', 1, 2, 3, 0.5, 0.5)]],
      ['month', [row(month, 2, 3, 5, 0.3333, 0.3333)]],
    ])('by=%s counts what was declared, abolished declarations left out', async (by, rows) => {
      const res = await stats({ by, jurisdiction: '350000' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ by, filters: { jurisdiction: '350000' }, total, rows });
    });

    it('the default groups by province; from/to and jurisdiction narrow the figures', async () => {
      const res = await stats({ jurisdiction: '350000' });
      expect(res.body).toMatchObject({ by: 'province', total, rows: [row('350000', 2, 3, 5, 0.3333, 0.3333)] });
      const city = await stats({ by: 'kind', jurisdiction: '350200' });
      expect(city.body).toMatchObject({ total: { enterprises: 1, declarations: 1, products: 1, lateShare: 0, belowRecommendedShare: 0 }, rows: [row('group', 1, 1, 1, 0, 0)] });
      const inRange = await stats({ by: 'month', jurisdiction: '350000', from: chinaToday(), to: chinaToday() });
      expect(inRange.body).toMatchObject({ filters: { jurisdiction: '350000', from: chinaToday(), to: chinaToday() }, total });
      const tomorrow = await stats({ by: 'month', jurisdiction: '350000', from: addDays(chinaToday(), 1) });
      expect(tomorrow.body).toMatchObject({ total: { enterprises: 0, declarations: 0, products: 0, lateShare: 0, belowRecommendedShare: 0 }, rows: [] });
    });

    it.each([
      [{ by: 'week' }, 'by'],
      [{ by: 'province', jurisdiction: '35' }, 'jurisdiction'],
      [{ from: '2025/01/01' }, 'from'],
      [{ from: '2025-02-30' }, 'from'],
      [{ to: '2025-13-01' }, 'to'],
    ])('invalid %j: 400 naming %s', async (query, field) => {
      const res = await stats(query);
      expectError(res, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(res)).toEqual([field]);
    });
  });

  describe('idempotency', () => {
    const I = uscc('440307', 'MA5J00001');

    beforeAll(async () => {
      await register(I, '幂等电器有限公司');
    });

    it('the same POST /declarations with the same Idempotency-Key twice: the same declarationId, replayed, one set of events', async () => {
      const body = { uscc: I, content: nationalContent('MD-1', { firstSaleOn: addDays(chinaToday(), -1) }) };
      // The declarations streams: a late declaration also opens a matter in enforcement, asynchronously.
      const before = await t.eventCount('declarations-');
      const first = await declare(body, enterpriseUser(I), { 'Idempotency-Key': 'declare-once-1' });
      const second = await declare(body, enterpriseUser(I), { 'Idempotency-Key': 'declare-once-1' });

      expect(first.status).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(first.body.events.map((e: Json) => e.type)).toEqual(['StandardDeclared', 'DeclarationMarkedLate']);
      expect({ status: second.status, code: second.body?.error?.code }).toEqual({ status: 201, code: undefined });
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.body.declarationId).toBe(first.body.declarationId);
      expect(second.headers.location).toBe(first.headers.location);
      expect(second.headers.etag).toBe(first.headers.etag);
      expect(second.body).toEqual({ ...first.body, replayed: true });
      expect(await t.eventCount('declarations-')).toBe(before + 2);
      expect(await t.engine.store.readStream(`declarations-${I}`)).toHaveLength(2);

      await t.settled();
      expect(idsOf(await find({ uscc: I }))).toEqual([first.body.declarationId]);
    });

    it('the same key with a different body: 422 IDEMPOTENCY.KEY_REUSED, nothing written; another user with the same key is not a replay', async () => {
      const first = await declare({ uscc: I, content: nationalContent('MD-2') }, enterpriseUser(I), { 'Idempotency-Key': 'declare-reused-1' });
      expect(first.status).toBe(201);
      const reused = await refused(() => declare({ uscc: I, content: nationalContent('MD-3') }, enterpriseUser(I), { 'Idempotency-Key': 'declare-reused-1' }));
      expectError(reused, 422, 'IDEMPOTENCY.KEY_REUSED');

      const other = await refused(() => declare({ uscc: I, content: nationalContent('MD-2') }, admin(), { 'Idempotency-Key': 'declare-reused-1' }));
      expectError(other, 409, 'DECLARATION.DUPLICATE');
      expect(other.headers['idempotent-replayed']).toBeUndefined();
    });

    it('a revision retried with its key replays: one event, the same ETag', async () => {
      const id = await declared(I, nationalContent('MD-4'));
      const body = { content: nationalContent('MD-4', { fullTextDisclosed: false }), effectiveFrom: addDays(chinaToday(), 5) };
      const first = await revise(id, body, enterpriseUser(I), { 'Idempotency-Key': 'revise-once-1', 'If-Match': '"1"' });
      const before = await t.eventCount();
      const second = await revise(id, body, enterpriseUser(I), { 'Idempotency-Key': 'revise-once-1', 'If-Match': '"1"' });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.headers.etag).toBe('"2"');
      expect(second.body).toEqual({ ...first.body, replayed: true });
      expect(await t.eventCount()).toBe(before);
    });
  });

  describe('OpenAPI', () => {
    it('/openapi.json lists every declarations route with its methods', async () => {
      const doc = await t.http.get('/openapi.json');
      expect(doc.status).toBe(200);
      const paths = doc.body.paths as Record<string, Record<string, unknown>>;
      const expected: Record<string, string[]> = {
        '/declarations': ['get', 'post'],
        '/declarations/in-force': ['get'],
        '/declarations/{id}': ['get'],
        '/declarations/{id}/revisions': ['post'],
        '/declarations/{id}/review': ['post'],
        '/declarations/{id}/abolish': ['post'],
        '/declarations/{id}/redeclare': ['post'],
        '/statistics/declarations': ['get'],
      };
      for (const [path, methods] of Object.entries(expected)) {
        expect({ path, methods: Object.keys(paths[path] ?? {}).sort() }).toEqual({ path, methods: [...methods].sort() });
      }
      expect(Object.keys(paths).filter((p) => p.startsWith('/declarations') || p.startsWith('/statistics')).sort()).toEqual(Object.keys(expected).sort());
      const post = paths['/declarations'].post as { parameters?: { name: string; in: string }[]; requestBody?: unknown };
      expect(post.requestBody).toBeDefined();
      expect((post.parameters ?? []).map((p) => p.name)).toContain('Idempotency-Key');
      const revise = paths['/declarations/{id}/revisions'].post as { parameters?: { name: string }[] };
      expect((revise.parameters ?? []).map((p) => p.name)).toEqual(expect.arrayContaining(['id', 'If-Match', 'Idempotency-Key']));
    });
  });
});
