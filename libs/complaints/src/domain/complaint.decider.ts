import { DomainError, addDays } from '@regledger/shared';
import type { Decider, WorkingDayPause } from '@regledger/shared';
import { assertComplaintJurisdiction, assertRoleMayHandleComplaints } from './complaint-access.policy.js';
import { COMPLAINT_CLOSE_OUTCOMES, MEDIATION_OUTCOMES } from './complaint.commands.js';
import type { ComplaintCloseOutcome, ComplaintCommand, ComplaintKind, MediationOutcome } from './complaint.commands.js';
import type { ComplaintEvent } from './complaint.events.js';
import {
  COMPLAINT_ERROR_CODES,
  LIMITATION_PERIOD_REASON,
  acceptanceDueOn,
  assertAccepted,
  assertAwaitingAcceptance,
  assertCaseNotDecided,
  assertComplaintExists,
  assertComplaintNew,
  assertIsComplaint,
  assertIsReport,
  assertMayClose,
  assertMayExtendVerification,
  assertMayNotifyReporter,
  assertMediationNotRecorded,
  assertNoOpenPause,
  assertNotBefore,
  assertNotClosed,
  assertNotEscalated,
  assertOpenPause,
  commandDate,
  extendedVerificationDueOn,
  isBeyondLimitationPeriod,
  mediationEndsOn,
  reporterNotificationDueOn,
  validateFields,
  validateReceiveComplaint,
  verificationDueOn,
} from './complaint.rules.js';

export type ComplaintStatus = 'none' | 'received' | 'accepted' | 'rejected' | 'closed';

/** The state of one complaint stream. */
export interface ComplaintState {
  complaintId: string | null;
  status: ComplaintStatus;
  kind: ComplaintKind | null;
  jurisdiction: string | null;
  realName: boolean;
  receivedOn: string | null;
  acceptanceDueOn: string | null;
  acceptedOn: string | null;
  rejectedReason: string | null;
  handlerId: string | null;
  mediation: { outcome: MediationOutcome; recordedOn: string } | null;
  /** Closed testing pauses (art. 20). */
  pauses: WorkingDayPause[];
  openPauseFrom: string | null;
  mediationEndsOn: string | null;
  escalatedOn: string | null;
  verificationDueOn: string | null;
  verificationExtended: boolean;
  caseDecision: { openCase: boolean; decidedOn: string } | null;
  reporterNotificationDueOn: string | null;
  reporterNotifiedOn: string | null;
  closedOutcome: ComplaintCloseOutcome | null;
}

const INITIAL_STATE: ComplaintState = Object.freeze({
  complaintId: null,
  status: 'none',
  kind: null,
  jurisdiction: null,
  realName: false,
  receivedOn: null,
  acceptanceDueOn: null,
  acceptedOn: null,
  rejectedReason: null,
  handlerId: null,
  mediation: null,
  pauses: [],
  openPauseFrom: null,
  mediationEndsOn: null,
  escalatedOn: null,
  verificationDueOn: null,
  verificationExtended: false,
  caseDecision: null,
  reporterNotificationDueOn: null,
  reporterNotifiedOn: null,
  closedOutcome: null,
}) as ComplaintState;

/** Role, existence and jurisdiction for every command on a received complaint. */
const admit = (command: Exclude<ComplaintCommand, { type: 'ReceiveComplaint' }>, state: ComplaintState): { id: string; today: string; f: Record<string, unknown> } => {
  assertRoleMayHandleComplaints(command.metadata.actor, command.type);
  const today = commandDate(command.metadata.now);
  const f = validateFields(command.data, SPECS[command.type]);
  const id = f.complaintId as string;
  assertComplaintExists(state, id);
  assertComplaintJurisdiction(command.metadata.actor, command.type, state.jurisdiction);
  return { id, today, f };
};

const SPECS: Record<Exclude<ComplaintCommand['type'], 'ReceiveComplaint'>, Parameters<typeof validateFields>[1]> = {
  AcceptComplaint: {},
  RejectComplaint: { text: ['reason'] },
  AssignHandler: { text: ['handlerId'] },
  RecordMediation: { text: ['summary'], oneOf: { outcome: MEDIATION_OUTCOMES } },
  PauseForTesting: { dates: ['from'], optionalDates: ['to'] },
  ResumeAfterTesting: { dates: ['on'] },
  EscalateToInspection: { text: ['reason'] },
  CloseComplaint: { text: ['summary'], oneOf: { outcome: COMPLAINT_CLOSE_OUTCOMES } },
  ExtendVerification: { text: ['reason'] },
  DecideOnCase: { text: ['reason'], booleans: ['openCase'] },
  NotifyReporter: { dates: ['on'] },
};

