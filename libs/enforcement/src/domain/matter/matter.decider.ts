import { DomainError } from '@regledger/shared';
import type { Decider } from '@regledger/shared';
import { assertActsIn, assertRoleMaySend } from '../enforcement-access.policy.js';
import { DEFAULT_ENFORCEMENT_POLICY, FOLLOW_UP_OUTCOMES, MANUAL_CLOSE_OUTCOMES, MATTER_DEADLINE_KINDS } from '../enforcement.types.js';
import type { EnforcementPolicy, FollowUpOutcome, FollowUpRound, MatterCloseOutcome, MatterDeadlineKind } from '../enforcement.types.js';
import { enterpriseCorrectionDueOn, firstFollowUpDueOn, isPastDue, productCorrectionDueOn, rectificationDueOn, secondFollowUpWindow } from '../enforcement.rules.js';
import type { MatterCommand } from './matter.commands.js';
import { matterIdFor, subjectDigestOf, type MatterEvent } from './matter.events.js';
import {
  MATTER_ERROR_CODES,
  assertMatterOpen,
  assertMayConfirmCorrection,
  assertMayIssuePublicNotice,
  assertMayOrderCorrection,
  assertMayOrderStopSale,
  assertMayOrderSuspension,
  assertMayPublishNonDisclosure,
  assertMayRequestFollowUp,
  assertMayRevokeLicence,
  assertNotBefore,
  assertNotBeforeEarliest,
  followUpInspectionIdFor,
  followUpOf,
  matterCommandDate,
  matterDeadlineMissKey,
  matterNotFound,
  matterStepDate,
  openMatterDeadlines,
  validateMatterFields,
  validateRecordNonCompliance,
  type MatterFieldSpec,
  type MatterState,
} from './matter.rules.js';

/** The state of one `matters-<uscc>-<digest>` stream: its successive matters, the current one in full. */
export interface MatterStreamState {
  /** Events applied: the stream's length. */
  version: number;
  /** Matters opened so far: the next one is number count + 1. */
  count: number;
  /** Source events already taken in: a reaction to one of them again records nothing. */
  sourceEventIds: string[];
  /** The latest matter, open or closed. */
  current: MatterState | null;
  /** Earlier matters of the stream, all closed. */
  closedIds: string[];
}

const INITIAL_STATE: MatterStreamState = Object.freeze({ version: 0, count: 0, sourceEventIds: [], current: null, closedIds: [] }) as MatterStreamState;

const later = (a: string, b: string): string => (a > b ? a : b);

/** How one event changes one matter; MatterOpened starts it. Shared by the decider and the read model. */
export const evolveMatter = (m: MatterState | null, event: MatterEvent): MatterState | null => {
  if (event.type === 'MatterOpened') {
    const d = event.data;
    return {
      matterId: d.matterId,
      uscc: d.uscc,
      jurisdiction: d.jurisdiction,
      subject: d.subject,
      openedOn: d.openedOn,
      status: 'open',
      triggers: [d.trigger],
      stopSaleOn: null,
      correction: null,
      followUps: [],
      publicNotice: null,
      suspension: null,
      revokedOn: null,
      confirmation: null,
      nonDisclosureOn: null,
      missed: [],
      closed: null,
      lastStepOn: d.openedOn,
    };
  }
  if (m === null) return null;
  switch (event.type) {
    case 'NonComplianceJoined':
      return { ...m, triggers: [...m.triggers, event.data.trigger] };
    case 'StopSaleOrdered':
      return { ...m, stopSaleOn: event.data.orderedOn, lastStepOn: later(m.lastStepOn, event.data.orderedOn) };
    case 'CorrectionOrdered': {
      const d = event.data;
      return { ...m, correction: { orderedOn: d.orderedOn, correctionDueOn: d.correctionDueOn, followUpDueOn: d.followUpDueOn }, lastStepOn: later(m.lastStepOn, d.orderedOn) };
    }
    case 'FollowUpInspectionRequested': {
      const d = event.data;
      const f = { round: d.round, inspectionId: d.inspectionId, requestedOn: d.requestedOn, earliestOn: d.earliestOn, dueOn: d.dueOn, result: null };
      return { ...m, followUps: [...m.followUps, f], lastStepOn: later(m.lastStepOn, d.requestedOn) };
    }
    case 'FollowUpResultRecorded': {
      const d = event.data;
      const followUps = m.followUps.map((f) => (f.round === d.round ? { ...f, result: { outcome: d.outcome, passed: d.passed, completedOn: d.completedOn } } : f));
      return { ...m, followUps, lastStepOn: later(m.lastStepOn, d.completedOn) };
    }
    case 'PublicNoticeIssued': {
      const d = event.data;
      return { ...m, publicNotice: { issuedOn: d.issuedOn, earliestOn: d.secondFollowUpEarliestOn, dueOn: d.secondFollowUpDueOn }, lastStepOn: later(m.lastStepOn, d.issuedOn) };
    }
    case 'SuspensionOrdered': {
      const d = event.data;
      return { ...m, suspension: { orderedOn: d.orderedOn, rectificationDueOn: d.rectificationDueOn }, lastStepOn: later(m.lastStepOn, d.orderedOn) };
    }
    case 'LicenceRevoked':
      return { ...m, revokedOn: event.data.revokedOn, lastStepOn: later(m.lastStepOn, event.data.revokedOn) };
    case 'CorrectionConfirmed':
      return { ...m, confirmation: { confirmedOn: event.data.confirmedOn, note: event.data.note }, lastStepOn: later(m.lastStepOn, event.data.confirmedOn) };
    case 'NonDisclosurePublished':
      return { ...m, nonDisclosureOn: event.data.publishedOn, lastStepOn: later(m.lastStepOn, event.data.publishedOn) };
    case 'MatterDeadlineMissed': {
      const d = event.data;
      return { ...m, missed: [...m.missed, { deadline: d.deadline, dueOn: d.dueOn, recordedOn: d.recordedOn }] };
    }
    case 'MatterClosed': {
      const d = event.data;
      return { ...m, status: 'closed', closed: { outcome: d.outcome, reason: d.reason, closedOn: d.closedOn }, lastStepOn: later(m.lastStepOn, d.closedOn) };
    }
    default:
      // An event type this version does not know leaves the matter as it is.
      return m;
  }
};

