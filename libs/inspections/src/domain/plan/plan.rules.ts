import {
  ConflictError,
  NotFoundError,
  RuleViolation,
  checkBoolean,
  checkCommandDate,
  checkDate,
  checkDivisionCode,
  checkInteger,
  checkOneOf,
  checkText,
  isRecord,
  throwIfFieldErrors,
} from '@regledger/shared';
import type { FieldError } from '@regledger/shared';
import { KEY_CATEGORIES, PRODUCT_CATEGORIES, STANDARD_KINDS, isKeyCategory } from '@regledger/declarations/contracts';
import type { ProductCategory, StandardKind } from '@regledger/declarations/contracts';
import { CREDIT_CLASSES } from '../draw/draw.types.js';
import type { CreditClass, DrawPolicy } from '../draw/draw.types.js';
import { DEFAULT_DRAW_POLICY, DRAW_ERROR_CODES, HEX_64, MAX_EXCLUSION_MONTHS, MIN_EXCLUSION_MONTHS, MIN_INSPECTORS_PER_TARGET, ratioInPpm, secretMatchesCommitment } from '../draw/draw.rules.js';
import { checkQualifications } from '../inspector/inspector.rules.js';
import type { CreateInspectionPlanData } from './plan.commands.js';
import type { PlanPeriod, PlanScope } from './plan.events.js';
import type { PlanState } from './plan.decider.js';

/** Stable error codes of inspection plans. */
export const PLAN_ERROR_CODES = Object.freeze({
  VALIDATION_FAILED: 'PLAN.VALIDATION_FAILED',
  FORBIDDEN: 'PLAN.FORBIDDEN',
  NOT_FOUND: 'PLAN.NOT_FOUND',
  ALREADY_EXISTS: 'PLAN.ALREADY_EXISTS',
  ALREADY_DRAWN: 'PLAN.ALREADY_DRAWN',
  CANCELLED: 'PLAN.CANCELLED',
  NOT_DRAWN: 'PLAN.NOT_DRAWN',
  TOO_FEW_INSPECTORS_PER_TARGET: 'PLAN.TOO_FEW_INSPECTORS_PER_TARGET',
  EXCLUSION_TOO_SHORT: 'PLAN.EXCLUSION_TOO_SHORT',
  PERIOD_ENDED: 'PLAN.PERIOD_ENDED',
  SCOPE_OUTSIDE_KEY_CATEGORIES: 'PLAN.SCOPE_OUTSIDE_KEY_CATEGORIES',
  POOL_BEFORE_COMMITMENT: 'PLAN.POOL_BEFORE_COMMITMENT',
  UNKNOWN_COMMAND: 'PLAN.UNKNOWN_COMMAND',
} as const);

/** Field limits (design choice); required qualifications follow the inspector's qualification limits (INSPECTOR_LIMITS). */
export const PLAN_LIMITS = Object.freeze({ name: 200, reason: 1000, inspectorsPerTarget: 10 });

/** A plan id: a letter or digit, then up to 79 letters, digits, `.`, `_` or `-` (design choice: safe in a URL and a stream name). */
export const PLAN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

/** Policy numbers are checked from 0 up: the legal minimums are rule violations of their own (assertEnoughInspectorsPerTarget, assertExclusionWindow). */
const POLICY_NUMBER_MIN = 0;

/** A scope restriction: absent or null for all, otherwise a non-empty array of allowed values, returned distinct and sorted. */
const checkSubset = <T extends string>(field: string, value: unknown, allowed: readonly T[], errors: FieldError[]): T[] | null => {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.length === 0) {
    errors.push({ field, rule: 'non_empty_array', message: 'must be a non-empty array, or absent for all' });
    return null;
  }
  return [...new Set(value.map((v, i) => checkOneOf(`${field}[${i}]`, v, allowed, errors)))].sort();
};

/** A sampling ratio in [0, 1] in whole parts per million (domain.md §5 design choice; exact quota arithmetic). */
const checkRatio = (field: string, value: unknown, fallback: number, errors: FieldError[]): number => {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || ratioInPpm(value) === null) {
    errors.push({ field, rule: 'ratio', message: 'must be a number in [0, 1] with at most 6 decimals' });
    return fallback;
  }
  return value;
};

/** An optional policy number: absent or null takes the default. */
const checkPolicyInteger = (field: string, value: unknown, fallback: number, max: number, errors: FieldError[]): number =>
  value === undefined || value === null ? fallback : checkInteger(field, value, POLICY_NUMBER_MIN, max, errors);

