import { DEFAULT_CREDIT_POLICY, type CreditPolicy } from './domain/index.js';

/** The environment variable of one design choice of the credit policy, and its bounds. */
export interface CreditVariable {
  name: string;
  unit: string;
  min: number;
  max: number;
}

/**
 * The environment variables of the credit policy's design choices, with their bounds (design choice). The
 * lower bounds keep version 0 publishable as a later version (base 85, thresholds 90, validity 36 months).
 */
export const CREDIT_ENV_VARIABLES: Readonly<Record<keyof CreditPolicy, CreditVariable>> = Object.freeze({
  reclassifyLookbackDays: { name: 'CREDIT_RECLASSIFY_LOOKBACK_DAYS', unit: 'days', min: 1, max: 366 },
  scoringPointsLimit: { name: 'CREDIT_SCORING_POINTS_LIMIT', unit: 'points', min: 100, max: 1_000_000 },
  scoringMaxValidityMonths: { name: 'CREDIT_SCORING_MAX_VALIDITY_MONTHS', unit: 'months', min: 36, max: 1200 },
});

const wholeNumber = (env: NodeJS.ProcessEnv, key: keyof CreditPolicy): number => {
  const v = CREDIT_ENV_VARIABLES[key];
  const raw = env[v.name];
  if (raw === undefined || raw.trim() === '') return DEFAULT_CREDIT_POLICY[key];
  const n = /^[0-9]+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < v.min || n > v.max) throw new Error(`${v.name} must be a whole number of ${v.unit} from ${v.min} to ${v.max}, got "${raw}"`);
  return n;
};

/**
 * The credit policy's design choices, from the environment (each falls back to `DEFAULT_CREDIT_POLICY`):
 * CREDIT_RECLASSIFY_LOOKBACK_DAYS (30), CREDIT_SCORING_POINTS_LIMIT (1000), CREDIT_SCORING_MAX_VALIDITY_MONTHS (240).
 * A value out of bounds stops the start with an error naming the variable and its bounds. The statutory periods
 * (CREDIT_STATUTORY_PERIODS) and the scoring policy itself (published versions) are not read from here.
 */
export const loadCreditConfig = (env: NodeJS.ProcessEnv = process.env): CreditPolicy =>
  Object.freeze({
    reclassifyLookbackDays: wholeNumber(env, 'reclassifyLookbackDays'),
    scoringPointsLimit: wholeNumber(env, 'scoringPointsLimit'),
    scoringMaxValidityMonths: wholeNumber(env, 'scoringMaxValidityMonths'),
  });

/** The loaded credit policy (`CreditPolicy`), for handlers and queries. */
export const CREDIT_CONFIG = Symbol('CREDIT_CONFIG');
