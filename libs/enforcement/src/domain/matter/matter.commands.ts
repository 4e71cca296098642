import type { Command } from '@regledger/shared';
import type { FollowUpOutcome, MatterCloseOutcome, MatterDeadlineKind, TriggerKind } from '../enforcement.types.js';

/** The subject as a command gives it: a product (name and model; the key is derived) or the enterprise. */
export type MatterSubjectInput = { kind: 'product'; product: { name: string; model: string }; productKey?: string | null } | { kind: 'enterprise' };

export interface TriggerInput {
  kind: TriggerKind;
  sourceEventId?: string | null;
  sourceStreamId?: string | null;
  reference?: string | null;
  /** YYYY-MM-DD. */
  occurredOn: string;
  description?: string | null;
}

/** A non-compliance: opens a matter, or joins the open one of the same enterprise and subject. */
export interface RecordNonComplianceData {
  uscc: string;
  /** The handling authority; null lets the handler take the enterprise's own jurisdiction. */
  jurisdiction: string | null;
  subject: MatterSubjectInput;
  trigger: TriggerInput;
}

export interface MatterRef {
  matterId: string;
}

/** A step dated by the supervisor: `on` defaults to today (China date) and is never after it. */
export interface DatedMatterStep extends MatterRef {
  on?: string;
}

export type OrderStopSaleData = DatedMatterStep;
export type OrderCorrectionData = DatedMatterStep;
export interface RequestFollowUpInspectionData extends DatedMatterStep {
  round: number;
}
export interface RecordFollowUpResultData extends MatterRef {
  round: number;
  inspectionId: string;
  outcome: FollowUpOutcome;
  completedOn: string;
  sourceEventId: string;
}
export type IssuePublicNoticeData = DatedMatterStep;
export type OrderSuspensionData = DatedMatterStep;
export type RevokeLicenceData = DatedMatterStep;
export interface ConfirmCorrectionData extends DatedMatterStep {
  note?: string | null;
}
export type PublishNonDisclosureData = DatedMatterStep;
export interface RecordMatterDeadlineMissedData extends MatterRef {
  deadline: MatterDeadlineKind;
  dueOn: string;
}
export interface CloseMatterData extends DatedMatterStep {
  outcome: MatterCloseOutcome;
  reason: string;
}

export type RecordNonCompliance = Command<'RecordNonCompliance', RecordNonComplianceData>;
export type OrderStopSale = Command<'OrderStopSale', OrderStopSaleData>;
export type OrderCorrection = Command<'OrderCorrection', OrderCorrectionData>;
export type RequestFollowUpInspection = Command<'RequestFollowUpInspection', RequestFollowUpInspectionData>;
export type RecordFollowUpResult = Command<'RecordFollowUpResult', RecordFollowUpResultData>;
export type IssuePublicNotice = Command<'IssuePublicNotice', IssuePublicNoticeData>;
export type OrderSuspension = Command<'OrderSuspension', OrderSuspensionData>;
export type RevokeLicence = Command<'RevokeLicence', RevokeLicenceData>;
export type ConfirmCorrection = Command<'ConfirmCorrection', ConfirmCorrectionData>;
export type PublishNonDisclosure = Command<'PublishNonDisclosure', PublishNonDisclosureData>;
export type RecordMatterDeadlineMissed = Command<'RecordMatterDeadlineMissed', RecordMatterDeadlineMissedData>;
export type CloseMatter = Command<'CloseMatter', CloseMatterData>;

export type MatterCommand =
  | RecordNonCompliance
  | OrderStopSale
  | OrderCorrection
  | RequestFollowUpInspection
  | RecordFollowUpResult
  | IssuePublicNotice
  | OrderSuspension
  | RevokeLicence
  | ConfirmCorrection
  | PublishNonDisclosure
  | RecordMatterDeadlineMissed
  | CloseMatter;

export type MatterCommandType = MatterCommand['type'];
