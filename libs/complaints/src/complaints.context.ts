import type { ContextDefinition, FoldableEvent } from '@regledger/engine';
import { fold, type Actor } from '@regledger/shared';
import {
  COMPLAINANT_READS_INITIAL,
  COMPLAINANT_READS_STREAM_PREFIX,
  COMPLAINT_STREAM_PREFIX,
  PERSONAL_DATA_STREAM_PREFIX,
  complainantFor,
  complainantOfRecord,
  complaintDecider,
  personalDataErasureDecider,
  evolveComplainantReads,
  mayReadComplainant,
  type ComplainantIdentityRead,
  type ComplainantView,
  type ComplaintEvent,
  type ComplaintReceivedData,
  type PersonalDataErased,
} from './domain/index.js';
import { complaintsProjection } from './projections/complaints.projection.js';
import { complaintDeadlineMissedSchedule } from './schedules/complaint-deadline-missed.schedule.js';

/** The reader an audit replay shows a complaint to: an analyst, who reads the complainant masked (domain.md §1, §6). */
const AUDIT_READER: Actor = Object.freeze({ id: 'audit', role: 'analyst', jurisdiction: '000000' }) as Actor;

/**
 * The complainant as the analyst role sees it, by the context's own masking rules. The audit reads the log
 * with sealed identities opened (or marked erased or unavailable); one still sealed shows as unavailable.
 */
const complainantForAudit = (received: ComplaintReceivedData): ComplainantView =>
  complainantFor(complainantOfRecord(received.complainant), mayReadComplainant(AUDIT_READER, received.jurisdiction));

/** A complaint event's data as an analyst may see it: the complainant of the intake masked. */
const redactComplaintEvent = (event: FoldableEvent): unknown => {
  if (event.type !== 'ComplaintReceived') return event.data;
  const data = event.data as ComplaintReceivedData;
  return { ...data, complainant: complainantForAudit(data) };
};

/** The complaint's decider state, with the complainant as the analyst role sees it (the decider keeps only whether it is a real name). */
const foldComplaintForAudit = (events: readonly FoldableEvent[]): unknown => {
  const received = events.find((e) => e.type === 'ComplaintReceived');
  return {
    ...fold(complaintDecider, events as readonly ComplaintEvent[]),
    complainant: received ? complainantForAudit(received.data as ComplaintReceivedData) : null,
  };
};

/** The complaints context as the engine sees it. */
export const complaintsContext: ContextDefinition = {
  name: 'complaints',
  projections: [complaintsProjection],
  streams: [
    {
      prefix: COMPLAINT_STREAM_PREFIX,
      description: 'one complaint or report: intake, acceptance, mediation, verification, escalation, closing (complainant masked)',
      fold: foldComplaintForAudit,
      redact: redactComplaintEvent,
    },
    {
      prefix: PERSONAL_DATA_STREAM_PREFIX,
      description: "one person's erasures of personal data (PIPL art. 47): the pseudonymous subject, the keys erased, when and why",
      fold: (events) => fold(personalDataErasureDecider, events as readonly PersonalDataErased[]),
    },
    {
      prefix: COMPLAINANT_READS_STREAM_PREFIX,
      description: "who was shown one complaint's complainant identity unmasked, when, and through which route",
      fold: (events) => events.reduce((s, e) => evolveComplainantReads(s, e as ComplainantIdentityRead), COMPLAINANT_READS_INITIAL),
    },
  ],
  schedules: ({ commandBus, readDb }) => [complaintDeadlineMissedSchedule(commandBus, readDb)],
};
