import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { RuleViolation, ValidationError, addMonths, canonicalJson, isCalendarDate, isDivisionCode, jurisdictionCovers } from '@regledger/shared';
import type { FieldError } from '@regledger/shared';
import { CREDIT_CLASSES, INSPECTION_OUTCOMES } from './draw.types.js';
import type {
  CreditClass,
  DrawAssignment,
  DrawInput,
  DrawPolicy,
  DrawResult,
  DrawVerification,
  ExcludedProduct,
  ExcludedTarget,
  PoolInspector,
  PoolProduct,
  PoolTarget,
  ProductExclusionReason,
  StratumResult,
  TargetExclusionReason,
} from './draw.types.js';

/** Stable error codes of the draw. */
export const DRAW_ERROR_CODES = Object.freeze({
  INVALID_INPUT: 'DRAW.INVALID_INPUT',
  INVALID_POLICY: 'DRAW.INVALID_POLICY',
  SECRET_MISMATCH: 'DRAW.SECRET_MISMATCH',
  TOO_FEW_INSPECTORS_PER_TARGET: 'DRAW.TOO_FEW_INSPECTORS_PER_TARGET',
  NOT_ENOUGH_INSPECTORS: 'DRAW.NOT_ENOUGH_INSPECTORS',
} as const);

/** The version of the algorithm described in docs/draw-algorithm.md. */
export const DRAW_ALGORITHM_VERSION = 1 as const;

/** At least two inspectors per inspection (Administrative Penalty Law art. 42). */
export const MIN_INSPECTORS_PER_TARGET = 2;

/** The same authority may not spot-check the same product again within 6 months (Product Quality Law art. 15). */
export const MIN_EXCLUSION_MONTHS = 6;

/** Upper bound of a policy's exclusion window (design choice: 10 years). */
export const MAX_EXCLUSION_MONTHS = 120;

/** A revealed secret has at least 32 characters, e.g. 128 random bits in hex, so it cannot be guessed from its commitment (design choice). */
export const MIN_SECRET_LENGTH = 32;

/** Ratios are exact in parts per million (design choice: exact integer quota arithmetic). */
export const RATIO_SCALE = 1_000_000;

/** Default per-plan policy (domain.md §5 design choice: A 2 %, B 5 %, C 20 %, D 50 %; two inspectors; 6 months). */
export const DEFAULT_DRAW_POLICY: Readonly<DrawPolicy> = Object.freeze({
  ratios: Object.freeze({ A: 0.02, B: 0.05, C: 0.2, D: 0.5 }),
  inspectorsPerTarget: MIN_INSPECTORS_PER_TARGET,
  exclusionMonths: MIN_EXCLUSION_MONTHS,
  requiredQualifications: [],
}) as Readonly<DrawPolicy>;

/** A SHA-256 digest as 64 lowercase hex digits. */
export const HEX_64 = /^[0-9a-f]{64}$/;
const UINT32_RANGE = 2 ** 32;

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Code-unit order, the order JavaScript's default sort gives strings (design choice: canonical order). */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// ---- commitment, pool hash, seed ----

/** The commitment published before the pool is fixed: SHA-256 hex of the secret's UTF-8 bytes (commit-reveal, docs/draw-algorithm.md §1). */
export const commitmentOf = (secret: string): string => sha256Hex(secret);

/** The revealed secret opens the commitment recorded earlier (commit-reveal, docs/draw-algorithm.md §1). */
export const secretMatchesCommitment = (secret: string, commitment: string): boolean => {
  if (typeof secret !== 'string' || typeof commitment !== 'string' || !HEX_64.test(commitment)) return false;
  return timingSafeEqual(Buffer.from(commitmentOf(secret), 'hex'), Buffer.from(commitment, 'hex'));
};

/** A product's identity is its name (brand included) and model (domain.md §5: "same product (brand, model)"). */
export const productKeyOf = (product: Pick<PoolProduct, 'name' | 'model'>): string => JSON.stringify([product.name, product.model]);

/*
 * The canonical pool objects below are built with their keys already in code-unit order and without undefined members, so that
 * JSON.stringify of them is exactly canonicalJson of them (keys sorted, no whitespace) at a fraction of the cost; the unit tests
 * check the equality.
 */

