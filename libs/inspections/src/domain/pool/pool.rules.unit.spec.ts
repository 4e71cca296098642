import { describe, expect, it } from '@jest/globals';
import type { DeclarationContent } from '@regledger/declarations/contracts';
import { productKeyOf } from '../draw/draw.rules.js';
import { buildPool, type LoggedEvent, type PoolParameters } from './pool.rules.js';

const A = '914401060000000001';
const B = '914401060000000002';
const C = '914403000000000003';
const D = '914401060000000004';

const params: PoolParameters = { authority: '440100', asOf: '2026-03-16', standardKinds: null, defaultCreditClass: 'B', builderVersion: 2 };

const registered = (uscc: string, jurisdiction = '440106'): LoggedEvent => ({
  type: 'EnterpriseRegistered',
  data: { uscc, name: `E-${uscc}`, jurisdiction, address: 'a', industry: 'i', registeredOn: '2025-01-01' },
});

const content = (kind: 'enterprise' | 'group' | 'national', number: string, products: [string, string, string][]): DeclarationContent =>
  ({
    standard: { kind, number, title: 't', mandatory: false, issuedOn: '2024-01-01' },
    products: products.map(([name, model, category]) => ({ name, model, category })),
    indicators: [],
    fullTextDisclosed: true,
    firstSaleOn: null,
    belowRecommended: { flagged: false, referenceStandard: null, explanation: null },
  }) as DeclarationContent;

const declared = (declarationId: string, uscc: string, c: DeclarationContent, effectiveFrom = '2025-02-01'): LoggedEvent => ({
  type: 'StandardDeclared',
  data: { declarationId, uscc, enterpriseName: 'n', jurisdiction: '440106', version: 1, content: c, effectiveFrom, declaredOn: effectiveFrom },
});

const completed = (uscc: string, over: Record<string, unknown>): LoggedEvent => ({
  type: 'InspectionCompleted',
  data: { inspectionId: `I-${uscc}`, origin: { type: 'targeted', source: 'report', reference: null }, uscc, authority: '440100', product: null, productKey: null, inspectorIds: ['I-1', 'I-2'], outcome: 'conforming', completedOn: '2025-10-01', publicationDueOn: '2025-10-29', ...over },
});

const cooker = content('enterprise', 'Q/ABC 001-2024', [['电饭锅', 'M1', 'rice_cooker']]);

