import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '@regledger/shared';
import type { Actor, CommandMetadata, Role } from '@regledger/shared';
import { DeciderSpec } from '@regledger/shared/testing';
import { DEFAULT_DRAW_POLICY, commitmentOf, runDraw } from '../draw/draw.rules.js';
import { buildPool, poolParametersOf, type LoggedEvent } from '../pool/pool.rules.js';
import type { CreateInspectionPlanData, FixedPool, PlanCommand } from './plan.commands.js';
import { planDecider } from './plan.decider.js';
import type { InspectionPlanCreated, InspectionsDrawn, InspectionsDrawnData, PlanEvent, PoolBasis } from './plan.events.js';
import { drawCategoriesFor } from './plan.rules.js';
import { verifyRecordedDraw } from './draw-verification.rules.js';

// 2026-03-16 10:00 in China.
const NOW = '2026-03-16T02:00:00Z';
const TODAY = '2026-03-16';
const SECRET = '6f1c2d3e4b5a69788796a5b4c3d2e1f0-plan-secret';
const COMMITMENT = commitmentOf(SECRET);

const actor = (role: Role, jurisdiction: string): Actor => ({ id: `user-${role}-${jurisdiction}`, role, jurisdiction });
const supervisor = actor('supervisor', '440100');
const metadata = (who: Actor, now = NOW): CommandMetadata => ({ now, actor: who, correlationId: 'c-1' });

const createData: CreateInspectionPlanData = {
  planId: 'PLAN-1',
  jurisdiction: '440100',
  name: '2026年第一批双随机抽查',
  period: { from: '2026-04-01', to: '2026-06-30' },
  commitment: COMMITMENT,
};
const create = (data: Partial<CreateInspectionPlanData> = {}, who: Actor = supervisor, now = NOW): PlanCommand => ({ type: 'CreateInspectionPlan', data: { ...createData, ...data }, metadata: metadata(who, now) });

const created: InspectionPlanCreated = {
  type: 'InspectionPlanCreated',
  data: {
    planId: 'PLAN-1',
    jurisdiction: '440100',
    name: '2026年第一批双随机抽查',
    scope: { productCategories: null, standardKinds: null, keyCategoriesOnly: false },
    policy: { ratios: { A: 0.02, B: 0.05, C: 0.2, D: 0.5 }, inspectorsPerTarget: 2, exclusionMonths: 6, requiredQualifications: [] },
    period: { from: '2026-04-01', to: '2026-06-30' },
    commitment: COMMITMENT,
    createdOn: TODAY,
  },
};

// ---- a small log: 40 enterprises of 440106 with a product each, 4 inspectors ----

const usccOf = (i: number): string => `9144010600000${String(i).padStart(5, '0')}`;
const enterpriseEvents: LoggedEvent[] = Array.from({ length: 40 }, (_, i) => [
  { type: 'EnterpriseRegistered', data: { uscc: usccOf(i), name: `E${i}`, jurisdiction: '440106', address: 'a', industry: 'i', registeredOn: '2025-01-01' } },
  {
    type: 'StandardDeclared',
    data: {
      declarationId: `d${i}`,
      uscc: usccOf(i),
      enterpriseName: `E${i}`,
      jurisdiction: '440106',
      version: 1,
      content: { standard: { kind: i % 2 ? 'group' : 'enterprise', number: `Q/E${i} 1-2024`, title: 't', mandatory: false, issuedOn: '2024-01-01' }, products: [{ name: `P${i}`, model: 'M', category: i % 3 ? 'rice_cooker' : 'other' }], indicators: [], fullTextDisclosed: true, firstSaleOn: null, belowRecommended: { flagged: false, referenceStandard: null, explanation: null } },
      effectiveFrom: '2025-02-01',
      declaredOn: '2025-02-01',
    },
  },
]).flat();
const inspectorEvents: LoggedEvent[] = ['I-1', 'I-2', 'I-3', 'I-4'].map((id) => ({ type: 'InspectorRegistered', data: { inspectorId: id, name: id, jurisdiction: '440100', qualifications: [], conflicts: id === 'I-1' ? [usccOf(0)] : [], registeredOn: '2026-01-01' } }));
const LOG: LoggedEvent[] = [...inspectorEvents, ...enterpriseEvents, created];

