import { DEFAULT_DRAW_POLICY, commitmentOf, poolHash, runDraw, type CreditClass, type PoolInspector, type PoolTarget } from '@regledger/inspections';
import { measurePair, type BenchContext, type Scale, type Scenario, type ScenarioResult, type VariantResult } from '../harness.js';

/** Pool sizes by scale: a province (100,000) and the nation (500,000) at full scale. */
const POOLS: Record<Scale, { province: number; national: number }> = {
  small: { province: 20_000, national: 100_000 },
  medium: { province: 100_000, national: 250_000 },
  full: { province: 100_000, national: 500_000 },
};

const DISTRICTS = ['440103', '440106', '440304', '440305', '440604', '441302', '330106', '330108', '330212', '320102', '320106', '320506', '370102', '350203'];
const CLASSES: readonly CreditClass[] = ['A', 'B', 'C', 'D'];

/** A synthetic pool: one product per target, classes about A 14 %, B 65 %, C 18 %, D 3 %, an inspector per 250 targets. */
function syntheticPool(size: number, national: boolean): { targets: PoolTarget[]; inspectors: PoolInspector[]; authority: string } {
  const districts = national ? DISTRICTS : DISTRICTS.filter((d) => d.startsWith('44'));
  const targets: PoolTarget[] = Array.from({ length: size }, (_, i) => ({
    uscc: `91${String(i).padStart(15, '0')}X`,
    jurisdiction: districts[i % districts.length],
    creditClass: CLASSES[i % 7 === 0 ? 0 : i % 5 === 0 ? 2 : i % 31 === 0 ? 3 : 1],
    products: [{ name: `产品${i}`, model: `M-${i}`, category: 'other', standardNumber: 'GB/T 18801-2022' }],
    openCaseProductKeys: [],
    passedSpotChecks: [],
  }));
  const inspectors: PoolInspector[] = Array.from({ length: Math.ceil(size / 250) }, (_, i) => ({
    inspectorId: `inspector-${String(i).padStart(6, '0')}`,
    jurisdiction: `${districts[i % districts.length].slice(0, 2)}0000`,
    active: true,
    qualifications: [],
    conflicts: i % 50 === 0 ? [targets[i].uscc] : [],
  }));
  return { targets, inspectors, authority: national ? '000000' : '440000' };
}

export const drawAlgorithmScenario: Scenario = {
  id: 'draw-algorithm',
  title: 'The double-random draw over pools of 100,000 and 500,000 targets (no log)',
  summary: 'runDraw alone over synthetic province and national pools, against hashing the same pool',
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const sizes = POOLS[ctx.scale];
    const variants: VariantResult[] = [];
    for (const [label, size, national] of [['province pool', sizes.province, false], ['national pool', sizes.national, true]] as const) {
      const pool = syntheticPool(size, national);
      const secret = 'bench-draw-secret-0123456789abcdef-0123456789';
      let drawn = 0;
      const variant = await measurePair(ctx, 'draw-algorithm', {
        label: `${label}: ${size.toLocaleString('en-US')} targets, ${pool.inspectors.length.toLocaleString('en-US')} inspectors`,
        events: size,
        operations: 1,
        reset: async () => undefined,
        async library() {
          const t0 = performance.now();
          const result = runDraw({ planId: 'bench', authority: pool.authority, drawnOn: '2026-10-30', policy: DEFAULT_DRAW_POLICY, revealedSecret: secret, commitment: commitmentOf(secret), poolPosition: '1/1', targets: pool.targets, inspectors: pool.inspectors });
          const ms = performance.now() - t0;
          drawn = result.assignments.length;
          return { ms, events: size, latencies: [ms] };
        },
        async baseline() {
          const t0 = performance.now();
          poolHash(pool.targets, pool.inspectors, '1/1');
          const ms = performance.now() - t0;
          return { ms, events: size, latencies: [ms] };
        },
      });
      variant.label = `${variant.label}, ${drawn.toLocaleString('en-US')} drawn`;
      variants.push(variant);
    }
    return {
      id: this.id,
      title: this.title,
      library: 'runDraw: validation, commitment, pool hash, HMAC seed, strata by credit class, shuffle and quotas, a product and two inspectors (least loaded, ties by the PRNG) per drawn target',
      baseline: 'poolHash of the same pool: the canonical text and SHA-256 any verifiable draw must compute',
      sides: { library: 'Draw', baseline: 'Pool hash' },
      operation: 'one draw',
      headline: 'per-operation',
      variants,
      notes: ['Synthetic pools (one product per target, default ratios A 2 %, B 5 %, C 20 %, D 50 %); the draw scenario measures the same over pools built from the national log.'],
    };
  },
};
