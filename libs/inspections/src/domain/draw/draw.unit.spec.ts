import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { DomainError, RuleViolation, ValidationError, canonicalJson } from '@regledger/shared';
import {
  DEFAULT_DRAW_POLICY,
  DRAW_ERROR_CODES,
  addMonths,
  canonicalPoolText,
  commitmentOf,
  createPrng,
  drawSeed,
  poolHash,
  productKeyOf,
  quotaFor,
  runDraw,
  secretMatchesCommitment,
  shuffle,
  uniformIntFromWords,
  verifyDraw,
} from './index.js';
import type { CreditClass, DrawInput, DrawPolicy, DrawResult, PoolInspector, PoolProduct, PoolTarget } from './index.js';

// ---- fixtures ----

const secretFor = (n: number): string => `draw-secret-${String(n).padStart(6, '0')}-0123456789abcdef0123`;
const SECRET = secretFor(0);
const usccOf = (i: number): string => `91440100MA${String(i).padStart(8, '0')}`;
const product = (name: string, model: string, category = 'rice cookers'): PoolProduct => ({ name, model, category, standardNumber: 'GB 4706.1-2005' });

const target = (i: number, creditClass: CreditClass, overrides: Partial<PoolTarget> = {}): PoolTarget => ({
  uscc: usccOf(i),
  jurisdiction: '440106',
  creditClass,
  products: [product(`Brand${i} rice cooker`, `RC-${i}`)],
  openCaseProductKeys: [],
  passedSpotChecks: [],
  ...overrides,
});

const inspector = (i: number, overrides: Partial<PoolInspector> = {}): PoolInspector => ({
  inspectorId: `INS-${String(i).padStart(3, '0')}`,
  jurisdiction: '440100',
  active: true,
  qualifications: ['enforcement_certificate'],
  conflicts: [],
  ...overrides,
});

const inspectors = (count: number): PoolInspector[] => Array.from({ length: count }, (_, i) => inspector(i + 1));

/** Every eligible target is drawn: isolates exclusions and assignment from sampling. */
const DRAW_ALL: DrawPolicy = { ...DEFAULT_DRAW_POLICY, ratios: { A: 1, B: 1, C: 1, D: 1 } };

const inputFor = (targets: PoolTarget[], pool: PoolInspector[], overrides: Partial<DrawInput> = {}): DrawInput => {
  const secret = overrides.revealedSecret ?? SECRET;
  return {
    planId: 'PLAN-440100-2026-01',
    authority: '440100',
    drawnOn: '2026-03-16',
    policy: DEFAULT_DRAW_POLICY,
    revealedSecret: secret,
    commitment: commitmentOf(secret),
    poolPosition: '1024',
    targets,
    inspectors: pool,
    ...overrides,
  };
};

/** A mixed pool: 40 A, 60 B, 40 C, 20 D targets. */
const mixedPool = (): PoolTarget[] => [
  ...Array.from({ length: 40 }, (_, i) => target(i, 'A')),
  ...Array.from({ length: 60 }, (_, i) => target(100 + i, 'B')),
  ...Array.from({ length: 40 }, (_, i) => target(200 + i, 'C')),
  ...Array.from({ length: 20 }, (_, i) => target(300 + i, 'D')),
];

const permuted = <T>(items: readonly T[], label: number): T[] => shuffle(items, createPrng(commitmentOf(`permutation-${label}`)));

const drawnOf = (result: DrawResult): string[] => result.assignments.map((a) => a.uscc);

const caught = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
};

// ---- tests ----