const decide = (command: ComplaintCommand, state: ComplaintState): ComplaintEvent[] => {
  if (command.type === 'ReceiveComplaint') {
    assertRoleMayHandleComplaints(command.metadata.actor, command.type);
    const d = validateReceiveComplaint(command.data);
    assertComplaintJurisdiction(command.metadata.actor, command.type, d.jurisdiction);
    assertComplaintNew(state, d.complaintId);
    const received: ComplaintEvent = {
      type: 'ComplaintReceived',
      data: {
        complaintId: d.complaintId,
        kind: d.kind,
        channel: d.channel,
        uscc: d.uscc,
        declarationId: d.declarationId ?? null,
        product: d.product ?? null,
        facts: d.facts,
        complainant: d.complainant,
        harmKnownOn: d.harmKnownOn ?? null,
        jurisdiction: d.jurisdiction,
        receivedOn: d.receivedOn,
        acceptanceDueOn: acceptanceDueOn(d.receivedOn),
      },
    };
    if (!isBeyondLimitationPeriod(d.kind, d.harmKnownOn ?? null, d.receivedOn)) return [received];
    return [received, { type: 'ComplaintRejected', data: { complaintId: d.complaintId, reason: LIMITATION_PERIOD_REASON, rejectedOn: d.receivedOn } }];
  }

  const { id, today, f } = admit(command, state);
  switch (command.type) {
    case 'AcceptComplaint': {
      assertAwaitingAcceptance(state);
      assertNotBefore('acceptedOn', today, state.receivedOn as string);
      const complaint = state.kind === 'complaint';
      return [
        {
          type: 'ComplaintAccepted',
          data: {
            complaintId: id,
            kind: state.kind as ComplaintKind,
            acceptedOn: today,
            mediationEndsOn: complaint ? mediationEndsOn(today, []) : null,
            verificationDueOn: complaint ? null : verificationDueOn(today),
          },
        },
      ];
    }
    case 'RejectComplaint':
      assertAwaitingAcceptance(state);
      return [{ type: 'ComplaintRejected', data: { complaintId: id, reason: f.reason as string, rejectedOn: today } }];
    case 'AssignHandler':
      assertNotClosed(state);
      return [{ type: 'HandlerAssigned', data: { complaintId: id, handlerId: f.handlerId as string, assignedOn: today } }];
    case 'RecordMediation':
      assertIsComplaint(state);
      assertAccepted(state);
      assertMediationNotRecorded(state);
      return [{ type: 'MediationRecorded', data: { complaintId: id, outcome: f.outcome as MediationOutcome, summary: f.summary as string, recordedOn: today } }];
    case 'PauseForTesting': {
      assertIsComplaint(state);
      assertAccepted(state);
      assertMediationNotRecorded(state);
      assertNoOpenPause(state);
      const from = f.from as string;
      const to = f.to as string | null;
      assertNotBefore('from', from, state.acceptedOn as string);
      if (to !== null) assertNotBefore('to', to, from);
      const ends = to === null ? null : mediationEndsOn(state.acceptedOn as string, [...state.pauses, { from, to }]);
      return [{ type: 'TestingPaused', data: { complaintId: id, from, to, mediationEndsOn: ends } }];
    }
    case 'ResumeAfterTesting': {
      assertIsComplaint(state);
      assertAccepted(state);
      const from = assertOpenPause(state);
      const on = f.on as string;
      assertNotBefore('on', on, addDays(from, 1));
      const pausedTo = addDays(on, -1);
      const ends = mediationEndsOn(state.acceptedOn as string, [...state.pauses, { from, to: pausedTo }]);
      return [{ type: 'TestingResumed', data: { complaintId: id, on, pausedFrom: from, pausedTo, mediationEndsOn: ends } }];
    }
    case 'EscalateToInspection':
      assertAccepted(state);
      assertNotEscalated(state);
      return [{ type: 'ComplaintEscalated', data: { complaintId: id, reason: f.reason as string, escalatedOn: today } }];
    case 'CloseComplaint':
      assertMayClose(state);
      return [{ type: 'ComplaintClosed', data: { complaintId: id, outcome: f.outcome as ComplaintCloseOutcome, summary: f.summary as string, closedOn: today } }];
    case 'ExtendVerification': {
      assertIsReport(state);
      assertAccepted(state);
      assertMayExtendVerification(state);
      const previousDueOn = state.verificationDueOn as string;
      return [
        {
          type: 'VerificationExtended',
          data: { complaintId: id, reason: f.reason as string, previousDueOn, verificationDueOn: extendedVerificationDueOn(previousDueOn) },
        },
      ];
    }
    case 'DecideOnCase':
      assertIsReport(state);
      assertAccepted(state);
      assertCaseNotDecided(state);
      return [
        {
          type: 'CaseDecisionRecorded',
          data: {
            complaintId: id,
            openCase: f.openCase as boolean,
            reason: f.reason as string,
            decidedOn: today,
            reporterNotificationDueOn: reporterNotificationDueOn(today, state.realName),
          },
        },
      ];
    case 'NotifyReporter': {
      assertIsReport(state);
      assertNotClosed(state);
      const { decidedOn, dueOn } = assertMayNotifyReporter(state);
      const on = f.on as string;
      assertNotBefore('on', on, decidedOn);
      return [{ type: 'ReporterNotified', data: { complaintId: id, on, dueOn, late: on > dueOn } }];
    }
    default: {
      const unknown: never = command;
      throw new DomainError(COMPLAINT_ERROR_CODES.UNKNOWN_COMMAND, 'validation', 'unknown complaint command', {
        type: (unknown as { type?: unknown }).type,
      });
    }
  }
};

