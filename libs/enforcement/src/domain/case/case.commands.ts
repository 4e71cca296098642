import type { Command } from '@regledger/shared';
import type { CaseDeadlineKind, CasePauseKind, LeadSourceKind, PenaltyKind, PenaltySector } from '../enforcement.types.js';

export interface CaseRef {
  caseId: string;
}

/** A step dated by the supervisor: `on` defaults to today (China date) and is never after it. */
export interface DatedCaseStep extends CaseRef {
  on?: string;
}

export interface RegisterLeadData extends CaseRef {
  uscc: string;
  jurisdiction: string;
  matterId?: string | null;
  productKey?: string | null;
  source: { kind: LeadSourceKind; reference?: string | null };
  summary: string;
  /** YYYY-MM-DD the lead was discovered. */
  discoveredOn: string;
}

/** A verified report of the complaints context: the lead and the case in one decision (the verification was done there). */
export interface OpenCaseFromReportData extends RegisterLeadData {
  openedOn: string;
}

export interface ExtendLeadVerificationData extends DatedCaseStep {
  reason: string;
}
export type OpenCaseData = DatedCaseStep;
export interface DeclineCaseData extends DatedCaseStep {
  reason: string;
}
export interface PauseCaseData extends CaseRef {
  kind: CasePauseKind;
  /** First paused day; today when absent. */
  from?: string;
}
export type ResumeCaseData = DatedCaseStep;
export interface ExtendDecisionDeadlineData extends DatedCaseStep {
  approvalReference: string;
}
export interface DecidePenaltyData extends DatedCaseStep {
  penalties: { kind: PenaltyKind; amountYuan?: number | null }[];
  sector: PenaltySector;
  legalBasis: string;
}
export type PublishPenaltyData = DatedCaseStep;
export interface EndPenaltyPublicationData extends DatedCaseStep {
  reason: 'window_elapsed' | 'credit_repair';
  repairId?: string | null;
}
export interface RecordPenaltyPublicationOverdueData extends CaseRef {
  dueOn: string;
}
export interface RecordCaseDeadlineMissedData extends CaseRef {
  deadline: CaseDeadlineKind;
  dueOn: string;
}

export type RegisterLead = Command<'RegisterLead', RegisterLeadData>;
export type OpenCaseFromReport = Command<'OpenCaseFromReport', OpenCaseFromReportData>;
export type ExtendLeadVerification = Command<'ExtendLeadVerification', ExtendLeadVerificationData>;
export type OpenCase = Command<'OpenCase', OpenCaseData>;
export type DeclineCase = Command<'DeclineCase', DeclineCaseData>;
export type PauseCase = Command<'PauseCase', PauseCaseData>;
export type ResumeCase = Command<'ResumeCase', ResumeCaseData>;
export type ExtendDecisionDeadline = Command<'ExtendDecisionDeadline', ExtendDecisionDeadlineData>;
export type DecidePenalty = Command<'DecidePenalty', DecidePenaltyData>;
export type PublishPenalty = Command<'PublishPenalty', PublishPenaltyData>;
export type EndPenaltyPublication = Command<'EndPenaltyPublication', EndPenaltyPublicationData>;
export type RecordPenaltyPublicationOverdue = Command<'RecordPenaltyPublicationOverdue', RecordPenaltyPublicationOverdueData>;
export type RecordCaseDeadlineMissed = Command<'RecordCaseDeadlineMissed', RecordCaseDeadlineMissedData>;

export type CaseCommand =
  | RegisterLead
  | OpenCaseFromReport
  | ExtendLeadVerification
  | OpenCase
  | DeclineCase
  | PauseCase
  | ResumeCase
  | ExtendDecisionDeadline
  | DecidePenalty
  | PublishPenalty
  | EndPenaltyPublication
  | RecordPenaltyPublicationOverdue
  | RecordCaseDeadlineMissed;

export type CaseCommandType = CaseCommand['type'];