describe('buildPool: the target and inspector pools folded from the log', () => {
  it('lists registered enterprises of the authority with the products of their declarations in force, class from the default', () => {
    const pool = buildPool([registered(A), registered(B), registered(C, '440305'), declared('d1', A, cooker)], params);
    expect(pool.targets).toEqual([
      { uscc: A, jurisdiction: '440106', creditClass: 'B', products: [{ name: '电饭锅', model: 'M1', category: 'rice_cooker', standardNumber: 'Q/ABC 001-2024' }], openCaseProductKeys: [], passedSpotChecks: [] },
      { uscc: B, jurisdiction: '440106', creditClass: 'B', products: [], openCaseProductKeys: [], passedSpotChecks: [] },
    ]);
    expect(buildPool([registered(A)], { ...params, defaultCreditClass: 'C' }).targets[0].creditClass).toBe('C');
  });

  it('drops enterprises whose deregistration has taken effect, keeps one deregistering later', () => {
    const events = [registered(A), registered(B), { type: 'EnterpriseDeregistered', data: { uscc: A, effectiveDate: '2026-03-16', reason: 'r' } }, { type: 'EnterpriseDeregistered', data: { uscc: B, effectiveDate: '2026-04-01', reason: 'r' } }];
    expect(buildPool(events, params).targets.map((t) => t.uscc)).toEqual([B]);
  });

  it('takes the version in force on the pool date and drops abolished declarations', () => {
    const revised = { type: 'DeclarationRevised', data: { declarationId: 'd1', uscc: A, version: 2, enterpriseName: 'n', content: content('enterprise', 'Q/ABC 001-2025', [['电饭锅', 'M2', 'rice_cooker']]), effectiveFrom: '2026-05-01' } };
    const pool = buildPool([registered(A), declared('d1', A, cooker), revised, declared('d2', A, content('group', 'T/XX 1-2024', [['水壶', 'K1', 'kitchen_appliance']])), { type: 'DeclarationAbolished', data: { declarationId: 'd2', uscc: A, version: 1, effectiveDate: '2026-03-01' } }], params);
    expect(pool.targets[0].products.map((p) => p.model)).toEqual(['M1']);
    expect(buildPool([registered(A), declared('d1', A, cooker), revised], { ...params, asOf: '2026-05-01' }).targets[0].products.map((p) => p.model)).toEqual(['M2']);
  });

  it('applies the plan’s standard kinds and drops enterprises left without a product of those kinds', () => {
    const events = [registered(A), registered(B), registered(D), declared('d1', A, cooker), declared('d2', B, content('group', 'T/XX 1-2024', [['水壶', 'K1', 'kitchen_appliance']]))];
    expect(buildPool(events, { ...params, standardKinds: ['group'] }).targets.map((t) => t.uscc)).toEqual([B]);
    expect(buildPool(events, params).targets.map((t) => t.uscc)).toEqual([A, B, D]);
  });

  it('records the last inspection, passed spot checks and the last draw date', () => {
    const key = productKeyOf({ name: '电饭锅', model: 'M1' });
    const events = [
      registered(A),
      completed(A, { productKey: key, completedOn: '2025-10-01' }),
      completed(A, { productKey: null, outcome: 'no_declaration', inspectorIds: ['I-3', 'I-4'], completedOn: '2025-12-01', authority: '440106' }),
      completed(A, { productKey: key, outcome: 'non_conforming', completedOn: '2025-11-01' }),
      { type: 'InspectionsDrawn', data: { drawnOn: '2026-01-10', result: { assignments: [{ uscc: A, inspectorIds: [] }] } } },
      { type: 'InspectionsDrawn', data: { drawnOn: '2025-06-10', result: { assignments: [{ uscc: A, inspectorIds: [] }] } } },
    ];
    const [target] = buildPool(events, params).targets;
    expect(target.lastInspection).toEqual({ inspectorIds: ['I-3', 'I-4'], outcome: 'no_declaration', completedOn: '2025-12-01', authority: '440106' });
    expect(target.passedSpotChecks).toEqual([{ productKey: key, completedOn: '2025-10-01', authority: '440100' }]);
    expect(target.lastDrawnOn).toBe('2026-01-10');
  });

  it('folds inspectors of the authority: qualifications, conflicts, deactivation', () => {
    const ins = (inspectorId: string, jurisdiction: string): LoggedEvent => ({ type: 'InspectorRegistered', data: { inspectorId, name: 'n', jurisdiction, qualifications: ['q'], conflicts: [], registeredOn: '2026-01-01' } });
    const events = [
      ins('I-2', '440106'),
      ins('I-1', '440100'),
      ins('I-9', '440300'),
      { type: 'InspectorConflictDeclared', data: { inspectorId: 'I-1', uscc: B, declaredOn: '2026-01-02' } },
      { type: 'InspectorConflictDeclared', data: { inspectorId: 'I-1', uscc: A, declaredOn: '2026-01-02' } },
      { type: 'InspectorConflictWithdrawn', data: { inspectorId: 'I-1', uscc: B, withdrawnOn: '2026-01-03' } },
      { type: 'InspectorQualificationsUpdated', data: { inspectorId: 'I-2', qualifications: ['r', 's'], previous: ['q'], updatedOn: '2026-01-03' } },
      { type: 'InspectorDeactivated', data: { inspectorId: 'I-2', reason: 'r', deactivatedOn: '2026-01-04' } },
    ];
    expect(buildPool(events, params).inspectors).toEqual([
      { inspectorId: 'I-1', jurisdiction: '440100', active: true, qualifications: ['q'], conflicts: [A] },
      { inspectorId: 'I-2', jurisdiction: '440106', active: false, qualifications: ['r', 's'], conflicts: [] },
    ]);
  });

  it('is a pure function of the events: ignores unknown event types and gives equal pools for equal logs', () => {
    const events = [registered(A), { type: 'SomethingElse', data: {} }, declared('d1', A, cooker)];
    expect(buildPool(events, params)).toEqual(buildPool(structuredClone(events), params));
  });

  describe('version 2: credit classes and open cases', () => {
    const classChanged = (uscc: string, from: string | null, to: string): LoggedEvent => ({
      type: 'RiskClassChanged',
      data: { uscc, from, to, score: 70, policyVersion: 0, on: '2026-03-01', cause: { entryId: null, reason: 'entry' } },
    });
    const caseOpened = (caseId: string, uscc: string, productKey: string | null): LoggedEvent => ({
      type: 'CaseOpened',
      data: { caseId, uscc, jurisdiction: '440106', matterId: null, productKey, openedOn: '2026-03-02', decisionDueOn: '2026-05-31' },
    });
    const caseClosed = (caseId: string, uscc: string): LoggedEvent => ({ type: 'CaseClosed', data: { caseId, uscc, outcome: 'penalty', closedOn: '2026-03-10' } });
    const key = productKeyOf({ name: '电饭锅', model: 'M1' });

    it('given class changes, when the pool is built, then each target has the last class recorded before the position and the others the default', () => {
      const events = [registered(A), registered(B), classChanged(A, null, 'C'), classChanged(A, 'C', 'D')];
      expect(buildPool(events, params).targets.map((t) => [t.uscc, t.creditClass])).toEqual([
        [A, 'D'],
        [B, 'B'],
      ]);
      // The log cut earlier: the class the draw would have seen then.
      expect(buildPool(events.slice(0, 3), params).targets[0].creditClass).toBe('C');
    });

    it('given a case opened on a product, then the product is under an open case until the case closes', () => {
      const events = [registered(A), declared('d1', A, cooker), caseOpened('c1', A, key), caseOpened('c2', A, null)];
      expect(buildPool(events, params).targets[0].openCaseProductKeys).toEqual([key]);
      expect(buildPool([...events, caseClosed('c1', A)], params).targets[0].openCaseProductKeys).toEqual([]);
    });

    it('given a draw recorded with version 1, then classes and cases are not read, as that version did', () => {
      const events = [registered(A), classChanged(A, null, 'D'), caseOpened('c1', A, key)];
      const [target] = buildPool(events, { ...params, builderVersion: 1 }).targets;
      expect(target.creditClass).toBe('B');
      expect(target.openCaseProductKeys).toEqual([]);
    });
  });
});