/** Arrays inside a pool member are sets: sorted by the canonical JSON of their elements (design choice: order-independent pool hash). */
const canonicalSet = <T>(items: readonly T[]): T[] =>
  items.length < 2
    ? [...items]
    : items
        .map((item) => ({ item, key: JSON.stringify(item) }))
        .sort((a, b) => compareText(a.key, b.key))
        .map((entry) => entry.item);

const canonicalTarget = (t: PoolTarget): Record<string, unknown> => ({
  creditClass: t.creditClass,
  jurisdiction: t.jurisdiction,
  ...(t.lastDrawnOn === undefined ? {} : { lastDrawnOn: t.lastDrawnOn }),
  ...(t.lastInspection === undefined
    ? {}
    : {
        lastInspection: {
          authority: t.lastInspection.authority,
          completedOn: t.lastInspection.completedOn,
          inspectorIds: canonicalSet(t.lastInspection.inspectorIds),
          outcome: t.lastInspection.outcome,
          ...(t.lastInspection.productKey === undefined ? {} : { productKey: t.lastInspection.productKey }),
        },
      }),
  openCaseProductKeys: canonicalSet(t.openCaseProductKeys),
  passedSpotChecks: canonicalSet(t.passedSpotChecks.map((c) => ({ authority: c.authority, completedOn: c.completedOn, productKey: c.productKey }))),
  products: canonicalSet(t.products.map((p) => ({ category: p.category, model: p.model, name: p.name, standardNumber: p.standardNumber }))),
  uscc: t.uscc,
});

const canonicalInspector = (i: PoolInspector): Record<string, unknown> => ({
  active: i.active,
  conflicts: canonicalSet(i.conflicts),
  inspectorId: i.inspectorId,
  jurisdiction: i.jurisdiction,
  qualifications: canonicalSet(i.qualifications),
});

/** The canonical text of the pool: canonicalJson of its known fields, targets by USCC, inspectors by id, inner arrays as sets (docs/draw-algorithm.md §2). */
export const canonicalPoolText = (targets: readonly PoolTarget[], inspectors: readonly PoolInspector[], poolPosition: string): string =>
  JSON.stringify({
    inspectors: [...inspectors].sort((a, b) => compareText(a.inspectorId, b.inspectorId)).map(canonicalInspector),
    poolPosition,
    targets: [...targets].sort((a, b) => compareText(a.uscc, b.uscc)).map(canonicalTarget),
  });

/** SHA-256 hex of the canonical pool text: the same pool in any order hashes the same (docs/draw-algorithm.md §2). */
export const poolHash = (targets: readonly PoolTarget[], inspectors: readonly PoolInspector[], poolPosition: string): string => {
  // The bytes of canonicalPoolText, hashed as they are produced: a national pool's text is over 100 MB.
  const hash = createHash('sha256');
  let pending = '';
  const write = (text: string): void => {
    pending += text;
    if (pending.length >= 1 << 20) {
      hash.update(pending, 'utf8');
      pending = '';
    }
  };
  write('{"inspectors":[');
  [...inspectors].sort((a, b) => compareText(a.inspectorId, b.inspectorId)).forEach((i, k) => write((k ? ',' : '') + JSON.stringify(canonicalInspector(i))));
  write(`],"poolPosition":${JSON.stringify(poolPosition)},"targets":[`);
  [...targets].sort((a, b) => compareText(a.uscc, b.uscc)).forEach((t, k) => write((k ? ',' : '') + JSON.stringify(canonicalTarget(t))));
  write(']}');
  return hash.update(pending, 'utf8').digest('hex');
};

/** HMAC-SHA-256 keyed by the committed secret over the pool hash: nobody can pick the seed after seeing the pool (docs/draw-algorithm.md §3). */
export const drawSeed = (secret: string, hashOfPool: string): string => createHmac('sha256', Buffer.from(secret, 'utf8')).update(hashOfPool, 'utf8').digest('hex');

// ---- deterministic randomness ----

