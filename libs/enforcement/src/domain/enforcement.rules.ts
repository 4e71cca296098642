/**
 * The statutory periods and penalty rules of enforcement, each a named pure function citing its source
 * (domain.md §5 "After a failed product spot check", §7, §8). Design choices come from the policy object.
 */
import { addCalendarDays, addDays, addMonths, addWorkingDays, daysBetween } from '@regledger/shared';
import type { EnforcementPolicy, Penalty, PenaltyPublication, PublicationWindow } from './enforcement.types.js';

/** The statutory figures, for documentation and route summaries. */
export const ENFORCEMENT_PERIODS = Object.freeze({
  correctionDays: 60,
  followUpDays: 75,
  secondFollowUpEarliestDays: 60,
  secondFollowUpLatestDays: 90,
  leadVerificationWorkingDays: 15,
  leadVerificationExtensionWorkingDays: 15,
  decisionDays: 90,
  decisionExtensionDays: 30,
  publicationWorkingDays: 20,
  shortWindowMonths: 3,
  longWindowYears: 3,
});

// ---- the matter path (SAMR Order 18 arts. 44–50; Standardization Law art. 38) ----

/** The enterprise corrects a failed product within 60 days of the order (SAMR Order 18 arts. 44–50). */
export const productCorrectionDueOn = (orderedOn: string): string => addCalendarDays(orderedOn, ENFORCEMENT_PERIODS.correctionDays);

/** The follow-up inspection is due within 75 days of the order to correct (SAMR Order 18 arts. 44–50). */
export const firstFollowUpDueOn = (orderedOn: string): string => addCalendarDays(orderedOn, ENFORCEMENT_PERIODS.followUpDays);

/** After a public notice, another follow-up 60 to 90 days after the notice (SAMR Order 18 arts. 44–50). */
export const secondFollowUpWindow = (issuedOn: string): { earliestOn: string; dueOn: string } => ({
  earliestOn: addCalendarDays(issuedOn, ENFORCEMENT_PERIODS.secondFollowUpEarliestDays),
  dueOn: addCalendarDays(issuedOn, ENFORCEMENT_PERIODS.secondFollowUpLatestDays),
});

/** A suspension for rectification runs `rectificationDays` (design choice); the third follow-up is due when it ends (SAMR Order 18 arts. 44–50). */
export const rectificationDueOn = (orderedOn: string, policy: EnforcementPolicy): string => addCalendarDays(orderedOn, policy.rectificationDays);

/** A failure to disclose is corrected within a deadline (Standardization Law art. 38; the figure is a design choice). */
export const enterpriseCorrectionDueOn = (orderedOn: string, policy: EnforcementPolicy): string => addCalendarDays(orderedOn, policy.enterpriseCorrectionDays);

// ---- the case timeline (Provisions on Administrative Penalty Procedure of Market Regulation; Administrative Penalty Law) ----

/** A lead is verified within 15 working days of its discovery (Penalty Procedure Provisions art. 18). */
export const leadVerificationDueOn = (discoveredOn: string): string => addWorkingDays(discoveredOn, ENFORCEMENT_PERIODS.leadVerificationWorkingDays);

/** The verification may be extended once by 15 working days (Penalty Procedure Provisions art. 18). */
export const extendedLeadVerificationDueOn = (dueOn: string): string => addWorkingDays(dueOn, ENFORCEMENT_PERIODS.leadVerificationExtensionWorkingDays);

/** A case is decided within 90 calendar days of its opening (Administrative Penalty Law art. 60). */
export const decisionDueOn = (openedOn: string): string => addCalendarDays(openedOn, ENFORCEMENT_PERIODS.decisionDays);

/** Suspension, hearing and testing time does not count: the paused calendar days push the deadline (Administrative Penalty Law art. 60). */
export const decisionDueAfterPause = (dueOn: string, pausedDays: number): string => addCalendarDays(dueOn, pausedDays);

/** Calendar days of a pause from `from` to the day before `resumedOn` (Administrative Penalty Law art. 60). */
export const pausedCalendarDays = (from: string, resumedOn: string): number => daysBetween(from, resumedOn);

/** The decision deadline may be extended once by 30 days with approval (Administrative Penalty Law art. 60). */
export const extendedDecisionDueOn = (dueOn: string): string => addCalendarDays(dueOn, ENFORCEMENT_PERIODS.decisionExtensionDays);

// ---- penalties and their publication (SAMR Order 44, SAMR Order 45) ----

/** Only warnings: a bare warning is not published (SAMR Order 45). */
export const isBareWarning = (penalties: readonly Penalty[]): boolean => penalties.length > 0 && penalties.every((p) => p.kind === 'warning');

/** Heavy: a heavy kind (licence revocation, suspension) or a fine of at least heavyFineYuan (SAMR Order 44; the figures are design choices). */
export const isHeavyPenalty = (penalties: readonly Penalty[], policy: EnforcementPolicy): boolean =>
  penalties.some((p) => policy.heavyPenaltyKinds.includes(p.kind) || (p.kind === 'fine' && (p.amountYuan ?? 0) >= policy.heavyFineYuan));

/** Warnings and fines up to smallFineYuan are shown 3 months, anything else 3 years (SAMR Order 45; the figure is a design choice). */
export const publicationWindowFor = (penalties: readonly Penalty[], policy: EnforcementPolicy): PublicationWindow =>
  penalties.every((p) => p.kind === 'warning' || (p.kind === 'fine' && (p.amountYuan ?? 0) <= policy.smallFineYuan)) ? '3_months' : '3_years';

/** Penalty information is published within 20 working days of the decision (SAMR Order 45). */
export const penaltyPublicationDueOn = (decidedOn: string): string => addWorkingDays(decidedOn, ENFORCEMENT_PERIODS.publicationWorkingDays);

/** Whether and how a decision is published: none for no penalty or a bare warning, else due in 20 working days (SAMR Order 45). */
export const penaltyPublicationFor = (penalties: readonly Penalty[], decidedOn: string, policy: EnforcementPolicy): PenaltyPublication => {
  if (penalties.length === 0 || isBareWarning(penalties)) return { required: false, dueOn: null, window: null };
  return { required: true, dueOn: penaltyPublicationDueOn(decidedOn), window: publicationWindowFor(penalties, policy) };
};


/** The last day a publication is shown: 3 months or 3 years counted from its first day (SAMR Order 45). */
export const publicationShownUntil = (publishedOn: string, window: PublicationWindow): string =>
  addDays(addMonths(publishedOn, window === '3_months' ? ENFORCEMENT_PERIODS.shortWindowMonths : ENFORCEMENT_PERIODS.longWindowYears * 12), -1);

/** A deadline is missed once the date is after it: "within N days" includes the N-th day. */
export const isPastDue = (dueOn: string, date: string): boolean => date > dueOn;
