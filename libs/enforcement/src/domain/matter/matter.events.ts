import { createHash } from 'node:crypto';
import { canonicalJson } from '@regledger/shared';
import type { DomainEvent } from '@regledger/shared';
import type { FollowUpOutcome, FollowUpRound, MatterCloseOutcome, MatterDeadlineKind, MatterSubject, MatterTrigger } from '../enforcement.types.js';

/** A matter opened on a non-compliance of an enterprise about a subject (SAMR Order 18 arts. 44–50; Standardization Law art. 38). */
export interface MatterOpenedData {
  matterId: string;
  uscc: string;
  /** Division code of the handling authority. */
  jurisdiction: string;
  subject: MatterSubject;
  trigger: MatterTrigger;
  /** YYYY-MM-DD: the trigger's date. */
  openedOn: string;
}

/** Another non-compliance of the same enterprise and subject joined the open matter. */
export interface NonComplianceJoinedData {
  matterId: string;
  uscc: string;
  trigger: MatterTrigger;
  /** YYYY-MM-DD. */
  joinedOn: string;
}

/** Step 1 for a failed product: stop producing and selling it (SAMR Order 18 art. 44). */
export interface StopSaleOrderedData {
  matterId: string;
  uscc: string;
  orderedOn: string;
}

/** Order to correct: a product within 60 days with a follow-up due within 75 (arts. 44–50); an enterprise subject within the policy's days (Standardization Law art. 38). */
export interface CorrectionOrderedData {
  matterId: string;
  uscc: string;
  orderedOn: string;
  correctionDueOn: string;
  /** Product subjects: orderedOn + 75 days; null for enterprise subjects. */
  followUpDueOn: string | null;
}

/** A follow-up inspection is ordered; the inspections context opens it under `inspectionId` (origin follow_up). */
export interface FollowUpInspectionRequestedData {
  matterId: string;
  uscc: string;
  jurisdiction: string;
  round: FollowUpRound;
  inspectionId: string;
  product: { name: string; model: string } | null;
  productKey: string | null;
  requestedOn: string;
  /** Round 2: the notice + 60 days; otherwise null. */
  earliestOn: string | null;
  dueOn: string;
}

/** The outcome of a follow-up inspection; `passed` closes the matter as corrected in the same decision. */
export interface FollowUpResultRecordedData {
  matterId: string;
  uscc: string;
  round: FollowUpRound;
  inspectionId: string;
  outcome: FollowUpOutcome;
  passed: boolean;
  completedOn: string;
  /** The inspections' InspectionCompleted event. */
  sourceEventId: string;
}

/** After a failed first follow-up: public notice, and the second follow-up 60–90 days later (arts. 44–50). */
export interface PublicNoticeIssuedData {
  matterId: string;
  uscc: string;
  issuedOn: string;
  secondFollowUpEarliestOn: string;
  secondFollowUpDueOn: string;
}

/** After a failed second follow-up: suspension for rectification (arts. 44–50). */
export interface SuspensionOrderedData {
  matterId: string;
  uscc: string;
  orderedOn: string;
  rectificationDueOn: string;
}

/** After a failed third follow-up: licence revocation; the matter closes as revoked (arts. 44–50). */
export interface LicenceRevokedData {
  matterId: string;
  uscc: string;
  revokedOn: string;
}

/** A failure to disclose was corrected; the matter closes as corrected (Standardization Law art. 38). */
export interface CorrectionConfirmedData {
  matterId: string;
  uscc: string;
  confirmedOn: string;
  note: string | null;
}

/** Not corrected by the deadline: the failure to disclose is published (Standardization Law art. 38). */
export interface NonDisclosurePublishedData {
  matterId: string;
  uscc: string;
  publishedOn: string;
}

/** A deadline of the matter passed unmet; recorded once per matter, kind and due date. */
export interface MatterDeadlineMissedData {
  matterId: string;
  uscc: string;
  deadline: MatterDeadlineKind;
  dueOn: string;
  recordedOn: string;
}

export interface MatterClosedData {
  matterId: string;
  uscc: string;
  outcome: MatterCloseOutcome;
  reason: string | null;
  closedOn: string;
}

