import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/test-app.js';
import { addDays, chinaDate, uscc } from './support/http-expectations.js';

/**
 * Two enterprises through enforcement and credit over HTTP, on a clock the test moves forward:
 * - one from a failed spot check through every step of SAMR Order 18 arts. 44–50 to licence revocation;
 * - one from class A through a failed check, a case and a published fine, then correction and credit repair back to class A.
 * At each step: the credit record (entries linked to their events, the class) and the class the draw's pool gives the target.
 */

const DAY_MS = 86_400_000;
/**
 * A Monday early enough that a year of steps stays inside the official working-day calendar; the clock then runs
 * at the real pace and jumps when the test says.
 */
const START = '2025-06-02T02:00:00Z';
let offsetMs = Date.parse(START) - Date.now();
const clock = (): Date => new Date(Date.now() + offsetMs);
const advanceDays = (days: number): void => {
  offsetMs += days * DAY_MS;
};
const today = (): string => chinaDate(clock());

type Json = Record<string, unknown>;
interface Entry {
  entryId: string;
  kind: string;
  points: number;
  counted: boolean;
  repaired: boolean;
  sources: { eventId: string; streamId: string; type: string }[];
}

/** The same calendar date `years` later (a 29 February becomes 28 February). */
const yearsLater = (date: string, years: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  const target = new Date(Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate()));
  if (target.getUTCDate() !== d.getUTCDate()) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
};

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const SECRET = 'c41d9e2b7a8f4e3d9c0b1a2f3e4d5c6b-scenario';

const PRODUCT = { name: '电热水壶', model: 'KT-1701' };
const content = (number: string): Json => ({
  standard: { kind: 'enterprise', number, title: '电热水壶企业标准', mandatory: false, issuedOn: addDays(today(), -5) },
  products: [{ ...PRODUCT, category: 'kitchen_appliance' }],
  indicators: [{ name: '额定功率', type: 'performance', value: '≤1800', unit: 'W', testMethod: 'GB 4706.1-2005' }],
  fullTextDisclosed: false,
  firstSaleOn: null,
  belowRecommended: { flagged: false, referenceStandard: null, explanation: null },
});

