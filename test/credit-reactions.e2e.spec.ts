import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DEFAULT_SCORING_POLICY } from '@regledger/credit';
import { EngineLifecycle } from '@regledger/engine';
import type { RecordedEvent } from '@regledger/event-store';
import { clockFrom, startTestApp, type TestApp } from './support/test-app.js';
import { chinaDate, expectError, fieldsOf, refusedOn, uscc } from './support/http-expectations.js';

/**
 * The credit context's reactions to the other contexts and its three schedules, over HTTP. The API's clock is
 * pinned inside the official working-day calendar (complaints and cases compute working-day deadlines); the
 * credit schedules compute plain calendar dates only, so they are run at dates years ahead.
 */
const PINNED_NOW = '2026-11-16T02:00:00Z';
const clock = clockFrom(PINNED_NOW);
const today = (): string => chinaDate(clock());
/** 10:00 in China on `date`: the instant the schedules run at. */
const at = (date: string): Date => new Date(`${date}T02:00:00Z`);

/** Design choices set in the environment the API starts with: the handlers, queries and schedules must use them. */
const CREDIT_ENV: Record<string, string> = { CREDIT_RECLASSIFY_LOOKBACK_DAYS: '3', CREDIT_SCORING_POINTS_LIMIT: '200' };

type Json = Record<string, unknown>;
interface ClassChange {
  from: string | null;
  to: string;
  score: number;
  policyVersion: number;
  on: string;
  cause: { entryId: string | null; reason: string };
}

const COMPLAINED = uscc('440305', 'MA5CRR001');
const PENALISED = uscc('440307', 'MA5CRR002');
const EXPIRING = uscc('440307', 'MA5CRR003');
const REPRICED = uscc('440307', 'MA5CRR004');
const UNCURED = uscc('440307', 'MA5CRR005');

const { version: _v, effectiveFrom: _e, ...DEFAULT_CONTENT } = DEFAULT_SCORING_POLICY;