/** Block `counter` of the PRNG stream: SHA-256(seed bytes ‖ counter as 8-byte big-endian) (SHA-256 counter mode, docs/draw-algorithm.md §4). */
export const prngBlock = (seed: string | Buffer, counter: number): Buffer => {
  const message = Buffer.alloc(40);
  (typeof seed === 'string' ? Buffer.from(seed, 'hex') : seed).copy(message, 0, 0, 32);
  message.writeUInt32BE(Math.floor(counter / UINT32_RANGE), 32);
  message.writeUInt32BE(counter % UINT32_RANGE, 36);
  return createHash('sha256').update(message).digest();
};

/** A uniform integer in [0, n) from 32-bit words, rejecting words at or above the largest multiple of n: no modulo bias (rejection sampling, docs/draw-algorithm.md §4). */
export const uniformIntFromWords = (n: number, nextWord: () => number): number => {
  if (!Number.isInteger(n) || n < 1 || n > UINT32_RANGE) throw new RangeError(`uniform range must be an integer in [1, 2^32], got ${n}`);
  const limit = UINT32_RANGE - (UINT32_RANGE % n);
  for (;;) {
    const word = nextWord();
    if (word < limit) return word % n;
  }
};

export interface DrawPrng {
  /** The next 32-bit big-endian word of the stream. */
  nextUint32(): number;
  /** A uniform integer in [0, n), 1 ≤ n ≤ 2^32; always consumes at least one word. */
  uniformInt(n: number): number;
}

/** The draw's only source of randomness: 32-bit words read in order from the SHA-256 counter-mode stream of the seed (docs/draw-algorithm.md §4). */
export const createPrng = (seed: string): DrawPrng => {
  if (!HEX_64.test(seed)) throw new RangeError('seed must be 64 lowercase hex digits');
  const seedBytes = Buffer.from(seed, 'hex');
  let counter = 0;
  let block = prngBlock(seedBytes, counter);
  let offset = 0;
  const nextUint32 = (): number => {
    if (offset === block.length) {
      counter += 1;
      block = prngBlock(seedBytes, counter);
      offset = 0;
    }
    const word = block.readUInt32BE(offset);
    offset += 4;
    return word;
  };
  return { nextUint32, uniformInt: (n: number) => uniformIntFromWords(n, nextUint32) };
};

