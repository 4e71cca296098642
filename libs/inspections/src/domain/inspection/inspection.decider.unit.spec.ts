import { describe, expect, it } from '@jest/globals';
import type { Actor, CommandMetadata, Role } from '@regledger/shared';
import { DeciderSpec } from '@regledger/shared/testing';
import { isInspectionCompleted, isResultPublicationOverdue } from '../../contracts/tasks.contracts.js';
import type {
  AssignInspectors,
  CompleteInspection,
  CompleteInspectionData,
  InspectorPoolFacts,
  OpenDrawnInspection,
  OpenFollowUpInspection,
  OpenTargetedInspection,
  OpenTargetedInspectionData,
  PublishInspectionResult,
  RecordFindings,
  RecordResultPublicationOverdue,
  StartInspection,
} from './inspection.commands.js';
import { inspectionDecider } from './inspection.decider.js';
import type { InspectionCompleted, InspectionCompletedData, InspectionEvent, InspectionOpened, InspectionOpenedData } from './inspection.events.js';
import { publicationDueOn } from './inspection.rules.js';
import type { DeclarationInForceFacts, Finding, InspectedEnterpriseFacts, InspectorFacts } from './inspection.types.js';

// 2026-11-02 (Monday) 10:00 in China.
const NOW = '2026-11-02T02:00:00Z';
const TODAY = '2026-11-02';

const UCODE = '914403001922038216';
const ID = 'insp-task-1';
const PRODUCT = { name: '空气净化器', model: 'KJ500G-A1' };
const PRODUCT_KEY = JSON.stringify([PRODUCT.name, PRODUCT.model]);

const actor = (role: Role, jurisdiction: string, id = `${role}-${jurisdiction}`): Actor => ({ id, role, jurisdiction });
const system = actor('system', '000000', 'system:test');
const shenzhen = actor('supervisor', '440300');
const guangzhou = actor('supervisor', '440100');
const admin = actor('admin', '000000');
const inspA = actor('inspector', '440300', 'insp-a');
const inspB = actor('inspector', '440300', 'insp-b');
const inspC = actor('inspector', '440300', 'insp-c');

const metadata = (who: Actor, now = NOW): CommandMetadata => ({ now, actor: who, correlationId: 'corr-1' });

const enterprise: InspectedEnterpriseFacts = { status: 'registered', name: '华为技术有限公司', jurisdiction: '440307' };
const inspectorFacts = (id: string, over: Partial<InspectorFacts> = {}): InspectorFacts => ({ inspectorId: id, jurisdiction: '440300', active: true, conflicts: [], ...over });
const pool = (...facts: InspectorFacts[]): InspectorPoolFacts => Object.fromEntries(facts.map((f) => [f.inspectorId, f]));
const fullPool = pool(inspectorFacts('insp-a'), inspectorFacts('insp-b'), inspectorFacts('insp-c'));

const indicators = [
  { name: '洁净空气量', value: '≥500', unit: 'm³/h', testMethod: 'GB/T 18801-2022 附录B' },
  { name: '待机功率', value: '≤2.0', unit: 'W', testMethod: 'GB/T 18801-2022 附录F' },
];
const declarationV1: DeclarationInForceFacts = {
  declarationId: `${UCODE}-d1`,
  version: 1,
  standard: { number: 'Q/HW 001-2026', title: '空气净化器企业标准' },
  indicators,
  effectiveFrom: '2026-01-05',
  effectiveTo: '2026-06-01',
};
const otherDeclaration: DeclarationInForceFacts = { ...declarationV1, declarationId: `${UCODE}-d2`, standard: { number: 'GB/T 18801-2022', title: '空气净化器' }, indicators: [] };

const finding = (over: Partial<Finding> = {}): Finding => ({
  indicator: '洁净空气量',
  declaredValue: '≥500',
  measuredValue: '512',
  unit: 'm³/h',
  testMethod: 'GB/T 18801-2022 附录B',
  conforming: true,
  ...over,
});

// ---- given ----

