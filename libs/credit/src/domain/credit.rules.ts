import { addDays, addMonths } from '@regledger/shared';
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

/**
 * The periods statute fixes (domain.md §8), not configurable: a serious-violation listing lasts 3 years and
 * early removal is possible after 1 (SAMR Order 44); an abnormal listing uncured for 3 years moves to the
 * serious-violation list (domain.md §8); a penalty publication can be repaired after 6 months shown, 12 for
 * food, drugs and special equipment (SAMR 2021 No. 3).
 */
export const CREDIT_STATUTORY_PERIODS = Object.freeze({
  /** SAMR Order 44: listed 3 years. */
  seriousListYears: 3,
  /** SAMR Order 44: early removal after at least 1 year listed. */
  earlyRemovalMinYears: 1,
  /** domain.md §8: 3 years uncured on the abnormal-operations list moves the enterprise to the serious-violation list. */
  abnormalToSeriousYears: 3,
  /** SAMR 2021 No. 3: months a penalty must have been shown before its publication can be repaired. */
  repairMinMonths: Object.freeze({ general: 6, food_drug_special_equipment: 12 }) as Readonly<Record<PenaltySector, number>>,
});

/** The context's design choices (no statute fixes them), as one policy object; the environment may override each (`loadCreditConfig`). */
export interface CreditPolicy {
  /** How far back, in days, the daily reclassification looks for entries that stopped counting and for a scoring policy version that took effect (design choice). */
  reclassifyLookbackDays: number;
  /** A published scoring policy's base points, points and thresholds are whole numbers within ± this (design choice). */
  scoringPointsLimit: number;
  /** The longest validity, in months, a published scoring policy may give an entry kind; null stays "always" (design choice). */
  scoringMaxValidityMonths: number;
}

export const DEFAULT_CREDIT_POLICY: CreditPolicy = Object.freeze({
  reclassifyLookbackDays: 30,
  scoringPointsLimit: 1000,
  scoringMaxValidityMonths: 240,
});


/** The last day of a serious-violation listing: listed 3 years (SAMR Order 44). */
export const seriousListedUntil = (listedOn: string): string => addMonths(listedOn, CREDIT_STATUTORY_PERIODS.seriousListYears * 12);

/** The listing term has ended on `today` (SAMR Order 44: listed 3 years). */
export const isSeriousTermElapsed = (listedUntil: string, today: string): boolean => today >= listedUntil;

/** The first day early removal can be asked for: 1 year after listing (SAMR Order 44). */
export const earliestEarlyRemovalOn = (listedOn: string): string => addMonths(listedOn, CREDIT_STATUTORY_PERIODS.earlyRemovalMinYears * 12);

/** Early removal needs obligations fulfilled and harm remedied (SAMR Order 44). */
export const earlyRemovalConditionsMet = (obligationsFulfilled: boolean, harmRemedied: boolean): boolean => obligationsFulfilled && harmRemedied;

/** No new heavy penalty since listing: a heavy penalty dated after `listedOn` bars early removal (SAMR Order 44). */
export const heavyPenaltySince = (heavyPenaltyDates: readonly string[], listedOn: string): boolean => heavyPenaltyDates.some((d) => d > listedOn);

/** The day an uncured abnormal listing moves to the serious-violation list: 3 years on (domain.md §8). */
export const abnormalEscalationOn = (placedOn: string): string => addMonths(placedOn, CREDIT_STATUTORY_PERIODS.abnormalToSeriousYears * 12);

/** The first day a penalty publication can be repaired: 6 months shown, 12 for food, drugs, special equipment (SAMR 2021 No. 3). */
export const earliestPublicationRepairOn = (publishedOn: string, sector: PenaltySector): string => addMonths(publishedOn, CREDIT_STATUTORY_PERIODS.repairMinMonths[sector]);

/** Whether an instant's day is after `today` (steps are never dated in the future; design choice). */
export const isAfter = (date: string, today: string): boolean => date > today;

/** The day before a date (design choice: a listing removed on day d was last shown on d − 1). */
export const dayBefore = (date: string): string => addDays(date, -1);
