import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CommandBus } from '@nestjs/cqrs';
import { EngineLifecycle } from '@regledger/engine';
import type { RecordedEvent } from '@regledger/event-store';
import { caseIdForReport, enforcementContext } from '@regledger/enforcement';
import { addWorkingDays } from '@regledger/shared';
import { clockFrom, startTestApp, type TestApp } from './support/test-app.js';
import { addDays, chinaDate, expectError, uscc } from './support/http-expectations.js';

/** The API runs at this instant (then at the real pace), so every deadline stays inside the official working-day calendar whatever day the suite runs. */
const PINNED_NOW = '2026-11-16T02:00:00Z';
const clock = clockFrom(PINNED_NOW);
const today = (): string => chinaDate(clock());
/** 10:00 in China on `date`: the instant the schedules run at. */
const at = (date: string): Date => new Date(`${date}T02:00:00Z`);

/** Two policy values set in the environment the API starts with: the deciders must use them. */
const POLICY_ENV: Record<string, string> = { ENFORCEMENT_ENTERPRISE_CORRECTION_DAYS: '20', ENFORCEMENT_SMALL_FINE_YUAN: '200000' };

type Json = Record<string, unknown>;

const DECLARING = uscc('440307', 'MA5RCT001');
const REPORTED = uscc('440305', 'MA5RCT002');
const OVERDUE = uscc('440307', 'MA5RCT003');
const PENALISED = uscc('440307', 'MA5RCT004');

const PRODUCT = { name: '空气净化器', model: 'KJ300-RCT' };

/** An enterprise standard declared today for a product first sold `firstSaleOn`. */
const content = (number: string, model: string, firstSaleOn: string | null): Json => ({
  standard: { kind: 'enterprise', number, title: '空气净化器企业标准', mandatory: false, issuedOn: addDays(today(), -5) },
  products: [{ name: PRODUCT.name, model, category: 'air_purifier' }],
  indicators: [{ name: '洁净空气量', type: 'performance', value: '≥300', unit: 'm³/h', testMethod: 'GB/T 18801-2022 附录B' }],
  fullTextDisclosed: false,
  firstSaleOn,
  belowRecommended: { flagged: false, referenceStandard: null, explanation: null },
});

