/**
 * What other bounded contexts may depend on in the complaints context: the published events and their
 * content types, the stream naming, and type guards that work on recorded envelopes.
 *
 * The inspections context reacts to `ComplaintEscalated` with a targeted inspection outside the random
 * quota (domain.md §5, Guangdong plan item 11); `ComplaintDeadlineMissed` records statutory deadlines
 * that passed unmet (domain.md §6).
 */
import type { ComplaintDeadlineMissed, ComplaintEscalated, ComplaintEvent } from '../domain/complaint.events.js';
import { COMPLAINT_EVENT_TYPES } from '../domain/complaint.events.js';
import type { NarrowedEvent } from '@regledger/shared';

export type {
  CaseDecisionRecorded,
  CaseDecisionRecordedData,
  ComplaintAccepted,
  ComplaintAcceptedData,
  ComplaintClosed,
  ComplaintClosedData,
  ComplaintDeadlineMissed,
  ComplaintDeadlineMissedData,
  ComplaintEscalated,
  ComplaintEscalatedData,
  ComplaintEvent,
  ComplaintEventType,
  ComplaintReceived,
  ComplaintReceivedData,
  ComplaintRejected,
  ComplaintRejectedData,
  HandlerAssigned,
  HandlerAssignedData,
  MediationRecorded,
  MediationRecordedData,
  ReporterNotified,
  ReporterNotifiedData,
  TestingPaused,
  TestingPausedData,
  TestingResumed,
  TestingResumedData,
  VerificationExtended,
  VerificationExtendedData,
} from '../domain/complaint.events.js';
export { COMPLAINT_EVENT_TYPES, COMPLAINT_STREAM_PREFIX, complaintStreamId } from '../domain/complaint.events.js';
export type { ComplainantIdentityRead, ComplainantIdentityReadData } from '../domain/complainant-read.events.js';
export { COMPLAINANT_READ_EVENT_TYPES, COMPLAINANT_READS_STREAM_PREFIX, complainantReadsStreamId } from '../domain/complainant-read.events.js';
export type { ComplainedProduct, ComplaintChannel, ComplaintCloseOutcome, ComplaintDeadlineKind, ComplaintKind, MediationOutcome } from '../domain/complaint.commands.js';


export const isComplaintEvent = <E extends { type: string }>(e: E): e is NarrowedEvent<E, ComplaintEvent> => (COMPLAINT_EVENT_TYPES as readonly string[]).includes(e.type);

/** Works on recorded envelopes too: `data` is narrowed to `ComplaintEscalatedData`. */
export const isComplaintEscalated = <E extends { type: string }>(e: E): e is NarrowedEvent<E, ComplaintEscalated> => e.type === 'ComplaintEscalated';

/** Works on recorded envelopes too: `data` is narrowed to `ComplaintDeadlineMissedData`. */
export const isComplaintDeadlineMissed = <E extends { type: string }>(e: E): e is NarrowedEvent<E, ComplaintDeadlineMissed> => e.type === 'ComplaintDeadlineMissed';