/** Fisher–Yates (Durstenfeld): for i from n−1 down to 1 swap item i with item uniformInt(i+1); returns a new array (docs/draw-algorithm.md §5). */
export const shuffle = <T>(items: readonly T[], prng: DrawPrng): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i >= 1; i -= 1) {
    const j = prng.uniformInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

// ---- quota ----

/** A ratio in parts per million, or null when it is not a whole number of ppm in [0, 1] (design choice: exact quota arithmetic). */
export const ratioInPpm = (ratio: number): number | null => {
  if (typeof ratio !== 'number' || !Number.isFinite(ratio) || ratio < 0 || ratio > 1) return null;
  const ppm = Math.round(ratio * RATIO_SCALE);
  return Math.abs(ratio * RATIO_SCALE - ppm) < 1e-6 ? ppm : null;
};

/** Quota = eligible × ratio rounded half up, at least 1 when eligible > 0 and ratio > 0, computed exactly in ppm (domain.md §5 design choice). */
export const quotaFor = (eligibleCount: number, ratio: number): number => {
  const ppm = ratioInPpm(ratio);
  if (ppm === null) throw new RangeError(`ratio must be in [0, 1] and a whole number of parts per million, got ${ratio}`);
  if (!Number.isInteger(eligibleCount) || eligibleCount < 0) throw new RangeError(`eligible count must be a non-negative integer, got ${eligibleCount}`);
  if (eligibleCount === 0 || ppm === 0) return 0;
  const rounded = Math.floor((eligibleCount * ppm + RATIO_SCALE / 2) / RATIO_SCALE);
  return Math.max(1, rounded);
};

// ---- exclusions ----

/** Calendar months as the exclusion window counts them (design choice: 08-31 + 6 → 02-28/29); the shared calendar rule. */
export { addMonths };

/** A passed check protects the product when completedOn ≤ drawnOn < completedOn + months (Product Quality Law art. 15: within 6 months). */
export const withinExclusionWindow = (completedOn: string, drawnOn: string, months: number): boolean =>
  completedOn <= drawnOn && drawnOn < addMonths(completedOn, months);

/** A check by the plan's authority or by a higher one covering it blocks the plan (Product Quality Law art. 15; SAMR Order 18 art. 8: a lower level does not repeat a higher level's check). */
export const checkBindsAuthority = (checkAuthority: string, planAuthority: string): boolean => jurisdictionCovers(checkAuthority, planAuthority);

/** Why a product cannot be chosen, or null: a recent passed check binding the plan, then an open case (domain.md §5). */
export const productExclusion = (target: PoolTarget, productKey: string, input: Pick<DrawInput, 'authority' | 'drawnOn' | 'policy'>): ProductExclusionReason | null => {
  const recentlyChecked = target.passedSpotChecks.some(
    (c) => c.productKey === productKey && checkBindsAuthority(c.authority, input.authority) && withinExclusionWindow(c.completedOn, input.drawnOn, input.policy.exclusionMonths),
  );
  if (recentlyChecked) return 'recent_spot_check';
  if (target.openCaseProductKeys.includes(productKey)) return 'open_case';
  return null;
};

/** An A-class target already drawn in the calendar year of the draw is not drawn again (Guangdong 2025 practice, domain.md §5). */
export const aClassAlreadyDrawnThisYear = (target: PoolTarget, drawnOn: string): boolean =>
  target.creditClass === 'A' && target.lastDrawnOn !== undefined && target.lastDrawnOn.slice(0, 4) === drawnOn.slice(0, 4);

/** The distinct keys of the target's products in the plan's categories, in code-unit order (domain.md §5; design choice: no categories means all). */
export const inScopeProductKeys = (target: PoolTarget, productCategories?: readonly string[]): string[] => {
  const keys = target.products.filter((p) => productCategories === undefined || productCategories.includes(p.category)).map(productKeyOf);
  return [...new Set(keys)].sort(compareText);
};

export type TargetAssessment =
  | { eligible: true; productKeys: string[] }
  | { eligible: false; reason: TargetExclusionReason; products?: ExcludedProduct[] };

/**
 * Decides a target from the pool alone, first matching reason wins: outside the plan's jurisdiction (domain.md §1), A-class drawn this year
 * (Guangdong 2025), no product in the plan's categories, every in-scope product excluded (Product Quality Law art. 15; open case).
 * A target without products and without a category scope stays eligible for an enterprise-level inspection (design choice).
 */
export const assessTarget = (target: PoolTarget, input: Pick<DrawInput, 'authority' | 'drawnOn' | 'policy' | 'productCategories'>): TargetAssessment => {
  if (!jurisdictionCovers(input.authority, target.jurisdiction)) return { eligible: false, reason: 'outside_jurisdiction' };
  if (aClassAlreadyDrawnThisYear(target, input.drawnOn)) return { eligible: false, reason: 'a_class_already_drawn_this_year' };
  const keys = inScopeProductKeys(target, input.productCategories);
  if (keys.length === 0) {
    return input.productCategories === undefined && target.products.length === 0
      ? { eligible: true, productKeys: [] }
      : { eligible: false, reason: 'no_product_in_scope' };
  }
  const excluded: ExcludedProduct[] = [];
  const kept: string[] = [];
  for (const productKey of keys) {
    const reason = productExclusion(target, productKey, input);
    if (reason === null) kept.push(productKey);
    else excluded.push({ productKey, reason });
  }
  return kept.length > 0 ? { eligible: true, productKeys: kept } : { eligible: false, reason: 'all_products_excluded', products: excluded };
};

// ---- inspectors ----

/** An inspector the plan may use: active, inside the plan's jurisdiction, holding the required qualifications (SAMR 2019 No. 38; domain.md §1). */
export const inspectorUsableForPlan = (inspector: PoolInspector, authority: string, requiredQualifications: readonly string[] = []): boolean =>
  inspector.active && jurisdictionCovers(authority, inspector.jurisdiction) && requiredQualifications.every((q) => inspector.qualifications.includes(q));

/** An inspector may inspect the target: acts in its jurisdiction, has no declared interest, was not on its last inspection (domain.md §1; Administrative Penalty Law art. 43; rotation, design choice). */
export const inspectorEligibleForTarget = (inspector: PoolInspector, target: PoolTarget): boolean =>
  jurisdictionCovers(inspector.jurisdiction, target.jurisdiction) &&
  !inspector.conflicts.includes(target.uscc) &&
  !(target.lastInspection?.inspectorIds ?? []).includes(inspector.inspectorId);

/**
 * The inspectors eligible for a target (inspectorEligibleForTarget), as indices into `usable` in its order: the same list as filtering
 * every inspector for every target, computed once per target jurisdiction and then narrowed by the target's own exclusions.
 */
export const eligibleInspectorIndices = (usable: readonly PoolInspector[]): ((target: PoolTarget) => number[]) => {
  const byJurisdiction = new Map<string, number[]>();
  const conflicted = new Set<string>(usable.flatMap((i) => i.conflicts));
  return (target) => {
    let covering = byJurisdiction.get(target.jurisdiction);
    if (!covering) {
      covering = [];
      for (let k = 0; k < usable.length; k += 1) if (jurisdictionCovers(usable[k].jurisdiction, target.jurisdiction)) covering.push(k);
      byJurisdiction.set(target.jurisdiction, covering);
    }
    const simple = !conflicted.has(target.uscc) && !(target.lastInspection?.inspectorIds.length ?? 0);
    return simple ? covering : covering.filter((k) => inspectorEligibleForTarget(usable[k], target));
  };
};

/**
 * pickInspectors over indices into inspectors sorted by id with unique ids, and loads kept per index: the same picks, in the same order,
 * from the same PRNG draws, without a map lookup per inspector and pick.
 */
const pickInspectorIndices = (target: PoolTarget, eligible: readonly number[], count: number, loads: Int32Array, ids: readonly string[], prng: DrawPrng): string[] => {
  if (eligible.length < count) return pickInspectors(target, eligible.map((k) => ids[k]), count, new Map(), prng);
  const chosen: number[] = [];
  const tied: number[] = [];
  for (let k = 0; k < count; k += 1) {
    let minLoad = Infinity;
    for (const i of eligible) if (loads[i] < minLoad && !chosen.includes(i)) minLoad = loads[i];
    tied.length = 0;
    for (const i of eligible) if (loads[i] === minLoad && !chosen.includes(i)) tied.push(i);
    const pick = tied[prng.uniformInt(tied.length)];
    chosen.push(pick);
    loads[pick] += 1;
  }
  return chosen.map((i) => ids[i]);
};

/**
 * Picks `count` distinct inspectors one at a time among the eligible with the minimum current load, ties broken by uniformInt over the
 * tied ids in code-unit order; increments the loads it picks (Administrative Penalty Law art. 42; design choice: even workload).
 */
export const pickInspectors = (
  target: PoolTarget,
  eligibleIds: readonly string[],
  count: number,
  loads: Map<string, number>,
  prng: DrawPrng,
): string[] => {
  if (eligibleIds.length < count) {
    throw new RuleViolation(
      DRAW_ERROR_CODES.NOT_ENOUGH_INSPECTORS,
      `target ${target.uscc} has ${eligibleIds.length} eligible inspector(s), ${count} required`,
      { uscc: target.uscc, eligible: eligibleIds.length, required: count },
    );
  }
  const chosen: string[] = [];
  const remaining = [...eligibleIds].sort(compareText);
  for (let k = 0; k < count; k += 1) {
    let minLoad = Infinity;
    for (const id of remaining) minLoad = Math.min(minLoad, loads.get(id) ?? 0);
    const tied: string[] = [];
    for (const id of remaining) if ((loads.get(id) ?? 0) === minLoad) tied.push(id);
    const pick = tied[prng.uniformInt(tied.length)];
    chosen.push(pick);
    loads.set(pick, (loads.get(pick) ?? 0) + 1);
    remaining.splice(remaining.indexOf(pick), 1);
  }
  return chosen;
};

// ---- validation ----

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isTextArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

const validateTarget = (t: PoolTarget, at: string, errors: FieldError[]): void => {
  const err = (field: string, rule: string, message: string): number => errors.push({ field: `${at}.${field}`, rule, message });
  if (!isText(t?.uscc)) err('uscc', 'required', 'must be a non-empty string');
  if (!isDivisionCode(t?.jurisdiction)) err('jurisdiction', 'division_code', 'must be a six-digit division code');
  if (!CREDIT_CLASSES.includes(t?.creditClass)) err('creditClass', 'enum', 'must be one of A, B, C, D');
  if (!Array.isArray(t?.products)) err('products', 'array', 'must be an array');
  else
    t.products.forEach((p, i) => {
      for (const f of ['name', 'model', 'category', 'standardNumber'] as const) if (typeof p?.[f] !== 'string') err(`products[${i}].${f}`, 'string', 'must be a string');
    });
  if (t?.lastInspection !== undefined) {
    const li = t.lastInspection;
    if (!isTextArray(li?.inspectorIds)) err('lastInspection.inspectorIds', 'array', 'must be an array of strings');
    if (li?.productKey !== undefined && typeof li.productKey !== 'string') err('lastInspection.productKey', 'string', 'must be a string');
    if (!INSPECTION_OUTCOMES.includes(li?.outcome)) err('lastInspection.outcome', 'enum', `must be one of ${INSPECTION_OUTCOMES.join(', ')}`);
    if (!isCalendarDate(li?.completedOn)) err('lastInspection.completedOn', 'date', 'must be YYYY-MM-DD');
    if (!isDivisionCode(li?.authority)) err('lastInspection.authority', 'division_code', 'must be a six-digit division code');
  }
  if (t?.lastDrawnOn !== undefined && !isCalendarDate(t.lastDrawnOn)) err('lastDrawnOn', 'date', 'must be YYYY-MM-DD');
  if (!isTextArray(t?.openCaseProductKeys)) err('openCaseProductKeys', 'array', 'must be an array of strings');
  if (!Array.isArray(t?.passedSpotChecks)) err('passedSpotChecks', 'array', 'must be an array');
  else
    t.passedSpotChecks.forEach((c, i) => {
      if (typeof c?.productKey !== 'string') err(`passedSpotChecks[${i}].productKey`, 'string', 'must be a string');
      if (!isCalendarDate(c?.completedOn)) err(`passedSpotChecks[${i}].completedOn`, 'date', 'must be YYYY-MM-DD');
      if (!isDivisionCode(c?.authority)) err(`passedSpotChecks[${i}].authority`, 'division_code', 'must be a six-digit division code');
    });
};

const validateInspector = (i: PoolInspector, at: string, errors: FieldError[]): void => {
  const err = (field: string, rule: string, message: string): number => errors.push({ field: `${at}.${field}`, rule, message });
  if (!isText(i?.inspectorId)) err('inspectorId', 'required', 'must be a non-empty string');
  if (!isDivisionCode(i?.jurisdiction)) err('jurisdiction', 'division_code', 'must be a six-digit division code');
  if (typeof i?.active !== 'boolean') err('active', 'boolean', 'must be a boolean');
  if (!isTextArray(i?.qualifications)) err('qualifications', 'array', 'must be an array of strings');
  if (!isTextArray(i?.conflicts)) err('conflicts', 'array', 'must be an array of strings');
};

const duplicates = (values: readonly string[]): string[] => {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const v of values) (seen.has(v) ? repeated : seen).add(v);
  return [...repeated];
};

