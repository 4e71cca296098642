/**
 * What other bounded contexts may depend on in the enforcement context: the published events of matters
 * (after a failed product spot check or a failure to disclose: SAMR Order 18 arts. 44–50, Standardization Law
 * art. 38) and of cases (leads, cases, penalties and their publication: Penalty Procedure Provisions art. 18,
 * Administrative Penalty Law art. 60, SAMR Order 45), their content types, the stream naming, and type guards
 * that work on recorded envelopes.
 *
 * The inspections context opens a follow-up inspection on `FollowUpInspectionRequested`; the credit context
 * records entries from matters and penalties.
 */
import type { NarrowedEvent } from '@regledger/shared';
import type {
  CorrectionOrdered,
  FollowUpInspectionRequested,
  FollowUpResultRecorded,
  LicenceRevoked,
  MatterClosed,
  MatterEvent,
  MatterOpened,
  NonComplianceJoined,
  NonDisclosurePublished,
  PublicNoticeIssued,
  SuspensionOrdered,
} from '../domain/matter/matter.events.js';
import { MATTER_EVENT_TYPES } from '../domain/matter/matter.events.js';
import type {
  CaseClosed,
  CaseEvent,
  CaseOpened,
  LeadRegistered,
  PenaltyDecided,
  PenaltyPublicationEnded,
  PenaltyPublished,
} from '../domain/case/case.events.js';
import { CASE_EVENT_TYPES } from '../domain/case/case.events.js';

export type {
  CorrectionConfirmed,
  CorrectionConfirmedData,
  CorrectionOrdered,
  CorrectionOrderedData,
  FollowUpInspectionRequested,
  FollowUpInspectionRequestedData,
  FollowUpResultRecorded,
  FollowUpResultRecordedData,
  LicenceRevoked,
  LicenceRevokedData,
  MatterClosed,
  MatterClosedData,
  MatterDeadlineMissed,
  MatterDeadlineMissedData,
  MatterEvent,
  MatterEventType,
  MatterOpened,
  MatterOpenedData,
  NonComplianceJoined,
  NonComplianceJoinedData,
  NonDisclosurePublished,
  NonDisclosurePublishedData,
  PublicNoticeIssued,
  PublicNoticeIssuedData,
  StopSaleOrdered,
  StopSaleOrderedData,
  SuspensionOrdered,
  SuspensionOrderedData,
} from '../domain/matter/matter.events.js';
export { MATTER_EVENT_TYPES, MATTER_STREAM_PREFIX, matterIdFor, matterStreamIdFor, matterStreamIdOf, subjectDigestOf } from '../domain/matter/matter.events.js';
export type {
  CaseClosed,
  CaseClosedData,
  CaseDeadlineMissed,
  CaseDeadlineMissedData,
  CaseEvent,
  CaseEventType,
  CaseNotOpened,
  CaseNotOpenedData,
  CaseOpened,
  CaseOpenedData,
  CasePaused,
  CasePausedData,
  CaseResumed,
  CaseResumedData,
  DecisionDeadlineExtended,
  DecisionDeadlineExtendedData,
  LeadRegistered,
  LeadRegisteredData,
  LeadSource,
  LeadVerificationExtended,
  LeadVerificationExtendedData,
  PenaltyDecided,
  PenaltyDecidedData,
  PenaltyPublicationEnded,
  PenaltyPublicationEndedData,
  PenaltyPublicationOverdue,
  PenaltyPublicationOverdueData,
  PenaltyPublished,
  PenaltyPublishedData,
} from '../domain/case/case.events.js';
export { CASE_EVENT_TYPES, CASE_STREAM_PREFIX, caseStreamId } from '../domain/case/case.events.js';
export type {
  CaseCloseOutcome,
  CaseDeadlineKind,
  CasePauseKind,
  EnforcementPolicy,
  FollowUpOutcome,
  FollowUpRound,
  LeadSourceKind,
  MatterCloseOutcome,
  MatterDeadlineKind,
  MatterSubject,
  MatterTrigger,
  Penalty,
  PenaltyKind,
  PenaltyPublication,
  PenaltySector,
  PublicationWindow,
  TriggerKind,
} from '../domain/enforcement.types.js';
export { DEFAULT_ENFORCEMENT_POLICY, PENALTY_KINDS, TRIGGER_KINDS } from '../domain/enforcement.types.js';

