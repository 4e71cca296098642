import type { DomainEvent } from '@regledger/shared';
import type {
  AbnormalReason,
  ClassChangeReason,
  EntryKind,
  EntrySource,
  PenaltySector,
  RepairTarget,
  RiskClass,
  SeriousViolationGrounds,
  SeriousViolationRemovalReason,
} from '../credit.types.js';

export const CREDIT_STREAM_PREFIX = 'credit-';

/** The credit record of an enterprise: `credit-<uscc>`. */
export const creditStreamId = (uscc: string): string => `${CREDIT_STREAM_PREFIX}${uscc}`;

/** A fact that counts towards the enterprise's score (domain.md §8). */
export interface CreditEntryRecordedData {
  /** Deterministic from the source event id and the kind. */
  entryId: string;
  uscc: string;
  kind: EntryKind;
  /** YYYY-MM-DD. */
  occurredOn: string;
  matterId: string | null;
  caseId: string | null;
  /** List entries: the listing they record. */
  listingId?: string | null;
  sources: EntrySource[];
  summary: string;
  /** Penalty entries: the sector (sets the repair wait) and the publication, when known. */
  penalty?: { sector: PenaltySector; publicationRequired: boolean } | null;
}

/** The class changed; appended in the same decision as the cause, only when the class differs. */
export interface RiskClassChangedData {
  uscc: string;
  from: RiskClass | null;
  to: RiskClass;
  score: number;
  policyVersion: number;
  /** YYYY-MM-DD. */
  on: string;
  cause: { entryId: string | null; reason: ClassChangeReason };
}

export interface AbnormalListPlacedData {
  uscc: string;
  /** The enterprise's registered name when listed (the public list shows it), or null when unregistered. */
  enterpriseName: string | null;
  reason: AbnormalReason;
  /** YYYY-MM-DD. */
  placedOn: string;
  listingId: string;
}

export interface AbnormalListRemovedData {
  uscc: string;
  listingId: string;
  /** How the cause was cured. */
  cure: string;
  /** YYYY-MM-DD. */
  removedOn: string;
}

export interface SeriousViolationListedData {
  uscc: string;
  /** The enterprise's registered name when listed (the public list shows it), or null when unregistered. */
  enterpriseName: string | null;
  listingId: string;
  grounds: SeriousViolationGrounds;
  /** YYYY-MM-DD. */
  listedOn: string;
  /** YYYY-MM-DD: listedOn + 3 years (SAMR Order 44). */
  listedUntil: string;
}

export interface SeriousViolationRemovedData {
  uscc: string;
  listingId: string;
  reason: SeriousViolationRemovalReason;
  /** YYYY-MM-DD. */
  removedOn: string;
}

export interface RepairAppliedData {
  uscc: string;
  repairId: string;
  target: RepairTarget;
  obligationsFulfilled: boolean;
  harmRemedied: boolean;
  /** YYYY-MM-DD. */
  appliedOn: string;
}

export interface RepairGrantedData {
  uscc: string;
  repairId: string;
  target: RepairTarget;
  /** YYYY-MM-DD. */
  decidedOn: string;
  reason: string;
}

export interface RepairRefusedData {
  uscc: string;
  repairId: string;
  target: RepairTarget;
  /** YYYY-MM-DD. */
  decidedOn: string;
  reason: string;
}

export type CreditEntryRecorded = DomainEvent<'CreditEntryRecorded', CreditEntryRecordedData>;
export type RiskClassChanged = DomainEvent<'RiskClassChanged', RiskClassChangedData>;
export type AbnormalListPlaced = DomainEvent<'AbnormalListPlaced', AbnormalListPlacedData>;
export type AbnormalListRemoved = DomainEvent<'AbnormalListRemoved', AbnormalListRemovedData>;
export type SeriousViolationListed = DomainEvent<'SeriousViolationListed', SeriousViolationListedData>;
export type SeriousViolationRemoved = DomainEvent<'SeriousViolationRemoved', SeriousViolationRemovedData>;
export type RepairApplied = DomainEvent<'RepairApplied', RepairAppliedData>;
export type RepairGranted = DomainEvent<'RepairGranted', RepairGrantedData>;
export type RepairRefused = DomainEvent<'RepairRefused', RepairRefusedData>;

export type CreditEvent =
  | CreditEntryRecorded
  | RiskClassChanged
  | AbnormalListPlaced
  | AbnormalListRemoved
  | SeriousViolationListed
  | SeriousViolationRemoved
  | RepairApplied
  | RepairGranted
  | RepairRefused;

export const CREDIT_EVENT_TYPES = [
  'CreditEntryRecorded',
  'RiskClassChanged',
  'AbnormalListPlaced',
  'AbnormalListRemoved',
  'SeriousViolationListed',
  'SeriousViolationRemoved',
  'RepairApplied',
  'RepairGranted',
  'RepairRefused',
] as const;
export type CreditEventType = (typeof CREDIT_EVENT_TYPES)[number];
