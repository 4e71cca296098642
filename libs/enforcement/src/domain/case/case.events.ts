import type { DomainEvent } from '@regledger/shared';
import type { CaseCloseOutcome, CaseDeadlineKind, CasePauseKind, LeadSourceKind, Penalty, PenaltyPublication, PenaltySector } from '../enforcement.types.js';

export interface LeadSource {
  kind: LeadSourceKind;
  /** The matter id, complaint id, inspection id or another reference, or null. */
  reference: string | null;
}

/** A violation lead; verified within 15 working days of its discovery (Penalty Procedure Provisions art. 18). */
export interface LeadRegisteredData {
  caseId: string;
  uscc: string;
  jurisdiction: string;
  matterId: string | null;
  productKey: string | null;
  source: LeadSource;
  summary: string;
  discoveredOn: string;
  verificationDueOn: string;
}

/** The verification is extended once by 15 working days (art. 18). */
export interface LeadVerificationExtendedData {
  caseId: string;
  uscc: string;
  reason: string;
  verificationDueOn: string;
}

/** The case is opened; the decision is due 90 calendar days on (Administrative Penalty Law art. 60). */
export interface CaseOpenedData {
  caseId: string;
  uscc: string;
  jurisdiction: string;
  matterId: string | null;
  productKey: string | null;
  openedOn: string;
  decisionDueOn: string;
}

/** No case is opened on the lead; the lead closes. */
export interface CaseNotOpenedData {
  caseId: string;
  uscc: string;
  reason: string;
  decidedOn: string;
}

/** Testing, a hearing or a suspension: its days do not count towards the decision (art. 60). */
export interface CasePausedData {
  caseId: string;
  uscc: string;
  kind: CasePauseKind;
  from: string;
}

/** The pause ended: counting resumes on `on`; the paused calendar days push the deadline. */
export interface CaseResumedData {
  caseId: string;
  uscc: string;
  on: string;
  pausedDays: number;
  decisionDueOn: string;
}

/** The decision deadline is extended once by 30 days with approval (art. 60). */
export interface DecisionDeadlineExtendedData {
  caseId: string;
  uscc: string;
  approvalReference: string;
  decisionDueOn: string;
}

/** The penalty decision; closes the case in the same decision (`CaseClosed`). */
export interface PenaltyDecidedData {
  caseId: string;
  uscc: string;
  jurisdiction: string;
  matterId: string | null;
  productKey: string | null;
  decidedOn: string;
  /** Empty: no penalty. */
  penalties: Penalty[];
  /** Computed by the decider from the policy (SAMR Order 44; design choice figures). */
  heavy: boolean;
  sector: PenaltySector;
  /** The provisions the penalty rests on, as published. */
  legalBasis: string;
  publication: PenaltyPublication;
}

/** The penalty is published (SAMR Order 45); `late` when after its due date. */
export interface PenaltyPublishedData {
  caseId: string;
  uscc: string;
  publishedOn: string;
  /** The last day it is shown: 3 months or 3 years on. */
  shownUntil: string;
  late: boolean;
}

/** The publication ended: its window elapsed, or a credit repair ended it early (SAMR 2021 No. 3). */
export interface PenaltyPublicationEndedData {
  caseId: string;
  uscc: string;
  endedOn: string;
  reason: 'window_elapsed' | 'credit_repair';
  repairId: string | null;
}

/** The publication was due and is not done (SAMR Order 45); recorded once. */
export interface PenaltyPublicationOverdueData {
  caseId: string;
  uscc: string;
  dueOn: string;
  recordedOn: string;
}

/** A deadline of the case passed unmet (art. 18, art. 60); recorded once per kind and due date. */
export interface CaseDeadlineMissedData {
  caseId: string;
  uscc: string;
  deadline: CaseDeadlineKind;
  dueOn: string;
  recordedOn: string;
}

export interface CaseClosedData {
  caseId: string;
  uscc: string;
  outcome: CaseCloseOutcome;
  closedOn: string;
}

export type LeadRegistered = DomainEvent<'LeadRegistered', LeadRegisteredData>;
export type LeadVerificationExtended = DomainEvent<'LeadVerificationExtended', LeadVerificationExtendedData>;
export type CaseOpened = DomainEvent<'CaseOpened', CaseOpenedData>;
export type CaseNotOpened = DomainEvent<'CaseNotOpened', CaseNotOpenedData>;
export type CasePaused = DomainEvent<'CasePaused', CasePausedData>;
export type CaseResumed = DomainEvent<'CaseResumed', CaseResumedData>;
export type DecisionDeadlineExtended = DomainEvent<'DecisionDeadlineExtended', DecisionDeadlineExtendedData>;
export type PenaltyDecided = DomainEvent<'PenaltyDecided', PenaltyDecidedData>;
export type PenaltyPublished = DomainEvent<'PenaltyPublished', PenaltyPublishedData>;
export type PenaltyPublicationEnded = DomainEvent<'PenaltyPublicationEnded', PenaltyPublicationEndedData>;
export type PenaltyPublicationOverdue = DomainEvent<'PenaltyPublicationOverdue', PenaltyPublicationOverdueData>;
export type CaseDeadlineMissed = DomainEvent<'CaseDeadlineMissed', CaseDeadlineMissedData>;
export type CaseClosed = DomainEvent<'CaseClosed', CaseClosedData>;

export type CaseEvent =
  | LeadRegistered
  | LeadVerificationExtended
  | CaseOpened
  | CaseNotOpened
  | CasePaused
  | CaseResumed
  | DecisionDeadlineExtended
  | PenaltyDecided
  | PenaltyPublished
  | PenaltyPublicationEnded
  | PenaltyPublicationOverdue
  | CaseDeadlineMissed
  | CaseClosed;

export type CaseEventType = CaseEvent['type'];

export const CASE_EVENT_TYPES = [
  'LeadRegistered',
  'LeadVerificationExtended',
  'CaseOpened',
  'CaseNotOpened',
  'CasePaused',
  'CaseResumed',
  'DecisionDeadlineExtended',
  'PenaltyDecided',
  'PenaltyPublished',
  'PenaltyPublicationEnded',
  'PenaltyPublicationOverdue',
  'CaseDeadlineMissed',
  'CaseClosed',
] as const satisfies readonly CaseEventType[];

/** Every case stream starts with this prefix. */
export const CASE_STREAM_PREFIX = 'case-';

/** One stream per case: `case-<caseId>`. */
export const caseStreamId = (caseId: string): string => `${CASE_STREAM_PREFIX}${caseId}`;