/** Shape of the draw input: dates, division codes, a long enough secret, a hex commitment, unique pool members (design choice: reject rather than guess). */
export const validateDrawInput = (input: DrawInput): void => {
  const errors: FieldError[] = [];
  const err = (field: string, rule: string, message: string): number => errors.push({ field, rule, message });
  if (!isText(input?.planId)) err('planId', 'required', 'must be a non-empty string');
  if (!isDivisionCode(input?.authority)) err('authority', 'division_code', 'must be a six-digit division code');
  if (!isCalendarDate(input?.drawnOn)) err('drawnOn', 'date', 'must be YYYY-MM-DD');
  if (!isText(input?.poolPosition)) err('poolPosition', 'required', 'must be a non-empty string');
  if (typeof input?.revealedSecret !== 'string' || input.revealedSecret.length < MIN_SECRET_LENGTH) {
    err('revealedSecret', 'min_length', `must have at least ${MIN_SECRET_LENGTH} characters`);
  }
  if (typeof input?.commitment !== 'string' || !HEX_64.test(input.commitment)) err('commitment', 'sha256_hex', 'must be 64 lowercase hex digits');
  if (input?.productCategories !== undefined && !isTextArray(input.productCategories)) err('productCategories', 'array', 'must be an array of strings');
  if (!Array.isArray(input?.targets)) err('targets', 'array', 'must be an array');
  else {
    input.targets.forEach((t, i) => validateTarget(t, `targets[${i}]`, errors));
    for (const uscc of duplicates(input.targets.map((t) => t?.uscc))) err('targets', 'unique', `USCC ${uscc} appears more than once`);
  }
  if (!Array.isArray(input?.inspectors)) err('inspectors', 'array', 'must be an array');
  else {
    input.inspectors.forEach((ins, i) => validateInspector(ins, `inspectors[${i}]`, errors));
    for (const id of duplicates(input.inspectors.map((ins) => ins?.inspectorId))) err('inspectors', 'unique', `inspector ${id} appears more than once`);
  }
  if (errors.length > 0) throw new ValidationError(errors, DRAW_ERROR_CODES.INVALID_INPUT);
};