export type MatterOpened = DomainEvent<'MatterOpened', MatterOpenedData>;
export type NonComplianceJoined = DomainEvent<'NonComplianceJoined', NonComplianceJoinedData>;
export type StopSaleOrdered = DomainEvent<'StopSaleOrdered', StopSaleOrderedData>;
export type CorrectionOrdered = DomainEvent<'CorrectionOrdered', CorrectionOrderedData>;
export type FollowUpInspectionRequested = DomainEvent<'FollowUpInspectionRequested', FollowUpInspectionRequestedData>;
export type FollowUpResultRecorded = DomainEvent<'FollowUpResultRecorded', FollowUpResultRecordedData>;
export type PublicNoticeIssued = DomainEvent<'PublicNoticeIssued', PublicNoticeIssuedData>;
export type SuspensionOrdered = DomainEvent<'SuspensionOrdered', SuspensionOrderedData>;
export type LicenceRevoked = DomainEvent<'LicenceRevoked', LicenceRevokedData>;
export type CorrectionConfirmed = DomainEvent<'CorrectionConfirmed', CorrectionConfirmedData>;
export type NonDisclosurePublished = DomainEvent<'NonDisclosurePublished', NonDisclosurePublishedData>;
export type MatterDeadlineMissed = DomainEvent<'MatterDeadlineMissed', MatterDeadlineMissedData>;
export type MatterClosed = DomainEvent<'MatterClosed', MatterClosedData>;

export type MatterEvent =
  | MatterOpened
  | NonComplianceJoined
  | StopSaleOrdered
  | CorrectionOrdered
  | FollowUpInspectionRequested
  | FollowUpResultRecorded
  | PublicNoticeIssued
  | SuspensionOrdered
  | LicenceRevoked
  | CorrectionConfirmed
  | NonDisclosurePublished
  | MatterDeadlineMissed
  | MatterClosed;

export type MatterEventType = MatterEvent['type'];

export const MATTER_EVENT_TYPES = [
  'MatterOpened',
  'NonComplianceJoined',
  'StopSaleOrdered',
  'CorrectionOrdered',
  'FollowUpInspectionRequested',
  'FollowUpResultRecorded',
  'PublicNoticeIssued',
  'SuspensionOrdered',
  'LicenceRevoked',
  'CorrectionConfirmed',
  'NonDisclosurePublished',
  'MatterDeadlineMissed',
  'MatterClosed',
] as const satisfies readonly MatterEventType[];

/** Every matter stream starts with this prefix. */
export const MATTER_STREAM_PREFIX = 'matters-';

/** The canonical key of a subject: the product key for a product, `enterprise` for declaration duties. */
export const subjectKeyOf = (subject: MatterSubject): string => (subject.kind === 'product' ? canonicalJson({ kind: 'product', productKey: subject.productKey }) : canonicalJson({ kind: 'enterprise' }));

/** First 16 hex characters of the SHA-256 of the subject's canonical key. */
export const subjectDigestOf = (subject: MatterSubject): string => createHash('sha256').update(subjectKeyOf(subject)).digest('hex').slice(0, 16);

/** One stream per enterprise and subject, holding its successive matters: `matters-<uscc>-<subjectDigest>`. */
export const matterStreamIdFor = (uscc: string, subject: MatterSubject): string => `${MATTER_STREAM_PREFIX}${uscc}-${subjectDigestOf(subject)}`;

/** The n-th matter of a stream: `<uscc>-<subjectDigest>-<n>`. */
export const matterIdFor = (uscc: string, digest: string, n: number): string => `${uscc}-${digest}-${n}`;

const MATTER_ID = /^([0-9A-HJ-NPQRTUWXY]{18})-([0-9a-f]{16})-([1-9]\d{0,8})$/;

/** The stream a matter id belongs to, or null when the id is not one this context issues. */
export const matterStreamIdOf = (matterId: string): string | null => {
  const m = typeof matterId === 'string' ? MATTER_ID.exec(matterId) : null;
  return m ? `${MATTER_STREAM_PREFIX}${m[1]}-${m[2]}` : null;
};