describe('credit reactions and schedules over HTTP', () => {
  let t: TestApp;
  let lifecycle: EngineLifecycle;
  const saved: Record<string, string | undefined> = {};
  const refused = refusedOn(() => t);
  const admin = () => t.as('admin', '000000');
  const shenzhen = () => t.as('supervisor', '440300');
  const handler = () => t.as('complaint_handler', '440300');

  const creditEvents = async (code: string): Promise<RecordedEvent[]> => t.engine.store.readStream(`credit-${code}`);
  const classChanges = async (code: string): Promise<ClassChange[]> =>
    (await creditEvents(code)).filter((e) => e.type === 'RiskClassChanged').map((e) => e.data as ClassChange);
  const explain = async (code: string, asOf: string): Promise<Json> => {
    const res = await t.http.get(`/enterprises/${code}/credit`).query({ asOf }).set(shenzhen());
    expect(res.status).toBe(200);
    return res.body as Json;
  };
  /** Runs every schedule at 10:00 China time on `date` and waits for the reactions. */
  const runSchedulesOn = async (date: string): Promise<void> => {
    await lifecycle.runSchedules(at(date));
    await t.settled();
  };
  /** A second run on the same date records nothing on any credit stream. */
  const expectSecondRunRecordsNothing = async (date: string): Promise<void> => {
    const before = await t.eventCount('credit-');
    await runSchedulesOn(date);
    expect(await t.eventCount('credit-')).toBe(before);
  };
  const placeAbnormal = async (code: string, reason: string, on: string): Promise<string> => {
    const res = await t.http.post(`/enterprises/${code}/credit/abnormal-list`).set(shenzhen()).send({ reason, on });
    expect({ status: res.status, body: res.status === 201 ? null : res.body }).toEqual({ status: 201, body: null });
    return res.body.listingId as string;
  };
  const cure = async (code: string, listingId: string, on: string): Promise<void> => {
    const res = await t.http.delete(`/enterprises/${code}/credit/abnormal-list`).set(shenzhen()).send({ listingId, cure: '已改正', on });
    expect({ status: res.status, body: res.status === 200 ? null : res.body }).toEqual({ status: 200, body: null });
  };

  let expiringFirst = '';
  let uncuredListing = '';

  beforeAll(async () => {
    for (const [name, value] of Object.entries(CREDIT_ENV)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    // Schedules run only when a test runs them, at the date it chooses.
    t = await startTestApp({ SCHEDULE_INTERVAL_MS: '0' }, { clock });
    lifecycle = t.app.get(EngineLifecycle);
    for (const [code, name, jurisdiction] of [
      [COMPLAINED, '深圳投诉电器有限公司', '440305'],
      [PENALISED, '深圳重罚电器有限公司', '440307'],
      [EXPIRING, '深圳过期电器有限公司', '440307'],
      [REPRICED, '深圳新规电器有限公司', '440307'],
      [UNCURED, '深圳未改正电器有限公司', '440307'],
    ]) {
      const reg = await t.http.post('/enterprises').set(admin()).send({ uscc: code, name, jurisdiction, address: '广东省深圳市', industry: '家用电器制造业' });
      expect(reg.status).toBe(201);
    }
    // Two abnormal listings, cured long ago: −10 each, the first counting until 2026-11-20, the second until 2027-06-03 (36 months).
    expiringFirst = await placeAbnormal(EXPIRING, 'annual_report_not_filed', '2023-11-20');
    await cure(EXPIRING, expiringFirst, '2023-11-25');
    await cure(EXPIRING, await placeAbnormal(EXPIRING, 'information_not_published', '2024-06-03'), '2024-06-10');
    // A listing placed and cured today: 85 − 10 = 75, class B under version 0 (B ≥ 75).
    await cure(REPRICED, await placeAbnormal(REPRICED, 'unreachable_at_address', today()), today());
    // A listing uncured since 2024-02-01: it moves to the serious-violation list on 2027-02-01.
    uncuredListing = await placeAbnormal(UNCURED, 'unreachable_at_address', '2024-02-01');
    await t.settled();
  });

  afterAll(async () => {
    await t?.close();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('a complaint closed with agreement records a complaint_substantiated entry linked to the ComplaintClosed event', async () => {
    const received = await t.http.post('/complaints').set(handler()).send({
      kind: 'complaint',
      channel: '12315_hotline',
      uscc: COMPLAINED,
      product: { name: '空气净化器', model: 'KJ500F-CR' },
      facts: '洁净空气量与声明的企业标准不符',
      complainant: { name: '李四', idNumber: '440305199001011234', phone: '13812345678', email: 'li.si@example.com', realName: true },
      harmKnownOn: '2026-09-01',
      receivedOn: '2026-09-28',
      jurisdiction: '440305',
    });
    expect(received.status).toBe(201);
    const id = received.body.complaintId as string;
    const step = async (path: string, body: Json): Promise<void> => {
      const res = await t.http.post(`/complaints/${id}/${path}`).set(handler()).send(body);
      expect({ path, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({ path, status: 200, body: null });
    };
    await step('accept', { on: '2026-09-29' });
    await step('assign', { handlerId: 'handler-440305-07', on: '2026-09-29' });
    await step('mediation', { outcome: 'agreement', summary: '经调解，经营者同意退货退款', on: '2026-10-20' });
    await step('close', { outcome: 'agreement', summary: '已履行', on: '2026-10-21' });
    await t.settled();

    const closed = (await t.engine.store.readStream(`complaint-${id}`)).find((e) => e.type === 'ComplaintClosed');
    expect(closed).toBeDefined();
    const record = await explain(COMPLAINED, today());
    expect(record).toMatchObject({ class: 'B', score: 82, policyVersion: 0 });
    expect(record.entries).toEqual([
      expect.objectContaining({
        entryId: `complaint_substantiated:${closed!.id}`,
        kind: 'complaint_substantiated',
        occurredOn: '2026-10-21',
        points: -3,
        counted: true,
        sources: [{ eventId: closed!.id, streamId: `complaint-${id}`, type: 'ComplaintClosed' }],
      }),
    ]);
    expect(await classChanges(COMPLAINED)).toEqual([expect.objectContaining({ from: null, to: 'B', score: 82, cause: { entryId: `complaint_substantiated:${closed!.id}`, reason: 'entry' } })]);
  });

  it('a heavy penalty decided through the enforcement API records penalty_heavy and lists the enterprise as a serious violator: class D, on the public list', async () => {
    const caseId = randomUUID();
    const lead = await t.http.post('/cases').set(shenzhen()).send({
      caseId,
      uscc: PENALISED,
      jurisdiction: '440307',
      source: { kind: 'inspection', reference: 'RPT-CRR-1' },
      summary: '生产不符合强制性标准的产品',
      discoveredOn: today(),
    });
    expect(lead.status).toBe(201);
    expect((await t.http.post(`/cases/${caseId}/open`).set(shenzhen()).send({})).status).toBe(200);
    // A fine of 1,000,000 yuan is at the heavy bound (docs/enforcement.md: heavyFineYuan).
    const decided = await t.http.post(`/cases/${caseId}/decision`).set(shenzhen()).send({ penalties: [{ kind: 'fine', amountYuan: 1_000_000 }], sector: 'general', legalBasis: '《产品质量法》第四十九条' });
    expect(decided.status).toBe(200);
    await t.settled();

    const penalty = (await t.engine.store.readStream(`case-${caseId}`)).find((e) => e.type === 'PenaltyDecided');
    expect(penalty?.data).toMatchObject({ heavy: true });
    const record = await explain(PENALISED, today());
    expect(record).toMatchObject({ class: 'D', score: 5, listed: { abnormal: false, seriousViolation: true } });
    expect(record.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'penalty_heavy', points: -40, sources: [{ eventId: penalty!.id, streamId: `case-${caseId}`, type: 'PenaltyDecided' }] }),
        expect.objectContaining({ kind: 'serious_violation_listed', points: -40, sources: [{ eventId: penalty!.id, streamId: `case-${caseId}`, type: 'PenaltyDecided' }] }),
      ]),
    );
    const listed = (await creditEvents(PENALISED)).filter((e) => e.type === 'SeriousViolationListed');
    expect(listed.map((e) => e.data)).toEqual([expect.objectContaining({ grounds: { kind: 'heavy_penalty', caseId }, listedOn: today(), listedUntil: '2029-11-16' })]);
    const list = await t.http.get('/credit/serious-violation-list').query({ uscc: PENALISED });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      { listingId: (listed[0].data as Json).listingId, uscc: PENALISED, enterpriseName: '深圳重罚电器有限公司', reason: 'heavy_penalty', listedOn: today(), listedUntil: '2029-11-16' },
    ]);
  });

  it('the configured scoring limits: the list of versions states them and a version beyond them is refused by field', async () => {
    const list = await t.http.get('/credit/scoring-policies').set(shenzhen());
    expect(list.status).toBe(200);
    expect(list.body.limits).toEqual({ points: 200, validityMonths: 240 });
    const beyond = await refused(() => t.http.post('/credit/scoring-policies').set(admin()).send({ ...DEFAULT_CONTENT, basePoints: 201, effectiveFrom: today(), note: '超出上限' }));
    expectError(beyond, 400, 'SCORING_POLICY.VALIDATION');
    expect(fieldsOf(beyond)).toEqual(['basePoints']);
  });

  describe('the daily reclassification', () => {
    it('an entry that stops counting changes the class with reason expiry, on the day it expires; a run after the look-back of 3 days finds nothing', async () => {
      expect(await explain(EXPIRING, today())).toMatchObject({ class: 'C', score: 65 });
      const before = (await classChanges(EXPIRING)).length;
      // The first listing's entry stopped counting on 2026-11-20, 4 days before: outside CREDIT_RECLASSIFY_LOOKBACK_DAYS=3.
      await runSchedulesOn('2026-11-24');
      expect(await classChanges(EXPIRING)).toHaveLength(before);

      await runSchedulesOn('2026-11-20');
      const changes = await classChanges(EXPIRING);
      expect(changes.slice(before)).toEqual([{ uscc: EXPIRING, from: 'C', to: 'B', score: 75, policyVersion: 0, on: '2026-11-20', cause: { entryId: null, reason: 'expiry' } }]);
      expect((await explain(EXPIRING, '2026-11-20')).entries).toEqual(
        expect.arrayContaining([expect.objectContaining({ entryId: `abnormal_listed:${expiringFirst}`, counted: false, points: 0, expiresOn: '2026-11-20' })]),
      );
      await expectSecondRunRecordsNothing('2026-11-20');
      expect(await classChanges(EXPIRING)).toHaveLength(before + 1);
    });

    it('a scoring policy version taking effect on a later date changes the class with reason policy on that date, once', async () => {
      const published = await t.http
        .post('/credit/scoring-policies')
        .set(admin())
        .send({ ...DEFAULT_CONTENT, thresholds: { A: 90, B: 80, C: 60 }, effectiveFrom: '2026-12-01', note: '2026-12 版：B 类门槛提高到 80 分' });
      expect(published.status).toBe(201);
      expect(published.body.version).toBe(1);
      await t.settled();
      expect(await classChanges(REPRICED)).toEqual([
        expect.objectContaining({ from: null, to: 'C', policyVersion: 0, cause: expect.objectContaining({ reason: 'list' }) }),
        expect.objectContaining({ from: 'C', to: 'B', score: 75, policyVersion: 0, cause: expect.objectContaining({ reason: 'list' }) }),
      ]);

      // The day before it takes effect, version 0 is in force: nothing changes.
      await runSchedulesOn('2026-11-30');
      expect(await classChanges(REPRICED)).toHaveLength(2);

      await runSchedulesOn('2026-12-01');
      const changes = await classChanges(REPRICED);
      expect(changes.slice(2)).toEqual([{ uscc: REPRICED, from: 'B', to: 'C', score: 75, policyVersion: 1, on: '2026-12-01', cause: { entryId: null, reason: 'policy' } }]);
      expect(await explain(REPRICED, '2026-12-01')).toMatchObject({ class: 'C', score: 75, policyVersion: 1, thresholds: { A: 90, B: 80, C: 60 } });
      // An enterprise whose class the new thresholds leave alone records nothing (82 is B under both).
      expect((await classChanges(COMPLAINED)).filter((c) => c.cause.reason === 'policy')).toEqual([]);
      await expectSecondRunRecordsNothing('2026-12-01');
      expect(await classChanges(REPRICED)).toHaveLength(3);
    });
  });

  describe('the list schedules', () => {
    it('an abnormal listing uncured for 3 years moves the enterprise to the serious-violation list on that day, once', async () => {
      expect(await explain(UNCURED, today())).toMatchObject({ class: 'C', listed: { abnormal: true, seriousViolation: false } });
      await runSchedulesOn('2027-01-31');
      expect((await creditEvents(UNCURED)).filter((e) => e.type === 'SeriousViolationListed')).toEqual([]);

      await runSchedulesOn('2027-02-01');
      const listed = (await creditEvents(UNCURED)).filter((e) => e.type === 'SeriousViolationListed');
      expect(listed.map((e) => e.data)).toEqual([
        expect.objectContaining({ uscc: UNCURED, grounds: { kind: 'abnormal_three_years', listingId: uncuredListing }, listedOn: '2027-02-01', listedUntil: '2030-02-01' }),
      ]);
      const listingId = (listed[0].data as Json).listingId as string;
      expect((await classChanges(UNCURED)).at(-1)).toEqual({ uscc: UNCURED, from: 'C', to: 'D', score: 45, policyVersion: 1, on: '2027-02-01', cause: { entryId: `serious_violation_listed:${listingId}`, reason: 'list' } });
      const serious = await t.http.get('/credit/serious-violation-list').query({ uscc: UNCURED });
      expect(serious.body.items).toEqual([{ listingId, uscc: UNCURED, enterpriseName: '深圳未改正电器有限公司', reason: 'abnormal_three_years', listedOn: '2027-02-01', listedUntil: '2030-02-01' }]);
      // The abnormal listing itself stays until it is cured.
      expect((await t.http.get('/credit/abnormal-list').query({ uscc: UNCURED })).body.items).toEqual([expect.objectContaining({ listingId: uncuredListing })]);
      await expectSecondRunRecordsNothing('2027-02-01');
      expect((await creditEvents(UNCURED)).filter((e) => e.type === 'SeriousViolationListed')).toHaveLength(1);
    });

    it('a serious-violation listing ends when its 3 years have passed (term_elapsed), once, and the class follows', async () => {
      await runSchedulesOn('2029-11-15');
      expect((await creditEvents(PENALISED)).filter((e) => e.type === 'SeriousViolationRemoved')).toEqual([]);

      await runSchedulesOn('2029-11-16');
      const events = await creditEvents(PENALISED);
      const listingId = (events.find((e) => e.type === 'SeriousViolationListed')!.data as Json).listingId as string;
      expect(events.filter((e) => e.type === 'SeriousViolationRemoved').map((e) => e.data)).toEqual([{ uscc: PENALISED, listingId, reason: 'term_elapsed', removedOn: '2029-11-16' }]);
      expect((await classChanges(PENALISED)).at(-1)).toEqual({ uscc: PENALISED, from: 'D', to: 'B', score: 85, policyVersion: 1, on: '2029-11-16', cause: { entryId: `serious_violation_removed:${listingId}`, reason: 'list' } });
      expect((await t.http.get('/credit/serious-violation-list').query({ uscc: PENALISED })).body.items).toEqual([]);
      expect(await explain(PENALISED, '2029-11-16')).toMatchObject({ class: 'B', listed: { seriousViolation: false } });
      await expectSecondRunRecordsNothing('2029-11-16');
      expect((await creditEvents(PENALISED)).filter((e) => e.type === 'SeriousViolationRemoved')).toHaveLength(1);
    });
  });
});