const openedData = (over: Partial<InspectionOpenedData> = {}): InspectionOpenedData => ({
  inspectionId: ID,
  origin: { type: 'targeted', source: 'complaint', reference: 'CMP-1' },
  uscc: UCODE,
  enterpriseName: enterprise.name,
  authority: '440300',
  product: PRODUCT,
  productKey: PRODUCT_KEY,
  inspectorIds: ['insp-a', 'insp-b'],
  description: null,
  openedOn: '2026-10-20',
  ...over,
});
const opened = (over: Partial<InspectionOpenedData> = {}): InspectionOpened => ({ type: 'InspectionOpened', data: openedData(over) });
const started: InspectionEvent = { type: 'InspectionStarted', data: { inspectionId: ID, inspectorIds: ['insp-a', 'insp-b'], startedOn: '2026-10-21' } };
const findingsRecorded = (...findings: Finding[]): InspectionEvent => ({ type: 'FindingsRecorded', data: { inspectionId: ID, findings, recordedOn: '2026-10-22' } });
const completedData = (over: Partial<InspectionCompletedData> = {}): InspectionCompletedData => ({
  inspectionId: ID,
  origin: { type: 'targeted', source: 'complaint', reference: 'CMP-1' },
  uscc: UCODE,
  authority: '440300',
  product: PRODUCT,
  productKey: PRODUCT_KEY,
  inspectorIds: ['insp-a', 'insp-b'],
  outcome: 'non_conforming',
  completedOn: '2026-10-23',
  publicationDueOn: '2026-11-20',
  productionDate: '2026-03-01',
  declaration: null,
  judgedIndicators: [],
  nonConformingIndicators: ['洁净空气量'],
  note: null,
  ...over,
});
const publishedEvent = (publishedOn: string): InspectionEvent => ({
  type: 'InspectionResultPublished',
  data: {
    inspectionId: ID,
    uscc: UCODE,
    enterpriseName: null,
    authority: '440300',
    product: PRODUCT,
    outcome: 'non_conforming',
    completedOn: '2026-10-23',
    publicationDueOn: '2026-11-20',
    publishedOn,
    late: false,
  },
});
const completed = (over: Partial<InspectionCompletedData> = {}): InspectionCompleted => ({ type: 'InspectionCompleted', data: completedData(over) });

// ---- when ----

const openTargeted = (who: Actor, over: Partial<OpenTargetedInspectionData> = {}, now = NOW): OpenTargetedInspection => ({
  type: 'OpenTargetedInspection',
  data: {
    inspectionId: ID,
    uscc: UCODE,
    source: 'report',
    reference: 'RPT-9',
    product: PRODUCT,
    description: '举报：洁净空气量虚标',
    inspectorIds: [],
    authority: null,
    enterprise,
    inspectors: fullPool,
    ...over,
  },
  metadata: metadata(who, now),
});
const openDrawn = (who: Actor, over: Partial<OpenDrawnInspection['data']> = {}): OpenDrawnInspection => ({
  type: 'OpenDrawnInspection',
  data: { inspectionId: ID, planId: 'plan-2026-q4', authority: '440300', uscc: UCODE, productKey: PRODUCT_KEY, inspectorIds: ['insp-a', 'insp-b'], enterprise, ...over },
  metadata: metadata(who),
});
const assign = (who: Actor, inspectorIds: unknown, inspectors: InspectorPoolFacts = fullPool): AssignInspectors => ({
  type: 'AssignInspectors',
  data: { inspectionId: ID, inspectorIds, inspectors },
  metadata: metadata(who),
});
const start = (who: Actor): StartInspection => ({ type: 'StartInspection', data: { inspectionId: ID }, metadata: metadata(who) });
const record = (who: Actor, findings: unknown): RecordFindings => ({ type: 'RecordFindings', data: { inspectionId: ID, findings }, metadata: metadata(who) });
const complete = (who: Actor, over: Partial<CompleteInspectionData> = {}, now = NOW): CompleteInspection => ({
  type: 'CompleteInspection',
  data: { inspectionId: ID, outcome: 'non_conforming', productionDate: '2026-03-01', product: null, declarationId: null, note: null, declarationsInForce: [declarationV1], ...over },
  metadata: metadata(who, now),
});
const publish = (who: Actor, now = NOW): PublishInspectionResult => ({ type: 'PublishInspectionResult', data: { inspectionId: ID }, metadata: metadata(who, now) });
const recordOverdue = (now: string): RecordResultPublicationOverdue => ({ type: 'RecordResultPublicationOverdue', data: { inspectionId: ID }, metadata: metadata(system, now) });

