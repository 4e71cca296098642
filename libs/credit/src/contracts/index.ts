/**
 * What other bounded contexts may depend on in the credit context: the published events and their
 * content types, the stream naming, and type guards that work on recorded envelopes.
 *
 * The inspections context folds `RiskClassChanged` { uscc, to, … } to give each draw target its risk class
 * (domain.md §8); enforcement ends a penalty publication early on `RepairGranted` for a penalty publication.
 */
import type { NarrowedEvent } from '@regledger/shared';
import type {
  AbnormalListPlaced,
  AbnormalListRemoved,
  CreditEvent,
  RepairGranted,
  RiskClassChanged,
  SeriousViolationListed,
  SeriousViolationRemoved,
} from '../domain/credit-record/credit-record.events.js';
import { CREDIT_EVENT_TYPES } from '../domain/credit-record/credit-record.events.js';
import type { ScoringPolicyPublished } from '../domain/scoring-policy/scoring-policy.events.js';

export type {
  AbnormalListPlaced,
  AbnormalListPlacedData,
  AbnormalListRemoved,
  AbnormalListRemovedData,
  CreditEntryRecorded,
  CreditEntryRecordedData,
  CreditEvent,
  CreditEventType,
  RepairApplied,
  RepairAppliedData,
  RepairGranted,
  RepairGrantedData,
  RepairRefused,
  RepairRefusedData,
  RiskClassChanged,
  RiskClassChangedData,
  SeriousViolationListed,
  SeriousViolationListedData,
  SeriousViolationRemoved,
  SeriousViolationRemovedData,
} from '../domain/credit-record/credit-record.events.js';
export { CREDIT_EVENT_TYPES, CREDIT_STREAM_PREFIX, creditStreamId } from '../domain/credit-record/credit-record.events.js';
export type {
  ListFloors,
  ScoreThresholds,
  ScoringPolicyEvent,
  ScoringPolicyPublished,
  ScoringPolicyPublishedData,
} from '../domain/scoring-policy/scoring-policy.events.js';
export { SCORING_POLICY_EVENT_TYPES, SCORING_POLICY_STREAM } from '../domain/scoring-policy/scoring-policy.events.js';
export type {
  AbnormalReason,
  ClassChangeReason,
  EntryKind,
  EntrySource,
  PenaltySector,
  RepairTarget,
  RiskClass,
  SeriousViolationGrounds,
  SeriousViolationRemovalReason,
} from '../domain/credit.types.js';
export { ENTRY_KINDS, RISK_CLASSES } from '../domain/credit.types.js';

/** Any event of an enterprise's credit record (stream `credit-<uscc>`). */
export const isCreditEvent = <E extends { type: string }>(e: E): e is NarrowedEvent<E, CreditEvent> => (CREDIT_EVENT_TYPES as readonly string[]).includes(e.type);

/** Works on recorded envelopes too: `data` is narrowed to `RiskClassChangedData`. */
export const isRiskClassChanged = <E extends { type: string }>(e: E): e is NarrowedEvent<E, RiskClassChanged> => e.type === 'RiskClassChanged';

/** Works on recorded envelopes too: `data` is narrowed to `RepairGrantedData`. */
export const isRepairGranted = <E extends { type: string }>(e: E): e is NarrowedEvent<E, RepairGranted> => e.type === 'RepairGranted';

/** Works on recorded envelopes too: `data` is narrowed to `SeriousViolationListedData`. */
export const isSeriousViolationListed = <E extends { type: string }>(e: E): e is NarrowedEvent<E, SeriousViolationListed> => e.type === 'SeriousViolationListed';

/** Works on recorded envelopes too: `data` is narrowed to `SeriousViolationRemovedData`. */
export const isSeriousViolationRemoved = <E extends { type: string }>(e: E): e is NarrowedEvent<E, SeriousViolationRemoved> => e.type === 'SeriousViolationRemoved';

/** Works on recorded envelopes too: `data` is narrowed to `AbnormalListPlacedData`. */
export const isAbnormalListPlaced = <E extends { type: string }>(e: E): e is NarrowedEvent<E, AbnormalListPlaced> => e.type === 'AbnormalListPlaced';

/** Works on recorded envelopes too: `data` is narrowed to `AbnormalListRemovedData`. */
export const isAbnormalListRemoved = <E extends { type: string }>(e: E): e is NarrowedEvent<E, AbnormalListRemoved> => e.type === 'AbnormalListRemoved';

/** Works on recorded envelopes too: `data` is narrowed to `ScoringPolicyPublishedData`. */
export const isScoringPolicyPublished = <E extends { type: string }>(e: E): e is NarrowedEvent<E, ScoringPolicyPublished> => e.type === 'ScoringPolicyPublished';

/** Why an enterprise has its class on a date, folded from its record and the policy streams (pure). */
export { explainCredit, creditEventDate } from '../domain/credit-record/credit-explanation.js';
export type { CreditExplanation, ExplainedEntry, ExplainableEvent } from '../domain/credit-record/credit-explanation.js';
export { DEFAULT_SCORING_POLICY, policyInForceOn } from '../domain/scoring-policy/scoring-policy.rules.js';
export type { ScoringPolicy } from '../domain/scoring-policy/scoring-policy.rules.js';