/** Shape of CreateInspectionPlan: id, authority, name, scope, policy (defaults of domain.md §5), period, commitment. */
export const validateCreateInspectionPlan = (data: CreateInspectionPlanData, now: string) => {
  const errors: FieldError[] = [];
  if (typeof data?.planId !== 'string' || !PLAN_ID.test(data.planId)) errors.push({ field: 'planId', rule: 'plan_id', message: 'must be 1–80 letters, digits, ".", "_" or "-"' });
  const jurisdiction = checkDivisionCode('jurisdiction', data?.jurisdiction, errors);
  const name = checkText('name', data?.name, PLAN_LIMITS.name, errors);

  const rawScope = data?.scope ?? {};
  if (!isRecord(rawScope)) errors.push({ field: 'scope', rule: 'object', message: 'must be an object' });
  const scopeIn = isRecord(rawScope) ? rawScope : {};
  const scope: PlanScope = {
    productCategories: checkSubset<ProductCategory>('scope.productCategories', scopeIn.productCategories, PRODUCT_CATEGORIES, errors),
    standardKinds: checkSubset<StandardKind>('scope.standardKinds', scopeIn.standardKinds, STANDARD_KINDS, errors),
    keyCategoriesOnly: scopeIn.keyCategoriesOnly === undefined || scopeIn.keyCategoriesOnly === null ? false : checkBoolean('scope.keyCategoriesOnly', scopeIn.keyCategoriesOnly, errors),
  };

  const rawPolicy = data?.policy ?? {};
  if (!isRecord(rawPolicy)) errors.push({ field: 'policy', rule: 'object', message: 'must be an object' });
  const policyIn = isRecord(rawPolicy) ? rawPolicy : {};
  const ratiosIn = policyIn.ratios ?? {};
  if (!isRecord(ratiosIn)) errors.push({ field: 'policy.ratios', rule: 'object', message: 'must be an object with keys A, B, C, D' });
  const ratioSource = isRecord(ratiosIn) ? ratiosIn : {};
  for (const key of Object.keys(ratioSource)) {
    if (!CREDIT_CLASSES.includes(key as CreditClass)) errors.push({ field: `policy.ratios.${key}`, rule: 'credit_class', message: 'must be one of A, B, C, D' });
  }
  const ratios = Object.fromEntries(CREDIT_CLASSES.map((c) => [c, checkRatio(`policy.ratios.${c}`, ratioSource[c], DEFAULT_DRAW_POLICY.ratios[c], errors)])) as Record<CreditClass, number>;
  const inspectorsPerTarget = checkPolicyInteger('policy.inspectorsPerTarget', policyIn.inspectorsPerTarget, DEFAULT_DRAW_POLICY.inspectorsPerTarget, PLAN_LIMITS.inspectorsPerTarget, errors);
  const exclusionMonths = checkPolicyInteger('policy.exclusionMonths', policyIn.exclusionMonths, DEFAULT_DRAW_POLICY.exclusionMonths, MAX_EXCLUSION_MONTHS, errors);
  const requiredQualifications =
    policyIn.requiredQualifications === undefined || policyIn.requiredQualifications === null
      ? [...(DEFAULT_DRAW_POLICY.requiredQualifications ?? [])]
      : checkQualifications('policy.requiredQualifications', policyIn.requiredQualifications, errors);

  const periodIn: Record<string, unknown> = isRecord(data?.period) ? data.period : {};
  if (!isRecord(data?.period)) errors.push({ field: 'period', rule: 'required', message: 'must be an object with from and to dates' });
  const period: PlanPeriod = { from: checkDate('period.from', periodIn.from, errors), to: checkDate('period.to', periodIn.to, errors) };
  if (period.from !== '' && period.to !== '' && period.to < period.from) errors.push({ field: 'period.to', rule: 'not_before_from', message: 'must not be before period.from' });

  if (typeof data?.commitment !== 'string' || !HEX_64.test(data.commitment)) {
    errors.push({ field: 'commitment', rule: 'sha256_hex', message: 'must be the SHA-256 of the secret as 64 lowercase hex digits' });
  }
  const today = checkCommandDate(now, errors);
  throwIfFieldErrors(errors, PLAN_ERROR_CODES.VALIDATION_FAILED);

  const policy: DrawPolicy = { ratios, inspectorsPerTarget, exclusionMonths, requiredQualifications };
  return { data: { planId: data.planId, jurisdiction, name, scope, policy, period, commitment: data.commitment }, today };
};

