import type { DomainEvent } from '@regledger/shared';
import type { ComplaintChannel, ComplaintCloseOutcome, ComplaintDeadlineKind, ComplaintKind, ComplainedProduct, MediationOutcome, RecordedComplainant } from './complaint.commands.js';

/** Schema version of `ComplaintReceived` from which the complainant's identity is sealed (v1 recorded it in clear). */
export const COMPLAINT_RECEIVED_SCHEMA_VERSION = 2;

/** A complaint or report was received; acceptance is due 7 working days after receipt (art. 14). */
export interface ComplaintReceivedData {
  complaintId: string;
  kind: ComplaintKind;
  channel: ComplaintChannel;
  uscc: string;
  declarationId: string | null;
  product: ComplainedProduct | null;
  facts: string;
  /** v2: `{ realName, personalData }`, the identity sealed with the person's key; v1: in clear. */
  complainant: RecordedComplainant;
  /** YYYY-MM-DD the consumer knew of the harm, when given. */
  harmKnownOn: string | null;
  /** GB/T 2260 division code of the handling authority. */
  jurisdiction: string;
  /** YYYY-MM-DD. */
  receivedOn: string;
  /** YYYY-MM-DD: receivedOn + 7 working days (art. 14). */
  acceptanceDueOn: string;
  /**
   * Whether the USCC is known to the enterprises context at intake. A lead about an unregistered
   * business is still received (design choice); null when the intake was decided without that check.
   */
  enterpriseRegistered: boolean | null;
  /** The enterprise's name at intake, when registered. */
  enterpriseName: string | null;
}

/** Accepted: a complaint goes to mediation ending 45 working days on (art. 21); a report is verified within 15 (art. 23). */
export interface ComplaintAcceptedData {
  complaintId: string;
  kind: ComplaintKind;
  /** YYYY-MM-DD in China time. */
  acceptedOn: string;
  /** Complaints: acceptedOn + 45 working days, testing not counted (arts. 20–21); null for reports. */
  mediationEndsOn: string | null;
  /** Reports: acceptedOn + 15 working days (art. 23); null for complaints. */
  verificationDueOn: string | null;
}

/** Not accepted; `limitation_period` is decided by rule on receipt (art. 15). */
export interface ComplaintRejectedData {
  complaintId: string;
  reason: string;
  /** YYYY-MM-DD. */
  rejectedOn: string;
}

export interface HandlerAssignedData {
  complaintId: string;
  handlerId: string;
  /** YYYY-MM-DD. */
  assignedOn: string;
}

export interface MediationRecordedData {
  complaintId: string;
  outcome: MediationOutcome;
  summary: string;
  /** YYYY-MM-DD. */
  recordedOn: string;
}

/** Testing time does not count towards the end of mediation (art. 20); open-ended until resumed. */
export interface TestingPausedData {
  complaintId: string;
  /** YYYY-MM-DD, first paused day. */
  from: string;
  /** YYYY-MM-DD, last paused day, or null while testing goes on. */
  to: string | null;
  /** The recomputed end of mediation, or null while the pause is open. */
  mediationEndsOn: string | null;
}

/** Testing ended; counting resumes on `on`, the paused span is `from` to the day before `on` (art. 20). */
export interface TestingResumedData {
  complaintId: string;
  /** YYYY-MM-DD. */
  on: string;
  /** YYYY-MM-DD: the paused span closed by this resumption. */
  pausedFrom: string;
  pausedTo: string;
  mediationEndsOn: string;
}

/**
 * Escalated to the inspections context for a targeted inspection outside the random quota
 * (Guangdong plan item 11); carries what that context needs to plan it.
 */
export interface ComplaintEscalatedData {
  complaintId: string;
  kind: ComplaintKind;
  reason: string;
  /** YYYY-MM-DD. */
  escalatedOn: string;
  uscc: string;
  /** GB/T 2260 division code of the handling authority. */
  jurisdiction: string;
  declarationId: string | null;
  product: { name: string; model: string } | null;
}

export interface ComplaintClosedData {
  complaintId: string;
  outcome: ComplaintCloseOutcome;
  summary: string;
  /** YYYY-MM-DD. */
  closedOn: string;
}

