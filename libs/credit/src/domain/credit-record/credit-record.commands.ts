import type { Command } from '@regledger/shared';
import type { AbnormalReason, EntryKind, EntrySource, PenaltySector, RepairTarget, SeriousViolationGrounds, SeriousViolationRemovalReason } from '../credit.types.js';
import type { ScoringPolicy } from '../scoring-policy/scoring-policy.rules.js';

/**
 * What the handler reads from other streams at decision time and adds to every command on a record: the
 * published scoring policy versions and the enterprise as the register knows it (null when unregistered).
 */
export interface CreditFacts {
  policies: ScoringPolicy[];
  enterprise: { jurisdiction: string; name: string } | null;
}

interface OnRecord {
  uscc: string;
  /** Added by the handler. */
  facts: CreditFacts;
}

export interface RecordCreditEntryData extends OnRecord {
  entryId: string;
  kind: EntryKind;
  occurredOn: string;
  matterId: string | null;
  caseId: string | null;
  sources: EntrySource[];
  summary: string;
  penalty?: { sector: PenaltySector; publicationRequired: boolean } | null;
}

export interface PlaceOnAbnormalListData extends OnRecord {
  listingId: string;
  reason: AbnormalReason;
  /** YYYY-MM-DD; today when absent. */
  on?: string | null;
}

export interface RemoveFromAbnormalListData extends OnRecord {
  listingId: string;
  cure: string;
  on?: string | null;
}

export interface ListSeriousViolationData extends OnRecord {
  listingId: string;
  grounds: SeriousViolationGrounds;
  on?: string | null;
  /** The event the listing reacts to, when a policy lists. */
  source?: EntrySource | null;
}

export interface RemoveFromSeriousViolationListData extends OnRecord {
  listingId: string;
  reason: SeriousViolationRemovalReason;
  obligationsFulfilled?: boolean;
  harmRemedied?: boolean;
  on?: string | null;
}

export interface ApplyForRepairData extends OnRecord {
  repairId: string;
  target: RepairTarget;
  obligationsFulfilled: boolean;
  harmRemedied: boolean;
  on?: string | null;
}

export interface DecideRepairData extends OnRecord {
  repairId: string;
  grant: boolean;
  reason: string;
  on?: string | null;
  /** Added by the handler for a penalty publication: the day enforcement published it, or null when it has not. */
  penaltyPublishedOn?: string | null;
}

export type ReclassifyData = OnRecord;

export type RecordCreditEntry = Command<'RecordCreditEntry', RecordCreditEntryData>;
export type PlaceOnAbnormalList = Command<'PlaceOnAbnormalList', PlaceOnAbnormalListData>;
export type RemoveFromAbnormalList = Command<'RemoveFromAbnormalList', RemoveFromAbnormalListData>;
export type ListSeriousViolation = Command<'ListSeriousViolation', ListSeriousViolationData>;
export type RemoveFromSeriousViolationList = Command<'RemoveFromSeriousViolationList', RemoveFromSeriousViolationListData>;
export type ApplyForRepair = Command<'ApplyForRepair', ApplyForRepairData>;
export type DecideRepair = Command<'DecideRepair', DecideRepairData>;
export type Reclassify = Command<'Reclassify', ReclassifyData>;

export type CreditCommand =
  | RecordCreditEntry
  | PlaceOnAbnormalList
  | RemoveFromAbnormalList
  | ListSeriousViolation
  | RemoveFromSeriousViolationList
  | ApplyForRepair
  | DecideRepair
  | Reclassify;
export type CreditCommandType = CreditCommand['type'];
