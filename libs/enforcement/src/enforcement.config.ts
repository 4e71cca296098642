import { DEFAULT_ENFORCEMENT_POLICY, type EnforcementPolicy, type PenaltyKind } from './domain/index.js';

/**
 * Bounds of the enforcement settings (design choices). Days stay within a year; fines are whole yuan below a
 * trillion. Warnings and fines cannot be heavy by kind: a fine is heavy by its amount, a warning never.
 */
export const ENFORCEMENT_CONFIG_BOUNDS = Object.freeze({
  enterpriseCorrectionDays: Object.freeze({ min: 1, max: 365 }),
  rectificationDays: Object.freeze({ min: 1, max: 365 }),
  heavyFineYuan: Object.freeze({ min: 1, max: 1_000_000_000_000 }),
  smallFineYuan: Object.freeze({ min: 0, max: 1_000_000_000_000 }),
  heavyPenaltyKinds: Object.freeze(['confiscation', 'suspension', 'licence_revocation'] as PenaltyKind[]),
});

/** The environment variable of each policy value. */
export const ENFORCEMENT_ENV = Object.freeze({
  enterpriseCorrectionDays: 'ENFORCEMENT_ENTERPRISE_CORRECTION_DAYS',
  rectificationDays: 'ENFORCEMENT_RECTIFICATION_DAYS',
  heavyFineYuan: 'ENFORCEMENT_HEAVY_FINE_YUAN',
  smallFineYuan: 'ENFORCEMENT_SMALL_FINE_YUAN',
  heavyPenaltyKinds: 'ENFORCEMENT_HEAVY_PENALTY_KINDS',
  stopSaleBeforeCorrection: 'ENFORCEMENT_STOP_SALE_BEFORE_CORRECTION',
});

const unset = (raw: string | undefined): raw is undefined => raw === undefined || raw.trim() === '';

const wholeNumber = (env: NodeJS.ProcessEnv, name: string, unit: string, bounds: { min: number; max: number }, fallback: number): number => {
  const raw = env[name];
  if (unset(raw)) return fallback;
  const n = /^[0-9]+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < bounds.min || n > bounds.max) {
    throw new Error(`${name} must be a whole number of ${unit} from ${bounds.min} to ${bounds.max}, got "${raw}"`);
  }
  return n;
};

const flag = (env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean => {
  const raw = env[name];
  if (unset(raw)) return fallback;
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
};

const penaltyKinds = (env: NodeJS.ProcessEnv, name: string, fallback: readonly PenaltyKind[]): readonly PenaltyKind[] => {
  const raw = env[name];
  if (unset(raw)) return fallback;
  const allowed = ENFORCEMENT_CONFIG_BOUNDS.heavyPenaltyKinds;
  if (raw.trim().toLowerCase() === 'none') return Object.freeze([] as PenaltyKind[]);
  const kinds = raw.split(',').map((k) => k.trim().toLowerCase());
  if (kinds.some((k) => !(allowed as readonly string[]).includes(k))) {
    throw new Error(`${name} must be "none" or a comma-separated list of ${allowed.join(', ')}, got "${raw}"`);
  }
  return Object.freeze([...new Set(kinds)] as PenaltyKind[]);
};

/**
 * The enforcement policy (the design choices of domain.md §5, §7, §8 that no statute fixes) from the environment,
 * each variable checked when the API or the projector starts; an unset or empty variable keeps the default of
 * `DEFAULT_ENFORCEMENT_POLICY`:
 * ENFORCEMENT_ENTERPRISE_CORRECTION_DAYS (30), ENFORCEMENT_RECTIFICATION_DAYS (90), ENFORCEMENT_HEAVY_FINE_YUAN (1000000),
 * ENFORCEMENT_SMALL_FINE_YUAN (100000), ENFORCEMENT_HEAVY_PENALTY_KINDS (licence_revocation,suspension),
 * ENFORCEMENT_STOP_SALE_BEFORE_CORRECTION (true). The statutory periods stay in the rules.
 */
export const loadEnforcementConfig = (env: NodeJS.ProcessEnv = process.env): EnforcementPolicy => {
  const d = DEFAULT_ENFORCEMENT_POLICY;
  const b = ENFORCEMENT_CONFIG_BOUNDS;
  const n = ENFORCEMENT_ENV;
  const policy: EnforcementPolicy = Object.freeze({
    enterpriseCorrectionDays: wholeNumber(env, n.enterpriseCorrectionDays, 'days', b.enterpriseCorrectionDays, d.enterpriseCorrectionDays),
    rectificationDays: wholeNumber(env, n.rectificationDays, 'days', b.rectificationDays, d.rectificationDays),
    heavyFineYuan: wholeNumber(env, n.heavyFineYuan, 'yuan', b.heavyFineYuan, d.heavyFineYuan),
    smallFineYuan: wholeNumber(env, n.smallFineYuan, 'yuan', b.smallFineYuan, d.smallFineYuan),
    heavyPenaltyKinds: penaltyKinds(env, n.heavyPenaltyKinds, d.heavyPenaltyKinds),
    stopSaleBeforeCorrection: flag(env, n.stopSaleBeforeCorrection, d.stopSaleBeforeCorrection),
  });
  // A fine shown only 3 months as small cannot at the same time be heavy (and put the enterprise on the serious-violation list).
  if (policy.smallFineYuan >= policy.heavyFineYuan) {
    throw new Error(`${n.smallFineYuan} (${policy.smallFineYuan}) must be below ${n.heavyFineYuan} (${policy.heavyFineYuan}): a small fine cannot be heavy`);
  }
  return policy;
};

export const ENFORCEMENT_CONFIG = Symbol('ENFORCEMENT_CONFIG');