describe('enforcement and credit: one enterprise to revocation, another through repair back to class A', () => {
  let t: TestApp;
  const REVOKED = uscc('440106', 'MA5RP0001');
  const REPAIRED = uscc('440106', 'MA5RP0002');
  const supervisor = () => t.as('supervisor', '440100');
  const inspector = (id: string) => t.as('inspector', '440100', { sub: id });
  const enterprise = (code: string) => t.as('enterprise', '440106', { uscc: code, sub: `user-${code}` });

  const ok = (res: { status: number; body: unknown }, status = 200): Json => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as Json;
  };

  /** Assign two inspectors, start, record one finding and complete with today's production date. */
  const carryOut = async (inspectionId: string, passes: boolean): Promise<void> => {
    ok(await t.http.post(`/inspections/${inspectionId}/assign`).set(supervisor()).send({ inspectorIds: ['GZ-01', 'GZ-02'] }));
    ok(await t.http.post(`/inspections/${inspectionId}/start`).set(inspector('GZ-01')).send({}));
    const measured = passes ? '1750' : '1950';
    ok(
      await t.http
        .post(`/inspections/${inspectionId}/findings`)
        .set(inspector('GZ-01'))
        .send({ findings: [{ indicator: '额定功率', declaredValue: '≤1800', measuredValue: measured, unit: 'W', testMethod: 'GB 4706.1-2005', conforming: passes }] }),
    );
    ok(await t.http.post(`/inspections/${inspectionId}/complete`).set(inspector('GZ-02')).send({ outcome: passes ? 'conforming' : 'non_conforming', productionDate: today() }));
    await t.settled();
  };

  const targetedInspection = async (code: string, passes: boolean): Promise<string> => {
    const opened = ok(await t.http.post('/inspections/targeted').set(supervisor()).send({ uscc: code, source: 'report', product: PRODUCT, description: '举报：额定功率超标' }), 201);
    await carryOut(opened.inspectionId as string, passes);
    return opened.inspectionId as string;
  };

  const credit = async (code: string, asOf?: string): Promise<Json & { entries: Entry[] }> =>
    ok(await t.http.get(`/enterprises/${code}/credit`).query(asOf ? { asOf } : {}).set(supervisor())) as Json & { entries: Entry[] };

  /** The class the draw's pool gives the enterprise now. */
  const poolClass = async (code: string): Promise<string> => {
    const page = ok(await t.http.get('/inspection-pool').query({ jurisdiction: '440100', limit: 100 }).set(supervisor()));
    const target = (page.targets as { uscc: string; creditClass: string }[]).find((x) => x.uscc === code);
    if (!target) throw new Error(`${code} is not in the pool`);
    return target.creditClass;
  };

  /** The events of a stream, to check that credit entries link to real events. */
  const streamEventIds = async (streamId: string): Promise<string[]> => {
    const events = await t.engine.store.readStream(streamId);
    return events.map((e) => e.id);
  };

  const expectLinked = async (entry: Entry | undefined): Promise<void> => {
    expect(entry).toBeDefined();
    expect(entry!.sources.length).toBeGreaterThan(0);
    for (const s of entry!.sources) expect(await streamEventIds(s.streamId)).toContain(s.eventId);
  };

  const matterOf = async (code: string): Promise<Json> => {
    const list = ok(await t.http.get('/matters').query({ uscc: code, status: 'all' }).set(supervisor()));
    const items = list.items as Json[];
    expect(items).toHaveLength(1);
    return items[0];
  };

  const followUp = async (matterId: string, round: number): Promise<string> => {
    const res = ok(await t.http.post(`/matters/${matterId}/follow-up`).set(supervisor()).send({ round }));
    const requested = (res.events as Json[]).find((e) => e.type === 'FollowUpInspectionRequested');
    expect(requested).toBeDefined();
    await t.settled();
    // A matter id begins with the enterprise's USCC.
    const tasks = ok(await t.http.get('/inspections').query({ origin: 'follow_up', uscc: matterId.slice(0, 18), limit: 100 }).set(supervisor()));
    const task = (tasks.items as { inspectionId: string; origin: Json; status: string }[]).find((i) => i.origin.matterId === matterId && i.origin.round === round);
    expect(task).toMatchObject({ status: 'open', origin: { type: 'follow_up', matterId, round } });
    return task!.inspectionId;
  };

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    for (const [code, name] of [
      [REVOKED, '广州某电器有限公司'],
      [REPAIRED, '广州另一电器有限公司'],
    ] as const) {
      ok(await t.http.post('/enterprises').set(t.as('admin', '000000')).send({ uscc: code, name, jurisdiction: '440106', address: '广州市海珠区', industry: '家用电器制造业' }), 201);
      ok(await t.http.post('/declarations').set(enterprise(code)).send({ uscc: code, content: content(`Q/SC${code.slice(-4)} 001-2026`) }), 201);
    }
    // Four inspectors: the two who inspected a target last step aside in the draw (Administrative Penalty Law art. 43).
    for (const id of ['GZ-01', 'GZ-02', 'GZ-03', 'GZ-04']) ok(await t.http.post('/inspectors').set(supervisor()).send({ inspectorId: id, name: id, jurisdiction: '440100', qualifications: [] }), 201);
    await t.settled();
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('through a case and a published fine, then repair back to class A', () => {
    let matterId = '';
    const caseId = randomUUID();
    let publishedOn = '';

    it('two passed checks make the enterprise class A', async () => {
      await targetedInspection(REPAIRED, true);
      await targetedInspection(REPAIRED, true);
      expect(await credit(REPAIRED)).toMatchObject({ class: 'A', score: 91 });
      expect(await poolClass(REPAIRED)).toBe('A');
    });

    it('a failed check opens a matter: class B', async () => {
      await targetedInspection(REPAIRED, false);
      matterId = (await matterOf(REPAIRED)).matterId as string;
      expect(await credit(REPAIRED)).toMatchObject({ class: 'B', score: 76 });
      expect(await poolClass(REPAIRED)).toBe('B');
    });

    it('a case from the matter ends in a fine shown for 3 years: class D; the product is under an open case until the decision', async () => {
      ok(
        await t.http.post('/cases').set(supervisor()).send({
          caseId,
          uscc: REPAIRED,
          jurisdiction: '440106',
          matterId,
          productKey: JSON.stringify([PRODUCT.name, PRODUCT.model]),
          source: { kind: 'matter', reference: matterId },
          summary: '额定功率不符合声明的企业标准',
          discoveredOn: today(),
        }),
        201,
      );
      ok(await t.http.post(`/cases/${caseId}/open`).set(supervisor()).send({}));
      await t.settled();
      const pool = ok(await t.http.get('/inspection-pool').query({ jurisdiction: '440100', limit: 100 }).set(supervisor()));
      expect((pool.targets as { uscc: string; openCaseProductKeys: string[] }[]).find((x) => x.uscc === REPAIRED)?.openCaseProductKeys).toEqual([
        JSON.stringify([PRODUCT.name, PRODUCT.model]),
      ]);
      const decided = ok(
        await t.http.post(`/cases/${caseId}/decision`).set(supervisor()).send({ penalties: [{ kind: 'fine', amountYuan: 200000 }], sector: 'general', legalBasis: '《产品质量法》第四十九条' }),
      );
      expect(decided.events).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'PenaltyDecided' }), expect.objectContaining({ type: 'CaseClosed' })]));
      ok(await t.http.post(`/cases/${caseId}/publication`).set(supervisor()).send({}));
      publishedOn = today();
      await t.settled();
      const shown = ok(await t.http.get(`/penalties/${caseId}`));
      // A fine above the small-fine bound is shown for 3 years (SAMR Order 45): up to the day before the same date 3 years on.
      expect(shown).toMatchObject({ caseId, uscc: REPAIRED, publishedOn, shownUntil: addDays(yearsLater(publishedOn, 3), -1) });
      const record = await credit(REPAIRED);
      await expectLinked(record.entries.find((e) => e.kind === 'penalty_fine'));
      expect(record).toMatchObject({ class: 'D', score: 56 });
      expect(await poolClass(REPAIRED)).toBe('D');
      const after = ok(await t.http.get('/inspection-pool').query({ jurisdiction: '440100', limit: 100 }).set(supervisor()));
      expect((after.targets as { uscc: string; openCaseProductKeys: string[] }[]).find((x) => x.uscc === REPAIRED)?.openCaseProductKeys).toEqual([]);
    });

    it('the enterprise corrects: a passed follow-up closes the matter', async () => {
      ok(await t.http.post(`/matters/${matterId}/stop-sale`).set(supervisor()).send({}));
      ok(await t.http.post(`/matters/${matterId}/correction`).set(supervisor()).send({}));
      advanceDays(30);
      const inspectionId = await followUp(matterId, 1);
      await carryOut(inspectionId, true);
      const matter = ok(await t.http.get(`/matters/${matterId}`).set(supervisor()));
      expect(matter).toMatchObject({ status: 'closed', closed: { outcome: 'corrected' } });
      expect(await credit(REPAIRED)).toMatchObject({ class: 'D', score: 59 });
    });

    it('repair before 6 months of publication is refused by rule; after 6 months it is granted and the class returns to A', async () => {
      const applied = ok(
        await t.http
          .post(`/enterprises/${REPAIRED}/credit/repairs`)
          .set(enterprise(REPAIRED))
          .send({ target: { kind: 'penalty_publication', caseId }, obligationsFulfilled: true, harmRemedied: true }),
        201,
      );
      await t.settled();
      const decide = () => t.http.post(`/credit/repairs/${applied.repairId as string}/decision`).set(supervisor()).send({ grant: true, reason: '已履行处罚义务并消除不良影响' });
      const early = await decide();
      expect({ status: early.status, code: early.body.error?.code }).toEqual({ status: 422, code: 'CREDIT.REPAIR_TOO_EARLY' });
      expect(await credit(REPAIRED)).toMatchObject({ class: 'D' });

      advanceDays(185);
      ok(await decide());
      await t.settled();

      const record = await credit(REPAIRED);
      expect(record).toMatchObject({ class: 'A', score: 91 });
      for (const kind of ['inspection_failed', 'penalty_fine']) expect(record.entries.find((e) => e.kind === kind)).toMatchObject({ repaired: true, points: 0 });
      expect(record.entries.filter((e) => e.kind === 'inspection_passed')).toHaveLength(2);
      expect(await poolClass(REPAIRED)).toBe('A');
      // The publication ended early: the public list no longer shows it.
      expect((await t.http.get(`/penalties/${caseId}`)).status).toBe(404);
      // As of the day the fine was published, the record still says D.
      expect(await credit(REPAIRED, publishedOn)).toMatchObject({ class: 'D' });
    });

  });

  describe('from a failed spot check to licence revocation (SAMR Order 18 arts. 44–50)', () => {
    let matterId = '';

    it('an unclassified enterprise is class B in the pool', async () => {
      expect(await poolClass(REVOKED)).toBe('B');
      expect((await credit(REVOKED)).entries).toEqual([]);
    });

    it('a failed spot check opens a matter and a linked credit entry; the class falls to C and the pool follows', async () => {
      await targetedInspection(REVOKED, false);
      const matter = await matterOf(REVOKED);
      matterId = matter.matterId as string;
      expect(matter).toMatchObject({ status: 'open', subject: { kind: 'product' }, triggers: [expect.objectContaining({ kind: 'failed_inspection' })] });
      const record = await credit(REVOKED);
      expect(record).toMatchObject({ class: 'C', score: 70 });
      await expectLinked(record.entries.find((e) => e.kind === 'inspection_failed'));
      expect(await poolClass(REVOKED)).toBe('C');
    });

    it('stop sale, then an order to correct within 60 days with the follow-up due within 75', async () => {
      ok(await t.http.post(`/matters/${matterId}/stop-sale`).set(supervisor()).send({}));
      const ordered = ok(await t.http.post(`/matters/${matterId}/correction`).set(supervisor()).send({}));
      expect(ordered.events).toEqual([expect.objectContaining({ type: 'CorrectionOrdered' })]);
      await t.settled();
      const matter = ok(await t.http.get(`/matters/${matterId}`).set(supervisor()));
      expect(matter.correction).toEqual({ orderedOn: today(), correctionDueOn: addDays(today(), 60), followUpDueOn: addDays(today(), 75) });
    });

    it('the first follow-up, 60 days on, is an inspection task; it fails and the record says so', async () => {
      advanceDays(60);
      const inspectionId = await followUp(matterId, 1);
      await carryOut(inspectionId, false);
      const matter = ok(await t.http.get(`/matters/${matterId}`).set(supervisor()));
      expect(matter.followUps).toEqual([expect.objectContaining({ round: 1, inspectionId, result: expect.objectContaining({ outcome: 'non_conforming', passed: false }) })]);
      const record = await credit(REVOKED);
      await expectLinked(record.entries.find((e) => e.kind === 'follow_up_failed'));
      expect(record).toMatchObject({ class: 'C', score: 60 });
      expect(await poolClass(REVOKED)).toBe('C');
    });

    it('a public notice follows; the class falls to D and the pool follows', async () => {
      ok(await t.http.post(`/matters/${matterId}/public-notice`).set(supervisor()).send({}));
      await t.settled();
      const record = await credit(REVOKED);
      await expectLinked(record.entries.find((e) => e.kind === 'public_notice'));
      expect(record).toMatchObject({ class: 'D', score: 50 });
      expect(await poolClass(REVOKED)).toBe('D');
    });

    it('the second follow-up comes 60–90 days after the notice: refused before, opened after; it fails', async () => {
      advanceDays(30);
      const early = await t.http.post(`/matters/${matterId}/follow-up`).set(supervisor()).send({ round: 2 });
      expect(early.status).toBe(422);
      advanceDays(30);
      const inspectionId = await followUp(matterId, 2);
      await carryOut(inspectionId, false);
      expect((await credit(REVOKED)).score).toBe(40);
    });

    it('suspension for rectification, a third follow-up that fails, then revocation closes the matter', async () => {
      ok(await t.http.post(`/matters/${matterId}/suspension`).set(supervisor()).send({}));
      await t.settled();
      expect((await credit(REVOKED)).score).toBe(20);
      advanceDays(30);
      const inspectionId = await followUp(matterId, 3);
      await carryOut(inspectionId, false);
      ok(await t.http.post(`/matters/${matterId}/revocation`).set(supervisor()).send({}));
      await t.settled();
      const matter = ok(await t.http.get(`/matters/${matterId}`).set(supervisor()));
      expect(matter).toMatchObject({ status: 'closed', revokedOn: today(), closed: { outcome: 'revoked' } });
      const record = await credit(REVOKED);
      await expectLinked(record.entries.find((e) => e.kind === 'licence_revocation'));
      expect(record.entries.map((e) => e.kind)).toEqual(
        expect.arrayContaining(['inspection_failed', 'follow_up_failed', 'public_notice', 'suspension', 'licence_revocation']),
      );
      expect(record).toMatchObject({ class: 'D', score: -30 });
      expect(await poolClass(REVOKED)).toBe('D');
    });
  });

  describe('the draw', () => {
    it('stratifies each target by the class its pool position saw: A for the repaired one, D for the revoked one', async () => {
      const plan = ok(
        await t.http.post('/inspection-plans').set(supervisor()).send({
          jurisdiction: '440100',
          name: '信用分类抽查',
          scope: { standardKinds: ['enterprise'] },
          policy: { ratios: { A: 1, B: 1, C: 1, D: 1 } },
          period: { from: today(), to: addDays(today(), 30) },
          commitment: sha256(SECRET),
        }),
        201,
      );
      const planId = plan.planId as string;
      ok(await t.http.post(`/inspection-plans/${planId}/draw`).set(supervisor()).send({ secret: SECRET }), 201);
      await t.settled();
      const draw = ok(await t.http.get(`/inspection-plans/${planId}/draw`).set(supervisor()));
      const strata = draw.strata as Record<string, { poolSize: number; drawn: string[] }>;
      expect(strata.A.drawn).toContain(REPAIRED);
      expect(strata.D.drawn).toContain(REVOKED);
      const verify = ok(await t.http.get(`/inspection-plans/${planId}/draw/verify`));
      expect(verify).toMatchObject({ matches: true, differences: [] });
    });
  });
});
