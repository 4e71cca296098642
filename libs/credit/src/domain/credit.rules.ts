import { addDays } from '@regledger/shared';
import type { PenaltySector } from './credit.types.js';

/** Stable error codes of the credit context. */
export const CREDIT_ERROR_CODES = Object.freeze({
  VALIDATION: 'CREDIT.VALIDATION',
  FORBIDDEN: 'CREDIT.FORBIDDEN',
  ENTERPRISE_UNKNOWN: 'CREDIT.ENTERPRISE_UNKNOWN',
  DATE_IN_FUTURE: 'CREDIT.DATE_IN_FUTURE',
  ALREADY_LISTED: 'CREDIT.ALREADY_LISTED',
  LISTING_NOT_FOUND: 'CREDIT.LISTING_NOT_FOUND',
  LISTING_ALREADY_REMOVED: 'CREDIT.LISTING_ALREADY_REMOVED',
  REMOVAL_BEFORE_LISTING: 'CREDIT.REMOVAL_BEFORE_LISTING',
  TERM_NOT_ELAPSED: 'CREDIT.TERM_NOT_ELAPSED',
  EARLY_REMOVAL_TOO_SOON: 'CREDIT.EARLY_REMOVAL_TOO_SOON',
  EARLY_REMOVAL_CONDITIONS_UNMET: 'CREDIT.EARLY_REMOVAL_CONDITIONS_UNMET',
  HEAVY_PENALTY_SINCE_LISTING: 'CREDIT.HEAVY_PENALTY_SINCE_LISTING',
  ABNORMAL_NOT_THREE_YEARS: 'CREDIT.ABNORMAL_NOT_THREE_YEARS',
  REPAIR_EXISTS: 'CREDIT.REPAIR_EXISTS',
  REPAIR_NOT_FOUND: 'CREDIT.REPAIR_NOT_FOUND',
  REPAIR_ALREADY_DECIDED: 'CREDIT.REPAIR_ALREADY_DECIDED',
  REPAIR_PENDING: 'CREDIT.REPAIR_PENDING',
  REPAIR_TARGET_NOT_FOUND: 'CREDIT.REPAIR_TARGET_NOT_FOUND',
  PENALTY_NOT_PUBLISHED: 'CREDIT.PENALTY_NOT_PUBLISHED',
  REPAIR_TOO_EARLY: 'CREDIT.REPAIR_TOO_EARLY',
  REPAIR_CONDITIONS_UNMET: 'CREDIT.REPAIR_CONDITIONS_UNMET',
  DECISION_BEFORE_APPLICATION: 'CREDIT.DECISION_BEFORE_APPLICATION',
  VERSION_MISMATCH: 'CREDIT.VERSION_MISMATCH',
});

export const SCORING_POLICY_ERROR_CODES = Object.freeze({
  VALIDATION: 'SCORING_POLICY.VALIDATION',
  FORBIDDEN: 'SCORING_POLICY.FORBIDDEN',
  VERSION_CONFLICT: 'SCORING_POLICY.VERSION_CONFLICT',
  EFFECTIVE_BEFORE_PREVIOUS: 'SCORING_POLICY.EFFECTIVE_BEFORE_PREVIOUS',
  EFFECTIVE_IN_PAST: 'SCORING_POLICY.EFFECTIVE_IN_PAST',
});

/** The context's design choices and statutory periods, as one overridable policy object. */
export interface CreditPolicy {
  /** A serious-violation listing lasts 3 years (SAMR Order 44). */
  seriousListYears: number;
  /** Early removal from the serious-violation list only after 1 year listed (SAMR Order 44). */
  earlyRemovalMinYears: number;
  /** An abnormal listing uncured for 3 years moves to the serious-violation list (domain.md §8). */
  abnormalToSeriousYears: number;
  /** Months a penalty must have been shown before its publication can be repaired (SAMR 2021 No. 3). */
  repairMinMonths: Record<PenaltySector, number>;
  /** How far back the daily reclassification looks for expiries and new policy versions (design choice). */
  reclassifyLookbackDays: number;
}

export const DEFAULT_CREDIT_POLICY: CreditPolicy = Object.freeze({
  seriousListYears: 3,
  earlyRemovalMinYears: 1,
  abnormalToSeriousYears: 3,
  repairMinMonths: Object.freeze({ general: 6, food_drug_special_equipment: 12 }),
  reclassifyLookbackDays: 30,
}) as CreditPolicy;

/** The same day `months` later; a day missing in the target month falls to its last day (design choice, as PostgreSQL's interval arithmetic). */
export const addMonths = (date: string, months: number): string => {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = total % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${String(ty).padStart(4, '0')}-${String(tm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
};

/** The last day of a serious-violation listing: listed 3 years (SAMR Order 44). */
export const seriousListedUntil = (listedOn: string, policy: CreditPolicy = DEFAULT_CREDIT_POLICY): string => addMonths(listedOn, policy.seriousListYears * 12);

/** The listing term has ended on `today` (SAMR Order 44: listed 3 years). */
export const isSeriousTermElapsed = (listedUntil: string, today: string): boolean => today >= listedUntil;

/** The first day early removal can be asked for: 1 year after listing (SAMR Order 44). */
export const earliestEarlyRemovalOn = (listedOn: string, policy: CreditPolicy = DEFAULT_CREDIT_POLICY): string => addMonths(listedOn, policy.earlyRemovalMinYears * 12);

/** Early removal needs obligations fulfilled and harm remedied (SAMR Order 44). */
export const earlyRemovalConditionsMet = (obligationsFulfilled: boolean, harmRemedied: boolean): boolean => obligationsFulfilled && harmRemedied;

/** No new heavy penalty since listing: a heavy penalty dated after `listedOn` bars early removal (SAMR Order 44). */
export const heavyPenaltySince = (heavyPenaltyDates: readonly string[], listedOn: string): boolean => heavyPenaltyDates.some((d) => d > listedOn);

/** The day an uncured abnormal listing moves to the serious-violation list: 3 years on (domain.md §8). */
export const abnormalEscalationOn = (placedOn: string, policy: CreditPolicy = DEFAULT_CREDIT_POLICY): string => addMonths(placedOn, policy.abnormalToSeriousYears * 12);

/** The first day a penalty publication can be repaired: 6 months shown, 12 for food, drugs, special equipment (SAMR 2021 No. 3). */
export const earliestPublicationRepairOn = (publishedOn: string, sector: PenaltySector, policy: CreditPolicy = DEFAULT_CREDIT_POLICY): string =>
  addMonths(publishedOn, policy.repairMinMonths[sector]);

/** Whether an instant's day is after `today` (steps are never dated in the future; design choice). */
export const isAfter = (date: string, today: string): boolean => date > today;

/** The day before a date (design choice: a listing removed on day d was last shown on d − 1). */
export const dayBefore = (date: string): string => addDays(date, -1);