/** Ratios in [0, 1] in whole ppm, an integer inspector count, an integer exclusion window of 6 to 120 months (domain.md §5; Product Quality Law art. 15). */
export const validateDrawPolicy = (policy: DrawPolicy): void => {
  const errors: FieldError[] = [];
  for (const c of CREDIT_CLASSES) {
    if (ratioInPpm(policy?.ratios?.[c]) === null) {
      errors.push({ field: `policy.ratios.${c}`, rule: 'ratio', message: 'must be in [0, 1] and a whole number of parts per million' });
    }
  }
  if (!Number.isInteger(policy?.inspectorsPerTarget)) errors.push({ field: 'policy.inspectorsPerTarget', rule: 'integer', message: 'must be an integer' });
  const months = policy?.exclusionMonths;
  if (!Number.isInteger(months) || months < MIN_EXCLUSION_MONTHS || months > MAX_EXCLUSION_MONTHS) {
    errors.push({
      field: 'policy.exclusionMonths',
      rule: 'range',
      message: `must be an integer from ${MIN_EXCLUSION_MONTHS} (Product Quality Law art. 15) to ${MAX_EXCLUSION_MONTHS}`,
    });
  }
  if (policy?.requiredQualifications !== undefined && !isTextArray(policy.requiredQualifications)) {
    errors.push({ field: 'policy.requiredQualifications', rule: 'array', message: 'must be an array of strings' });
  }
  if (errors.length > 0) throw new ValidationError(errors, DRAW_ERROR_CODES.INVALID_POLICY);
  if (policy.inspectorsPerTarget < MIN_INSPECTORS_PER_TARGET) {
    throw new RuleViolation(
      DRAW_ERROR_CODES.TOO_FEW_INSPECTORS_PER_TARGET,
      `at least ${MIN_INSPECTORS_PER_TARGET} inspectors per inspection (Administrative Penalty Law art. 42)`,
      { inspectorsPerTarget: policy.inspectorsPerTarget },
    );
  }
};

