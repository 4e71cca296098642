/** What a matter is about: one product of the enterprise (the inspections' product key), or the enterprise's declaration duties. */
export type MatterSubject = { kind: 'product'; productKey: string; product: { name: string; model: string } } | { kind: 'enterprise' };

export type TriggerKind = 'failed_inspection' | 'missing_declaration' | 'late_declaration' | 'redeclaration_overdue' | 'verified_report' | 'manual';
export const TRIGGER_KINDS: readonly TriggerKind[] = Object.freeze([
  'failed_inspection',
  'missing_declaration',
  'late_declaration',
  'redeclaration_overdue',
  'verified_report',
  'manual',
] as TriggerKind[]);

/** The non-compliance that opened a matter or joined it. */
export interface MatterTrigger {
  kind: TriggerKind;
  /** The event that caused it (policies), or null (manual). */
  sourceEventId: string | null;
  sourceStreamId: string | null;
  /** inspectionId, declarationId or complaintId, or a manual reference. */
  reference: string | null;
  /** YYYY-MM-DD. */
  occurredOn: string;
  description: string | null;
}

export type FollowUpRound = 1 | 2 | 3;
export type FollowUpOutcome = 'conforming' | 'non_conforming' | 'no_declaration' | 'not_located';
export const FOLLOW_UP_OUTCOMES: readonly FollowUpOutcome[] = Object.freeze(['conforming', 'non_conforming', 'no_declaration', 'not_located'] as FollowUpOutcome[]);

export type MatterDeadlineKind = 'correction' | 'follow_up';
export const MATTER_DEADLINE_KINDS: readonly MatterDeadlineKind[] = Object.freeze(['correction', 'follow_up'] as MatterDeadlineKind[]);

export type MatterCloseOutcome = 'corrected' | 'revoked' | 'referred_to_case' | 'dismissed';
/** The outcomes a supervisor closes a matter with by hand; `corrected` and `revoked` follow from the steps. */
export const MANUAL_CLOSE_OUTCOMES: readonly MatterCloseOutcome[] = Object.freeze(['referred_to_case', 'dismissed'] as MatterCloseOutcome[]);

export type LeadSourceKind = 'matter' | 'report' | 'inspection' | 'other';
export const LEAD_SOURCE_KINDS: readonly LeadSourceKind[] = Object.freeze(['matter', 'report', 'inspection', 'other'] as LeadSourceKind[]);

export type CasePauseKind = 'testing' | 'hearing' | 'suspension';
export const CASE_PAUSE_KINDS: readonly CasePauseKind[] = Object.freeze(['testing', 'hearing', 'suspension'] as CasePauseKind[]);

export type PenaltyKind = 'warning' | 'fine' | 'confiscation' | 'suspension' | 'licence_revocation';
export const PENALTY_KINDS: readonly PenaltyKind[] = Object.freeze(['warning', 'fine', 'confiscation', 'suspension', 'licence_revocation'] as PenaltyKind[]);

export interface Penalty {
  kind: PenaltyKind;
  /** Yuan, for fines and confiscations; null otherwise. */
  amountYuan: number | null;
}

export type PenaltySector = 'general' | 'food_drug_special_equipment';
export const PENALTY_SECTORS: readonly PenaltySector[] = Object.freeze(['general', 'food_drug_special_equipment'] as PenaltySector[]);

export type PublicationWindow = '3_months' | '3_years';

export interface PenaltyPublication {
  required: boolean;
  /** YYYY-MM-DD: decidedOn + 20 working days, or null when not published. */
  dueOn: string | null;
  window: PublicationWindow | null;
}

export type CaseDeadlineKind = 'verification' | 'decision';
export const CASE_DEADLINE_KINDS: readonly CaseDeadlineKind[] = Object.freeze(['verification', 'decision'] as CaseDeadlineKind[]);

export type CaseCloseOutcome = 'not_opened' | 'penalty' | 'no_penalty';

/**
 * The design choices of enforcement (domain.md marks them so, or no statute fixes them): configuration with
 * these defaults, each overridable from the environment (`ENFORCEMENT_…`, read by `loadEnforcementConfig` when
 * the module starts), never literals in the rules. The statutory periods stay in `enforcement.rules.ts`.
 */
export interface EnforcementPolicy {
  /** Days an enterprise has to correct a failure to disclose its standards (design choice; Standardization Law art. 38 fixes none). */
  enterpriseCorrectionDays: number;
  /** Days of rectification a suspension gives before the third follow-up inspection (design choice; SAMR Order 18 fixes none). */
  rectificationDays: number;
  /** A fine of at least this many yuan is a heavy penalty (design choice, SAMR Order 44 names no figure). */
  heavyFineYuan: number;
  /** Fines up to this many yuan are "small fines" shown for 3 months (design choice, SAMR Order 45 names no figure). */
  smallFineYuan: number;
  /** Penalty kinds that are heavy whatever the amount (design choice). */
  heavyPenaltyKinds: readonly PenaltyKind[];
  /** A product matter orders the stop of sales before the correction (design choice, following the order of SAMR Order 18 art. 44). */
  stopSaleBeforeCorrection: boolean;
}

export const DEFAULT_ENFORCEMENT_POLICY: EnforcementPolicy = Object.freeze({
  enterpriseCorrectionDays: 30,
  rectificationDays: 90,
  heavyFineYuan: 1_000_000,
  smallFineYuan: 100_000,
  heavyPenaltyKinds: Object.freeze(['licence_revocation', 'suspension'] as PenaltyKind[]),
  stopSaleBeforeCorrection: true,
});
