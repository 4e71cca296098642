/** Risk classes, best to worst (domain.md §8: graded supervision by credit risk). */
export type RiskClass = 'A' | 'B' | 'C' | 'D';

export const RISK_CLASSES: readonly RiskClass[] = ['A', 'B', 'C', 'D'] as const;

/** Kinds of credit entry an enterprise's record can hold (domain.md §8). */
export type EntryKind =
  | 'inspection_passed'
  | 'inspection_failed'
  | 'follow_up_passed'
  | 'follow_up_failed'
  | 'declaration_missing'
  | 'declaration_late'
  | 'redeclaration_overdue'
  | 'complaint_substantiated'
  | 'report_substantiated'
  | 'public_notice'
  | 'suspension'
  | 'licence_revocation'
  | 'penalty_warning'
  | 'penalty_fine'
  | 'penalty_heavy'
  | 'abnormal_listed'
  | 'abnormal_removed'
  | 'serious_violation_listed'
  | 'serious_violation_removed';

export const ENTRY_KINDS: readonly EntryKind[] = [
  'inspection_passed',
  'inspection_failed',
  'follow_up_passed',
  'follow_up_failed',
  'declaration_missing',
  'declaration_late',
  'redeclaration_overdue',
  'complaint_substantiated',
  'report_substantiated',
  'public_notice',
  'suspension',
  'licence_revocation',
  'penalty_warning',
  'penalty_fine',
  'penalty_heavy',
  'abnormal_listed',
  'abnormal_removed',
  'serious_violation_listed',
  'serious_violation_removed',
] as const;

/** The event an entry was derived from. */
export interface EntrySource {
  eventId: string;
  streamId: string;
  type: string;
}

export type AbnormalReason = 'annual_report_not_filed' | 'information_not_published' | 'false_information' | 'unreachable_at_address';
export const ABNORMAL_REASONS: readonly AbnormalReason[] = ['annual_report_not_filed', 'information_not_published', 'false_information', 'unreachable_at_address'] as const;

export type SeriousViolationGrounds = { kind: 'heavy_penalty'; caseId: string } | { kind: 'abnormal_three_years'; listingId: string };

export type SeriousViolationRemovalReason = 'term_elapsed' | 'early_removal';

export type RepairTarget = { kind: 'penalty_publication'; caseId: string } | { kind: 'serious_violation_list'; listingId: string };

export type ClassChangeReason = 'entry' | 'list' | 'repair' | 'policy' | 'expiry';

/** Sector of a penalty, which sets the minimum publication time before repair (SAMR 2021 No. 3). */
export type PenaltySector = 'general' | 'food_drug_special_equipment';
