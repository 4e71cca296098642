import type { DomainEvent } from '@regledger/shared';
import type { EntryKind } from '../credit.types.js';

/** The one stream holding every published version of the scoring policy. */
export const SCORING_POLICY_STREAM = 'credit-scoring-policy';

export interface ScoreThresholds {
  A: number;
  B: number;
  C: number;
}

export interface ListFloors {
  abnormal: 'C';
  serious_violation: 'D';
}

/** A version of the scoring policy; it is in force from `effectiveFrom` until a later version takes effect. */
export interface ScoringPolicyPublishedData {
  version: number;
  /** YYYY-MM-DD. */
  effectiveFrom: string;
  basePoints: number;
  points: Record<EntryKind, number>;
  /** Months an entry counts; null = always. */
  validityMonths: Record<EntryKind, number | null>;
  thresholds: ScoreThresholds;
  listFloors: ListFloors;
  note: string;
  /** YYYY-MM-DD the version was published on. */
  publishedOn: string;
}

export type ScoringPolicyPublished = DomainEvent<'ScoringPolicyPublished', ScoringPolicyPublishedData>;
export type ScoringPolicyEvent = ScoringPolicyPublished;
export const SCORING_POLICY_EVENT_TYPES = ['ScoringPolicyPublished'] as const;
export type ScoringPolicyEventType = (typeof SCORING_POLICY_EVENT_TYPES)[number];