const basis: PoolBasis = { position: { commit: '7', prepare: String(LOG.length) }, builderVersion: 1, asOf: TODAY, standardKinds: null, defaultCreditClass: 'C' };
const fixedPool = (log: readonly LoggedEvent[] = LOG, b: PoolBasis = basis): FixedPool => ({
  basis: b,
  ...buildPool(log, { authority: '440100', asOf: b.asOf, standardKinds: b.standardKinds, defaultCreditClass: b.defaultCreditClass, builderVersion: b.builderVersion }),
  commitmentPrecedesPool: true,
});
const draw = (over: { secret?: string; pool?: FixedPool; who?: Actor; now?: string } = {}): PlanCommand => ({
  type: 'DrawInspections',
  data: { planId: 'PLAN-1', revealedSecret: over.secret ?? SECRET, pool: over.pool ?? fixedPool() },
  metadata: metadata(over.who ?? supervisor, over.now),
});

const spec = DeciderSpec.for(planDecider);
const drawnEvent = (): InspectionsDrawn => planDecider.decide(draw(), planDecider.evolve(planDecider.initialState(), created))[0] as InspectionsDrawn;

describe('plan decider: create (SAMR 2019 No. 38; domain.md §5)', () => {
  it('creates a plan with the default policy and an unrestricted scope', () => {
    spec.given([]).when(create()).then([created]);
  });

  it('keeps the given scope and policy, sorted and merged with the defaults', () => {
    spec
      .given([])
      .when(create({ scope: { productCategories: ['toy', 'rice_cooker'], standardKinds: ['group', 'enterprise'], keyCategoriesOnly: true }, policy: { ratios: { C: 0.3 }, inspectorsPerTarget: 3, exclusionMonths: 12 } }))
      .then(([e]) =>
        expect(e.data).toMatchObject({
          scope: { productCategories: ['rice_cooker', 'toy'], standardKinds: ['enterprise', 'group'], keyCategoriesOnly: true },
          policy: { ratios: { ...DEFAULT_DRAW_POLICY.ratios, C: 0.3 }, inspectorsPerTarget: 3, exclusionMonths: 12 },
        }),
      );
  });

  it.each([
    ['an inspector', actor('inspector', '440100')],
    ['an admin', actor('admin', '000000')],
    ['a supervisor of another city', actor('supervisor', '440300')],
    ['a district supervisor for the city', actor('supervisor', '440106')],
  ])('refuses %s: PLAN.FORBIDDEN', (_label, who) => {
    spec.given([]).when(create({}, who)).thenThrows('PLAN.FORBIDDEN');
  });

  it('names every failing field', () => {
    const error = spec
      .given([])
      .when(create({ name: '', commitment: 'abc', period: { from: '2026-06-01', to: '2026-04-01' }, scope: { standardKinds: ['foreign'] }, policy: { ratios: { B: 1.5, E: 0.1 }, exclusionMonths: 6.5 } }))
      .thenThrows('PLAN.VALIDATION_FAILED') as ValidationError;
    expect(error.errors.map((e) => e.field).sort()).toEqual(['commitment', 'name', 'period.to', 'policy.exclusionMonths', 'policy.ratios.B', 'policy.ratios.E', 'scope.standardKinds[0]']);
  });

  it('refuses fewer than two inspectors per target (Administrative Penalty Law art. 42)', () => {
    spec.given([]).when(create({ policy: { inspectorsPerTarget: 1 } })).thenThrows('PLAN.TOO_FEW_INSPECTORS_PER_TARGET');
  });

  it('refuses an exclusion window under 6 months (Product Quality Law art. 15)', () => {
    spec.given([]).when(create({ policy: { exclusionMonths: 5 } })).thenThrows('PLAN.EXCLUSION_TOO_SHORT');
  });

  it('refuses a non-key category in a key-categories-only plan', () => {
    spec.given([]).when(create({ scope: { productCategories: ['other', 'toy'], keyCategoriesOnly: true } })).thenThrows('PLAN.SCOPE_OUTSIDE_KEY_CATEGORIES');
  });

  it('refuses a period that has already ended', () => {
    spec.given([]).when(create({ period: { from: '2026-01-01', to: '2026-03-15' } })).thenThrows('PLAN.PERIOD_ENDED');
  });

  it('creates a plan id once: PLAN.ALREADY_EXISTS', () => {
    spec.given([created]).when(create()).thenThrows('PLAN.ALREADY_EXISTS');
  });

  it('turns the scope into the draw’s categories', () => {
    expect(drawCategoriesFor({ productCategories: null, standardKinds: null, keyCategoriesOnly: false })).toBeUndefined();
    expect(drawCategoriesFor({ productCategories: ['toy', 'other'], standardKinds: null, keyCategoriesOnly: false })).toEqual(['other', 'toy']);
    expect(drawCategoriesFor({ productCategories: null, standardKinds: null, keyCategoriesOnly: true })).toHaveLength(15);
    expect(drawCategoriesFor({ productCategories: null, standardKinds: null, keyCategoriesOnly: true })).not.toContain('other');
  });
});