type Guard<T extends { type: string; data: unknown }> = <E extends { type: string }>(e: E) => e is NarrowedEvent<E, T>;
const guard = <T extends { type: string; data: unknown }>(type: T['type']): Guard<T> => ((e: { type: string }) => e.type === type) as Guard<T>;

/** Any matter event. */
export const isMatterEvent = <E extends { type: string }>(e: E): e is NarrowedEvent<E, MatterEvent> => (MATTER_EVENT_TYPES as readonly string[]).includes(e.type);
/** Any case event. */
export const isCaseEvent = <E extends { type: string }>(e: E): e is NarrowedEvent<E, CaseEvent> => (CASE_EVENT_TYPES as readonly string[]).includes(e.type);
/** Any event of the enforcement context. */
export const isEnforcementEvent = <E extends { type: string }>(e: E): e is NarrowedEvent<E, MatterEvent | CaseEvent> => isMatterEvent(e) || isCaseEvent(e);

/** Works on recorded envelopes too: `data` is narrowed to `MatterOpenedData`. */
export const isMatterOpened: Guard<MatterOpened> = guard('MatterOpened');
/** Works on recorded envelopes too: `data` is narrowed to `NonComplianceJoinedData`. */
export const isNonComplianceJoined: Guard<NonComplianceJoined> = guard('NonComplianceJoined');
/** Works on recorded envelopes too: `data` is narrowed to `CorrectionOrderedData`. */
export const isCorrectionOrdered: Guard<CorrectionOrdered> = guard('CorrectionOrdered');
/** Works on recorded envelopes too: `data` is narrowed to `FollowUpInspectionRequestedData`. */
export const isFollowUpInspectionRequested: Guard<FollowUpInspectionRequested> = guard('FollowUpInspectionRequested');
/** Works on recorded envelopes too: `data` is narrowed to `FollowUpResultRecordedData`. */
export const isFollowUpResultRecorded: Guard<FollowUpResultRecorded> = guard('FollowUpResultRecorded');
/** Works on recorded envelopes too: `data` is narrowed to `PublicNoticeIssuedData`. */
export const isPublicNoticeIssued: Guard<PublicNoticeIssued> = guard('PublicNoticeIssued');
/** Works on recorded envelopes too: `data` is narrowed to `SuspensionOrderedData`. */
export const isSuspensionOrdered: Guard<SuspensionOrdered> = guard('SuspensionOrdered');
/** Works on recorded envelopes too: `data` is narrowed to `LicenceRevokedData`. */
export const isLicenceRevoked: Guard<LicenceRevoked> = guard('LicenceRevoked');
/** Works on recorded envelopes too: `data` is narrowed to `NonDisclosurePublishedData`. */
export const isNonDisclosurePublished: Guard<NonDisclosurePublished> = guard('NonDisclosurePublished');
/** Works on recorded envelopes too: `data` is narrowed to `MatterClosedData`. */
export const isMatterClosed: Guard<MatterClosed> = guard('MatterClosed');
/** Works on recorded envelopes too: `data` is narrowed to `LeadRegisteredData`. */
export const isLeadRegistered: Guard<LeadRegistered> = guard('LeadRegistered');
/** Works on recorded envelopes too: `data` is narrowed to `CaseOpenedData`. */
export const isCaseOpened: Guard<CaseOpened> = guard('CaseOpened');
/** Works on recorded envelopes too: `data` is narrowed to `CaseClosedData`. */
export const isCaseClosed: Guard<CaseClosed> = guard('CaseClosed');
/** Works on recorded envelopes too: `data` is narrowed to `PenaltyDecidedData`. */
export const isPenaltyDecided: Guard<PenaltyDecided> = guard('PenaltyDecided');
/** Works on recorded envelopes too: `data` is narrowed to `PenaltyPublishedData`. */
export const isPenaltyPublished: Guard<PenaltyPublished> = guard('PenaltyPublished');
/** Works on recorded envelopes too: `data` is narrowed to `PenaltyPublicationEndedData`. */
export const isPenaltyPublicationEnded: Guard<PenaltyPublicationEnded> = guard('PenaltyPublicationEnded');
