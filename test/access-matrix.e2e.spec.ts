import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { ROLES, type Role } from '@regledger/shared';
import { clockFrom, startTestApp, type TestApp } from './support/test-app.js';
import { addDays, chinaDate, expectError, refusedOn, uscc } from './support/http-expectations.js';
import { ACCESS_TABLE, appRoutes, type AppRoute, type Rule } from './support/route-table.js';

/**
 * The access layer of every route, over HTTP: the routes come from the app's own Nest metadata, the rules from the
 * table in test/support/route-table.ts (domain.md §1). A route the app serves without a rule there, or a rule for a
 * route the app no longer serves, fails. Then a few readable examples of who is refused inside a route's roles; every
 * route × admitted role × inside / outside the jurisdiction (own / other enterprise) is access-jurisdiction.e2e.spec.ts.
 */

/** The API runs at this instant (then at the real pace), so every date stays inside the working-day calendar. */
const clock = clockFrom('2026-11-16T02:00:00Z');
const today = (): string => chinaDate(clock());

type Json = Record<string, unknown>;
/** Every role a token can carry: `system` is the engine's own and no token holds it. */
const TOKEN_ROLES: Role[] = ROLES.filter((r) => r !== 'system');

/** An enterprise no request of the matrix finds, and ids nothing has: the matrix looks at the access layer only. */
const UNKNOWN_USCC = uscc('440399', 'MA5AX9999');
const UNKNOWN_ID = '0197b000-0000-7000-8000-00000000a0a0';
const PARAM_VALUES: Record<string, string> = { uscc: UNKNOWN_USCC, id: UNKNOWN_ID, caseId: UNKNOWN_ID, correlationId: UNKNOWN_ID };

/** One request of the matrix: a route as a role, or without a token (`anonymous`). */
interface Cell {
  route: AppRoute;
  caller: Role | 'anonymous';
  refused: boolean;
}

const expectedRefusal = (rule: Rule, caller: Cell['caller']): boolean => rule !== 'public' && (caller === 'anonymous' || !rule.includes(caller));

/** What went wrong with one cell, or null: refused cells get the exact code; allowed ones anything but an access refusal or a 5xx. */
const cellProblem = (cell: Cell, res: Response): string | null => {
  const code = (res.body as { error?: { code?: string } } | undefined)?.error?.code ?? null;
  const seen = `${res.status} ${code ?? '-'}`;
  if (cell.refused) {
    const expected = cell.caller === 'anonymous' ? '401 AUTH.TOKEN_MISSING' : '403 ACCESS.ROLE_NOT_ALLOWED';
    return seen === expected ? null : `expected ${expected}, got ${seen}`;
  }
  if (res.status >= 500) return `allowed, but got ${seen}`;
  if (res.status === 401 || code === 'ACCESS.ROLE_NOT_ALLOWED' || code === 'ACCESS.NO_RULE' || (code ?? '').startsWith('AUTH.')) return `allowed, but refused by the access layer: ${seen}`;
  return null;
};

const PRODUCT = { name: '空气净化器', model: 'KJ600F-AM' };
const declarationContent = (number: string): Json => ({
  standard: { kind: 'enterprise', number, title: '空气净化器企业标准', mandatory: false, issuedOn: addDays(today(), -5) },
  products: [{ ...PRODUCT, category: 'air_purifier' }],
  indicators: [{ name: '洁净空气量', type: 'performance', value: '≥500', unit: 'm³/h', testMethod: 'GB/T 18801-2022' }],
  fullTextDisclosed: false,
  firstSaleOn: null,
  belowRecommended: { flagged: false, referenceStandard: null, explanation: null },
});