describe('plan decider: draw (commit–reveal, docs/draw-algorithm.md)', () => {
  it('records the full input and result of runDraw, with the pool basis', () => {
    const pool = fixedPool();
    spec
      .given([created])
      .when(draw({ pool }))
      .then(([e]) => {
        const d = e.data as InspectionsDrawnData;
        expect(e.type).toBe('InspectionsDrawn');
        expect(d).toMatchObject({ planId: 'PLAN-1', jurisdiction: '440100', drawnOn: TODAY, poolBasis: basis });
        expect(d.input).toEqual({ planId: 'PLAN-1', authority: '440100', drawnOn: TODAY, policy: created.data.policy, revealedSecret: SECRET, commitment: COMMITMENT, poolPosition: `7/${LOG.length}`, targets: pool.targets, inspectors: pool.inspectors });
        expect(d.result).toEqual(runDraw(d.input));
        expect(d.result.strata.C.quota).toBe(8);
        for (const a of d.result.assignments) {
          expect(new Set(a.inspectorIds).size).toBe(2);
          if (a.uscc === usccOf(0)) expect(a.inspectorIds).not.toContain('I-1');
        }
      });
  });

  it('applies the key-categories scope in the draw input', () => {
    const scoped: InspectionPlanCreated = { ...created, data: { ...created.data, scope: { productCategories: null, standardKinds: null, keyCategoriesOnly: true } } };
    spec
      .given([scoped])
      .when(draw())
      .then(([e]) => {
        const d = e.data as InspectionsDrawnData;
        expect(d.input.productCategories).not.toContain('other');
        expect(d.result.excluded.filter((x) => x.reason === 'no_product_in_scope')).toHaveLength(14);
      });
  });

  it('refuses a secret that does not open the commitment: DRAW.SECRET_MISMATCH', () => {
    spec.given([created]).when(draw({ secret: 'another-secret-of-at-least-32-characters' })).thenThrows('DRAW.SECRET_MISMATCH');
  });

  it('draws a plan once: PLAN.ALREADY_DRAWN', () => {
    spec.given([created, drawnEvent()]).when(draw()).thenThrows('PLAN.ALREADY_DRAWN');
  });

  it('refuses a cancelled plan, an unknown plan, another jurisdiction and an ended period', () => {
    const cancelled: PlanEvent = { type: 'InspectionPlanCancelled', data: { planId: 'PLAN-1', jurisdiction: '440100', reason: 'r', cancelledOn: TODAY } };
    spec.given([created, cancelled]).when(draw()).thenThrows('PLAN.CANCELLED');
    spec.given([]).when(draw()).thenThrows('PLAN.NOT_FOUND');
    spec.given([created]).when(draw({ who: actor('supervisor', '440300') })).thenThrows('PLAN.FORBIDDEN');
    spec.given([created]).when(draw({ now: '2026-07-01T02:00:00Z' })).thenThrows('PLAN.PERIOD_ENDED');
  });

  it('refuses a pool fixed before the commitment: PLAN.POOL_BEFORE_COMMITMENT', () => {
    spec.given([created]).when(draw({ pool: { ...fixedPool(), commitmentPrecedesPool: false } })).thenThrows('PLAN.POOL_BEFORE_COMMITMENT');
  });

  it('refuses when too few inspectors are eligible: DRAW.NOT_ENOUGH_INSPECTORS', () => {
    const thin = fixedPool([...inspectorEvents.slice(0, 1), ...enterpriseEvents, created]);
    spec.given([created]).when(draw({ pool: thin })).thenThrows('DRAW.NOT_ENOUGH_INSPECTORS');
  });
});

