import { DomainError, ValidationError, addDays } from '@regledger/shared';
import type { Decider, WorkingDayPause } from '@regledger/shared';
import { assertComplaintJurisdiction, assertMayRecordDeadlineMissed, assertRoleMayHandleComplaints } from './complaint-access.policy.js';
import { COMPLAINT_CLOSE_OUTCOMES, MEDIATION_OUTCOMES } from './complaint.commands.js';
import type { ComplainedProduct, ComplaintCloseOutcome, ComplaintCommand, ComplaintDeadlineKind, ComplaintKind, MediationOutcome, ReceiveComplaintData, SealedIdentity } from './complaint.commands.js';
import { COMPLAINT_RECEIVED_SCHEMA_VERSION, type ComplaintEvent } from './complaint.events.js';
import {
  COMPLAINT_ERROR_CODES,
  DEADLINE_FIELD_SPEC,
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
  assertNamedDeclarationKnown,
  assertNoOpenPause,
  assertNotBefore,
  assertNotClosed,
  assertNotEscalated,
  assertOpenPause,
  assertReporterNotPending,
  assertWithinMediationPeriod,
  assertWithinVerificationPeriod,
  commandDate,
  deadlineMissKey,
  extendedVerificationDueOn,
  isBeyondLimitationPeriod,
  isDeadlinePassed,
  mediationEndsOn,
  openDeadlines,
  reporterNotificationDueOn,
  stepDate,
  validateFields,
  validateReceiveComplaint,
  verificationDueOn,
  type ComplaintDeadlineFacts,
  type FieldSpec,
} from './complaint.rules.js';

export type ComplaintStatus = 'none' | 'received' | 'accepted' | 'rejected' | 'closed';
/** The statuses a received complaint can be in. */
export const COMPLAINT_STATUSES: readonly Exclude<ComplaintStatus, 'none'>[] = Object.freeze(['received', 'accepted', 'rejected', 'closed'] as Exclude<ComplaintStatus, 'none'>[]);

/** The state of one complaint stream. */
export interface ComplaintState {
  complaintId: string | null;
  /** Events applied: the complaint's version, used by If-Match. */
  version: number;
  status: ComplaintStatus;
  kind: ComplaintKind | null;
  jurisdiction: string | null;
  uscc: string | null;
  declarationId: string | null;
  product: ComplainedProduct | null;
  realName: boolean;
  receivedOn: string | null;
  acceptanceDueOn: string | null;
  acceptedOn: string | null;
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
  /** The latest date of any step so far: closing is not dated before it. */
  lastStepOn: string | null;
  /** deadlineMissKey of every missed deadline already recorded. */
  missed: string[];
}

const INITIAL_STATE: ComplaintState = Object.freeze({
  complaintId: null,
  version: 0,
  status: 'none',
  kind: null,
  jurisdiction: null,
  uscc: null,
  declarationId: null,
  product: null,
  realName: false,
  receivedOn: null,
  acceptanceDueOn: null,
  acceptedOn: null,
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
  lastStepOn: null,
  missed: [],
}) as ComplaintState;

/** The facts the deadline rules read, from the decider's state. */
export const deadlineFactsOf = (state: ComplaintState): ComplaintDeadlineFacts => ({
  kind: state.kind,
  status: state.status,
  acceptanceDueOn: state.acceptanceDueOn,
  mediationEndsOn: state.mediationEndsOn,
  mediationRecorded: state.mediation !== null,
  verificationDueOn: state.verificationDueOn,
  caseDecided: state.caseDecision !== null,
  reporterNotificationDueOn: state.reporterNotificationDueOn,
  reporterNotified: state.reporterNotifiedOn !== null,
});

type StepType = Exclude<ComplaintCommand['type'], 'ReceiveComplaint' | 'RecordComplaintDeadlineMissed'>;

/** A step's fields; `stepOn` names the date field the step is dated by (`on` unless given). */
interface StepSpec extends FieldSpec {
  stepOn?: string;
}