// ---- the draw ----

/**
 * The double-random draw (SAMR 2019 No. 38; docs/draw-algorithm.md): validate, open the commitment, hash the pool, derive the seed,
 * stratify by credit class, shuffle each class's eligible targets (sorted by USCC) and take its quota, then for each drawn target in
 * drawn order pick its product and its inspectors from the same PRNG stream.
 */
export const runDraw = (input: DrawInput): DrawResult => {
  validateDrawInput(input);
  if (!secretMatchesCommitment(input.revealedSecret, input.commitment)) {
    throw new RuleViolation(DRAW_ERROR_CODES.SECRET_MISMATCH, 'the revealed secret does not match the recorded commitment', {
      planId: input.planId,
      commitment: input.commitment,
    });
  }
  validateDrawPolicy(input.policy);

  const hash = poolHash(input.targets, input.inspectors, input.poolPosition);
  const seed = drawSeed(input.revealedSecret, hash);
  const prng = createPrng(seed);

  const targets = [...input.targets].sort((a, b) => compareText(a.uscc, b.uscc));
  const productKeysByUscc = new Map<string, string[]>();
  const excluded: ExcludedTarget[] = [];
  for (const target of targets) {
    const assessment = assessTarget(target, input);
    if (assessment.eligible) productKeysByUscc.set(target.uscc, assessment.productKeys);
    else excluded.push({ uscc: target.uscc, reason: assessment.reason, ...(assessment.products ? { products: assessment.products } : {}) });
  }

  const strata = {} as Record<CreditClass, StratumResult>;
  const drawnTargets: PoolTarget[] = [];
  for (const creditClass of CREDIT_CLASSES) {
    const inClass = targets.filter((t) => t.creditClass === creditClass);
    const eligible = inClass.filter((t) => productKeysByUscc.has(t.uscc));
    const quota = quotaFor(eligible.length, input.policy.ratios[creditClass]);
    const drawn = shuffle(eligible, prng).slice(0, quota);
    drawnTargets.push(...drawn);
    strata[creditClass] = { poolSize: inClass.length, eligible: eligible.length, quota, drawn: drawn.map((t) => t.uscc) };
  }

  const usable = [...input.inspectors]
    .filter((i) => inspectorUsableForPlan(i, input.authority, input.policy.requiredQualifications ?? []))
    .sort((a, b) => compareText(a.inspectorId, b.inspectorId));
  // Usable inspectors are sorted by id and ids are unique (validated), so indices order as pickInspectors orders ids.
  const loads = new Int32Array(usable.length);
  const ids = usable.map((i) => i.inspectorId);
  const eligibleFor = eligibleInspectorIndices(usable);
  const assignments: DrawAssignment[] = drawnTargets.map((target) => {
    const keys = productKeysByUscc.get(target.uscc) ?? [];
    const productKey = keys.length > 0 ? keys[prng.uniformInt(keys.length)] : undefined;
    const inspectorIds = pickInspectorIndices(target, eligibleFor(target), input.policy.inspectorsPerTarget, loads, ids, prng);
    return productKey === undefined ? { uscc: target.uscc, inspectorIds } : { uscc: target.uscc, productKey, inspectorIds };
  });

  return { planId: input.planId, seed, poolHash: hash, strata, excluded, assignments, algorithmVersion: DRAW_ALGORITHM_VERSION };
};

