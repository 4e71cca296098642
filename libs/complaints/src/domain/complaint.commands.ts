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

/** Who the complainant is, apart from whether the name is real: what is sealed with the person's own key. */
export type ComplainantIdentity = Omit<Complainant, 'realName'>;

/**
 * The complainant's identity sealed by the command handler with the person's own key (AES-256-GCM, the key
 * held apart from the log); opaque to the domain, which only passes it on into the event.
 */
export interface SealedIdentity {
  subjectId: string;
  keyId: string;
  [field: string]: unknown;
}

/** What a reader gets in place of a sealed identity it cannot open: the key was erased, or this store does not hold it. */
export interface WithheldIdentity {
  erased?: true;
  unavailable?: true;
  subjectId: string;
  keyId: string;
}

/**
 * The complainant as `ComplaintReceived` v2 records it: the identity sealed (or, once read, opened or withheld);
 * whether the name is real stays readable, the reporter's notice depends on it (art. 31).
 */
export interface ProtectedComplainant {
  realName: boolean;
  personalData: SealedIdentity | WithheldIdentity | ComplainantIdentity;
}

/** The complainant as the log holds it: in clear in v1 events (recorded before sealing), protected from v2 on. */
export type RecordedComplainant = Complainant | ProtectedComplainant;

/** What the handler read from the other contexts' streams at intake; absent when the decider is called directly. */
export interface IntakeFacts {
  /** The USCC has a stream in the enterprises context (registered, or registered then deregistered). */
  enterpriseRegistered: boolean;
  enterpriseName: string | null;
  /** Whether `declarationId` is a declaration of this USCC; null when no declaration is named. */
  declarationFound: boolean | null;
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
  /** Added by the command handler from the enterprises and declarations streams. */
  intake?: IntakeFacts;
  /** Added by the command handler: `complainant` without `realName`, sealed with the person's key; it alone is recorded. */
  sealedIdentity?: SealedIdentity;
}

export interface ComplaintRef {
  complaintId: string;
}

/** A step dated by the handler: `on` is the day it was taken, today (China date) when absent; never after today. */
export interface DatedStep extends ComplaintRef {
  /** YYYY-MM-DD; defaults to the China date of the command. */
  on?: string;
}

export type AcceptComplaintData = DatedStep;
export interface RejectComplaintData extends DatedStep {
  reason: string;
}
export interface AssignHandlerData extends DatedStep {
  handlerId: string;
}
export interface RecordMediationData extends DatedStep {
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
export interface EscalateToInspectionData extends DatedStep {
  reason: string;
}
export interface CloseComplaintData extends DatedStep {
  outcome: ComplaintCloseOutcome;
  summary: string;
}
export interface ExtendVerificationData extends DatedStep {
  reason: string;
}
export interface DecideOnCaseData extends DatedStep {
  openCase: boolean;
  reason: string;
}
export interface NotifyReporterData extends ComplaintRef {
  /** YYYY-MM-DD. */
  on: string;
}

/** The statutory deadlines a complaint or report runs against (arts. 14, 21, 23, 31). */
export type ComplaintDeadlineKind = 'acceptance' | 'mediation_end' | 'verification' | 'reporter_notification';
export const COMPLAINT_DEADLINE_KINDS: readonly ComplaintDeadlineKind[] = Object.freeze([
  'acceptance',
  'mediation_end',
  'verification',
  'reporter_notification',
] as ComplaintDeadlineKind[]);

/** Sent by the deadline schedule: records that a deadline passed unmet (one fact per complaint, kind and due date). */
export interface RecordComplaintDeadlineMissedData extends ComplaintRef {
  deadline: ComplaintDeadlineKind;
  /** YYYY-MM-DD: the due date that passed. */
  dueOn: string;
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
export type RecordComplaintDeadlineMissed = Command<'RecordComplaintDeadlineMissed', RecordComplaintDeadlineMissedData>;

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
  | NotifyReporter
  | RecordComplaintDeadlineMissed;

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
  'RecordComplaintDeadlineMissed',
] as const satisfies readonly ComplaintCommandType[];