const SPECS: Record<StepType, StepSpec> = {
  AcceptComplaint: { optionalDates: ['on'] },
  RejectComplaint: { text: ['reason'], optionalDates: ['on'] },
  AssignHandler: { text: ['handlerId'], optionalDates: ['on'] },
  RecordMediation: { text: ['summary'], oneOf: { outcome: MEDIATION_OUTCOMES }, optionalDates: ['on'] },
  PauseForTesting: { dates: ['from'], optionalDates: ['to'], stepOn: 'from' },
  ResumeAfterTesting: { dates: ['on'] },
  EscalateToInspection: { text: ['reason'], optionalDates: ['on'] },
  CloseComplaint: { text: ['summary'], oneOf: { outcome: COMPLAINT_CLOSE_OUTCOMES }, optionalDates: ['on'] },
  ExtendVerification: { text: ['reason'], optionalDates: ['on'] },
  DecideOnCase: { text: ['reason'], booleans: ['openCase'], optionalDates: ['on'] },
  NotifyReporter: { dates: ['on'] },
};

/** Role, fields, existence and jurisdiction for every step on a received complaint; `on` is the step's date. */
const admit = (command: Extract<ComplaintCommand, { type: StepType }>, state: ComplaintState): { id: string; today: string; on: string; f: Record<string, unknown> } => {
  assertRoleMayHandleComplaints(command.metadata.actor, command.type);
  const today = commandDate(command.metadata.now);
  const spec = SPECS[command.type];
  const f = validateFields(command.data, spec);
  const id = f.complaintId as string;
  assertComplaintExists(state, id);
  assertComplaintJurisdiction(command.metadata.actor, command.type, state.jurisdiction);
  const dateField = spec.stepOn ?? 'on';
  const on = stepDate(dateField, (f[dateField] as string | null | undefined) ?? null, today);
  return { id, today, on, f };
};

/**
 * The complainant's identity is confidential (domain.md §6) and erasable (PIPL art. 47): only its sealed form,
 * added by the handler, is ever recorded; an intake without it records nothing.
 */
const sealedIdentityOf = (data: ReceiveComplaintData): SealedIdentity => {
  const sealed = data.sealedIdentity;
  if (sealed === undefined || sealed === null || typeof sealed !== 'object' || typeof sealed.subjectId !== 'string' || typeof sealed.keyId !== 'string') {
    throw new ValidationError(
      [{ field: 'complainant', rule: 'sealed', message: "must be sealed with the person's key before it is recorded" }],
      COMPLAINT_ERROR_CODES.IDENTITY_NOT_SEALED,
    );
  }
  return sealed;
};

const decideReceive = (command: Extract<ComplaintCommand, { type: 'ReceiveComplaint' }>, state: ComplaintState): ComplaintEvent[] => {
  assertRoleMayHandleComplaints(command.metadata.actor, command.type);
  const today = commandDate(command.metadata.now);
  const d = validateReceiveComplaint(command.data, today);
  assertComplaintJurisdiction(command.metadata.actor, command.type, d.jurisdiction);
  assertComplaintNew(state, d.complaintId);
  assertNamedDeclarationKnown(d.declarationId ?? null, d.intake);
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
      complainant: { realName: d.complainant.realName, personalData: sealedIdentityOf(command.data) },
      harmKnownOn: d.harmKnownOn ?? null,
      jurisdiction: d.jurisdiction,
      receivedOn: d.receivedOn,
      acceptanceDueOn: acceptanceDueOn(d.receivedOn),
      enterpriseRegistered: d.intake?.enterpriseRegistered ?? null,
      enterpriseName: d.intake?.enterpriseName ?? null,
    },
    metadata: { schemaVersion: COMPLAINT_RECEIVED_SCHEMA_VERSION },
  };
  if (!isBeyondLimitationPeriod(d.kind, d.harmKnownOn ?? null, d.receivedOn)) return [received];
  return [received, { type: 'ComplaintRejected', data: { complaintId: d.complaintId, reason: LIMITATION_PERIOD_REASON, rejectedOn: d.receivedOn } }];
};

/**
 * A deadline that passed unmet is recorded once (per kind and due date) when it is still open and the
 * date is after it; anything else (met meanwhile, moved, already recorded) records nothing.
 */
const decideDeadlineMissed = (command: Extract<ComplaintCommand, { type: 'RecordComplaintDeadlineMissed' }>, state: ComplaintState): ComplaintEvent[] => {
  assertMayRecordDeadlineMissed(command.metadata.actor);
  const today = commandDate(command.metadata.now);
  const f = validateFields(command.data, DEADLINE_FIELD_SPEC);
  const id = f.complaintId as string;
  const deadline = f.deadline as ComplaintDeadlineKind;
  const dueOn = f.dueOn as string;
  assertComplaintExists(state, id);
  const open = openDeadlines(deadlineFactsOf(state)).find((d) => d.deadline === deadline);
  if (!open || open.dueOn !== dueOn || !isDeadlinePassed(dueOn, today) || state.missed.includes(deadlineMissKey(id, deadline, dueOn))) return [];
  return [{ type: 'ComplaintDeadlineMissed', data: { complaintId: id, deadline, dueOn, recordedOn: today, jurisdiction: state.jurisdiction as string } }];
};

