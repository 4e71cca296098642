import type { DeclarationPolicy } from './domain/index.js';

const positiveInt = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 3650) throw new Error(`${name} must be a whole number of days from 1 to 3650, got "${raw}"`);
  return n;
};

const flag = (env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
};

/**
 * The declaration policy values (domain.md §3, design choices), from the environment:
 * DECLARATION_WITHIN_DAYS_OF_ISSUE (30), DECLARATION_BEFORE_FIRST_SALE (true), REDECLARATION_WITHIN_DAYS (30).
 */
export const loadDeclarationPolicy = (env: NodeJS.ProcessEnv = process.env): DeclarationPolicy => ({
  declareWithinDaysOfIssue: positiveInt(env, 'DECLARATION_WITHIN_DAYS_OF_ISSUE', 30),
  requireDeclarationBeforeFirstSale: flag(env, 'DECLARATION_BEFORE_FIRST_SALE', true),
  redeclareWithinDays: positiveInt(env, 'REDECLARATION_WITHIN_DAYS', 30),
});

export const DECLARATION_POLICY = Symbol('DECLARATION_POLICY');