describe('access matrix: every route × every role, from the app metadata', () => {
  let t: TestApp;
  let routes: AppRoute[];
  const refused = refusedOn(() => t);

  /** Shenzhen (440300) covers the enterprise of Nanshan (440305); Guangzhou (440100) does not. */
  const OWN = uscc('440305', 'MA5AM0001');
  const OTHER = uscc('440106', 'MA5AM0002');
  const inside = () => t.as('supervisor', '440300');
  const outside = () => t.as('supervisor', '440100');
  const enterprise = (code: string) => t.as('enterprise', code === OWN ? '440305' : '440106', { uscc: code, sub: `user-${code}` });

  const send = (route: AppRoute, caller: Cell['caller']) => {
    const path = route.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => PARAM_VALUES[name] ?? UNKNOWN_ID);
    const req = t.http[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch'](path);
    if (caller !== 'anonymous') req.set(t.as(caller, '440000', caller === 'enterprise' ? { uscc: UNKNOWN_USCC } : {}));
    return route.method === 'GET' ? req : req.send({});
  };

  /** Sends the cells a few at a time and returns the problems, one line each. */
  const run = async (cells: Cell[]): Promise<string[]> => {
    const problems: string[] = [];
    for (let i = 0; i < cells.length; i += 8) {
      const batch = cells.slice(i, i + 8);
      const answers = await Promise.all(batch.map((c) => send(c.route, c.caller)));
      batch.forEach((cell, j) => {
        const problem = cellProblem(cell, answers[j]);
        if (problem) problems.push(`${cell.route.key} as ${cell.caller}: ${problem}`);
      });
    }
    return problems;
  };

  const cells = (): Cell[] =>
    routes
      .filter((r) => ACCESS_TABLE[r.key] !== undefined)
      .flatMap((route) => [...TOKEN_ROLES, 'anonymous' as const].map((caller) => ({ route, caller, refused: expectedRefusal(ACCESS_TABLE[route.key], caller) })));

  beforeAll(async () => {
    t = await startTestApp({ SCHEDULE_INTERVAL_MS: '0' }, { clock });
    routes = appRoutes(t.app);
    for (const [code, name, jurisdiction] of [
      [OWN, '深圳市矩阵电器有限公司', '440305'],
      [OTHER, '广州市矩阵电器有限公司', '440106'],
    ] as const) {
      const res = await t.http.post('/enterprises').set(t.as('admin', '000000')).send({ uscc: code, name, jurisdiction, address: '广东省', industry: '家用电器制造业' });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('the table follows the app', () => {
    it('every route the app serves has a rule here, and every rule a route', () => {
      const keys = routes.map((r) => r.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect({
        routesWithoutRule: keys.filter((k) => ACCESS_TABLE[k] === undefined),
        rulesWithoutRoute: Object.keys(ACCESS_TABLE).filter((k) => !keys.includes(k)),
      }).toEqual({ routesWithoutRule: [], rulesWithoutRoute: [] });
    });

    it("every route declares an access rule, and it is the table's", () => {
      const declared = routes.map((r) => ({ route: r.key, rule: r.rule === null ? null : r.rule.public ? 'public' : [...r.rule.roles].sort() }));
      const expected = routes.map((r) => {
        const rule = ACCESS_TABLE[r.key];
        return { route: r.key, rule: rule === undefined ? 'no rule in the table' : rule === 'public' ? 'public' : [...rule].sort() };
      });
      expect(declared).toEqual(expected);
    });
  });

  describe('every route × every role and no token', () => {
    it('refuses the roles a route does not admit (403 ACCESS.ROLE_NOT_ALLOWED) and anonymous callers of non-public routes (401 AUTH.TOKEN_MISSING), writing nothing', async () => {
      const refusals = cells().filter((c) => c.refused);
      expect(refusals.length).toBeGreaterThan(0);
      await t.settled();
      const before = await t.eventCount();
      const problems = await run(refusals);
      await t.settled();
      expect(problems).toEqual([]);
      expect(await t.eventCount()).toBe(before);
    });

    it('lets the admitted roles (and anyone on a public route) past the access layer, with no 5xx', async () => {
      const admitted = cells().filter((c) => !c.refused);
      expect(admitted.length).toBeGreaterThan(0);
      expect(await run(admitted)).toEqual([]);
    });
  });

  describe('jurisdiction and ownership inside the admitted roles', () => {
    it('enterprises: a supervisor renames an enterprise of its jurisdiction, not one outside (ENTERPRISE.FORBIDDEN)', async () => {
      const rename = (auth: Json) => t.http.post(`/enterprises/${OWN}/rename`).set(auth as Record<string, string>).send({ newName: '深圳市矩阵新电器有限公司', effectiveDate: today() });
      expectError(await refused(() => rename(outside())), 403, 'ENTERPRISE.FORBIDDEN');
      expect((await rename(inside())).status).toBe(200);
    });

    it('declarations: an enterprise declares for its own USCC, not for another (DECLARATION.FORBIDDEN)', async () => {
      const declare = (auth: Json) => t.http.post('/declarations').set(auth as Record<string, string>).send({ uscc: OWN, content: declarationContent('Q/AM 001-2026') });
      expectError(await refused(() => declare(enterprise(OTHER))), 403, 'DECLARATION.FORBIDDEN');
      expect((await declare(enterprise(OWN))).status).toBe(201);
    });

    it('complaints: a handler receives a complaint of its jurisdiction, not one outside (COMPLAINT.FORBIDDEN)', async () => {
      const intake = {
        kind: 'complaint',
        channel: '12315_hotline',
        uscc: OWN,
        product: PRODUCT,
        facts: '洁净空气量与声明的企业标准不符',
        complainant: { name: '张三', idNumber: '440305199001011234', phone: '13812345678', email: 'zhang.san@example.com', realName: true },
        harmKnownOn: '2026-11-02',
        receivedOn: '2026-11-09',
        jurisdiction: '440305',
      };
      const receive = (jurisdiction: string) => t.http.post('/complaints').set(t.as('complaint_handler', jurisdiction)).send(intake);
      expectError(await refused(() => receive('440100')), 403, 'COMPLAINT.FORBIDDEN');
      expect((await receive('440300')).status).toBe(201);
    });

    it('inspectors: a supervisor registers an inspector of its jurisdiction, not one outside (INSPECTOR.FORBIDDEN)', async () => {
      const register = (auth: Json) =>
        t.http.post('/inspectors').set(auth as Record<string, string>).send({ inspectorId: 'AM-01', name: '检查员AM-01', jurisdiction: '440300', qualifications: [], conflicts: [] });
      expectError(await refused(() => register(outside())), 403, 'INSPECTOR.FORBIDDEN');
      expect((await register(inside())).status).toBe(201);
    });

    let matterId = '';
    it('matters: a supervisor records a non-compliance in its jurisdiction, not outside (MATTER.FORBIDDEN); the enterprise reads its own matter, not another', async () => {
      const record = (auth: Json) =>
        t.http
          .post('/matters')
          .set(auth as Record<string, string>)
          .send({ uscc: OWN, jurisdiction: '440305', subject: { kind: 'product', product: PRODUCT }, occurredOn: '2026-11-02', reference: 'AM-2026-1' });
      expectError(await refused(() => record(outside())), 403, 'MATTER.FORBIDDEN');
      const res = await record(inside());
      expect(res.status).toBe(201);
      matterId = res.body.matterId as string;
      await t.settled();
      expect((await t.http.get(`/matters/${matterId}`).set(enterprise(OWN))).status).toBe(200);
      expectError(await t.http.get(`/matters/${matterId}`).set(enterprise(OTHER)), 403, 'MATTER.FORBIDDEN');
      expectError(await t.http.get(`/matters/${matterId}`).set(outside()), 403, 'MATTER.FORBIDDEN');
    });

    it('cases: a supervisor registers a lead in its jurisdiction, not outside (CASE.FORBIDDEN)', async () => {
      const caseId = randomUUID();
      const lead = { caseId, uscc: OWN, jurisdiction: '440305', source: { kind: 'inspection', reference: 'AM-RPT-1' }, summary: '涉嫌生产不符合标准的产品', discoveredOn: '2026-11-02' };
      expectError(await refused(() => t.http.post('/cases').set(outside()).send(lead)), 403, 'CASE.FORBIDDEN');
      expect((await t.http.post('/cases').set(inside()).send(lead)).status).toBe(201);
    });

    it('credit: a supervisor places an enterprise of its jurisdiction on the abnormal list, not one outside (CREDIT.FORBIDDEN); an enterprise reads its own credit, not another', async () => {
      const place = (auth: Json) => t.http.post(`/enterprises/${OWN}/credit/abnormal-list`).set(auth as Record<string, string>).send({ reason: 'annual_report_not_filed' });
      expectError(await refused(() => place(outside())), 403, 'CREDIT.FORBIDDEN');
      expect((await place(inside())).status).toBe(201);
      await t.settled();
      expect((await t.http.get(`/enterprises/${OWN}/credit`).set(enterprise(OWN))).status).toBe(200);
      expectError(await t.http.get(`/enterprises/${OWN}/credit`).set(enterprise(OTHER)), 403, 'CREDIT.FORBIDDEN');
    });

    it('audit: an analyst of any jurisdiction reads every stream (domain.md §1: everything, read-only); a supervisor is refused by role', async () => {
      await t.settled();
      const found = await t.http.get('/audit/events').query({ uscc: OWN }).set(t.as('analyst', '440300'));
      expect(found.status).toBe(200);
      const streamId = (found.body.items as { streamId: string }[])[0].streamId;
      for (const jurisdiction of ['440300', '440100']) {
        const res = await t.http.get(`/audit/streams/${encodeURIComponent(streamId)}`).set(t.as('analyst', jurisdiction));
        expect({ jurisdiction, status: res.status }).toEqual({ jurisdiction, status: 200 });
      }
      expectError(await t.http.get(`/audit/streams/${encodeURIComponent(streamId)}`).set(inside()), 403, 'ACCESS.ROLE_NOT_ALLOWED');
    });
  });
});
