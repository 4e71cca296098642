import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { signToken } from '@regledger/auth';
import { startTestApp, type TestApp } from './support/test-app.js';
import { chinaToday, expectError, fieldsOf, refusedOn, uscc } from './support/http-expectations.js';


const HUAWEI = '914403001922038216';
const WRONG_CHECK = '91350100M000100Y4Z';


const registration = (code: string, name: string, jurisdiction = '440307') => ({
  uscc: code,
  name,
  jurisdiction,
  address: '广东省深圳市龙岗区坂田街道',
  industry: '计算机、通信和其他电子设备制造业',
});

describe('enterprises over HTTP', () => {
  let t: TestApp;

  const admin = () => t.as('admin', '000000');
  const refused = refusedOn(() => t);

  const register = (body: object, auth: Record<string, string> = admin(), headers: Record<string, string> = {}) =>
    t.http.post('/enterprises').set(auth).set(headers).send(body);

  const rename = (code: string, body: object, auth: Record<string, string> = admin(), headers: Record<string, string> = {}) =>
    t.http.post(`/enterprises/${code}/rename`).set(auth).set(headers).send(body);

  const deregister = (code: string, body: object, auth: Record<string, string> = admin(), headers: Record<string, string> = {}) =>
    t.http.post(`/enterprises/${code}/deregister`).set(auth).set(headers).send(body);

  const registered = async (code: string, name: string, jurisdiction = '440307'): Promise<void> => {
    const res = await register(registration(code, name, jurisdiction));
    expect(res.status).toBe(201);
  };




  const find = (query: Record<string, string | number>) => t.http.get('/enterprises').query(query);

  const usccsOf = (res: Response): string[] => (res.body.items as { uscc: string }[]).map((i) => i.uscc).sort();

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('computes the USCCs of domain.md §4', () => {
    expect(uscc('440300', '192203821')).toBe(HUAWEI);
    expect(uscc('350100', 'M000100Y4')).toBe('91350100M000100Y43');
  });

  describe('register and read', () => {
    it('registers: 201 with Location, ETag "0" and the recorded event; after settling GET answers 200 with the view and its ETag', async () => {
      const before = await t.eventCount();
      const res = await register(registration(HUAWEI, '华为技术有限公司'), admin(), { 'X-Correlation-Id': 'e2e-register-huawei' });

      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/enterprises/${HUAWEI}`);
      expect(res.headers.etag).toBe('"0"');
      expect(res.headers['x-correlation-id']).toBe('e2e-register-huawei');
      expect(res.headers['idempotent-replayed']).toBeUndefined();
      expect(res.body).toEqual({
        uscc: HUAWEI,
        streamId: `enterprise-${HUAWEI}`,
        revision: '0',
        replayed: false,
        events: [{ id: expect.any(String), type: 'EnterpriseRegistered', revision: '0', globalPosition: expect.stringMatching(/^\d+$/) }],
      });
      expect(await t.eventCount()).toBe(before + 1);

      await t.settled();
      const got = await t.http.get(`/enterprises/${HUAWEI}`);
      expect(got.status).toBe(200);
      expect(got.headers.etag).toBe('"0"');
      expect(got.body).toEqual({
        uscc: HUAWEI,
        name: '华为技术有限公司',
        formerNames: [],
        jurisdiction: '440307',
        address: '广东省深圳市龙岗区坂田街道',
        industry: '计算机、通信和其他电子设备制造业',
        status: 'registered',
        registeredOn: chinaToday(),
        deregisteredOn: null,
        revision: '0',
        updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      });
    });

    it('stores the canonical USCC and normalised text, and reads by the USCC in any case', async () => {
      const code = uscc('440307', 'MA5R00001');
      const res = await register({ ...registration(code.toLowerCase(), '  深圳市   规范化 科技有限公司 ') });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/enterprises/${code}`);
      expect(res.body.streamId).toBe(`enterprise-${code}`);

      await t.settled();
      const got = await t.http.get(`/enterprises/${code.toLowerCase()}`);
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({ uscc: code, name: '深圳市 规范化 科技有限公司' });
    });
  });

  describe('search', () => {
    const S1 = uscc('440307', 'MA5T00001');
    const S2 = uscc('440106', 'MA5T00002');
    const S3 = uscc('110108', 'MA5T00003');
    const PERCENT = uscc('440307', 'MA5T00004');

    beforeAll(async () => {
      await registered(S1, '寻踪甲电子有限公司', '440307');
      await registered(S2, '寻踪乙服装有限公司', '440106');
      await registered(S3, '寻踪丙软件有限公司', '110108');
      await registered(PERCENT, '百分百%觅迹有限公司', '440307');
      await t.settled();
    });

    it('finds by the beginning of a USCC, in either case', async () => {
      for (const q of ['91440307MA5T', '91440307ma5t', S1]) {
        const res = await find({ q });
        expect(res.status).toBe(200);
        expect({ q, usccs: usccsOf(res) }).toEqual({ q, usccs: [S1, PERCENT].filter((c) => c.startsWith(q.toUpperCase())).sort() });
      }
      expect(usccsOf(await find({ q: '9111010' }))).toEqual([S3]);
    });

    it('finds by part of a Chinese name', async () => {
      const one = await find({ q: '寻踪乙' });
      expect(one.status).toBe(200);
      expect(one.body).toEqual({ items: [expect.objectContaining({ uscc: S2, name: '寻踪乙服装有限公司', jurisdiction: '440106' })], total: 1, limit: 20, offset: 0 });
      expect(usccsOf(await find({ q: '寻踪' }))).toEqual([S1, S2, S3].sort());
      expect(usccsOf(await find({ q: '服装' }))).toEqual([S2]);
      expect((await find({ q: '无此名称' })).body).toEqual({ items: [], total: 0, limit: 20, offset: 0 });
    });

    it('filters by jurisdiction: 440000 covers 440307 and 440106, 440300 only 440307, 110000 none of them', async () => {
      expect(usccsOf(await find({ q: '寻踪', jurisdiction: '440000' }))).toEqual([S1, S2].sort());
      expect(usccsOf(await find({ q: '寻踪', jurisdiction: '440300' }))).toEqual([S1]);
      expect(usccsOf(await find({ q: '寻踪', jurisdiction: '440307' }))).toEqual([S1]);
      expect(usccsOf(await find({ q: '寻踪', jurisdiction: '110000' }))).toEqual([S3]);
      const outside = await find({ q: S1, jurisdiction: '110000' });
      expect(outside.status).toBe(200);
      expect(outside.body).toEqual({ items: [], total: 0, limit: 20, offset: 0 });
    });

    it('pages with limit and offset and reports the total', async () => {
      const first = await find({ q: '寻踪', limit: 2 });
      const second = await find({ q: '寻踪', limit: 2, offset: 2 });
      const beyond = await find({ q: '寻踪', limit: 2, offset: 3 });
      expect(first.status).toBe(200);
      expect([first.body.total, first.body.limit, first.body.offset, first.body.items.length]).toEqual([3, 2, 0, 2]);
      expect([second.body.total, second.body.limit, second.body.offset, second.body.items.length]).toEqual([3, 2, 2, 1]);
      expect(beyond.body).toEqual({ items: [], total: 3, limit: 2, offset: 3 });
      expect([...usccsOf(first), ...usccsOf(second)].sort()).toEqual([S1, S2, S3].sort());
      const all = await find({ q: '寻踪' });
      expect([...(all.body.items as { uscc: string }[]).map((i) => i.uscc)]).toEqual([
        ...(first.body.items as { uscc: string }[]).map((i) => i.uscc),
        ...(second.body.items as { uscc: string }[]).map((i) => i.uscc),
      ]);
    });

    it('matches % and _ in q literally', async () => {
      expect(usccsOf(await find({ q: '%' }))).toEqual([PERCENT]);
      expect(usccsOf(await find({ q: '百%觅' }))).toEqual([PERCENT]);
      expect(usccsOf(await find({ q: '百%寻' }))).toEqual([]);
      expect((await find({ q: '_' })).body.total).toBe(0);
    });

    it('finds by a former name after a rename', async () => {
      const res = await rename(S1, { newName: '新踪甲电子有限公司', effectiveDate: chinaToday() });
      expect(res.status).toBe(200);
      await t.settled();
      for (const q of ['寻踪甲', '新踪甲']) {
        const found = await find({ q });
        expect(found.body.total).toBe(1);
        expect(found.body.items[0]).toMatchObject({
          uscc: S1,
          name: '新踪甲电子有限公司',
          formerNames: [{ name: '寻踪甲电子有限公司', until: chinaToday() }],
          revision: '1',
        });
      }
    });
  });

  describe('validation', () => {
    it('a wrong check character: 400 ENTERPRISE.VALIDATION_FAILED naming uscc, nothing written', async () => {
      const res = await refused(() => register(registration(WRONG_CHECK, '福建某有限公司', '350100')));
      expectError(res, 400, 'ENTERPRISE.VALIDATION_FAILED');
      expect(res.body.error.errors).toEqual([{ field: 'uscc', rule: 'uscc_check_character', message: expect.any(String) }]);
    });

    it('domain checks report every failing field at once', async () => {
      const res = await refused(() => register({ ...registration(WRONG_CHECK, '   ', '350100') }));
      expectError(res, 400, 'ENTERPRISE.VALIDATION_FAILED');
      expect(res.body.error.errors).toEqual(
        expect.arrayContaining([
          { field: 'uscc', rule: 'uscc_check_character', message: expect.any(String) },
          { field: 'name', rule: 'required', message: expect.any(String) },
        ]),
      );
      expect(fieldsOf(res)).toEqual(['name', 'uscc']);
    });

    it('missing fields and an unknown field: 400 listing every field error, nothing written', async () => {
      const res = await refused(() => register({ uscc: uscc('440307', 'MA5W00001'), nickname: '小华' }));
      expectError(res, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(res)).toEqual(['address', 'industry', 'jurisdiction', 'name', 'nickname']);
      expect(res.body.error.errors).toContainEqual({ field: 'nickname', rule: 'unknown_field', message: expect.any(String) });
      for (const e of res.body.error.errors as { field: string; rule: string; message: string }[]) {
        expect(e).toEqual({ field: expect.any(String), rule: expect.any(String), message: expect.any(String) });
      }
    });

    it('an empty body lists all five fields', async () => {
      const res = await refused(() => register({}));
      expectError(res, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(res)).toEqual(['address', 'industry', 'jurisdiction', 'name', 'uscc']);
    });

    it('wrong types are refused field by field', async () => {
      const res = await refused(() => register({ ...registration(uscc('440307', 'MA5W00002'), '类型有限公司'), name: 42, jurisdiction: '4403' }));
      expectError(res, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(res)).toEqual(['jurisdiction', 'name']);
    });

    it('malformed JSON: 400 REQUEST.MALFORMED_JSON, nothing written', async () => {
      const res = await refused(() =>
        t.http.post('/enterprises').set(admin()).set('Content-Type', 'application/json').set('X-Correlation-Id', 'e2e-bad-json').send('{"uscc": "914403001922038216",'),
      );
      expectError(res, 400, 'REQUEST.MALFORMED_JSON');
      expect(res.headers['x-correlation-id']).toBe('e2e-bad-json');
    });

    it('a body over 1 MB: 413 REQUEST.TOO_LARGE, nothing written', async () => {
      const big = { ...registration(uscc('440307', 'MA5W00003'), '大包有限公司'), address: 'x'.repeat(1_100_000) };
      const res = await refused(() => register(big, admin(), { 'X-Correlation-Id': 'e2e-too-large' }));
      expectError(res, 413, 'REQUEST.TOO_LARGE');
      expect(res.headers['x-correlation-id']).toBe('e2e-too-large');
    });

    it.each([
      [{ limit: 0 }, 'limit'],
      [{ limit: 'abc' }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ limit: 1.5 }, 'limit'],
      [{ offset: -1 }, 'offset'],
      [{ jurisdiction: '44' }, 'jurisdiction'],
      [{ jurisdiction: '44030a' }, 'jurisdiction'],
      [{ status: 'active' }, 'status'],
      [{ q: 'x'.repeat(201) }, 'q'],
      [{ sort: 'name' }, 'sort'],
    ])('search query %j: 400 naming %s', async (query, field) => {
      const res = await refused(() => find(query as Record<string, string | number>));
      expectError(res, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(res)).toEqual([field]);
    });

    it('a rename with an impossible calendar date: 400 ENTERPRISE.VALIDATION_FAILED naming effectiveDate', async () => {
      const res = await refused(() => rename(HUAWEI, { newName: '华为某有限公司', effectiveDate: '2025-02-30' }));
      expectError(res, 400, 'ENTERPRISE.VALIDATION_FAILED');
      expect(fieldsOf(res)).toEqual(['effectiveDate']);
    });

    it('a rename with missing and unknown fields lists every field', async () => {
      const res = await refused(() => rename(HUAWEI, { name: '华为某有限公司' }));
      expectError(res, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(res)).toEqual(['effectiveDate', 'name', 'newName']);
    });

    it('an Idempotency-Key that is too long: 400, nothing written', async () => {
      const res = await refused(() => register(registration(uscc('440307', 'MA5W00004'), '键长有限公司'), admin(), { 'Idempotency-Key': 'k'.repeat(201) }));
      expectError(res, 400, 'VALIDATION.FAILED');
      expect(fieldsOf(res)).toEqual(['Idempotency-Key']);
    });
  });

  describe('authentication and authorisation', () => {
    const body = () => registration(uscc('440307', 'MA5A00001'), '鉴权有限公司');

    it('no token: 401 AUTH.TOKEN_MISSING, nothing written', async () => {
      const res = await refused(() => t.http.post('/enterprises').send(body()));
      expectError(res, 401, 'AUTH.TOKEN_MISSING');
      const onRename = await refused(() => t.http.post(`/enterprises/${HUAWEI}/rename`).send({ newName: '某有限公司', effectiveDate: chinaToday() }));
      expectError(onRename, 401, 'AUTH.TOKEN_MISSING');
    });

    it('a garbage token: 401, nothing written', async () => {
      const res = await refused(() => register(body(), { Authorization: 'Bearer not-a-token' }));
      expectError(res, 401, 'AUTH.TOKEN_MALFORMED');
      const notBearer = await refused(() => register(body(), { Authorization: 'Basic YWRtaW46YWRtaW4=' }));
      expectError(notBearer, 401, 'AUTH.TOKEN_MALFORMED');
    });

    it('a token signed with another key: 401 AUTH.SIGNATURE_INVALID, nothing written', async () => {
      const forged = signToken(
        { sub: 'mallory', roles: ['admin'], jurisdiction: '000000', iss: 'regledger', aud: 'regledger-api' },
        { alg: 'HS256', secret: 'another-secret-that-is-long-enough-for-hs256' },
      );
      const res = await refused(() => register(body(), { Authorization: `Bearer ${forged}` }));
      expectError(res, 401, 'AUTH.SIGNATURE_INVALID');
    });

    it.each(['public', 'inspector', 'analyst', 'complaint_handler'] as const)('a %s token: 403 ACCESS.ROLE_NOT_ALLOWED, nothing written', async (role) => {
      const res = await refused(() => register(body(), t.as(role, '440000')));
      expectError(res, 403, 'ACCESS.ROLE_NOT_ALLOWED');
    });

    it('a supervisor of 110000 registering a 440307 enterprise: 403 ENTERPRISE.FORBIDDEN; a supervisor of 440000 may', async () => {
      const code = uscc('440307', 'MA5A00002');
      const res = await refused(() => register(registration(code, '辖区有限公司', '440307'), t.as('supervisor', '110000')));
      expectError(res, 403, 'ENTERPRISE.FORBIDDEN');
      const ok = await register(registration(code, '辖区有限公司', '440307'), t.as('supervisor', '440000'));
      expect(ok.status).toBe(201);
    });

    it('an enterprise token registers its own USCC (201) and no other (403)', async () => {
      const own = uscc('440307', 'MA5A00003');
      const other = uscc('440307', 'MA5A00004');
      const token = t.as('enterprise', '440307', { uscc: own, sub: 'enterprise-user-1' });

      const res = await refused(() => register(registration(other, '他人有限公司'), token));
      expectError(res, 403, 'ENTERPRISE.FORBIDDEN');

      const ok = await register(registration(own, '自有有限公司'), token);
      expect(ok.status).toBe(201);
      expect(ok.headers.etag).toBe('"0"');
    });

    it('rename by an enterprise token, even its own: 403 ACCESS.ROLE_NOT_ALLOWED (only admin and supervisor rename)', async () => {
      const own = uscc('440307', 'MA5A00005');
      await registered(own, '改名前有限公司');
      const token = t.as('enterprise', '440307', { uscc: own, sub: 'enterprise-user-2' });
      const res = await refused(() => rename(own, { newName: '改名后有限公司', effectiveDate: chinaToday() }, token));
      expectError(res, 403, 'ACCESS.ROLE_NOT_ALLOWED');
    });

    it('rename by a supervisor outside the enterprise jurisdiction: 403 ENTERPRISE.FORBIDDEN; inside: 200', async () => {
      const code = uscc('440307', 'MA5A00006');
      await registered(code, '外辖有限公司');
      const res = await refused(() => rename(code, { newName: '外辖新名有限公司', effectiveDate: chinaToday() }, t.as('supervisor', '110000')));
      expectError(res, 403, 'ENTERPRISE.FORBIDDEN');
      const ok = await rename(code, { newName: '外辖新名有限公司', effectiveDate: chinaToday() }, t.as('supervisor', '440300'));
      expect(ok.status).toBe(200);
    });
  });

  describe('conflicts', () => {
    it('registering twice: 409 ENTERPRISE.ALREADY_REGISTERED, nothing written', async () => {
      const code = uscc('440307', 'MA5C00001');
      await registered(code, '重复有限公司');
      const res = await refused(() => register(registration(code, '重复有限公司')));
      expectError(res, 409, 'ENTERPRISE.ALREADY_REGISTERED');
    });

    it('If-Match: the current ETag renames (200, ETag "1"); the stale "0" after that rename is 409 STREAM.WRONG_EXPECTED_REVISION', async () => {
      const code = uscc('440307', 'MA5C00002');
      await registered(code, '版本甲有限公司');
      await t.settled();
      const current = await t.http.get(`/enterprises/${code}`);
      expect(current.headers.etag).toBe('"0"');

      const ok = await rename(code, { newName: '版本乙有限公司', effectiveDate: chinaToday() }, admin(), { 'If-Match': current.headers.etag });
      expect(ok.status).toBe(200);
      expect(ok.headers.etag).toBe('"1"');
      expect(ok.body).toMatchObject({ uscc: code, streamId: `enterprise-${code}`, revision: '1', replayed: false, events: [{ type: 'EnterpriseRenamed', revision: '1' }] });

      const stale = await refused(() => rename(code, { newName: '版本丙有限公司', effectiveDate: chinaToday() }, admin(), { 'If-Match': '"0"' }));
      expectError(stale, 409, 'STREAM.WRONG_EXPECTED_REVISION');
      expect(stale.body.error.details).toEqual({ streamId: `enterprise-${code}`, expected: '0', actual: '1' });

      await t.settled();
      const after = await t.http.get(`/enterprises/${code}`);
      expect(after.headers.etag).toBe('"1"');
      expect(after.body.name).toBe('版本乙有限公司');
      const again = await rename(code, { newName: '版本丙有限公司', effectiveDate: chinaToday() }, admin(), { 'If-Match': after.headers.etag });
      expect(again.status).toBe(200);
      expect(again.headers.etag).toBe('"2"');
    });

    it.each(['0', 'abc', '"x"', '"1', '"-2"'])('a malformed If-Match %s: 400 HTTP.IF_MATCH_INVALID, nothing written', async (ifMatch) => {
      const res = await refused(() => rename(HUAWEI, { newName: '华为新名有限公司', effectiveDate: chinaToday() }, admin(), { 'If-Match': ifMatch }));
      expectError(res, 400, 'HTTP.IF_MATCH_INVALID');
    });
  });

  describe('idempotency', () => {
    it('the same POST with the same Idempotency-Key twice: the same answer, replayed, one event', async () => {
      const code = uscc('440307', 'MA5J00001');
      const body = registration(code, '幂等有限公司');
      const before = await t.eventCount();
      const first = await register(body, admin(), { 'Idempotency-Key': 'register-once-1' });
      const second = await register(body, admin(), { 'Idempotency-Key': 'register-once-1' });

      expect(first.status).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(second.status).toBe(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.headers.etag).toBe(first.headers.etag);
      expect(second.headers.location).toBe(first.headers.location);
      expect(first.body.replayed).toBe(false);
      expect(second.body).toEqual({ ...first.body, replayed: true });
      expect(await t.eventCount()).toBe(before + 1);
      expect(await t.engine.store.readStream(`enterprise-${code}`)).toHaveLength(1);
    });

    it('the same key with a different body: 422 IDEMPOTENCY.KEY_REUSED, nothing written', async () => {
      const code = uscc('440307', 'MA5J00002');
      const first = await register(registration(code, '键重用有限公司'), admin(), { 'Idempotency-Key': 'register-reused-1' });
      expect(first.status).toBe(201);
      const res = await refused(() => register(registration(uscc('440307', 'MA5J00003'), '另一家有限公司'), admin(), { 'Idempotency-Key': 'register-reused-1' }));
      expectError(res, 422, 'IDEMPOTENCY.KEY_REUSED');
    });

    it('the same key used by two users does not collide', async () => {
      const a = t.as('admin', '000000', { sub: 'admin-alice' });
      const b = t.as('admin', '000000', { sub: 'admin-bob' });
      const codeA = uscc('440307', 'MA5J00004');
      const codeB = uscc('440307', 'MA5J00005');
      const first = await register(registration(codeA, '甲用户有限公司'), a, { 'Idempotency-Key': 'shared-key-1' });
      expect(first.status).toBe(201);

      const other = await register(registration(codeB, '乙用户有限公司'), b, { 'Idempotency-Key': 'shared-key-1' });
      expect(other.status).toBe(201);
      expect(other.headers['idempotent-replayed']).toBeUndefined();
      expect(other.body).toMatchObject({ uscc: codeB, replayed: false });

      // Carol sending Alice's very request with her key is a new request of Carol's, not a replay of Alice's.
      const c = t.as('admin', '000000', { sub: 'admin-carol' });
      const copy = await refused(() => register(registration(codeA, '甲用户有限公司'), c, { 'Idempotency-Key': 'shared-key-1' }));
      expectError(copy, 409, 'ENTERPRISE.ALREADY_REGISTERED');
      expect(copy.headers['idempotent-replayed']).toBeUndefined();
    });

    it('a rename retried with its key replays instead of failing as a rename to the same name', async () => {
      const code = uscc('440307', 'MA5J00006');
      await registered(code, '重试前有限公司');
      const body = { newName: '重试后有限公司', effectiveDate: chinaToday(), reason: '名称变更' };
      const first = await rename(code, body, admin(), { 'Idempotency-Key': 'rename-retry-1' });
      const before = await t.eventCount();
      const second = await rename(code, body, admin(), { 'Idempotency-Key': 'rename-retry-1' });
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.headers.etag).toBe('"1"');
      expect(second.body).toEqual({ ...first.body, replayed: true });
      expect(await t.eventCount()).toBe(before);
    });
  });

  describe('rule violations', () => {
    it('rename to the same name, also after normalising blanks: 422 ENTERPRISE.SAME_NAME, nothing written', async () => {
      const code = uscc('440307', 'MA5U00001');
      await registered(code, '同名有限公司');
      const res = await refused(() => rename(code, { newName: '同名有限公司', effectiveDate: chinaToday() }));
      expectError(res, 422, 'ENTERPRISE.SAME_NAME');
      const padded = await refused(() => rename(code, { newName: '  同名有限公司 ', effectiveDate: chinaToday() }));
      expectError(padded, 422, 'ENTERPRISE.SAME_NAME');
    });

    it('deregister then rename: 422 ENTERPRISE.DEREGISTERED, nothing written', async () => {
      const code = uscc('440307', 'MA5U00002');
      await registered(code, '注销有限公司');
      const off = await deregister(code, { effectiveDate: chinaToday(), reason: '营业执照注销' });
      expect(off.status).toBe(200);
      expect(off.headers.etag).toBe('"1"');
      expect(off.body).toMatchObject({ uscc: code, revision: '1', events: [{ type: 'EnterpriseDeregistered', revision: '1' }] });

      const res = await refused(() => rename(code, { newName: '注销后新名有限公司', effectiveDate: chinaToday() }));
      expectError(res, 422, 'ENTERPRISE.DEREGISTERED');

      await t.settled();
      const got = await t.http.get(`/enterprises/${code}`);
      expect(got.body).toMatchObject({ status: 'deregistered', deregisteredOn: chinaToday(), revision: '1' });
      expect(got.headers.etag).toBe('"1"');
    });

    it('an effective date before registration: 422 ENTERPRISE.EFFECTIVE_DATE_OUT_OF_RANGE', async () => {
      const code = uscc('440307', 'MA5U00003');
      await registered(code, '日期有限公司');
      const res = await refused(() => rename(code, { newName: '日期新名有限公司', effectiveDate: '2000-01-01' }));
      expectError(res, 422, 'ENTERPRISE.EFFECTIVE_DATE_OUT_OF_RANGE');
    });

    it('rename of an unknown enterprise: 404 ENTERPRISE.NOT_FOUND, nothing written', async () => {
      const res = await refused(() => rename(uscc('440307', 'MA5U00004'), { newName: '无名有限公司', effectiveDate: chinaToday() }));
      expectError(res, 404, 'ENTERPRISE.NOT_FOUND');
    });

    it('rename of an invalid USCC: 400 ENTERPRISE.VALIDATION_FAILED naming uscc', async () => {
      const res = await refused(() => rename(WRONG_CHECK, { newName: '无效有限公司', effectiveDate: chinaToday() }));
      expectError(res, 400, 'ENTERPRISE.VALIDATION_FAILED');
      expect(fieldsOf(res)).toEqual(['uscc']);
    });

    it('GET an unknown USCC: 404 ENTERPRISE.NOT_FOUND; GET an invalid USCC: 400 naming uscc and why, as the commands do', async () => {
      const unknown = await t.http.get(`/enterprises/${uscc('440307', 'MA5U00005')}`);
      expectError(unknown, 404, 'ENTERPRISE.NOT_FOUND');
      for (const [bad, rule] of [
        [WRONG_CHECK, 'uscc_check_character'],
        ['not-a-uscc', 'uscc_format'],
        ['91350100M000100Y4', 'uscc_format'],
      ]) {
        const invalid = await t.http.get(`/enterprises/${bad}`);
        expectError(invalid, 400, 'ENTERPRISE.VALIDATION_FAILED');
        expect(invalid.body.error.errors).toEqual([{ field: 'uscc', rule, message: expect.any(String) }]);
      }
    });

    it('an unknown route: 404 ROUTE.NOT_FOUND', async () => {
      expectError(await t.http.get('/no-such-route'), 404, 'ROUTE.NOT_FOUND');
      expectError(await refused(() => t.http.post('/enterprises/x/merge').set(admin()).send({})), 404, 'ROUTE.NOT_FOUND');
    });
  });

  describe('system endpoints', () => {
    it('GET /health and GET /ready: 200', async () => {
      const health = await t.http.get('/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'ok' });
      const ready = await t.http.get('/ready');
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ready', database: 'ok', engine: 'started' });
    });

    it('GET /openapi.json lists the enterprise paths; GET /docs serves HTML', async () => {
      const doc = await t.http.get('/openapi.json');
      expect(doc.status).toBe(200);
      expect(Object.keys(doc.body.paths)).toEqual(
        expect.arrayContaining(['/enterprises', '/enterprises/{uscc}', '/enterprises/{uscc}/rename', '/enterprises/{uscc}/deregister']),
      );
      expect(Object.keys(doc.body.paths['/enterprises'])).toEqual(expect.arrayContaining(['get', 'post']));

      const docs = await t.http.get('/docs').redirects(2);
      expect(docs.status).toBe(200);
      expect(docs.headers['content-type']).toMatch(/^text\/html/);
      expect(docs.text).toMatch(/<html/i);
    });

    it('GET /projections: admin sees enterprises 0 events behind once settled; public is 403, no token 401', async () => {
      await registered(uscc('440307', 'MA5P00001'), '投影有限公司');
      await t.settled();
      const res = await t.http.get('/projections').set(admin());
      expect(res.status).toBe(200);
      const enterprises = (res.body.workers as { name: string; eventsBehind: number; state: string }[]).find((w) => w.name === 'enterprises');
      expect(enterprises).toMatchObject({ name: 'enterprises', kind: 'projection', eventsBehind: 0, lastError: null });
      expect(res.body.head).toMatch(/^\d+$/);

      expectError(await t.http.get('/projections').set(t.as('public', '000000')), 403, 'ACCESS.ROLE_NOT_ALLOWED');
      expectError(await t.http.get('/projections'), 401, 'AUTH.TOKEN_MISSING');
    });
  });

  describe('correlation ids and the error envelope', () => {
    it('every response carries X-Correlation-Id, echoing a well-formed one and replacing a malformed one', async () => {
      const responses: [string, Response][] = [
        ['GET /health', await t.http.get('/health')],
        ['GET /ready', await t.http.get('/ready')],
        ['GET /openapi.json', await t.http.get('/openapi.json')],
        ['GET /docs', await t.http.get('/docs')],
        ['GET /enterprises', await t.http.get('/enterprises')],
        ['GET /enterprises/:uscc', await t.http.get(`/enterprises/${HUAWEI}`)],
        ['GET /enterprises/bad', await t.http.get('/enterprises/bad')],
        ['GET /enterprises?limit=0', await t.http.get('/enterprises?limit=0')],
        ['GET /no-such-route', await t.http.get('/no-such-route')],
        ['POST /enterprises without token', await t.http.post('/enterprises').send({})],
        ['POST /enterprises empty', await register({})],
        ['POST /enterprises malformed JSON', await t.http.post('/enterprises').set(admin()).set('Content-Type', 'application/json').send('{')],
        ['POST /enterprises too large', await register({ name: 'x'.repeat(1_100_000) })],
        ['POST /enterprises forbidden', await register({}, t.as('public', '000000'))],
        ['GET /projections', await t.http.get('/projections').set(admin())],
      ];
      for (const [label, res] of responses) expect({ label, id: res.headers['x-correlation-id'] }).toEqual({ label, id: expect.stringMatching(/^[A-Za-z0-9._:-]+$/) });
      for (const [label, res] of responses.filter(([, r]) => r.status >= 400)) expect({ label, id: res.body.correlationId }).toEqual({ label, id: res.headers['x-correlation-id'] });
      expect(new Set(responses.map(([, r]) => r.headers['x-correlation-id'])).size).toBe(responses.length);

      const echoed = await t.http.get('/health').set('X-Correlation-Id', 'trace-0001');
      expect(echoed.headers['x-correlation-id']).toBe('trace-0001');
      const replaced = await t.http.get('/enterprises/bad').set('X-Correlation-Id', 'has spaces and <angle> brackets');
      expect(replaced.headers['x-correlation-id']).not.toBe('has spaces and <angle> brackets');
      expect(replaced.body.correlationId).toBe(replaced.headers['x-correlation-id']);
    });

    it('an error body is { error: { status, code, message, ... }, correlationId }', async () => {
      const res = await t.http.get(`/enterprises/${uscc('440307', 'MA5E00001')}`).set('X-Correlation-Id', 'e2e-envelope');
      expect(res.body).toEqual({
        error: { status: 404, code: 'ENTERPRISE.NOT_FOUND', message: expect.any(String), details: { uscc: uscc('440307', 'MA5E00001') } },
        correlationId: 'e2e-envelope',
      });

      const invalid = await register({}, admin(), { 'X-Correlation-Id': 'e2e-envelope-2' });
      expect(invalid.body.correlationId).toBe('e2e-envelope-2');
      expect(Object.keys(invalid.body.error).sort()).toEqual(['code', 'errors', 'message', 'status']);
      expect(invalid.body.error.message).toContain('uscc');

      const route = await t.http.get('/no-such-route').set('X-Correlation-Id', 'e2e-envelope-3');
      expect(route.body).toEqual({ error: { status: 404, code: 'ROUTE.NOT_FOUND', message: expect.any(String) }, correlationId: 'e2e-envelope-3' });
    });
  });

  describe('the log', () => {
    it('events carry actor id, role, jurisdiction, correlation id and reason', async () => {
      const code = uscc('440307', 'MA5L00001');
      const supervisor = t.as('supervisor', '440300', { sub: 'supervisor-shenzhen-7' });
      const reg = await register(registration(code, '审计甲有限公司'), supervisor, { 'X-Correlation-Id': 'audit-register-1', 'Idempotency-Key': 'audit-key-1' });
      expect(reg.status).toBe(201);
      const ren = await rename(code, { newName: '审计乙有限公司', effectiveDate: chinaToday(), reason: '依据变更登记通知书' }, admin(), {
        'X-Correlation-Id': 'audit-rename-1',
      });
      expect(ren.status).toBe(200);
      const off = await deregister(code, { effectiveDate: chinaToday(), reason: '迁出本辖区' }, t.as('enterprise', '440307', { uscc: code, sub: 'enterprise-audit' }), {
        'X-Correlation-Id': 'audit-deregister-1',
      });
      expect(off.status).toBe(200);

      const events = await t.engine.store.readStream(`enterprise-${code}`);
      expect(events.map((e) => [e.type, e.revision])).toEqual([
        ['EnterpriseRegistered', 0n],
        ['EnterpriseRenamed', 1n],
        ['EnterpriseDeregistered', 2n],
      ]);
      expect(events[0].metadata).toMatchObject({
        actorId: 'supervisor-shenzhen-7',
        actorRole: 'supervisor',
        jurisdiction: '440300',
        correlationId: 'audit-register-1',
        idempotencyKey: 'audit-key-1',
        reason: null,
      });
      expect(events[1].metadata).toMatchObject({
        actorId: 'admin-000000',
        actorRole: 'admin',
        jurisdiction: '000000',
        correlationId: 'audit-rename-1',
        idempotencyKey: null,
        reason: '依据变更登记通知书',
      });
      expect(events[1].data).toEqual({ uscc: code, previousName: '审计甲有限公司', newName: '审计乙有限公司', effectiveDate: chinaToday(), jurisdiction: '440307' });
      expect(events[2].metadata).toMatchObject({
        actorId: 'enterprise-audit',
        actorRole: 'enterprise',
        jurisdiction: '440307',
        correlationId: 'audit-deregister-1',
        reason: '迁出本辖区',
      });
      expect(events[2].data).toEqual({ uscc: code, effectiveDate: chinaToday(), reason: '迁出本辖区' });
      expect(events.map((e) => e.id)).toEqual([reg.body.events[0].id, ren.body.events[0].id, off.body.events[0].id]);
    });
  });
});