/** At least two inspectors per inspection (Administrative Penalty Law art. 42). */
export const assertEnoughInspectorsPerTarget = (policy: DrawPolicy): void => {
  if (policy.inspectorsPerTarget < MIN_INSPECTORS_PER_TARGET) {
    throw new RuleViolation(PLAN_ERROR_CODES.TOO_FEW_INSPECTORS_PER_TARGET, `at least ${MIN_INSPECTORS_PER_TARGET} inspectors per inspection (Administrative Penalty Law art. 42)`, {
      inspectorsPerTarget: policy.inspectorsPerTarget,
    });
  }
};

/** The same authority does not spot-check the same product again within 6 months (Product Quality Law art. 15). */
export const assertExclusionWindow = (policy: DrawPolicy): void => {
  if (policy.exclusionMonths < MIN_EXCLUSION_MONTHS) {
    throw new RuleViolation(PLAN_ERROR_CODES.EXCLUSION_TOO_SHORT, `the exclusion window is at least ${MIN_EXCLUSION_MONTHS} months (Product Quality Law art. 15)`, {
      exclusionMonths: policy.exclusionMonths,
    });
  }
};

/** A key-categories-only plan lists only key categories (the 15 key consumer categories of the Guangdong plan, domain.md §3). */
export const assertScopeConsistent = (scope: PlanScope): void => {
  const outside = scope.keyCategoriesOnly ? (scope.productCategories ?? []).filter((c) => !isKeyCategory(c)) : [];
  if (outside.length > 0) {
    throw new RuleViolation(PLAN_ERROR_CODES.SCOPE_OUTSIDE_KEY_CATEGORIES, `categories ${outside.join(', ')} are not among the 15 key consumer categories`, { categories: outside });
  }
};

/** The period must not have ended when the plan is made (SAMR 2019 No. 38: a plan is made for a coming batch). */
export const assertPeriodNotEnded = (period: PlanPeriod, today: string): void => {
  if (period.to < today) throw new RuleViolation(PLAN_ERROR_CODES.PERIOD_ENDED, `the plan's period ended on ${period.to}`, { period, today });
};

/**
 * The product categories the draw takes (docs/draw-algorithm.md §11): the listed ones, or with `keyCategoriesOnly` the 15 key
 * categories (domain.md §3) among the listed ones; undefined (every category) when nothing restricts them. Sorted.
 */
export const drawCategoriesFor = (scope: PlanScope): string[] | undefined => {
  if (scope.keyCategoriesOnly) return [...(scope.productCategories ?? KEY_CATEGORIES)].filter(isKeyCategory).sort();
  return scope.productCategories === null ? undefined : [...scope.productCategories].sort();
};

// ---- rules on the state ----

/** A plan id names one plan. */
export const assertPlanIdFree = (state: PlanState, planId: string): void => {
  if (state.status !== 'none') throw new ConflictError(PLAN_ERROR_CODES.ALREADY_EXISTS, `plan ${planId} already exists`, { planId });
};

export const assertKnownPlan = (state: PlanState, planId: string): void => {
  if (state.status === 'none') throw new NotFoundError(PLAN_ERROR_CODES.NOT_FOUND, `no inspection plan ${planId}`, { planId });
};

/** A plan is drawn once, and never after it was cancelled (SAMR 2019 No. 38: one draw per batch). */
export const assertDrawable = (state: PlanState, planId: string): void => {
  if (state.status === 'drawn') throw new ConflictError(PLAN_ERROR_CODES.ALREADY_DRAWN, `plan ${planId} was already drawn on ${state.drawnOn}`, { planId });
  if (state.status === 'cancelled') throw new ConflictError(PLAN_ERROR_CODES.CANCELLED, `plan ${planId} was cancelled`, { planId });
};

/** The revealed secret must open the commitment recorded with the plan (commit–reveal, docs/draw-algorithm.md §1). */
export const assertSecretOpensCommitment = (secret: unknown, commitment: string, planId: string): void => {
  if (typeof secret !== 'string' || !secretMatchesCommitment(secret, commitment)) {
    throw new RuleViolation(DRAW_ERROR_CODES.SECRET_MISMATCH, 'the revealed secret does not match the commitment recorded with the plan', { planId, commitment });
  }
};

/** The pool is fixed after the commitment was recorded, so nobody chose the secret knowing the pool (docs/draw-algorithm.md §1). */
export const assertCommitmentPrecedesPool = (precedes: boolean, planId: string): void => {
  if (!precedes) throw new RuleViolation(PLAN_ERROR_CODES.POOL_BEFORE_COMMITMENT, `the pool of plan ${planId} would be fixed before its commitment`, { planId });
};
