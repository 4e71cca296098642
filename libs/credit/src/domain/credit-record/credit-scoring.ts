import { RISK_CLASSES, type EntryKind, type RiskClass } from '../credit.types.js';
import { addMonths } from '@regledger/shared';
import { classOfScore, type ScoringPolicy } from '../scoring-policy/scoring-policy.rules.js';
import type { AbnormalListingState, EntryState, SeriousListingState } from './credit-record.state.js';

/** What the score is computed from. */
export interface ScoringInput {
  entries: readonly EntryState[];
  abnormal: readonly AbnormalListingState[];
  serious: readonly SeriousListingState[];
}

export interface EntryContribution {
  entryId: string;
  kind: EntryKind;
  occurredOn: string;
  /** The policy's points for the kind, or 0 when the entry does not count on the date. */
  points: number;
  counted: boolean;
  repaired: boolean;
  /** The first day the entry no longer counts, or null when it always counts. */
  expiresOn: string | null;
}

export interface CreditScore {
  score: number;
  /** The class after the list floors. */
  riskClass: RiskClass;
  /** The class of the score alone. */
  scoreClass: RiskClass;
  policyVersion: number;
  listed: { abnormal: boolean; seriousViolation: boolean };
  contributions: EntryContribution[];
}

/** The first day an entry stops counting: occurredOn + the kind's validity months; null = always counts (design choice, scoring policy). */
export const entryExpiresOn = (kind: EntryKind, occurredOn: string, policy: ScoringPolicy): string | null => {
  const months = policy.validityMonths[kind];
  return months === null || months === undefined ? null : addMonths(occurredOn, months);
};

/** An entry counts on a date when it has occurred, has not expired and was not neutralised by a repair granted by then (SAMR 2021 No. 3; design choice). */
export const entryCountsOn = (entry: EntryState, expiresOn: string | null, date: string): boolean =>
  entry.occurredOn <= date && (expiresOn === null || date < expiresOn) && !(entry.repairedOn !== null && entry.repairedOn <= date);

/** Listed on a date: placed on or before it and not removed by then (SAMR Order 44; domain.md §8). */
export const listedOn = (listing: { placedOn: string; removedOn: string | null }, date: string): boolean =>
  listing.placedOn <= date && (listing.removedOn === null || listing.removedOn > date);

/** The worse of two classes (A best, D worst). */
export const worseClass = (a: RiskClass, b: RiskClass): RiskClass => (RISK_CLASSES.indexOf(a) >= RISK_CLASSES.indexOf(b) ? a : b);

/** While listed, the class is at least as bad as the list's floor: abnormal → C, serious violation → D (design choice, scoring policy listFloors). */
export const applyListFloors = (scoreClass: RiskClass, listed: { abnormal: boolean; seriousViolation: boolean }, policy: ScoringPolicy): RiskClass => {
  let c = scoreClass;
  if (listed.abnormal) c = worseClass(c, policy.listFloors.abnormal);
  if (listed.seriousViolation) c = worseClass(c, policy.listFloors.serious_violation);
  return c;
};

/**
 * The score of a record on a date under a policy (domain.md §8, design choice: every point traceable): the
 * base points plus the points of every entry that counts on the date, classed by the thresholds, then the
 * list floors. Pure.
 */
export const scoreCredit = (record: ScoringInput, policy: ScoringPolicy, date: string): CreditScore => {
  const contributions = record.entries.map((entry): EntryContribution => {
    const expiresOn = entryExpiresOn(entry.kind, entry.occurredOn, policy);
    const counted = entryCountsOn(entry, expiresOn, date);
    return {
      entryId: entry.entryId,
      kind: entry.kind,
      occurredOn: entry.occurredOn,
      points: counted ? (policy.points[entry.kind] ?? 0) : 0,
      counted,
      repaired: entry.repairedOn !== null && entry.repairedOn <= date,
      expiresOn,
    };
  });
  const score = policy.basePoints + contributions.reduce((sum, c) => sum + c.points, 0);
  const listed = {
    abnormal: record.abnormal.some((l) => listedOn(l, date)),
    seriousViolation: record.serious.some((l) => listedOn({ placedOn: l.listedOn, removedOn: l.removedOn }, date)),
  };
  const scoreClass = classOfScore(score, policy.thresholds);
  return { score, scoreClass, riskClass: applyListFloors(scoreClass, listed, policy), policyVersion: policy.version, listed, contributions };
};