describe('commitment, pool hash and seed', () => {
  it('commits to the secret with SHA-256 hex (FIPS 180-2 vector "abc")', () => {
    expect(commitmentOf('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(secretMatchesCommitment(SECRET, commitmentOf(SECRET))).toBe(true);
    expect(secretMatchesCommitment(secretFor(1), commitmentOf(SECRET))).toBe(false);
    expect(secretMatchesCommitment(SECRET, 'not-a-commitment')).toBe(false);
  });

  it('derives the seed with HMAC-SHA-256 keyed by the secret (RFC 4231 test case 2)', () => {
    expect(drawSeed('Jefe', 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('hashes the pool independently of the order of targets, inspectors and their inner arrays', () => {
    const targets = mixedPool();
    targets[3] = { ...targets[3], products: [product('Kettle', 'K1'), product('Toaster', 'T1')], openCaseProductKeys: ['b', 'a'] };
    const pool = inspectors(10).map((ins, i) => ({ ...ins, conflicts: [usccOf(i), usccOf(i + 1)] }));
    const reordered = permuted(targets, 1).map((t) => ({ ...t, products: [...t.products].reverse(), openCaseProductKeys: [...t.openCaseProductKeys].reverse() }));
    const reorderedInspectors = permuted(pool, 2).map((ins) => ({ ...ins, conflicts: [...ins.conflicts].reverse() }));
    expect(poolHash(reordered, reorderedInspectors, '1024')).toBe(poolHash(targets, pool, '1024'));
    expect(poolHash(targets, pool, '1025')).not.toBe(poolHash(targets, pool, '1024'));
  });

  it('encodes the pool as canonical JSON: keys sorted, no whitespace, absent optional fields dropped', () => {
    const targets = [
      target(1, 'A', { lastDrawnOn: '2025-05-05', passedSpotChecks: [{ productKey: 'k', completedOn: '2025-01-01', authority: '440100' }] }),
      target(2, 'B', { lastInspection: { inspectorIds: ['INS-002', 'INS-001'], outcome: 'non_conforming', completedOn: '2025-02-02', authority: '440106' } }),
      target(3, 'C', { lastInspection: { inspectorIds: [], productKey: 'p', outcome: 'conforming', completedOn: '2025-02-02', authority: '440106' } }),
    ];
    const text = canonicalPoolText(targets, inspectors(2), '7');
    expect(canonicalJson(JSON.parse(text))).toBe(text);
    expect(text).not.toContain('undefined');
    expect(text.startsWith('{"inspectors":[{"active":true,"conflicts":[],"inspectorId":"INS-001"')).toBe(true);
    expect(poolHash(targets, inspectors(2), '7')).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(poolHash([], [], '0')).toBe(createHash('sha256').update(canonicalPoolText([], [], '0'), 'utf8').digest('hex'));
    expect(poolHash(mixedPool(), inspectors(3), '9')).toBe(createHash('sha256').update(canonicalPoolText(mixedPool(), inspectors(3), '9'), 'utf8').digest('hex'));
  });

  it('ignores fields outside the pool shape', () => {
    const targets = mixedPool();
    const withExtra = targets.map((t) => ({ ...t, note: 'not part of the pool' }) as PoolTarget);
    expect(poolHash(withExtra, inspectors(3), '1')).toBe(poolHash(targets, inspectors(3), '1'));
  });
});

describe('deterministic randomness', () => {
  it('rejects words at or above the largest multiple of n (no modulo bias)', () => {
    const words = (...ws: number[]) => () => {
      const w = ws.shift();
      if (w === undefined) throw new Error('out of words');
      return w;
    };
    expect(uniformIntFromWords(3, words(0xffffffff, 5))).toBe(2);
    expect(uniformIntFromWords(2 ** 31 + 1, words(2 ** 31 + 1, 2 ** 31))).toBe(2 ** 31);
    expect(uniformIntFromWords(2 ** 32, words(0xfffffffe))).toBe(0xfffffffe);
    expect(uniformIntFromWords(1, words(0xffffffff))).toBe(0);
    expect(() => uniformIntFromWords(0, words(1))).toThrow(RangeError);
    expect(() => uniformIntFromWords(2.5, words(1))).toThrow(RangeError);
  });

  it('reads the SHA-256 counter-mode stream as big-endian 32-bit words', () => {
    const seed = commitmentOf('seed');
    const a = createPrng(seed);
    const b = createPrng(seed);
    const first = Array.from({ length: 20 }, () => a.nextUint32());
    expect(Array.from({ length: 20 }, () => b.nextUint32())).toEqual(first);
    expect(new Set(first).size).toBe(20);
  });

  it('shuffles 3 items into each of the 6 permutations with frequency 1/6 ± 5 sd over 6,000 seeds', () => {
    const counts = new Map<string, number>();
    for (let s = 0; s < 6000; s += 1) {
      const key = shuffle(['a', 'b', 'c'], createPrng(commitmentOf(`shuffle-${s}`))).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const sd = Math.sqrt(6000 * (1 / 6) * (5 / 6));
    expect(counts.size).toBe(6);
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThanOrEqual(5 * sd);
  });
});

describe('quotaFor: round half up, at least 1 when eligible > 0 and ratio > 0', () => {
  it.each([
    [300, 0.02, 6],
    [400, 0.05, 20],
    [50, 0.05, 3], // 2.5 rounds up
    [7, 0.5, 4], // 3.5 rounds up
    [50, 0.29, 15], // 14.5 exactly, although 0.29 × 50 is 14.499999999999998 in floating point
    [49, 0.05, 2], // 2.45 rounds down
    [3, 0.02, 1], // 0.06, but at least 1
    [1, 1, 1],
    [0, 0.5, 0],
    [10, 0, 0],
  ])('eligible %i × ratio %f → %i', (eligible, ratio, quota) => {
    expect(quotaFor(eligible, ratio)).toBe(quota);
  });

  it('refuses ratios outside [0, 1] or finer than one part per million', () => {
    expect(() => quotaFor(10, 1.5)).toThrow(RangeError);
    expect(() => quotaFor(10, -0.1)).toThrow(RangeError);
    expect(() => quotaFor(10, 0.0000001)).toThrow(RangeError);
  });
});

describe('runDraw is deterministic and verifiable', () => {
  const pool = inspectors(12);

  it('gives the identical result for the same input, run twice and with every pool array reordered', () => {
    const targets = mixedPool();
    const first = runDraw(inputFor(targets, pool));
    expect(runDraw(inputFor(targets, pool))).toEqual(first);
    const reordered = permuted(targets, 3).map((t) => ({ ...t, products: [...t.products].reverse() }));
    expect(runDraw(inputFor(reordered, permuted(pool, 4)))).toEqual(first);
  });

  it('draws each class quota from the default policy and reports every number needed to recompute', () => {
    const result = runDraw(inputFor(mixedPool(), pool));
    expect(result.algorithmVersion).toBe(1);
    expect(result.planId).toBe('PLAN-440100-2026-01');
    expect(result.seed).toBe(drawSeed(SECRET, result.poolHash));
    expect(result.poolHash).toBe(poolHash(mixedPool(), pool, '1024'));
    expect(result.strata.A).toMatchObject({ poolSize: 40, eligible: 40, quota: 1 });
    expect(result.strata.B).toMatchObject({ poolSize: 60, eligible: 60, quota: 3 });
    expect(result.strata.C).toMatchObject({ poolSize: 40, eligible: 40, quota: 8 });
    expect(result.strata.D).toMatchObject({ poolSize: 20, eligible: 20, quota: 10 });
    expect(drawnOf(result)).toEqual([...result.strata.A.drawn, ...result.strata.B.drawn, ...result.strata.C.drawn, ...result.strata.D.drawn]);
    expect(new Set(drawnOf(result)).size).toBe(22);
  });

  it('changes the seed and the drawn targets when one pool member changes', () => {
    const targets = mixedPool();
    const base = runDraw(inputFor(targets, pool));
    const changed = targets.map((t, i) => (i === 17 ? { ...t, products: [product('Brand17 rice cooker', 'RC-17S')] } : t));
    const other = runDraw(inputFor(changed, pool));
    expect(other.poolHash).not.toBe(base.poolHash);
    expect(other.seed).not.toBe(base.seed);
    expect(drawnOf(other)).not.toEqual(drawnOf(base));
    const oneMoreInspector = runDraw(inputFor(targets, [...pool, inspector(99)]));
    expect(oneMoreInspector.seed).not.toBe(base.seed);
  });

  it('changes the seed and the drawn targets when the secret changes', () => {
    const base = runDraw(inputFor(mixedPool(), pool));
    const other = runDraw(inputFor(mixedPool(), pool, { revealedSecret: secretFor(1) }));
    expect(other.poolHash).toBe(base.poolHash);
    expect(other.seed).not.toBe(base.seed);
    expect(drawnOf(other)).not.toEqual(drawnOf(base));
  });

  it('verifies a genuine result and detects tampering', () => {
    const input = inputFor(mixedPool(), pool);
    const genuine = runDraw(input);
    expect(verifyDraw(input, genuine)).toEqual({ matches: true, differences: [] });

    const swapped = structuredClone(genuine);
    swapped.assignments[0].inspectorIds[0] = 'INS-999';
    const v1 = verifyDraw(input, swapped);
    expect(v1.matches).toBe(false);
    expect(v1.differences).toEqual([`assignments[0].inspectorIds[0]: recorded "INS-999", recomputed "${genuine.assignments[0].inspectorIds[0]}"`]);

    const replaced = structuredClone(genuine);
    replaced.strata.D.drawn[0] = usccOf(999);
    expect(verifyDraw(input, replaced).differences).toEqual([`strata.D.drawn[0]: recorded "${usccOf(999)}", recomputed "${genuine.strata.D.drawn[0]}"`]);

    const dropped = structuredClone(genuine);
    dropped.assignments.pop();
    expect(verifyDraw(input, dropped).differences[0]).toBe(`assignments.length: recorded 21, recomputed 22`);

    expect(verifyDraw(input, { ...genuine, seed: commitmentOf('x') }).matches).toBe(false);
  });

  it('fails verification when the recorded input does not open its commitment', () => {
    const input = inputFor(mixedPool(), pool);
    const genuine = runDraw(input);
    const v = verifyDraw({ ...input, revealedSecret: secretFor(7) }, genuine);
    expect(v.matches).toBe(false);
    expect(v.differences[0]).toMatch(/^recomputation failed: DRAW\.SECRET_MISMATCH/);
  });
});

describe('exclusions (domain.md §5)', () => {
  const pool = inspectors(6);
  const cooker = product('Brand1 rice cooker', 'RC-1');
  const kettle = product('Brand1 kettle', 'K-1', 'kitchen appliances');
  const check = (p: PoolProduct, completedOn: string, authority = '440100') => ({ productKey: productKeyOf(p), completedOn, authority });
  const drawAll = (targets: PoolTarget[], overrides: Partial<DrawInput> = {}): DrawResult => runDraw(inputFor(targets, pool, { policy: DRAW_ALL, ...overrides }));

  it('excludes a target whose only product passed the same authority’s spot check within 6 months', () => {
    const t = target(1, 'C', { products: [cooker], passedSpotChecks: [check(cooker, '2025-12-01')] });
    const result = drawAll([t, target(2, 'C')]);
    expect(result.excluded).toEqual([{ uscc: usccOf(1), reason: 'all_products_excluded', products: [{ productKey: productKeyOf(cooker), reason: 'recent_spot_check' }] }]);
    expect(result.strata.C).toMatchObject({ poolSize: 2, eligible: 1, drawn: [usccOf(2)] });
  });

  it('keeps a target with another product and only ever chooses that product', () => {
    const t = target(1, 'C', { products: [cooker, kettle], passedSpotChecks: [check(cooker, '2025-12-01')] });
    for (let s = 0; s < 20; s += 1) {
      const result = drawAll([t], { revealedSecret: secretFor(s) });
      expect(result.excluded).toEqual([]);
      expect(result.assignments[0].productKey).toBe(productKeyOf(kettle));
    }
  });

  it('chooses among the eligible products uniformly when several remain', () => {
    const t = target(1, 'C', { products: [cooker, kettle] });
    const chosen = new Set(Array.from({ length: 20 }, (_, s) => drawAll([t], { revealedSecret: secretFor(s) }).assignments[0].productKey));
    expect(chosen).toEqual(new Set([productKeyOf(cooker), productKeyOf(kettle)]));
  });

  it.each([
    ['2025-09-17', '440100', true, 'one day inside the 6 months'],
    ['2025-09-16', '440100', false, 'exactly 6 months before'],
    ['2026-03-16', '440100', true, 'the same day'],
    ['2026-03-17', '440100', false, 'after the draw date'],
    ['2025-12-01', '440000', true, 'a higher authority covering the plan'],
    ['2025-12-01', '000000', true, 'the national authority'],
    ['2025-12-01', '440106', false, 'a lower authority'],
    ['2025-12-01', '440300', false, 'another city'],
  ])('a passed check on %s by %s excludes: %s (%s)', (completedOn, authority, excluded) => {
    const t = target(1, 'B', { products: [cooker], passedSpotChecks: [check(cooker, completedOn, authority)] });
    expect(drawAll([t]).excluded.length).toBe(excluded ? 1 : 0);
  });

  it('counts calendar months, clamping to the end of a shorter month', () => {
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2025-09-16', 6)).toBe('2026-03-16');
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-15');
    const t = target(1, 'B', { products: [cooker], passedSpotChecks: [check(cooker, '2025-08-31')] });
    expect(drawAll([t], { drawnOn: '2026-02-27' }).excluded.length).toBe(1);
    expect(drawAll([t], { drawnOn: '2026-02-28' }).excluded.length).toBe(0);
  });

  it('honours a longer exclusion window from the policy', () => {
    const t = target(1, 'B', { products: [cooker], passedSpotChecks: [check(cooker, '2025-06-01')] });
    expect(drawAll([t]).excluded.length).toBe(0);
    expect(drawAll([t], { policy: { ...DRAW_ALL, exclusionMonths: 12 } }).excluded.length).toBe(1);
  });

  it('excludes an A-class target already drawn in the same calendar year, but not one drawn last year nor a B-class one', () => {
    const thisYear = target(1, 'A', { lastDrawnOn: '2026-01-10' });
    const lastYear = target(2, 'A', { lastDrawnOn: '2025-12-31' });
    const bClass = target(3, 'B', { lastDrawnOn: '2026-01-10' });
    const result = drawAll([thisYear, lastYear, bClass]);
    expect(result.excluded).toEqual([{ uscc: usccOf(1), reason: 'a_class_already_drawn_this_year' }]);
    expect(result.strata.A.drawn).toEqual([usccOf(2)]);
    expect(result.strata.B.drawn).toEqual([usccOf(3)]);
  });

  it('excludes a product under an open case, and the target when it is its only product', () => {
    const only = target(1, 'D', { products: [cooker], openCaseProductKeys: [productKeyOf(cooker)] });
    const two = target(2, 'D', { products: [cooker, kettle], openCaseProductKeys: [productKeyOf(cooker)] });
    const result = drawAll([only, two]);
    expect(result.excluded).toEqual([{ uscc: usccOf(1), reason: 'all_products_excluded', products: [{ productKey: productKeyOf(cooker), reason: 'open_case' }] }]);
    expect(result.assignments).toEqual([expect.objectContaining({ uscc: usccOf(2), productKey: productKeyOf(kettle) })]);
  });

  it('excludes targets outside the plan’s jurisdiction', () => {
    const result = drawAll([target(1, 'C', { jurisdiction: '440306' }), target(2, 'C')]);
    expect(result.excluded).toEqual([{ uscc: usccOf(1), reason: 'outside_jurisdiction' }]);
  });

  it('restricts products to the plan’s categories and excludes targets with none in scope', () => {
    const both = target(1, 'C', { products: [cooker, kettle] });
    const onlyCooker = target(2, 'C', { products: [cooker] });
    const result = drawAll([both, onlyCooker], { productCategories: ['kitchen appliances'] });
    expect(result.excluded).toEqual([{ uscc: usccOf(2), reason: 'no_product_in_scope' }]);
    expect(result.assignments).toEqual([expect.objectContaining({ uscc: usccOf(1), productKey: productKeyOf(kettle) })]);
  });

  it('draws a target without products for an enterprise-level inspection, without a product key', () => {
    const result = drawAll([target(1, 'C', { products: [] })]);
    expect(result.assignments).toEqual([{ uscc: usccOf(1), inspectorIds: expect.any(Array) }]);
    expect(result.assignments[0]).not.toHaveProperty('productKey');
  });

  it('never uses inactive inspectors, inspectors outside the plan or the target, or ones lacking a required qualification', () => {
    const usable = [inspector(1), inspector(2), inspector(3)];
    const unusable = [
      inspector(4, { active: false }),
      inspector(5, { jurisdiction: '450100' }),
      inspector(6, { jurisdiction: '440105' }),
      inspector(7, { qualifications: [] }),
    ];
    const targets = Array.from({ length: 12 }, (_, i) => target(i, 'D'));
    const result = runDraw(
      inputFor(targets, [...usable, ...unusable], { policy: { ...DRAW_ALL, requiredQualifications: ['enforcement_certificate'] } }),
    );
    const used = new Set(result.assignments.flatMap((a) => a.inspectorIds));
    expect(used).toEqual(new Set(usable.map((i) => i.inspectorId)));
  });

  it('lets a district inspector inspect only targets of its district', () => {
    const district = inspector(1, { jurisdiction: '440106' });
    const result = runDraw(inputFor([target(1, 'D'), target(2, 'D', { jurisdiction: '440105' })], [district, inspector(2), inspector(3)], { policy: DRAW_ALL }));
    const of = (uscc: string) => result.assignments.find((a) => a.uscc === uscc)?.inspectorIds ?? [];
    expect(of(usccOf(2))).not.toContain('INS-001');
  });
});

describe('inspector assignment (Administrative Penalty Law arts. 42–43)', () => {
  it('assigns the required number of distinct inspectors to every drawn target', () => {
    for (const inspectorsPerTarget of [2, 3]) {
      const result = runDraw(inputFor(mixedPool(), inspectors(9), { policy: { ...DEFAULT_DRAW_POLICY, inspectorsPerTarget } }));
      for (const a of result.assignments) {
        expect(a.inspectorIds).toHaveLength(inspectorsPerTarget);
        expect(new Set(a.inspectorIds).size).toBe(inspectorsPerTarget);
      }
    }
  });

  it('never assigns a conflicted inspector nor one of the target’s last inspection', () => {
    const pool = inspectors(8).map((ins, i) => ({ ...ins, conflicts: Array.from({ length: 30 }, (_, k) => usccOf((i * 7 + k * 3) % 60)) }));
    const targets = Array.from({ length: 60 }, (_, i) =>
      target(i, 'D', {
        lastInspection: {
          inspectorIds: [`INS-00${(i % 8) + 1}`, `INS-00${((i + 3) % 8) + 1}`],
          outcome: 'conforming',
          completedOn: '2025-05-01',
          authority: '440100',
        },
      }),
    );
    for (let s = 0; s < 10; s += 1) {
      const result = runDraw(inputFor(targets, pool, { policy: DRAW_ALL, revealedSecret: secretFor(s) }));
      expect(result.assignments).toHaveLength(60);
      for (const a of result.assignments) {
        const t = targets.find((x) => x.uscc === a.uscc) as PoolTarget;
        for (const id of a.inspectorIds) {
          expect(pool.find((p) => p.inspectorId === id)?.conflicts).not.toContain(a.uscc);
          expect(t.lastInspection?.inspectorIds).not.toContain(id);
        }
      }
    }
  });

  it('spreads the workload so loads differ by at most 1 when every inspector is eligible', () => {
    for (let s = 0; s < 10; s += 1) {
      const result = runDraw(inputFor(Array.from({ length: 61 }, (_, i) => target(i, 'C')), inspectors(7), { policy: DRAW_ALL, revealedSecret: secretFor(s) }));
      const loads = new Map<string, number>();
      for (const id of result.assignments.flatMap((a) => a.inspectorIds)) loads.set(id, (loads.get(id) ?? 0) + 1);
      expect(loads.size).toBe(7);
      expect(Math.max(...loads.values()) - Math.min(...loads.values())).toBeLessThanOrEqual(1);
    }
  });

  it('throws DRAW.NOT_ENOUGH_INSPECTORS naming the target when fewer than required are eligible', () => {
    const pool = [inspector(1, { conflicts: [usccOf(5)] }), inspector(2), inspector(3, { active: false })];
    const error = caught(() => runDraw(inputFor([target(4, 'D'), target(5, 'D')], pool, { policy: DRAW_ALL })));
    expect(error).toBeInstanceOf(RuleViolation);
    expect(error.code).toBe(DRAW_ERROR_CODES.NOT_ENOUGH_INSPECTORS);
    expect(error.message).toContain(usccOf(5));
    expect(error.details).toEqual({ uscc: usccOf(5), eligible: 1, required: 2 });
  });
});

describe('runDraw validation', () => {
  const pool = inspectors(4);

  it('refuses a secret that does not open the commitment: DRAW.SECRET_MISMATCH', () => {
    const error = caught(() => runDraw(inputFor(mixedPool(), pool, { commitment: commitmentOf(secretFor(1)) })));
    expect(error).toBeInstanceOf(RuleViolation);
    expect(error.code).toBe(DRAW_ERROR_CODES.SECRET_MISMATCH);
  });

  it('refuses fewer than two inspectors per target (art. 42)', () => {
    const error = caught(() => runDraw(inputFor(mixedPool(), pool, { policy: { ...DEFAULT_DRAW_POLICY, inspectorsPerTarget: 1 } })));
    expect(error).toBeInstanceOf(RuleViolation);
    expect(error.code).toBe(DRAW_ERROR_CODES.TOO_FEW_INSPECTORS_PER_TARGET);
  });

  it.each([
    ['a ratio above 1', { ...DEFAULT_DRAW_POLICY, ratios: { ...DEFAULT_DRAW_POLICY.ratios, C: 1.2 } }],
    ['a negative ratio', { ...DEFAULT_DRAW_POLICY, ratios: { ...DEFAULT_DRAW_POLICY.ratios, A: -0.01 } }],
    ['a ratio finer than 1 ppm', { ...DEFAULT_DRAW_POLICY, ratios: { ...DEFAULT_DRAW_POLICY.ratios, B: 0.0000001 } }],
    ['an exclusion window under 6 months', { ...DEFAULT_DRAW_POLICY, exclusionMonths: 3 }],
  ])('refuses %s: DRAW.INVALID_POLICY', (_label, policy) => {
    const error = caught(() => runDraw(inputFor(mixedPool(), pool, { policy: policy as DrawPolicy })));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe(DRAW_ERROR_CODES.INVALID_POLICY);
  });

  it('refuses duplicate pool members, bad dates, bad division codes and a short secret: DRAW.INVALID_INPUT', () => {
    const targets = [target(1, 'A'), target(1, 'B'), target(2, 'E' as CreditClass, { jurisdiction: '44' })];
    const short = 'short-secret';
    const error = caught(() =>
      runDraw(inputFor(targets, [inspector(1), inspector(1)], { drawnOn: '2026-02-30', revealedSecret: short, commitment: commitmentOf(short) })),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe(DRAW_ERROR_CODES.INVALID_INPUT);
    const fields = (error as ValidationError).errors.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['drawnOn', 'revealedSecret', 'targets', 'inspectors', 'targets[2].creditClass', 'targets[2].jurisdiction']),
    );
  });
});

describe('the worked example of docs/draw-algorithm.md', () => {
  const p = (name: string, model: string, category = 'rice cookers'): PoolProduct => ({ name, model, category, standardNumber: 'Q/ABC 001-2024' });
  const t = (uscc: string, creditClass: CreditClass, o: Partial<PoolTarget> = {}): PoolTarget => ({
    uscc,
    jurisdiction: '440106',
    creditClass,
    products: [p(`${uscc} cooker`, 'M1')],
    openCaseProductKeys: [],
    passedSpotChecks: [],
    ...o,
  });
  const ins = (inspectorId: string, o: Partial<PoolInspector> = {}): PoolInspector => ({
    inspectorId,
    jurisdiction: '440100',
    active: true,
    qualifications: [],
    conflicts: [],
    ...o,
  });
  const targets: PoolTarget[] = [
    t('U-A1', 'A', { lastDrawnOn: '2026-01-20' }),
    t('U-A2', 'A'),
    t('U-A3', 'A', { jurisdiction: '440104' }),
    t('U-B1', 'B'),
    t('U-B2', 'B', { lastInspection: { inspectorIds: ['I-01', 'I-06'], outcome: 'conforming', completedOn: '2025-04-10', authority: '440100' } }),
    t('U-B3', 'B'),
    t('U-B4', 'B', { jurisdiction: '440104' }),
    t('U-C1', 'C', { passedSpotChecks: [{ productKey: '["U-C1 cooker","M1"]', completedOn: '2025-11-02', authority: '440000' }] }),
    t('U-C2', 'C', { products: [p('U-C2 cooker', 'M1'), p('U-C2 cooker', 'M2')], openCaseProductKeys: ['["U-C2 cooker","M1"]'] }),
    t('U-C3', 'C'),
    t('U-D1', 'D'),
    t('U-D2', 'D', { products: [p('U-D2 cooker', 'M1'), p('U-D2 kettle', 'K1', 'kitchen appliances')] }),
    t('U-D3', 'D', { jurisdiction: '440104' }),
    t('U-X1', 'D', { jurisdiction: '440306' }),
  ];
  const pool: PoolInspector[] = [
    ins('I-01'),
    ins('I-02', { conflicts: ['U-D1'] }),
    ins('I-03', { jurisdiction: '440106' }),
    ins('I-04', { active: false }),
    ins('I-05', { jurisdiction: '440300' }),
    ins('I-06'),
  ];
  const secret = '6f1c2d3e4b5a69788796a5b4c3d2e1f0';
  const input: DrawInput = {
    planId: 'PLAN-440100-2026-01',
    authority: '440100',
    drawnOn: '2026-03-16',
    policy: DEFAULT_DRAW_POLICY,
    revealedSecret: secret,
    commitment: '66b746bcb1ee0c779b8a23fa13658d0665d484139f172cef884271098d3ede8c',
    poolPosition: '4711',
    targets,
    inspectors: pool,
  };

  it('reproduces the published commitment, pool hash, seed and first PRNG words', () => {
    expect(commitmentOf(secret)).toBe(input.commitment);
    expect(poolHash(targets, pool, '4711')).toBe('07c344958fa8fe88bfea6c2532aa87c41dc4bb290ef7a098ba4b8aa4316b1d84');
    expect(drawSeed(secret, '07c344958fa8fe88bfea6c2532aa87c41dc4bb290ef7a098ba4b8aa4316b1d84')).toBe(
      'd38adf02adbbcc45fe7f28f8fa26ae0f717590cbbdab9036f076378a756583c8',
    );
    const prng = createPrng('d38adf02adbbcc45fe7f28f8fa26ae0f717590cbbdab9036f076378a756583c8');
    expect(Array.from({ length: 8 }, () => prng.nextUint32())).toEqual([
      4156141667, 3124786067, 379260470, 3193222512, 2508509633, 1894938971, 3711287441, 2241110751,
    ]);
  });

  it('reproduces the published result', () => {
    const result = runDraw(input);
    expect(result.strata).toEqual({
      A: { poolSize: 3, eligible: 2, quota: 1, drawn: ['U-A2'] },
      B: { poolSize: 4, eligible: 4, quota: 1, drawn: ['U-B2'] },
      C: { poolSize: 3, eligible: 2, quota: 1, drawn: ['U-C2'] },
      D: { poolSize: 4, eligible: 3, quota: 2, drawn: ['U-D1', 'U-D2'] },
    });
    expect(result.excluded).toEqual([
      { uscc: 'U-A1', reason: 'a_class_already_drawn_this_year' },
      { uscc: 'U-C1', reason: 'all_products_excluded', products: [{ productKey: '["U-C1 cooker","M1"]', reason: 'recent_spot_check' }] },
      { uscc: 'U-X1', reason: 'outside_jurisdiction' },
    ]);
    expect(result.assignments).toEqual([
      { uscc: 'U-A2', productKey: '["U-A2 cooker","M1"]', inspectorIds: ['I-02', 'I-06'] },
      { uscc: 'U-B2', productKey: '["U-B2 cooker","M1"]', inspectorIds: ['I-03', 'I-02'] },
      { uscc: 'U-C2', productKey: '["U-C2 cooker","M2"]', inspectorIds: ['I-01', 'I-03'] },
      { uscc: 'U-D1', productKey: '["U-D1 cooker","M1"]', inspectorIds: ['I-01', 'I-06'] },
      { uscc: 'U-D2', productKey: '["U-D2 cooker","M1"]', inspectorIds: ['I-06', 'I-02'] },
    ]);
    expect(verifyDraw(input, result)).toEqual({ matches: true, differences: [] });
  });
});

describe('statistics of the draw', () => {
  const SIZES: Record<CreditClass, number> = { A: 300, B: 400, C: 200, D: 100 };
  const DRAWS = 400;
  const CLASSES: CreditClass[] = ['A', 'B', 'C', 'D'];
  const targets: PoolTarget[] = [];
  let next = 0;
  for (const c of CLASSES) for (let k = 0; k < SIZES[c]; k += 1) targets.push(target((next += 1), c));
  const pool = inspectors(40);

  /** Upper 1e-6 quantile of chi-square with `df` degrees of freedom (Wilson–Hilferty approximation, z = 4.753). */
  const chiSquareCritical = (df: number): number => df * (1 - 2 / (9 * df) + 4.753 * Math.sqrt(2 / (9 * df))) ** 3;

  it(`over ${DRAWS} secrets on a 1,000-target pool, each class draws exactly its quota every time, and per-target counts pass chi-square (p = 1e-6) and stay within 5 binomial sd of ${DRAWS} × quota/eligible`, () => {
    const counts = new Map<string, number>();
    const expectedQuota: Record<CreditClass, number> = { A: 6, B: 20, C: 40, D: 50 };
    for (let s = 0; s < DRAWS; s += 1) {
      const result = runDraw(inputFor(targets, pool, { revealedSecret: secretFor(1000 + s) }));
      for (const c of CLASSES) {
        const stratum = result.strata[c];
        expect(stratum.drawn.length).toBe(expectedQuota[c]);
        expect(stratum.drawn.length / stratum.eligible).toBe(DEFAULT_DRAW_POLICY.ratios[c]);
        for (const uscc of stratum.drawn) counts.set(uscc, (counts.get(uscc) ?? 0) + 1);
      }
    }
    for (const c of CLASSES) {
      const p = DEFAULT_DRAW_POLICY.ratios[c];
      const expected = DRAWS * p;
      const sd = Math.sqrt(DRAWS * p * (1 - p));
      const inClass = targets.filter((t) => t.creditClass === c);
      let chiSquare = 0;
      let maxDeviation = 0;
      for (const t of inClass) {
        const observed = counts.get(t.uscc) ?? 0;
        chiSquare += (observed - expected) ** 2 / (expected * (1 - p));
        maxDeviation = Math.max(maxDeviation, Math.abs(observed - expected));
      }
      expect(chiSquare).toBeLessThan(chiSquareCritical(inClass.length));
      expect(maxDeviation).toBeLessThanOrEqual(5 * sd);
    }
  });
});

describe('sampling ratios with rounding and exclusions', () => {
  // Class sizes chosen so that eligible × ratio is never a whole number, and some targets in each class are excluded (open case).
  const SIZES: Record<CreditClass, number> = { A: 137, B: 263, C: 71, D: 29 };
  const RATIOS: Record<CreditClass, number> = { A: 0.03, B: 0.07, C: 0.25, D: 0.4 };
  const EXCLUDED_EVERY = 10;
  const DRAWS = 300;
  const CLASSES: CreditClass[] = ['A', 'B', 'C', 'D'];
  const targets: PoolTarget[] = [];
  let next = 5000;
  for (const c of CLASSES) {
    for (let k = 0; k < SIZES[c]; k += 1) {
      next += 1;
      const p = product(`Brand${next} rice cooker`, `RC-${next}`);
      targets.push(target(next, c, { products: [p], openCaseProductKeys: k % EXCLUDED_EVERY === 0 ? [productKeyOf(p)] : [] }));
    }
  }
  const policy: DrawPolicy = { ...DEFAULT_DRAW_POLICY, ratios: RATIOS };

  it(`draws each class at its ratio of the eligible targets: exactly round-half-up per draw, and a fixed half of each class within 5 sd over ${DRAWS} secrets`, () => {
    const hitsOnLowerHalf: Record<CreditClass, number> = { A: 0, B: 0, C: 0, D: 0 };
    const excludedIds = new Set(targets.filter((t) => t.openCaseProductKeys.length > 0).map((t) => t.uscc));
    const eligibleOf = (c: CreditClass) => targets.filter((t) => t.creditClass === c && !excludedIds.has(t.uscc)).map((t) => t.uscc).sort();
    for (let s = 0; s < DRAWS; s += 1) {
      const result = runDraw(inputFor(targets, inspectors(30), { policy, revealedSecret: secretFor(9000 + s) }));
      for (const c of CLASSES) {
        const stratum = result.strata[c];
        const eligible = eligibleOf(c);
        expect(stratum.eligible).toBe(eligible.length);
        // Tolerance per draw: the quota is eligible × ratio rounded half up, so it is within 0.5 of it (and at least 1).
        expect(Math.abs(stratum.drawn.length - eligible.length * RATIOS[c])).toBeLessThanOrEqual(0.5);
        for (const uscc of stratum.drawn) expect(excludedIds.has(uscc)).toBe(false);
        const lower = new Set(eligible.slice(0, Math.floor(eligible.length / 2)));
        hitsOnLowerHalf[c] += stratum.drawn.filter((u) => lower.has(u)).length;
      }
    }
    for (const c of CLASSES) {
      // Each draw picks `quota` of `E` eligible targets without replacement, so the hits on a fixed subset of size h are
      // hypergeometric: mean quota·h/E, variance quota·(h/E)·(1 − h/E)·(E − quota)/(E − 1). Over independent secrets the
      // sums add; 5 sd makes a false failure less likely than 1 in a million per class.
      const E = eligibleOf(c).length;
      const h = Math.floor(E / 2);
      const quota = quotaFor(E, RATIOS[c]);
      const mean = DRAWS * quota * (h / E);
      const sd = Math.sqrt(DRAWS * quota * (h / E) * (1 - h / E) * ((E - quota) / (E - 1)));
      expect(Math.abs(hitsOnLowerHalf[c] - mean)).toBeLessThanOrEqual(5 * sd);
    }
  });
});