type StepType = Exclude<MatterCommand['type'], 'RecordNonCompliance'>;

interface StepSpec extends MatterFieldSpec {
  /** Who may send it. */
  audience: 'human' | 'system';
}

const SPECS: Record<StepType, StepSpec> = {
  OrderStopSale: { audience: 'human', optionalDates: ['on'] },
  OrderCorrection: { audience: 'human', optionalDates: ['on'] },
  RequestFollowUpInspection: { audience: 'human', optionalDates: ['on'], rounds: ['round'] },
  RecordFollowUpResult: { audience: 'system', text: ['inspectionId', 'sourceEventId'], dates: ['completedOn'], oneOf: { outcome: FOLLOW_UP_OUTCOMES }, rounds: ['round'] },
  IssuePublicNotice: { audience: 'human', optionalDates: ['on'] },
  OrderSuspension: { audience: 'human', optionalDates: ['on'] },
  RevokeLicence: { audience: 'human', optionalDates: ['on'] },
  ConfirmCorrection: { audience: 'human', optionalDates: ['on'], optionalText: ['note'] },
  PublishNonDisclosure: { audience: 'human', optionalDates: ['on'] },
  RecordMatterDeadlineMissed: { audience: 'system', dates: ['dueOn'], oneOf: { deadline: MATTER_DEADLINE_KINDS } },
  CloseMatter: { audience: 'human', optionalDates: ['on'], text: ['reason'], oneOf: { outcome: MANUAL_CLOSE_OUTCOMES } },
};

/** The matter a step names: the stream's current one; an earlier one is closed; anything else is unknown. */
const matterNamed = (state: MatterStreamState, matterId: string): MatterState => {
  if (state.current?.matterId === matterId) return state.current;
  if (state.closedIds.includes(matterId)) {
    throw new DomainError(MATTER_ERROR_CODES.CLOSED, 'conflict', `matter ${matterId} is closed; a later matter of the same subject is ${state.current?.matterId}`, { matterId });
  }
  throw matterNotFound(matterId);
};