const evolve = (state: ComplaintState, event: ComplaintEvent): ComplaintState => {
  switch (event.type) {
    case 'ComplaintReceived': {
      const d = event.data;
      return {
        ...INITIAL_STATE,
        complaintId: d.complaintId,
        status: 'received',
        kind: d.kind,
        jurisdiction: d.jurisdiction,
        realName: d.complainant.realName,
        receivedOn: d.receivedOn,
        acceptanceDueOn: d.acceptanceDueOn,
      };
    }
    case 'ComplaintAccepted':
      return {
        ...state,
        status: 'accepted',
        acceptedOn: event.data.acceptedOn,
        mediationEndsOn: event.data.mediationEndsOn,
        verificationDueOn: event.data.verificationDueOn,
      };
    case 'ComplaintRejected':
      return { ...state, status: 'rejected', rejectedReason: event.data.reason };
    case 'HandlerAssigned':
      return { ...state, handlerId: event.data.handlerId };
    case 'MediationRecorded':
      return { ...state, mediation: { outcome: event.data.outcome, recordedOn: event.data.recordedOn } };
    case 'TestingPaused': {
      const { from, to } = event.data;
      return to === null
        ? { ...state, openPauseFrom: from, mediationEndsOn: null }
        : { ...state, pauses: [...state.pauses, { from, to }], mediationEndsOn: event.data.mediationEndsOn };
    }
    case 'TestingResumed':
      return {
        ...state,
        openPauseFrom: null,
        pauses: [...state.pauses, { from: event.data.pausedFrom, to: event.data.pausedTo }],
        mediationEndsOn: event.data.mediationEndsOn,
      };
    case 'ComplaintEscalated':
      return { ...state, escalatedOn: event.data.escalatedOn };
    case 'ComplaintClosed':
      return { ...state, status: 'closed', closedOutcome: event.data.outcome };
    case 'VerificationExtended':
      return { ...state, verificationExtended: true, verificationDueOn: event.data.verificationDueOn };
    case 'CaseDecisionRecorded':
      return {
        ...state,
        caseDecision: { openCase: event.data.openCase, decidedOn: event.data.decidedOn },
        reporterNotificationDueOn: event.data.reporterNotificationDueOn,
      };
    case 'ReporterNotified':
      return { ...state, reporterNotifiedOn: event.data.on };
    default:
      // An event type this version does not know leaves the state as it is.
      return state;
  }
};

export const complaintDecider: Decider<ComplaintCommand, ComplaintEvent, ComplaintState> = {
  decide,
  evolve,
  initialState: () => INITIAL_STATE,
};