const decide = (command: ComplaintCommand, state: ComplaintState): ComplaintEvent[] => {
  if (command.type === 'ReceiveComplaint') return decideReceive(command, state);
  if (command.type === 'RecordComplaintDeadlineMissed') return decideDeadlineMissed(command, state);

  const { id, today, on, f } = admit(command, state);
  const receivedOn = state.receivedOn as string;
  const acceptedOn = state.acceptedOn as string;
  switch (command.type) {
    case 'AcceptComplaint': {
      assertAwaitingAcceptance(state);
      assertNotBefore('on', on, receivedOn);
      const complaint = state.kind === 'complaint';
      return [
        {
          type: 'ComplaintAccepted',
          data: {
            complaintId: id,
            kind: state.kind as ComplaintKind,
            acceptedOn: on,
            mediationEndsOn: complaint ? mediationEndsOn(on, []) : null,
            verificationDueOn: complaint ? null : verificationDueOn(on),
          },
        },
      ];
    }
    case 'RejectComplaint':
      assertAwaitingAcceptance(state);
      assertNotBefore('on', on, receivedOn);
      return [{ type: 'ComplaintRejected', data: { complaintId: id, reason: f.reason as string, rejectedOn: on } }];
    case 'AssignHandler':
      assertNotClosed(state);
      assertNotBefore('on', on, receivedOn);
      return [{ type: 'HandlerAssigned', data: { complaintId: id, handlerId: f.handlerId as string, assignedOn: on } }];
    case 'RecordMediation': {
      assertIsComplaint(state);
      assertAccepted(state);
      assertMediationNotRecorded(state);
      assertNotBefore('on', on, acceptedOn);
      const outcome = f.outcome as MediationOutcome;
      if (outcome === 'agreement') assertWithinMediationPeriod(state, 'on', on);
      return [{ type: 'MediationRecorded', data: { complaintId: id, outcome, summary: f.summary as string, recordedOn: on } }];
    }
    case 'PauseForTesting': {
      assertIsComplaint(state);
      assertAccepted(state);
      assertMediationNotRecorded(state);
      assertNoOpenPause(state);
      const from = on;
      const to = (f.to as string | null) ?? null;
      assertNotBefore('from', from, acceptedOn);
      assertWithinMediationPeriod(state, 'from', from);
      if (to !== null) {
        stepDate('to', to, today);
        assertNotBefore('to', to, from);
      }
      const ends = to === null ? null : mediationEndsOn(acceptedOn, [...state.pauses, { from, to }]);
      return [{ type: 'TestingPaused', data: { complaintId: id, from, to, mediationEndsOn: ends } }];
    }
    case 'ResumeAfterTesting': {
      assertIsComplaint(state);
      assertAccepted(state);
      const from = assertOpenPause(state);
      assertNotBefore('on', on, addDays(from, 1));
      const pausedTo = addDays(on, -1);
      const ends = mediationEndsOn(acceptedOn, [...state.pauses, { from, to: pausedTo }]);
      return [{ type: 'TestingResumed', data: { complaintId: id, on, pausedFrom: from, pausedTo, mediationEndsOn: ends } }];
    }
    case 'EscalateToInspection':
      assertAccepted(state);
      assertNotEscalated(state);
      assertNotBefore('on', on, acceptedOn);
      return [
        {
          type: 'ComplaintEscalated',
          data: {
            complaintId: id,
            kind: state.kind as ComplaintKind,
            reason: f.reason as string,
            escalatedOn: on,
            uscc: state.uscc as string,
            jurisdiction: state.jurisdiction as string,
            declarationId: state.declarationId,
            product: state.product === null ? null : { name: state.product.name, model: state.product.model },
          },
        },
      ];
    case 'CloseComplaint':
      assertMayClose(state);
      assertReporterNotPending(state);
      assertNotBefore('on', on, state.lastStepOn ?? receivedOn);
      return [{ type: 'ComplaintClosed', data: { complaintId: id, outcome: f.outcome as ComplaintCloseOutcome, summary: f.summary as string, closedOn: on } }];
    case 'ExtendVerification': {
      assertIsReport(state);
      assertAccepted(state);
      assertMayExtendVerification(state);
      assertNotBefore('on', on, acceptedOn);
      assertWithinVerificationPeriod(state, on);
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
      assertNotBefore('on', on, acceptedOn);
      return [
        {
          type: 'CaseDecisionRecorded',
          data: {
            complaintId: id,
            openCase: f.openCase as boolean,
            reason: f.reason as string,
            decidedOn: on,
            reporterNotificationDueOn: reporterNotificationDueOn(on, state.realName),
          },
        },
      ];
    case 'NotifyReporter': {
      assertIsReport(state);
      assertNotClosed(state);
      const { decidedOn, dueOn } = assertMayNotifyReporter(state);
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

const later = (a: string | null, b: string): string => (a !== null && a > b ? a : b);

const evolveKnown = (state: ComplaintState, event: ComplaintEvent): ComplaintState => {
  switch (event.type) {
    case 'ComplaintReceived': {
      const d = event.data;
      return {
        ...INITIAL_STATE,
        complaintId: d.complaintId,
        status: 'received',
        kind: d.kind,
        jurisdiction: d.jurisdiction,
        uscc: d.uscc,
        declarationId: d.declarationId,
        product: d.product,
        realName: d.complainant.realName,
        receivedOn: d.receivedOn,
        acceptanceDueOn: d.acceptanceDueOn,
        lastStepOn: d.receivedOn,
      };
    }
    case 'ComplaintAccepted':
      return {
        ...state,
        status: 'accepted',
        acceptedOn: event.data.acceptedOn,
        mediationEndsOn: event.data.mediationEndsOn,
        verificationDueOn: event.data.verificationDueOn,
        lastStepOn: later(state.lastStepOn, event.data.acceptedOn),
      };
    case 'ComplaintRejected':
      return { ...state, status: 'rejected', lastStepOn: later(state.lastStepOn, event.data.rejectedOn) };
    case 'HandlerAssigned':
      return { ...state, handlerId: event.data.handlerId, lastStepOn: later(state.lastStepOn, event.data.assignedOn) };
    case 'MediationRecorded':
      return { ...state, mediation: { outcome: event.data.outcome, recordedOn: event.data.recordedOn }, lastStepOn: later(state.lastStepOn, event.data.recordedOn) };
    case 'TestingPaused': {
      const { from, to } = event.data;
      return to === null
        ? { ...state, openPauseFrom: from, mediationEndsOn: null, lastStepOn: later(state.lastStepOn, from) }
        : { ...state, pauses: [...state.pauses, { from, to }], mediationEndsOn: event.data.mediationEndsOn, lastStepOn: later(state.lastStepOn, to) };
    }
    case 'TestingResumed':
      return {
        ...state,
        openPauseFrom: null,
        pauses: [...state.pauses, { from: event.data.pausedFrom, to: event.data.pausedTo }],
        mediationEndsOn: event.data.mediationEndsOn,
        lastStepOn: later(state.lastStepOn, event.data.on),
      };
    case 'ComplaintEscalated':
      return { ...state, escalatedOn: event.data.escalatedOn, lastStepOn: later(state.lastStepOn, event.data.escalatedOn) };
    case 'ComplaintClosed':
      return { ...state, status: 'closed', lastStepOn: later(state.lastStepOn, event.data.closedOn) };
    case 'VerificationExtended':
      return { ...state, verificationExtended: true, verificationDueOn: event.data.verificationDueOn };
    case 'CaseDecisionRecorded':
      return {
        ...state,
        caseDecision: { openCase: event.data.openCase, decidedOn: event.data.decidedOn },
        reporterNotificationDueOn: event.data.reporterNotificationDueOn,
        lastStepOn: later(state.lastStepOn, event.data.decidedOn),
      };
    case 'ReporterNotified':
      return { ...state, reporterNotifiedOn: event.data.on, lastStepOn: later(state.lastStepOn, event.data.on) };
    case 'ComplaintDeadlineMissed':
      return { ...state, missed: [...state.missed, deadlineMissKey(event.data.complaintId, event.data.deadline, event.data.dueOn)] };
    default:
      // An event type this version does not know leaves the state as it is.
      return state;
  }
};

/** Every event, known or not, counts towards the complaint's version. */
const evolve = (state: ComplaintState, event: ComplaintEvent): ComplaintState => ({ ...evolveKnown(state, event), version: state.version + 1 });

export const complaintDecider: Decider<ComplaintCommand, ComplaintEvent, ComplaintState> = {
  decide,
  evolve,
  initialState: () => INITIAL_STATE,
};