describe('plan decider: cancel', () => {
  it('cancels a plan not yet drawn, with a reason', () => {
    spec
      .given([created])
      .when({ type: 'CancelInspectionPlan', data: { planId: 'PLAN-1', reason: '合并' }, metadata: metadata(supervisor) })
      .then([{ type: 'InspectionPlanCancelled', data: { planId: 'PLAN-1', jurisdiction: '440100', reason: '合并', cancelledOn: TODAY } }]);
  });

  it('refuses to cancel a drawn plan and needs a reason', () => {
    spec.given([created, drawnEvent()]).when({ type: 'CancelInspectionPlan', data: { planId: 'PLAN-1', reason: 'r' }, metadata: metadata(supervisor) }).thenThrows('PLAN.ALREADY_DRAWN');
    spec.given([created]).when({ type: 'CancelInspectionPlan', data: { planId: 'PLAN-1', reason: ' ' }, metadata: metadata(supervisor) }).thenThrows('PLAN.VALIDATION_FAILED');
  });
});

describe('verifyRecordedDraw: the recorded draw against the log', () => {
  const drawn = drawnEvent().data;
  /** The pool the verification rebuilds: the log at the recorded position, with the recorded basis and the plan's authority. */
  const rebuiltFrom = (log: readonly LoggedEvent[]) => buildPool(log, poolParametersOf(created.data.jurisdiction, drawn.poolBasis));

  it('matches when the pool is rebuilt from the same log', () => {
    expect(verifyRecordedDraw({ plan: created.data, drawn, rebuilt: rebuiltFrom(LOG), commitmentPrecedesPool: true })).toEqual({ matches: true, differences: [] });
  });

  it('reports a mismatch when a copied log has one more event before the recorded position', () => {
    const extra: LoggedEvent = { type: 'InspectorConflictDeclared', data: { inspectorId: 'I-2', uscc: usccOf(5), declaredOn: TODAY } };
    const copied = [...LOG.slice(0, 4), extra, ...LOG.slice(4)];
    const v = verifyRecordedDraw({ plan: created.data, drawn, rebuilt: rebuiltFrom(copied), commitmentPrecedesPool: true });
    expect(v.matches).toBe(false);
    expect(v.differences[0]).toMatch(/^poolHash: recorded [0-9a-f]{64}, rebuilt from the log [0-9a-f]{64}$/);
    expect(v.differences).toContain(
      `pool: inspector I-2 differs: recorded {"active":true,"conflicts":[],"inspectorId":"I-2","jurisdiction":"440100","qualifications":[]}, rebuilt from the log {"active":true,"conflicts":["${usccOf(5)}"],"inspectorId":"I-2","jurisdiction":"440100","qualifications":[]}`,
    );
  });

  it('reports a tampered recorded input: another secret, another target, another policy', () => {
    const otherSecret = { ...drawn, input: { ...drawn.input, revealedSecret: 'x'.repeat(40) } };
    expect(verifyRecordedDraw({ plan: created.data, drawn: otherSecret, rebuilt: rebuiltFrom(LOG), commitmentPrecedesPool: true }).differences).toEqual([expect.stringMatching(/^recomputation failed: DRAW\.SECRET_MISMATCH/)]);

    const dropped = { ...drawn, input: { ...drawn.input, targets: drawn.input.targets.slice(1) } };
    const v = verifyRecordedDraw({ plan: created.data, drawn: dropped, rebuilt: rebuiltFrom(LOG), commitmentPrecedesPool: true });
    expect(v.matches).toBe(false);
    expect(v.differences).toContain(`pool: target ${usccOf(0)} is in the log at the recorded position but not in the recorded input`);

    const policy = { ...drawn, input: { ...drawn.input, policy: { ...drawn.input.policy, ratios: { ...drawn.input.policy.ratios, C: 1 } } } };
    expect(verifyRecordedDraw({ plan: created.data, drawn: policy, rebuilt: rebuiltFrom(LOG), commitmentPrecedesPool: true }).differences[0]).toMatch(/^input\.policy: recorded/);
  });

  it('reports a commitment recorded after the pool position', () => {
    expect(verifyRecordedDraw({ plan: created.data, drawn, rebuilt: rebuiltFrom(LOG), commitmentPrecedesPool: false }).differences).toEqual(['the plan (and its commitment) was recorded after the pool position']);
  });
});