export const matterDeciderFor = (policy: EnforcementPolicy = DEFAULT_ENFORCEMENT_POLICY): Decider<MatterCommand, MatterEvent, MatterStreamState> => {
  const recordNonCompliance = (command: Extract<MatterCommand, { type: 'RecordNonCompliance' }>, state: MatterStreamState): MatterEvent[] => {
    const { actor, now } = command.metadata;
    assertRoleMaySend(actor, command.type, 'both', MATTER_ERROR_CODES.FORBIDDEN);
    const today = matterCommandDate(now);
    const v = validateRecordNonCompliance(command.data);
    const byTheSystem = actor.role === 'system';
    if (!byTheSystem && v.trigger.kind !== 'manual') {
      throw new DomainError(MATTER_ERROR_CODES.FORBIDDEN, 'forbidden', `a ${actor.role} records manual non-compliance only; ${v.trigger.kind} is recorded by the engine`, { kind: v.trigger.kind });
    }
    matterStepDate('trigger.occurredOn', v.trigger.occurredOn, today, byTheSystem);
    const current = state.current !== null && state.current.status === 'open' ? state.current : null;
    assertActsIn(actor, command.type, current?.jurisdiction ?? v.jurisdiction, MATTER_ERROR_CODES.FORBIDDEN);
    if (v.trigger.sourceEventId !== null && state.sourceEventIds.includes(v.trigger.sourceEventId)) return [];
    if (current !== null) {
      return [{ type: 'NonComplianceJoined', data: { matterId: current.matterId, uscc: current.uscc, trigger: v.trigger, joinedOn: v.trigger.occurredOn } }];
    }
    const matterId = matterIdFor(v.uscc, subjectDigestOf(v.subject), state.count + 1);
    return [{ type: 'MatterOpened', data: { matterId, uscc: v.uscc, jurisdiction: v.jurisdiction, subject: v.subject, trigger: v.trigger, openedOn: v.trigger.occurredOn } }];
  };

  const decide = (command: MatterCommand, state: MatterStreamState): MatterEvent[] => {
    if (command.type === 'RecordNonCompliance') return recordNonCompliance(command, state);
    const spec = SPECS[command.type];
    if (spec === undefined) {
      throw new DomainError(MATTER_ERROR_CODES.UNKNOWN_COMMAND, 'validation', 'unknown matter command', { type: (command as { type?: unknown }).type });
    }
    const { actor, now } = command.metadata;
    assertRoleMaySend(actor, command.type, spec.audience, MATTER_ERROR_CODES.FORBIDDEN);
    const today = matterCommandDate(now);
    const f = validateMatterFields(command.data, spec);
    const m = matterNamed(state, f.matterId as string);
    assertActsIn(actor, command.type, m.jurisdiction, MATTER_ERROR_CODES.FORBIDDEN);
    const byTheSystem = actor.role === 'system';
    const base = { matterId: m.matterId, uscc: m.uscc };

    switch (command.type) {
      case 'RecordFollowUpResult': {
        if (state.sourceEventIds.includes(f.sourceEventId as string)) return [];
        assertMatterOpen(m);
        const round = f.round as FollowUpRound;
        const followUp = followUpOf(m, round);
        // Only the result of the inspection the matter ordered counts, once.
        if (followUp === null || followUp.inspectionId !== f.inspectionId || followUp.result !== null) return [];
        const outcome = f.outcome as FollowUpOutcome;
        const passed = outcome === 'conforming';
        const completedOn = f.completedOn as string;
        const recorded: MatterEvent = {
          type: 'FollowUpResultRecorded',
          data: { ...base, round, inspectionId: followUp.inspectionId, outcome, passed, completedOn, sourceEventId: f.sourceEventId as string },
        };
        if (!passed) return [recorded];
        return [recorded, { type: 'MatterClosed', data: { ...base, outcome: 'corrected', reason: `follow-up round ${round} passed`, closedOn: later(completedOn, m.lastStepOn) } }];
      }
      case 'RecordMatterDeadlineMissed': {
        const deadline = f.deadline as MatterDeadlineKind;
        const dueOn = f.dueOn as string;
        const open = openMatterDeadlines(m).find((d) => d.deadline === deadline && d.dueOn === dueOn);
        const key = matterDeadlineMissKey(m.matterId, deadline, dueOn);
        if (!open || !isPastDue(dueOn, today) || m.missed.some((x) => matterDeadlineMissKey(m.matterId, x.deadline, x.dueOn) === key)) return [];
        return [{ type: 'MatterDeadlineMissed', data: { ...base, deadline, dueOn, recordedOn: today } }];
      }
      default:
        break;
    }

    assertMatterOpen(m);
    const on = matterStepDate('on', (f.on as string | null) ?? null, today, byTheSystem);
    assertNotBefore('on', on, m.lastStepOn);
    switch (command.type) {
      case 'OrderStopSale':
        assertMayOrderStopSale(m);
        return [{ type: 'StopSaleOrdered', data: { ...base, orderedOn: on } }];
      case 'OrderCorrection': {
        assertMayOrderCorrection(m, policy.stopSaleBeforeCorrection);
        const product = m.subject.kind === 'product';
        return [
          {
            type: 'CorrectionOrdered',
            data: {
              ...base,
              orderedOn: on,
              correctionDueOn: product ? productCorrectionDueOn(on) : enterpriseCorrectionDueOn(on, policy),
              followUpDueOn: product ? firstFollowUpDueOn(on) : null,
            },
          },
        ];
      }
      case 'RequestFollowUpInspection': {
        const round = f.round as FollowUpRound;
        assertMayRequestFollowUp(m, round);
        const earliestOn = round === 2 ? (m.publicNotice?.earliestOn ?? null) : null;
        if (round === 2) assertNotBeforeEarliest(on, earliestOn);
        const dueOn = round === 1 ? (m.correction?.followUpDueOn as string) : round === 2 ? (m.publicNotice?.dueOn as string) : (m.suspension?.rectificationDueOn as string);
        const product = m.subject.kind === 'product' ? m.subject : null;
        return [
          {
            type: 'FollowUpInspectionRequested',
            data: {
              ...base,
              jurisdiction: m.jurisdiction,
              round,
              inspectionId: followUpInspectionIdFor(m.matterId, round),
              product: product ? { name: product.product.name, model: product.product.model } : null,
              productKey: product ? product.productKey : null,
              requestedOn: on,
              earliestOn,
              dueOn,
            },
          },
        ];
      }
      case 'IssuePublicNotice': {
        assertMayIssuePublicNotice(m);
        const window = secondFollowUpWindow(on);
        return [{ type: 'PublicNoticeIssued', data: { ...base, issuedOn: on, secondFollowUpEarliestOn: window.earliestOn, secondFollowUpDueOn: window.dueOn } }];
      }
      case 'OrderSuspension':
        assertMayOrderSuspension(m);
        return [{ type: 'SuspensionOrdered', data: { ...base, orderedOn: on, rectificationDueOn: rectificationDueOn(on, policy) } }];
      case 'RevokeLicence':
        assertMayRevokeLicence(m);
        return [
          { type: 'LicenceRevoked', data: { ...base, revokedOn: on } },
          { type: 'MatterClosed', data: { ...base, outcome: 'revoked', reason: 'third follow-up failed', closedOn: on } },
        ];
      case 'ConfirmCorrection':
        assertMayConfirmCorrection(m);
        return [
          { type: 'CorrectionConfirmed', data: { ...base, confirmedOn: on, note: (f.note as string | null) ?? null } },
          { type: 'MatterClosed', data: { ...base, outcome: 'corrected', reason: 'correction confirmed', closedOn: on } },
        ];
      case 'PublishNonDisclosure':
        assertMayPublishNonDisclosure(m, on);
        return [{ type: 'NonDisclosurePublished', data: { ...base, publishedOn: on } }];
      case 'CloseMatter':
        return [{ type: 'MatterClosed', data: { ...base, outcome: f.outcome as MatterCloseOutcome, reason: f.reason as string, closedOn: on } }];
      default: {
        const unknown: never = command;
        throw new DomainError(MATTER_ERROR_CODES.UNKNOWN_COMMAND, 'validation', 'unknown matter command', { type: (unknown as { type?: unknown }).type });
      }
    }
  };

  const evolveKnown = (state: MatterStreamState, event: MatterEvent): MatterStreamState => {
    const trigger = event.type === 'MatterOpened' || event.type === 'NonComplianceJoined' ? event.data.trigger : null;
    const source = trigger?.sourceEventId ?? (event.type === 'FollowUpResultRecorded' ? event.data.sourceEventId : null);
    const sourceEventIds = source ? [...state.sourceEventIds, source] : state.sourceEventIds;
    if (event.type === 'MatterOpened') {
      const closedIds = state.current ? [...state.closedIds, state.current.matterId] : state.closedIds;
      return { ...state, count: state.count + 1, sourceEventIds, closedIds, current: evolveMatter(null, event) };
    }
    const current = state.current !== null && state.current.matterId === (event.data as { matterId?: string }).matterId ? evolveMatter(state.current, event) : state.current;
    return { ...state, sourceEventIds, current };
  };

  return {
    decide,
    evolve: (state, event) => ({ ...evolveKnown(state, event), version: state.version + 1 }),
    initialState: () => INITIAL_STATE,
  };
};

/** The matter decider with the default policy. */
export const matterDecider = matterDeciderFor();
