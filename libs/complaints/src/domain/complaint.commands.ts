import type { Command } from '@regledger/shared';

/** A complaint seeks redress for the consumer; a report points at a violation (Interim Measures arts. 2–3). */
export type ComplaintKind = 'complaint' | 'report';
export const COMPLAINT_KINDS: readonly ComplaintKind[] = Object.freeze(['complaint', 'report'] as ComplaintKind[]);

export type ComplaintChannel = '12315_hotline' | 'web' | 'letter' | 'media' | 'transfer';
export const COMPLAINT_CHANNELS: readonly ComplaintChannel[] = Object.freeze(['12315_hotline', 'web', 'letter', 'media', 'transfer'] as ComplaintChannel[]);

export type MediationOutcome = 'agreement' | 'failure';
export const MEDIATION_OUTCOMES: readonly MediationOutcome[] = Object.freeze(['agreement', 'failure'] as MediationOutcome[]);

/** How a complaint or report ends (design choice). */
export type ComplaintCloseOutcome = 'agreement' | 'no_agreement' | 'rejected' | 'escalated' | 'case_decided' | 'withdrawn';
export const COMPLAINT_CLOSE_OUTCOMES: readonly ComplaintCloseOutcome[] = Object.freeze([
  'agreement',
  'no_agreement',
  'rejected',
  'escalated',
  'case_decided',
  'withdrawn',
] as ComplaintCloseOutcome[]);

export interface ComplainedProduct {
  name: string;
  model: string;
}

/** The complainant's identity is confidential (domain.md §6). */
export interface Complainant {
  name: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  realName: boolean;
}

export interface ReceiveComplaintData {
  complaintId: string;
  kind: ComplaintKind;
  channel: ComplaintChannel;
  uscc: string;
  declarationId?: string;
  product?: ComplainedProduct;
  facts: string;
  complainant: Complainant;
  /** YYYY-MM-DD the consumer knew of the harm (art. 15). */
  harmKnownOn?: string;
  /** YYYY-MM-DD. */
  receivedOn: string;
  /** GB/T 2260 division code of the handling authority. */
  jurisdiction: string;
}

export interface ComplaintRef {
  complaintId: string;
}

export type AcceptComplaintData = ComplaintRef;
export interface RejectComplaintData extends ComplaintRef {
  reason: string;
}
export interface AssignHandlerData extends ComplaintRef {
  handlerId: string;
}
export interface RecordMediationData extends ComplaintRef {
  outcome: MediationOutcome;
  summary: string;
}
export interface PauseForTestingData extends ComplaintRef {
  /** YYYY-MM-DD first paused day. */
  from: string;
  /** YYYY-MM-DD last paused day; absent while testing goes on. */
  to?: string;
}
export interface ResumeAfterTestingData extends ComplaintRef {
  /** YYYY-MM-DD counting resumes on. */
  on: string;
}
export interface EscalateToInspectionData extends ComplaintRef {
  reason: string;
}
export interface CloseComplaintData extends ComplaintRef {
  outcome: ComplaintCloseOutcome;
  summary: string;
}
export interface ExtendVerificationData extends ComplaintRef {
  reason: string;
}
export interface DecideOnCaseData extends ComplaintRef {
  openCase: boolean;
  reason: string;
}
export interface NotifyReporterData extends ComplaintRef {
  /** YYYY-MM-DD. */
  on: string;
}

export type ReceiveComplaint = Command<'ReceiveComplaint', ReceiveComplaintData>;
export type AcceptComplaint = Command<'AcceptComplaint', AcceptComplaintData>;
export type RejectComplaint = Command<'RejectComplaint', RejectComplaintData>;
export type AssignHandler = Command<'AssignHandler', AssignHandlerData>;
export type RecordMediation = Command<'RecordMediation', RecordMediationData>;
export type PauseForTesting = Command<'PauseForTesting', PauseForTestingData>;
export type ResumeAfterTesting = Command<'ResumeAfterTesting', ResumeAfterTestingData>;
export type EscalateToInspection = Command<'EscalateToInspection', EscalateToInspectionData>;
export type CloseComplaint = Command<'CloseComplaint', CloseComplaintData>;
export type ExtendVerification = Command<'ExtendVerification', ExtendVerificationData>;
export type DecideOnCase = Command<'DecideOnCase', DecideOnCaseData>;
export type NotifyReporter = Command<'NotifyReporter', NotifyReporterData>;

export type ComplaintCommand =
  | ReceiveComplaint
  | AcceptComplaint
  | RejectComplaint
  | AssignHandler
  | RecordMediation
  | PauseForTesting
  | ResumeAfterTesting
  | EscalateToInspection
  | CloseComplaint
  | ExtendVerification
  | DecideOnCase
  | NotifyReporter;

export type ComplaintCommandType = ComplaintCommand['type'];

export const COMPLAINT_COMMAND_TYPES = [
  'ReceiveComplaint',
  'AcceptComplaint',
  'RejectComplaint',
  'AssignHandler',
  'RecordMediation',
  'PauseForTesting',
  'ResumeAfterTesting',
  'EscalateToInspection',
  'CloseComplaint',
  'ExtendVerification',
  'DecideOnCase',
  'NotifyReporter',
] as const satisfies readonly ComplaintCommandType[];