// ---- verification ----

const MAX_REPORTED_DIFFERENCES = 50;

const show = (value: unknown): string => (value === undefined ? '(absent)' : JSON.stringify(value));

const diffJson = (path: string, recorded: unknown, recomputed: unknown, out: string[]): void => {
  if (Array.isArray(recorded) && Array.isArray(recomputed)) {
    if (recorded.length !== recomputed.length) out.push(`${path}.length: recorded ${recorded.length}, recomputed ${recomputed.length}`);
    for (let i = 0; i < Math.max(recorded.length, recomputed.length); i += 1) diffJson(`${path}[${i}]`, recorded[i], recomputed[i], out);
    return;
  }
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(recorded) && isObject(recomputed)) {
    const keys = [...new Set([...Object.keys(recorded), ...Object.keys(recomputed)])].sort(compareText);
    for (const key of keys) diffJson(path === '' ? key : `${path}.${key}`, recorded[key], recomputed[key], out);
    return;
  }
  if (canonicalJson(recorded) !== canonicalJson(recomputed)) out.push(`${path || '(root)'}: recorded ${show(recorded)}, recomputed ${show(recomputed)}`);
};

/** Recomputes the draw from its recorded input and lists every field where the recorded result differs (verifiability of the "one-public" draw). */
export const verifyDraw = (input: DrawInput, recorded: DrawResult): DrawVerification => {
  let recomputed: DrawResult;
  try {
    recomputed = runDraw(input);
  } catch (error) {
    const code = error instanceof RuleViolation || error instanceof ValidationError ? `${error.code}: ` : '';
    return { matches: false, differences: [`recomputation failed: ${code}${error instanceof Error ? error.message : String(error)}`] };
  }
  const all: string[] = [];
  diffJson('', JSON.parse(canonicalJson(recorded)), JSON.parse(canonicalJson(recomputed)), all);
  const differences =
    all.length > MAX_REPORTED_DIFFERENCES ? [...all.slice(0, MAX_REPORTED_DIFFERENCES), `… and ${all.length - MAX_REPORTED_DIFFERENCES} more`] : all;
  return { matches: all.length === 0, differences };
};