const spec = DeciderSpec.for(inspectionDecider);
const onlyCompleted = (events: InspectionEvent[]): InspectionCompletedData => {
  expect(events).toHaveLength(1);
  const [e] = events;
  if (!isInspectionCompleted(e)) throw new Error(`expected InspectionCompleted, got ${e.type}`);
  return e.data;
};

describe('inspection decider', () => {
  describe('random tasks from a draw (SAMR 2019 No. 38)', () => {
    it('the system opens a task for an assignment, with the drawn product and inspectors', () => {
      spec.given([]).when(openDrawn(system)).then([
        opened({ origin: { type: 'random', planId: 'plan-2026-q4' }, openedOn: TODAY }),
      ]);
    });

    it('the same task again records nothing: a replayed draw creates nothing new', () => {
      spec.given([opened({ origin: { type: 'random', planId: 'plan-2026-q4' } })]).when(openDrawn(system)).then([]);
    });

    it('an enterprise-level assignment (no product) opens a task without a product', () => {
      spec.given([]).when(openDrawn(system, { productKey: null })).then((events) => {
        expect(events[0].data).toMatchObject({ product: null, productKey: null });
      });
    });

    it('only the system opens drawn tasks', () => {
      spec.given([]).when(openDrawn(shenzhen)).thenThrows('INSPECTION.FORBIDDEN');
    });

    it('refuses a product key that is not ["name","model"]', () => {
      const e = spec.given([]).when(openDrawn(system, { productKey: 'air purifier' })).thenThrows('INSPECTION.VALIDATION_FAILED');
      expect(e.details.errors).toEqual([expect.objectContaining({ field: 'productKey', rule: 'product_key' })]);
    });
  });

  describe('targeted inspections (domain.md §5: outside the random quota)', () => {
    it('a supervisor of the enterprise jurisdiction opens one, the authority being its own jurisdiction', () => {
      spec.given([]).when(openTargeted(shenzhen)).then([
        opened({ origin: { type: 'targeted', source: 'report', reference: 'RPT-9' }, inspectorIds: [], description: '举报：洁净空气量虚标', openedOn: TODAY }),
      ]);
    });

    it('with two inspectors assigned at once', () => {
      spec.given([]).when(openTargeted(shenzhen, { inspectorIds: ['insp-a', 'insp-b'] })).then((events) => {
        expect(events[0].data).toMatchObject({ inspectorIds: ['insp-a', 'insp-b'] });
      });
    });

    it('a supervisor outside the enterprise jurisdiction is refused', () => {
      spec.given([]).when(openTargeted(guangzhou)).thenThrows('INSPECTION.FORBIDDEN');
    });

    it('an inspector may not open one', () => {
      spec.given([]).when(openTargeted(inspA)).thenThrows('INSPECTION.FORBIDDEN');
    });

    it('an unregistered enterprise is refused', () => {
      spec.given([]).when(openTargeted(shenzhen, { enterprise: { status: 'none', name: null, jurisdiction: null } })).thenThrows('INSPECTION.ENTERPRISE_NOT_REGISTERED');
    });

    it('names every invalid field', () => {
      const e = spec.given([]).when(openTargeted(shenzhen, { source: 'rumour', uscc: 'nope', product: { name: '' } })).thenThrows('INSPECTION.VALIDATION_FAILED');
      expect((e.details.errors as { field: string }[]).map((x) => x.field).sort()).toEqual(['product.model', 'product.name', 'source', 'uscc']);
    });

    it('an id already used is a conflict for users', () => {
      spec.given([opened()]).when(openTargeted(shenzhen)).thenThrows('INSPECTION.ALREADY_EXISTS');
    });

    it('the system opening the same lead again records nothing', () => {
      spec.given([opened()]).when(openTargeted(system, { authority: '440300' })).then([]);
    });

    it('the system opens one on an escalated complaint under the complaint jurisdiction, even for an enterprise it does not know', () => {
      spec
        .given([])
        .when(openTargeted(system, { source: 'complaint', reference: 'CMP-7', authority: '440307', enterprise: { status: 'none', name: null, jurisdiction: null } }))
        .then((events) => expect(events[0].data).toMatchObject({ authority: '440307', origin: { type: 'targeted', source: 'complaint', reference: 'CMP-7' }, enterpriseName: null }));
    });
  });

  describe('follow-up inspections of a failed product (SAMR Order 18 arts. 44–50)', () => {
    const openFollowUp = (who: Actor, over: Record<string, unknown> = {}): OpenFollowUpInspection => ({
      type: 'OpenFollowUpInspection',
      data: { inspectionId: ID, matterId: 'M-1', round: 1, uscc: UCODE, authority: '440300', product: PRODUCT, dueOn: '2027-01-20', enterprise, ...over },
      metadata: metadata(who),
    });

    it('the system opens one for the matter and round, with the failed product and no inspectors yet', () => {
      spec.given([]).when(openFollowUp(system)).then([
        opened({ origin: { type: 'follow_up', matterId: 'M-1', round: 1, dueOn: '2027-01-20' }, inspectorIds: [], description: null, openedOn: TODAY }),
      ]);
    });

    it('the same request again records nothing', () => {
      spec.given([opened({ origin: { type: 'follow_up', matterId: 'M-1', round: 1, dueOn: '2027-01-20' } })]).when(openFollowUp(system)).then([]);
    });

    it('only the system opens follow-ups: a supervisor is refused', () => {
      spec.given([]).when(openFollowUp(shenzhen)).thenThrows('INSPECTION.FORBIDDEN');
    });

    it('a round outside 1–3 and a missing due date are named', () => {
      const e = spec.given([]).when(openFollowUp(system, { round: 4, dueOn: 'soon' })).thenThrows('INSPECTION.VALIDATION_FAILED');
      expect((e.details.errors as { field: string }[]).map((x) => x.field).sort()).toEqual(['dueOn', 'round']);
    });
  });

  describe('assigning inspectors (Administrative Penalty Law arts. 42, 43)', () => {
    it('a supervisor assigns two inspectors, replacing the list', () => {
      spec.given([opened({ inspectorIds: [] })]).when(assign(shenzhen, ['insp-a', 'insp-c'])).then([
        { type: 'InspectorsAssigned', data: { inspectionId: ID, inspectorIds: ['insp-a', 'insp-c'], previousInspectorIds: [], assignedOn: TODAY } },
      ]);
    });

    it('reassigns during the inspection', () => {
      spec.given([opened(), started]).when(assign(shenzhen, ['insp-a', 'insp-c'])).then((events) => {
        expect(events[0].data).toMatchObject({ inspectorIds: ['insp-a', 'insp-c'], previousInspectorIds: ['insp-a', 'insp-b'] });
      });
    });

    it('the same list again records nothing', () => {
      spec.given([opened()]).when(assign(shenzhen, ['insp-a', 'insp-b'])).then([]);
    });

    it('fewer than two inspectors is refused', () => {
      spec.given([opened({ inspectorIds: [] })]).when(assign(shenzhen, ['insp-a'])).thenThrows('INSPECTION.TOO_FEW_INSPECTORS');
    });

    it('an inspector named twice is refused', () => {
      const e = spec.given([opened()]).when(assign(shenzhen, ['insp-a', 'insp-a'])).thenThrows('INSPECTION.VALIDATION_FAILED');
      expect(e.details.errors).toEqual([expect.objectContaining({ field: 'inspectorIds', rule: 'unique' })]);
    });

    it('an inspector with a declared interest in the enterprise steps aside', () => {
      spec
        .given([opened()])
        .when(assign(shenzhen, ['insp-a', 'insp-c'], pool(inspectorFacts('insp-a'), inspectorFacts('insp-c', { conflicts: [UCODE] }))))
        .thenThrows('INSPECTION.INSPECTOR_CONFLICT');
    });

    it('an inspector not in the pool is refused', () => {
      spec.given([opened()]).when(assign(shenzhen, ['insp-a', 'insp-x'])).thenThrows('INSPECTION.INSPECTOR_UNKNOWN');
    });

    it('an inactive inspector is refused', () => {
      spec.given([opened()]).when(assign(shenzhen, ['insp-a', 'insp-c'], pool(inspectorFacts('insp-a'), inspectorFacts('insp-c', { active: false })))).thenThrows('INSPECTION.INSPECTOR_INACTIVE');
    });

    it('an inspector of another city is refused', () => {
      spec
        .given([opened()])
        .when(assign(shenzhen, ['insp-a', 'insp-c'], pool(inspectorFacts('insp-a'), inspectorFacts('insp-c', { jurisdiction: '440100' }))))
        .thenThrows('INSPECTION.INSPECTOR_OUTSIDE_JURISDICTION');
    });

    it('a supervisor of another jurisdiction is refused', () => {
      spec.given([opened()]).when(assign(guangzhou, ['insp-a', 'insp-c'])).thenThrows('INSPECTION.FORBIDDEN');
    });

    it('an unknown inspection is not found', () => {
      spec.given([]).when(assign(shenzhen, ['insp-a', 'insp-b'])).thenThrows('INSPECTION.NOT_FOUND');
    });

    it('a completed inspection cannot be reassigned', () => {
      spec.given([opened(), started, completed()]).when(assign(admin, ['insp-a', 'insp-c'])).thenThrows('INSPECTION.ALREADY_COMPLETED');
    });
  });

  describe('starting', () => {
    it('an assigned inspector starts', () => {
      spec.given([opened()]).when(start(inspB)).then([started].map((e) => ({ ...e, data: { ...e.data, startedOn: TODAY } })) as InspectionEvent[]);
    });

    it('an inspector not assigned is refused', () => {
      spec.given([opened()]).when(start(inspC)).thenThrows('INSPECTION.FORBIDDEN');
    });

    it('needs two inspectors (a draw that found only one leaves the task waiting for assignment)', () => {
      spec.given([opened({ inspectorIds: ['insp-a'] })]).when(start(inspA)).thenThrows('INSPECTION.TOO_FEW_INSPECTORS');
    });

    it('twice is a conflict', () => {
      spec.given([opened(), started]).when(start(inspA)).thenThrows('INSPECTION.ALREADY_STARTED');
    });
  });

  describe('findings per declared indicator', () => {
    it('an assigned inspector records them', () => {
      spec.given([opened(), started]).when(record(inspA, [finding()])).then([findingsRecorded(finding())].map((e) => ({ ...e, data: { ...e.data, recordedOn: TODAY } })) as InspectionEvent[]);
    });

    it('not before the inspection started', () => {
      spec.given([opened()]).when(record(inspA, [finding()])).thenThrows('INSPECTION.NOT_STARTED');
    });

    it('not by an inspector not assigned', () => {
      spec.given([opened(), started]).when(record(inspC, [finding()])).thenThrows('INSPECTION.FORBIDDEN');
    });

    it('one finding per indicator, every field checked', () => {
      const e = spec.given([opened(), started]).when(record(inspA, [finding(), finding(), { indicator: '', conforming: 'yes' }])).thenThrows('INSPECTION.VALIDATION_FAILED');
      expect((e.details.errors as { field: string; rule: string }[]).map((x) => `${x.field}:${x.rule}`).sort()).toEqual([
        'findings:unique',
        'findings[2].conforming:type',
        'findings[2].declaredValue:required',
        'findings[2].indicator:required',
        'findings[2].measuredValue:required',
      ]);
    });

    it('a later finding for an indicator replaces the earlier one', () => {
      const state = [opened(), started, findingsRecorded(finding()), findingsRecorded(finding({ measuredValue: '455', conforming: false }))].reduce(
        inspectionDecider.evolve,
        inspectionDecider.initialState(),
      );
      expect(state.findings).toEqual([finding({ measuredValue: '455', conforming: false })]);
    });
  });

  describe('completing: the outcome follows the findings, judged against the declaration in force on the production date (domain.md §3)', () => {
    const bothConforming = findingsRecorded(finding(), finding({ indicator: '待机功率', declaredValue: '≤2.0', measuredValue: '1.6', unit: 'W', testMethod: null }));
    const oneFailing = findingsRecorded(finding({ measuredValue: '455', conforming: false }));

    it('non_conforming with a non-conforming finding records the declaration version and judged indicators', () => {
      spec.given([opened(), started, oneFailing]).when(complete(inspA)).then((events) => {
        const d = onlyCompleted(events);
        expect(d).toMatchObject({
          outcome: 'non_conforming',
          productionDate: '2026-03-01',
          completedOn: TODAY,
          declaration: { declarationId: declarationV1.declarationId, version: 1, standardNumber: 'Q/HW 001-2026', effectiveFrom: '2026-01-05', effectiveTo: '2026-06-01' },
          nonConformingIndicators: ['洁净空气量'],
          inspectorIds: ['insp-a', 'insp-b'],
          product: PRODUCT,
          productKey: PRODUCT_KEY,
        });
        expect(d.judgedIndicators).toEqual([
          { name: '洁净空气量', declaredValue: '≥500', unit: 'm³/h', testMethod: 'GB/T 18801-2022 附录B', conforming: false },
          { name: '待机功率', declaredValue: '≤2.0', unit: 'W', testMethod: 'GB/T 18801-2022 附录F', conforming: null },
        ]);
      });
    });

    it('non_conforming without a non-conforming finding is refused', () => {
      spec.given([opened(), started, bothConforming]).when(complete(inspA)).thenThrows('INSPECTION.OUTCOME_CONTRADICTS_FINDINGS');
    });

    it('conforming with every declared indicator found conforming', () => {
      spec.given([opened(), started, bothConforming]).when(complete(inspB, { outcome: 'conforming' })).then((events) => {
        expect(onlyCompleted(events)).toMatchObject({ outcome: 'conforming', nonConformingIndicators: [] });
      });
    });

    it('conforming with a declared indicator left untested is refused', () => {
      const e = spec.given([opened(), started, findingsRecorded(finding())]).when(complete(inspA, { outcome: 'conforming' })).thenThrows('INSPECTION.OUTCOME_CONTRADICTS_FINDINGS');
      expect(e.details).toMatchObject({ withoutFinding: ['待机功率'] });
    });

    it('conforming with a non-conforming finding is refused', () => {
      spec.given([opened(), started, oneFailing]).when(complete(inspA, { outcome: 'conforming' })).thenThrows('INSPECTION.OUTCOME_CONTRADICTS_FINDINGS');
    });

    it('a finding quoting a value the version in force does not disclose is refused', () => {
      spec
        .given([opened(), started, findingsRecorded(finding({ declaredValue: '≥600', conforming: false }))])
        .when(complete(inspA))
        .thenThrows('INSPECTION.DECLARED_VALUE_MISMATCH');
    });

    it('a finding on an indicator the version does not disclose is refused', () => {
      spec.given([opened(), started, findingsRecorded(finding({ indicator: '噪声', conforming: false }))]).when(complete(inspA)).thenThrows('INSPECTION.UNDECLARED_INDICATOR');
    });

    it('judging needs a declaration in force on the production date', () => {
      spec.given([opened(), started, oneFailing]).when(complete(inspA, { declarationsInForce: [] })).thenThrows('INSPECTION.NO_DECLARATION_IN_FORCE');
    });

    it('no_declaration when none was in force on the production date', () => {
      spec.given([opened(), started]).when(complete(inspA, { outcome: 'no_declaration', declarationsInForce: [] })).then((events) => {
        expect(onlyCompleted(events)).toMatchObject({ outcome: 'no_declaration', declaration: null, judgedIndicators: [], productionDate: '2026-03-01' });
      });
    });

    it('no_declaration while one was in force is refused', () => {
      spec.given([opened(), started]).when(complete(inspA, { outcome: 'no_declaration' })).thenThrows('INSPECTION.DECLARATION_IN_FORCE');
    });

    it('several declarations in force: the one judged must be named', () => {
      spec.given([opened(), started, oneFailing]).when(complete(inspA, { declarationsInForce: [declarationV1, otherDeclaration] })).thenThrows('INSPECTION.DECLARATION_AMBIGUOUS');
      spec
        .given([opened(), started, oneFailing])
        .when(complete(inspA, { declarationsInForce: [declarationV1, otherDeclaration], declarationId: declarationV1.declarationId }))
        .then((events) => expect(onlyCompleted(events).declaration?.declarationId).toBe(declarationV1.declarationId));
    });

    it('a named declaration not in force on that date is refused', () => {
      spec.given([opened(), started, oneFailing]).when(complete(inspA, { declarationId: 'another' })).thenThrows('INSPECTION.DECLARATION_NOT_IN_FORCE');
    });

    it('not_located needs no production date and no findings', () => {
      spec.given([opened(), started]).when(complete(inspA, { outcome: 'not_located', productionDate: null, declarationsInForce: [] })).then((events) => {
        expect(onlyCompleted(events)).toMatchObject({ outcome: 'not_located', productionDate: null, declaration: null });
      });
    });

    it('not_located with findings is refused', () => {
      spec.given([opened(), started, oneFailing]).when(complete(inspA, { outcome: 'not_located', productionDate: null })).thenThrows('INSPECTION.FINDINGS_WITHOUT_SAMPLE');
    });

    it('judging outcomes need a production date, not in the future', () => {
      const missing = spec.given([opened(), started, oneFailing]).when(complete(inspA, { productionDate: null })).thenThrows('INSPECTION.VALIDATION_FAILED');
      expect(missing.details.errors).toEqual([expect.objectContaining({ field: 'productionDate', rule: 'required' })]);
      const future = spec.given([opened(), started, oneFailing]).when(complete(inspA, { productionDate: '2026-11-03' })).thenThrows('INSPECTION.VALIDATION_FAILED');
      expect(future.details.errors).toEqual([expect.objectContaining({ field: 'productionDate', rule: 'not_in_future' })]);
    });

    it('an unknown outcome is refused', () => {
      const e = spec.given([opened(), started]).when(complete(inspA, { outcome: 'failed' })).thenThrows('INSPECTION.VALIDATION_FAILED');
      expect(e.details.errors).toEqual([expect.objectContaining({ field: 'outcome', rule: 'one_of' })]);
    });

    it('an inspection opened without a product takes the sampled one; it needs one to judge', () => {
      const noProduct = opened({ product: null, productKey: null });
      spec.given([noProduct, started, oneFailing]).when(complete(inspA)).thenThrows('INSPECTION.VALIDATION_FAILED');
      spec.given([noProduct, started, oneFailing]).when(complete(inspA, { product: PRODUCT })).then((events) => {
        expect(onlyCompleted(events)).toMatchObject({ product: PRODUCT, productKey: PRODUCT_KEY });
      });
    });

    it('a sampled product other than the inspected one is refused', () => {
      spec.given([opened(), started, oneFailing]).when(complete(inspA, { product: { name: '空气净化器', model: 'OTHER' } })).thenThrows('INSPECTION.PRODUCT_MISMATCH');
    });

    it('only an assigned inspector completes, and only once, after starting', () => {
      spec.given([opened(), started, oneFailing]).when(complete(inspC)).thenThrows('INSPECTION.FORBIDDEN');
      spec.given([opened(), started, oneFailing]).when(complete({ ...shenzhen })).thenThrows('INSPECTION.FORBIDDEN');
      spec.given([opened()]).when(complete(inspA)).thenThrows('INSPECTION.NOT_STARTED');
      spec.given([opened(), started, oneFailing, completed()]).when(complete(inspA)).thenThrows('INSPECTION.ALREADY_COMPLETED');
    });
  });

  describe('publication within 20 working days (Enterprise Information Publicity Regulations art. 6)', () => {
    it('completed 2026-09-28: the National Day holiday does not count and the 10/10 make-up Saturday does', () => {
      // 9/29, 9/30, (10/1–10/7 off), 10/8, 10/9, 10/10 (make-up), 10/12 … 10/30: the 20th working day.
      expect(publicationDueOn('2026-09-28')).toBe('2026-10-30');
      spec.given([opened(), started, findingsRecorded(finding({ measuredValue: '455', conforming: false }))]).when(complete(inspA, {}, '2026-09-28T02:00:00Z')).then((events) => {
        expect(onlyCompleted(events)).toMatchObject({ completedOn: '2026-09-28', publicationDueOn: '2026-10-30' });
      });
    });

    it('a date beyond the official calendar fails loudly', () => {
      expect(() => publicationDueOn('2026-12-20')).toThrow(expect.objectContaining({ code: 'CALENDAR.OUT_OF_RANGE' }));
    });

    it('a supervisor publishes in time', () => {
      spec.given([opened(), started, completed()]).when(publish(shenzhen)).then([
        {
          type: 'InspectionResultPublished',
          data: {
            inspectionId: ID,
            uscc: UCODE,
            enterpriseName: enterprise.name,
            authority: '440300',
            product: PRODUCT,
            outcome: 'non_conforming',
            completedOn: '2026-10-23',
            publicationDueOn: '2026-11-20',
            publishedOn: TODAY,
            late: false,
          },
        },
      ]);
    });

    it('after the due date the publication is recorded as late', () => {
      spec.given([opened(), started, completed()]).when(publish(shenzhen, '2026-11-23T02:00:00Z')).then((events) => {
        expect(events[0].data).toMatchObject({ publishedOn: '2026-11-23', late: true });
      });
    });

    it('on the due date itself it is in time', () => {
      spec.given([opened(), started, completed()]).when(publish(shenzhen, '2026-11-20T02:00:00Z')).then((events) => expect(events[0].data).toMatchObject({ late: false }));
    });

    it('nothing to publish before completion; never twice', () => {
      spec.given([opened(), started]).when(publish(shenzhen)).thenThrows('INSPECTION.NOT_COMPLETED');
      spec.given([opened(), started, completed(), publishedEvent(TODAY)]).when(publish(shenzhen)).thenThrows('INSPECTION.ALREADY_PUBLISHED');
    });

    it('inspectors and supervisors of another jurisdiction may not publish', () => {
      spec.given([opened(), started, completed()]).when(publish(inspA)).thenThrows('INSPECTION.FORBIDDEN');
      spec.given([opened(), started, completed()]).when(publish(guangzhou)).thenThrows('INSPECTION.FORBIDDEN');
    });

    it('the scheduler records the passed deadline once', () => {
      spec.given([opened(), started, completed()]).when(recordOverdue('2026-11-23T02:00:00Z')).then((events) => {
        expect(events).toHaveLength(1);
        const [e] = events;
        if (!isResultPublicationOverdue(e)) throw new Error('expected ResultPublicationOverdue');
        expect(e.data).toEqual({ inspectionId: ID, uscc: UCODE, authority: '440300', publicationDueOn: '2026-11-20', recordedOn: '2026-11-23' });
      });
      const overdue: InspectionEvent = { type: 'ResultPublicationOverdue', data: { inspectionId: ID, uscc: UCODE, authority: '440300', publicationDueOn: '2026-11-20', recordedOn: '2026-11-23' } };
      spec.given([opened(), started, completed(), overdue]).when(recordOverdue('2026-11-24T02:00:00Z')).then([]);
    });

    it('nothing is overdue on the due date, nor once published', () => {
      spec.given([opened(), started, completed()]).when(recordOverdue('2026-11-20T02:00:00Z')).then([]);
      spec.given([opened(), started, completed(), publishedEvent('2026-11-10')]).when(recordOverdue('2026-11-23T02:00:00Z')).then([]);
    });

    it('only the system records it', () => {
      spec.given([opened(), started, completed()]).when({ ...recordOverdue('2026-11-23T02:00:00Z'), metadata: metadata(shenzhen) }).thenThrows('INSPECTION.FORBIDDEN');
    });
  });
});
