import { CREDIT_CLASSES, type CreditClass } from './domain/draw/draw.types.js';
import { DEFAULT_POOL_POLICY } from './domain/pool/pool.rules.js';

/** Planning's configuration values (design choices of domain.md §5). */
export interface PlanningConfig {
  /** The credit class of every target until a credit context classifies enterprises. */
  defaultCreditClass: CreditClass;
  /** How long the draw waits for the log to become readable up to the committed head, in ms. */
  poolReadTimeoutMs: number;
}

/** How long the log may take to become readable up to a pool position by default, in ms (design choice: 10 s). */
export const DEFAULT_POOL_READ_TIMEOUT_MS = 10_000;

/** Bounds of INSPECTION_POOL_READ_TIMEOUT_MS, in ms (design choice). */
export const POOL_READ_TIMEOUT_BOUNDS_MS = Object.freeze({ min: 100, max: 600_000 });

/** From the environment: INSPECTION_DEFAULT_CREDIT_CLASS (B), INSPECTION_POOL_READ_TIMEOUT_MS (10000). */
export const loadPlanningConfig = (env: NodeJS.ProcessEnv = process.env): PlanningConfig => {
  const raw = env.INSPECTION_DEFAULT_CREDIT_CLASS;
  const defaultCreditClass = raw === undefined || raw === '' ? DEFAULT_POOL_POLICY.defaultCreditClass : (raw.toUpperCase() as CreditClass);
  if (!CREDIT_CLASSES.includes(defaultCreditClass)) throw new Error(`INSPECTION_DEFAULT_CREDIT_CLASS must be one of A, B, C, D, got "${raw}"`);
  const rawTimeout = env.INSPECTION_POOL_READ_TIMEOUT_MS;
  const poolReadTimeoutMs = rawTimeout === undefined || rawTimeout === '' ? DEFAULT_POOL_READ_TIMEOUT_MS : Number(rawTimeout);
  if (!Number.isInteger(poolReadTimeoutMs) || poolReadTimeoutMs < POOL_READ_TIMEOUT_BOUNDS_MS.min || poolReadTimeoutMs > POOL_READ_TIMEOUT_BOUNDS_MS.max) {
    throw new Error(`INSPECTION_POOL_READ_TIMEOUT_MS must be a whole number of ms from ${POOL_READ_TIMEOUT_BOUNDS_MS.min} to ${POOL_READ_TIMEOUT_BOUNDS_MS.max}, got "${rawTimeout}"`);
  }
  return { defaultCreditClass, poolReadTimeoutMs };
};

export const PLANNING_CONFIG = Symbol('PLANNING_CONFIG');