describe('enforcement reactions and schedules over HTTP', () => {
  let t: TestApp;
  let lifecycle: EngineLifecycle;
  const saved: Record<string, string | undefined> = {};
  const admin = () => t.as('admin', '000000');
  const shenzhen = () => t.as('supervisor', '440300');
  const handler = () => t.as('complaint_handler', '440300');

  const typesOf = async (streamId: string): Promise<string[]> => (await t.engine.store.readStream(streamId)).map((e) => e.type);
  const eventOf = async (streamId: string, type: string): Promise<RecordedEvent> => {
    const found = (await t.engine.store.readStream(streamId)).filter((e) => e.type === type);
    expect(found).toHaveLength(1);
    return found[0];
  };
  /** Runs every schedule at 10:00 China time on `date` and waits for the reactions. */
  const runSchedulesOn = async (date: string): Promise<void> => {
    await lifecycle.runSchedules(at(date));
    await t.settled();
  };
  /** Delivers `event` to the enforcement policy `name` again, as a redelivery after a crash would. */
  const replay = async (name: string, event: RecordedEvent): Promise<void> => {
    const policy = enforcementContext.policies?.({ commandBus: t.app.get(CommandBus), clock: t.clock }).find((p) => p.name === name);
    expect(policy).toBeDefined();
    await policy?.react(event);
    await t.settled();
  };
  const mattersOf = async (code: string): Promise<Json[]> => {
    const res = await t.http.get('/matters').set(shenzhen()).query({ uscc: code, status: 'all' });
    expect(res.status).toBe(200);
    return (res.body.items as Json[]).sort((a, b) => String(a.matterId).localeCompare(String(b.matterId)));
  };

  beforeAll(async () => {
    for (const [name, value] of Object.entries(POLICY_ENV)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    // Schedules run only when a test runs them, at the date it chooses.
    t = await startTestApp({ SCHEDULE_INTERVAL_MS: '0' }, { clock });
    lifecycle = t.app.get(EngineLifecycle);
    for (const [code, name, jurisdiction] of [
      [DECLARING, '深圳迟报电器有限公司', '440307'],
      [REPORTED, '深圳被举报电器有限公司', '440305'],
      [OVERDUE, '深圳逾期电器有限公司', '440307'],
      [PENALISED, '深圳受罚电器有限公司', '440307'],
    ]) {
      const res = await t.http.post('/enterprises').set(admin()).send({ uscc: code, name, jurisdiction, address: '广东省深圳市', industry: '家用电器制造业' });
      expect(res.status).toBe(201);
    }
  });

  afterAll(async () => {
    await t?.close();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  describe('declaration duties: a late declaration and an overdue re-declaration', () => {
    const enterprise = () => t.as('enterprise', '440307', { uscc: DECLARING, sub: 'declaring-user' });
    let declarationId = '';
    let matterId = '';
    let streamId = '';
    let late: RecordedEvent;

    it('a declaration made after the first sale opens an enterprise matter under the enterprise’s own authority', async () => {
      const res = await t.http.post('/declarations').set(enterprise()).send({ uscc: DECLARING, content: content('Q/RCT 001-2026', 'KJ300-RCT', addDays(today(), -10)) });
      expect(res.status).toBe(201);
      expect(res.body.events.map((e: Json) => e.type)).toEqual(['StandardDeclared', 'DeclarationMarkedLate']);
      declarationId = res.body.declarationId as string;
      await t.settled();
      late = await eventOf(`declarations-${DECLARING}`, 'DeclarationMarkedLate');

      const matters = await mattersOf(DECLARING);
      expect(matters).toHaveLength(1);
      matterId = matters[0].matterId as string;
      streamId = matters[0].streamId as string;
      expect(matterId).toMatch(new RegExp(`^${DECLARING}-[0-9a-f]{16}-1$`));
      expect(matters[0]).toMatchObject({
        uscc: DECLARING,
        jurisdiction: '440307',
        status: 'open',
        subject: { kind: 'enterprise' },
        openedOn: today(),
        triggers: [
          {
            kind: 'late_declaration',
            sourceEventId: late.id,
            sourceStreamId: `declarations-${DECLARING}`,
            reference: declarationId,
            occurredOn: today(),
            description: 'declared late: after_first_sale',
          },
        ],
      });
      expect(await typesOf(streamId)).toEqual(['MatterOpened']);
      const opened = await eventOf(streamId, 'MatterOpened');
      expect(opened.metadata).toMatchObject({ actorRole: 'system', causationId: late.id });
    });

    it('the same fact delivered again adds nothing', async () => {
      await replay('enforcement.non-compliance-from-declarations', late);
      expect(await typesOf(streamId)).toEqual(['MatterOpened']);
    });

    it('after a rename, the re-declaration overdue on the deadline + 1 joins the open matter, once', async () => {
      const renamed = await t.http.post(`/enterprises/${DECLARING}/rename`).set(admin()).send({ newName: '深圳迟报新名电器有限公司', effectiveDate: today(), reason: '名称变更登记' });
      expect(renamed.status).toBe(200);
      await t.settled();
      const deadline = addDays(today(), 30);
      await runSchedulesOn(deadline);
      expect(await typesOf(`declarations-${DECLARING}`)).not.toContain('RedeclarationOverdue');
      expect(await typesOf(streamId)).toEqual(['MatterOpened']);

      await runSchedulesOn(addDays(deadline, 1));
      const overdue = await eventOf(`declarations-${DECLARING}`, 'RedeclarationOverdue');
      expect(overdue.data).toMatchObject({ declarationId, deadline, recordedOn: addDays(deadline, 1) });
      expect(await typesOf(streamId)).toEqual(['MatterOpened', 'NonComplianceJoined']);
      const joined = await eventOf(streamId, 'NonComplianceJoined');
      expect(joined.data).toEqual({
        matterId,
        uscc: DECLARING,
        trigger: {
          kind: 'redeclaration_overdue',
          sourceEventId: overdue.id,
          sourceStreamId: `declarations-${DECLARING}`,
          reference: declarationId,
          occurredOn: addDays(deadline, 1),
          description: `re-declaration was due by ${deadline}`,
        },
        joinedOn: addDays(deadline, 1),
      });
      const matters = await mattersOf(DECLARING);
      expect(matters).toHaveLength(1);
      expect((matters[0].triggers as Json[]).map((x) => [x.kind, x.sourceEventId])).toEqual([
        ['late_declaration', late.id],
        ['redeclaration_overdue', overdue.id],
      ]);

      await runSchedulesOn(addDays(deadline, 2));
      await replay('enforcement.non-compliance-from-declarations', overdue);
      expect(await typesOf(streamId)).toEqual(['MatterOpened', 'NonComplianceJoined']);
    });

    it('the correction is due ENFORCEMENT_ENTERPRISE_CORRECTION_DAYS (20) after the order; once confirmed, the next late declaration opens the next matter', async () => {
      const ordered = await t.http.post(`/matters/${matterId}/correction`).set(shenzhen()).send({ on: today() });
      expect(ordered.status).toBe(200);
      expect(ordered.body.events).toEqual([expect.objectContaining({ type: 'CorrectionOrdered' })]);
      await t.settled();
      expect((await t.http.get(`/matters/${matterId}`).set(shenzhen())).body).toMatchObject({
        correction: { orderedOn: today(), correctionDueOn: addDays(today(), 20), followUpDueOn: null },
        nextDeadline: { deadline: 'correction', dueOn: addDays(today(), 20), overdue: false },
      });
      const confirmed = await t.http.post(`/matters/${matterId}/correction-confirmation`).set(shenzhen()).send({ note: '已公开标准全文', on: today() });
      expect(confirmed.body.events.map((e: Json) => e.type)).toEqual(['CorrectionConfirmed', 'MatterClosed']);

      const res = await t.http.post('/declarations').set(enterprise()).send({ uscc: DECLARING, content: content('Q/RCT 002-2026', 'KJ400-RCT', addDays(today(), -3)) });
      expect(res.body.events.map((e: Json) => e.type)).toEqual(['StandardDeclared', 'DeclarationMarkedLate']);
      await t.settled();
      const second = (await t.engine.store.readStream(`declarations-${DECLARING}`)).filter((e) => e.type === 'DeclarationMarkedLate').at(-1) as RecordedEvent;
      const matters = await mattersOf(DECLARING);
      expect(matters.map((m) => [m.matterId, m.status])).toEqual([
        [matterId, 'closed'],
        [matterId.replace(/-1$/, '-2'), 'open'],
      ]);
      expect(matters[1]).toMatchObject({
        streamId,
        triggers: [{ kind: 'late_declaration', sourceEventId: second.id, reference: res.body.declarationId }],
      });
      expect(await typesOf(streamId)).toEqual(['MatterOpened', 'NonComplianceJoined', 'CorrectionOrdered', 'CorrectionConfirmed', 'MatterClosed', 'MatterOpened']);
    });
  });

  describe('a verified report with a decision to open a case', () => {
    let complaintId = '';
    let decision: RecordedEvent;
    const caseStream = () => `case-${caseIdForReport(complaintId)}`;

    it('received, accepted, assigned and decided through the complaints API: a case is opened and the report recorded on the product’s matter', async () => {
      const received = await t.http
        .post('/complaints')
        .set(handler())
        .send({
          kind: 'report',
          channel: '12315_hotline',
          uscc: REPORTED,
          product: PRODUCT,
          facts: '洁净空气量与声明的企业标准不符',
          complainant: { name: '李四', idNumber: '440305199202021234', phone: '13912345678', email: 'li.si@example.com', realName: true },
          receivedOn: '2026-10-12',
          jurisdiction: '440305',
        });
      expect(received.status).toBe(201);
      complaintId = received.body.complaintId as string;
      const step = async (path: string, body: Json): Promise<void> => {
        const res = await t.http.post(`/complaints/${complaintId}/${path}`).set(handler()).send(body);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
      };
      await step('accept', { on: '2026-10-12' });
      await step('assign', { handlerId: 'handler-440305-01', on: '2026-10-13' });
      await step('case-decision', { openCase: true, reason: '核实属实，涉嫌生产不符合声明标准的产品', on: '2026-10-20' });
      await t.settled();
      decision = await eventOf(`complaint-${complaintId}`, 'CaseDecisionRecorded');

      const matters = await mattersOf(REPORTED);
      expect(matters).toHaveLength(1);
      const matterId = matters[0].matterId as string;
      expect(matters[0]).toMatchObject({
        jurisdiction: '440305',
        status: 'open',
        subject: { kind: 'product', productKey: JSON.stringify([PRODUCT.name, PRODUCT.model]), product: PRODUCT },
        openedOn: '2026-10-20',
        triggers: [
          {
            kind: 'verified_report',
            sourceEventId: decision.id,
            sourceStreamId: `complaint-${complaintId}`,
            reference: complaintId,
            occurredOn: '2026-10-20',
            description: '核实属实，涉嫌生产不符合声明标准的产品',
          },
        ],
      });

      expect(await typesOf(caseStream())).toEqual(['LeadRegistered', 'CaseOpened']);
      const view = await t.http.get(`/cases/${caseIdForReport(complaintId)}`).set(shenzhen());
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({
        caseId: caseIdForReport(complaintId),
        uscc: REPORTED,
        jurisdiction: '440305',
        status: 'open',
        matterId,
        productKey: JSON.stringify([PRODUCT.name, PRODUCT.model]),
        source: { kind: 'report', reference: complaintId },
        discoveredOn: '2026-10-12',
        openedOn: '2026-10-20',
        decisionDueOn: addDays('2026-10-20', 90),
        nextDeadline: { deadline: 'decision', dueOn: addDays('2026-10-20', 90), overdue: false },
      });
      expect(view.body.timeline.map((s: Json) => [s.type, (s.recordedBy as Json).role])).toEqual([
        ['LeadRegistered', 'system'],
        ['CaseOpened', 'system'],
      ]);
      const cases = await t.http.get('/cases').set(shenzhen()).query({ uscc: REPORTED, status: 'all' });
      expect(cases.body.items.map((c: Json) => c.caseId)).toEqual([caseIdForReport(complaintId)]);
    });

    it('the decision delivered again adds nothing to the matter or the case', async () => {
      const matterStream = (await mattersOf(REPORTED))[0].streamId as string;
      const before = { matters: await t.eventCount('matters-'), cases: await t.eventCount('case-') };
      await replay('enforcement.case-on-verified-report', decision);
      expect({ matters: await t.eventCount('matters-'), cases: await t.eventCount('case-') }).toEqual(before);
      expect(await typesOf(matterStream)).toEqual(['MatterOpened']);
      expect(await typesOf(caseStream())).toEqual(['LeadRegistered', 'CaseOpened']);
    });
  });

  describe('schedules: each records its fact once after the deadline, nothing before nor again', () => {
    const post = (path: string, body: Json) => t.http.post(path).set(shenzhen()).send(body);
    const lead = (caseId: string, code: string, discoveredOn: string): Json => ({
      caseId,
      uscc: code,
      jurisdiction: '440307',
      source: { kind: 'other', reference: 'RCT-LEAD' },
      summary: '涉嫌生产不符合标准的产品',
      discoveredOn,
    });

    it('a matter’s correction deadline missed', async () => {
      const res = await post('/matters', { uscc: OVERDUE, jurisdiction: '440307', subject: { kind: 'enterprise' }, occurredOn: '2026-09-01', reference: 'RCT-M-1', description: '未公开标准' });
      expect(res.status).toBe(201);
      const matterId = res.body.matterId as string;
      const streamId = res.body.streamId as string;
      expect((await post(`/matters/${matterId}/correction`, { on: '2026-09-01' })).status).toBe(200);
      await t.settled();
      const dueOn = addDays('2026-09-01', 20);

      await runSchedulesOn(dueOn);
      expect(await typesOf(streamId)).toEqual(['MatterOpened', 'CorrectionOrdered']);
      await runSchedulesOn(addDays(dueOn, 1));
      expect(await typesOf(streamId)).toEqual(['MatterOpened', 'CorrectionOrdered', 'MatterDeadlineMissed']);
      const missed = await eventOf(streamId, 'MatterDeadlineMissed');
      expect(missed.data).toEqual({ matterId, uscc: OVERDUE, deadline: 'correction', dueOn, recordedOn: addDays(dueOn, 1) });
      expect(missed.metadata).toMatchObject({ actorRole: 'system' });
      await runSchedulesOn(addDays(dueOn, 1));
      await runSchedulesOn(addDays(dueOn, 30));
      expect(await typesOf(streamId)).toEqual(['MatterOpened', 'CorrectionOrdered', 'MatterDeadlineMissed']);
      expect((await t.http.get(`/matters/${matterId}`).set(shenzhen())).body).toMatchObject({
        missed: [{ deadline: 'correction', dueOn, recordedOn: addDays(dueOn, 1) }],
        nextDeadline: { deadline: 'correction', dueOn, overdue: true },
      });
    });

    it('a lead’s verification deadline missed', async () => {
      const caseId = '0197b000-0000-7000-8000-00000000a001';
      expect((await post('/cases', lead(caseId, OVERDUE, '2026-09-01'))).status).toBe(201);
      await t.settled();
      const dueOn = addWorkingDays('2026-09-01', 15);

      await runSchedulesOn(dueOn);
      expect(await typesOf(`case-${caseId}`)).toEqual(['LeadRegistered']);
      await runSchedulesOn(addDays(dueOn, 1));
      const missed = await eventOf(`case-${caseId}`, 'CaseDeadlineMissed');
      expect(missed.data).toEqual({ caseId, uscc: OVERDUE, deadline: 'verification', dueOn, recordedOn: addDays(dueOn, 1) });
      await runSchedulesOn(addDays(dueOn, 1));
      await runSchedulesOn(addDays(dueOn, 20));
      expect(await typesOf(`case-${caseId}`)).toEqual(['LeadRegistered', 'CaseDeadlineMissed']);
      expect((await t.http.get(`/cases/${caseId}`).set(shenzhen())).body).toMatchObject({
        status: 'lead',
        missed: [{ deadline: 'verification', dueOn, recordedOn: addDays(dueOn, 1) }],
        nextDeadline: { deadline: 'verification', dueOn, overdue: true },
      });
    });

    it('a penalty’s publication overdue; a fine up to ENFORCEMENT_SMALL_FINE_YUAN (200000) is shown 3 months', async () => {
      const caseId = '0197b000-0000-7000-8000-00000000a002';
      expect((await post('/cases', lead(caseId, PENALISED, '2026-09-01'))).status).toBe(201);
      expect((await post(`/cases/${caseId}/open`, { on: '2026-09-02' })).status).toBe(200);
      const decided = await post(`/cases/${caseId}/decision`, { penalties: [{ kind: 'fine', amountYuan: 150000 }], sector: 'general', legalBasis: '《产品质量法》第四十九条', on: '2026-09-03' });
      expect(decided.status).toBe(200);
      await t.settled();
      const dueOn = addWorkingDays('2026-09-03', 20);
      expect((await t.http.get(`/cases/${caseId}`).set(shenzhen())).body.decision).toMatchObject({ heavy: false, publication: { required: true, dueOn, window: '3_months' } });
      const decidedTypes = ['LeadRegistered', 'CaseOpened', 'PenaltyDecided', 'CaseClosed'];

      await runSchedulesOn(dueOn);
      expect(await typesOf(`case-${caseId}`)).toEqual(decidedTypes);
      await runSchedulesOn(addDays(dueOn, 1));
      const overdue = await eventOf(`case-${caseId}`, 'PenaltyPublicationOverdue');
      expect(overdue.data).toEqual({ caseId, uscc: PENALISED, dueOn, recordedOn: addDays(dueOn, 1) });
      await runSchedulesOn(addDays(dueOn, 1));
      await runSchedulesOn(addDays(dueOn, 15));
      expect(await typesOf(`case-${caseId}`)).toEqual([...decidedTypes, 'PenaltyPublicationOverdue']);

      const published = await post(`/cases/${caseId}/publication`, { on: today() });
      expect(published.status).toBe(200);
      expect(published.body.events).toEqual([expect.objectContaining({ type: 'PenaltyPublished' })]);
      expect((await eventOf(`case-${caseId}`, 'PenaltyPublished')).data).toMatchObject({ publishedOn: today(), late: true });
    });

    it('the end of a publication window: the penalty leaves the public list the day after it was last shown', async () => {
      const caseId = '0197b000-0000-7000-8000-00000000a003';
      expect((await post('/cases', lead(caseId, PENALISED, '2026-08-03'))).status).toBe(201);
      expect((await post(`/cases/${caseId}/open`, { on: '2026-08-04' })).status).toBe(200);
      expect((await post(`/cases/${caseId}/decision`, { penalties: [{ kind: 'fine', amountYuan: 50000 }], sector: 'general', legalBasis: '《产品质量法》第四十九条', on: '2026-08-10' })).status).toBe(200);
      const published = await post(`/cases/${caseId}/publication`, { on: '2026-08-17' });
      expect(published.status).toBe(200);
      await t.settled();
      const shownUntil = '2026-11-16';
      expect((await eventOf(`case-${caseId}`, 'PenaltyPublished')).data).toMatchObject({ publishedOn: '2026-08-17', shownUntil, late: false });
      expect(today()).toBe(shownUntil);
      const shown = await t.http.get(`/penalties/${caseId}`);
      expect(shown.status).toBe(200);
      expect(shown.body).toMatchObject({ caseId, uscc: PENALISED, enterpriseName: '深圳受罚电器有限公司', publishedOn: '2026-08-17', shownUntil });
      expect((await t.http.get('/penalties').query({ uscc: PENALISED })).body.items.map((p: Json) => p.caseId)).toContain(caseId);
      const publishedTypes = ['LeadRegistered', 'CaseOpened', 'PenaltyDecided', 'CaseClosed', 'PenaltyPublished'];

      await runSchedulesOn(shownUntil);
      expect(await typesOf(`case-${caseId}`)).toEqual(publishedTypes);
      expect((await t.http.get(`/penalties/${caseId}`)).status).toBe(200);

      await runSchedulesOn(addDays(shownUntil, 1));
      const ended = await eventOf(`case-${caseId}`, 'PenaltyPublicationEnded');
      expect(ended.data).toEqual({ caseId, uscc: PENALISED, endedOn: addDays(shownUntil, 1), reason: 'window_elapsed', repairId: null });
      expect(ended.metadata).toMatchObject({ actorRole: 'system' });
      expectError(await t.http.get(`/penalties/${caseId}`), 404, 'CASE.NOT_FOUND');
      expect((await t.http.get('/penalties').query({ uscc: PENALISED })).body.items.map((p: Json) => p.caseId)).not.toContain(caseId);
      expect((await t.http.get(`/cases/${caseId}`).set(shenzhen())).body.publicationEnded).toMatchObject({ endedOn: addDays(shownUntil, 1), reason: 'window_elapsed' });

      await runSchedulesOn(addDays(shownUntil, 1));
      await runSchedulesOn(addDays(shownUntil, 10));
      expect(await typesOf(`case-${caseId}`)).toEqual([...publishedTypes, 'PenaltyPublicationEnded']);
    });
  });
});