/** The report's verification is extended once by 15 working days (art. 23). */
export interface VerificationExtendedData {
  complaintId: string;
  reason: string;
  /** YYYY-MM-DD: the due date before the extension. */
  previousDueOn: string;
  /** YYYY-MM-DD: previousDueOn + 15 working days. */
  verificationDueOn: string;
}

/** Whether a case is opened on a report; a real-name reporter is told within 5 working days (art. 31). */
export interface CaseDecisionRecordedData {
  complaintId: string;
  openCase: boolean;
  reason: string;
  /** YYYY-MM-DD. */
  decidedOn: string;
  /** YYYY-MM-DD: decidedOn + 5 working days for a real-name reporter, else null (art. 31). */
  reporterNotificationDueOn: string | null;
}

export interface ReporterNotifiedData {
  complaintId: string;
  /** YYYY-MM-DD. */
  on: string;
  dueOn: string;
  late: boolean;
}

/** A statutory deadline passed unmet; recorded once per complaint, deadline kind and due date (arts. 14, 21, 23, 31). */
export interface ComplaintDeadlineMissedData {
  complaintId: string;
  /** `mediation_end`: mediation ended without agreement (art. 21). */
  deadline: ComplaintDeadlineKind;
  /** YYYY-MM-DD: the due date that passed. */
  dueOn: string;
  /** YYYY-MM-DD: the China date the miss was recorded. */
  recordedOn: string;
  jurisdiction: string;
}

export type ComplaintReceived = DomainEvent<'ComplaintReceived', ComplaintReceivedData>;
export type ComplaintAccepted = DomainEvent<'ComplaintAccepted', ComplaintAcceptedData>;
export type ComplaintRejected = DomainEvent<'ComplaintRejected', ComplaintRejectedData>;
export type HandlerAssigned = DomainEvent<'HandlerAssigned', HandlerAssignedData>;
export type MediationRecorded = DomainEvent<'MediationRecorded', MediationRecordedData>;
export type TestingPaused = DomainEvent<'TestingPaused', TestingPausedData>;
export type TestingResumed = DomainEvent<'TestingResumed', TestingResumedData>;
export type ComplaintEscalated = DomainEvent<'ComplaintEscalated', ComplaintEscalatedData>;
export type ComplaintClosed = DomainEvent<'ComplaintClosed', ComplaintClosedData>;
export type VerificationExtended = DomainEvent<'VerificationExtended', VerificationExtendedData>;
export type CaseDecisionRecorded = DomainEvent<'CaseDecisionRecorded', CaseDecisionRecordedData>;
export type ReporterNotified = DomainEvent<'ReporterNotified', ReporterNotifiedData>;
export type ComplaintDeadlineMissed = DomainEvent<'ComplaintDeadlineMissed', ComplaintDeadlineMissedData>;

export type ComplaintEvent =
  | ComplaintReceived
  | ComplaintAccepted
  | ComplaintRejected
  | HandlerAssigned
  | MediationRecorded
  | TestingPaused
  | TestingResumed
  | ComplaintEscalated
  | ComplaintClosed
  | VerificationExtended
  | CaseDecisionRecorded
  | ReporterNotified
  | ComplaintDeadlineMissed;

export type ComplaintEventType = ComplaintEvent['type'];

export const COMPLAINT_EVENT_TYPES = [
  'ComplaintReceived',
  'ComplaintAccepted',
  'ComplaintRejected',
  'HandlerAssigned',
  'MediationRecorded',
  'TestingPaused',
  'TestingResumed',
  'ComplaintEscalated',
  'ComplaintClosed',
  'VerificationExtended',
  'CaseDecisionRecorded',
  'ReporterNotified',
  'ComplaintDeadlineMissed',
] as const satisfies readonly ComplaintEventType[];

/** Every stream of the context starts with this prefix. */
export const COMPLAINT_STREAM_PREFIX = 'complaint-';

/** One stream per complaint or report. */
export const complaintStreamId = (complaintId: string): string => `${COMPLAINT_STREAM_PREFIX}${complaintId}`;
