import { DomainError } from '@regledger/shared';
import type { Decider } from '@regledger/shared';
import { assertActsIn, assertRoleMaySend, type CommandAudience } from '../enforcement-access.policy.js';
import { CASE_DEADLINE_KINDS, CASE_PAUSE_KINDS, DEFAULT_ENFORCEMENT_POLICY, PENALTY_SECTORS } from '../enforcement.types.js';
import type { CaseDeadlineKind, CasePauseKind, EnforcementPolicy, Penalty, PenaltySector } from '../enforcement.types.js';
import {
  decisionDueAfterPause,
  decisionDueOn,
  extendedDecisionDueOn,
  extendedLeadVerificationDueOn,
  isHeavyPenalty,
  isPastDue,
  leadVerificationDueOn,
  pausedCalendarDays,
  penaltyPublicationFor,
  publicationShownUntil,
} from '../enforcement.rules.js';
import type { CaseCommand } from './case.commands.js';
import type { CaseEvent } from './case.events.js';
import {
  CASE_ERROR_CODES,
  assertCaseNew,
  assertCaseNotBefore,
  assertCaseNotClosed,
  assertLead,
  assertMayExtendDecision,
  assertMayExtendVerification,
  assertMayPublish,
  assertNotPaused,
  assertOpened,
  assertPaused,
  assertShown,
  caseCommandDate,
  caseDeadlineMissKey,
  caseNotFound,
  caseStepDate,
  openCaseDeadlines,
  validateCaseFields,
  validateLead,
  type CaseFieldSpec,
  type CaseState,
} from './case.rules.js';

/** The state of a `case-<caseId>` stream: null before its lead is registered. */
export interface CaseStreamState {
  version: number;
  case: CaseState | null;
}

const INITIAL_STATE: CaseStreamState = Object.freeze({ version: 0, case: null }) as CaseStreamState;

const later = (a: string, b: string): string => (a > b ? a : b);

/** How one event changes a case; LeadRegistered starts it. Shared by the decider and the read model. */
export const evolveCase = (c: CaseState | null, event: CaseEvent): CaseState | null => {
  if (event.type === 'LeadRegistered') {
    const d = event.data;
    return {
      caseId: d.caseId,
      uscc: d.uscc,
      jurisdiction: d.jurisdiction,
      matterId: d.matterId,
      productKey: d.productKey,
      source: d.source,
      summary: d.summary,
      discoveredOn: d.discoveredOn,
      status: 'lead',
      verificationDueOn: d.verificationDueOn,
      verificationExtended: false,
      openedOn: null,
      decisionDueOn: null,
      decisionExtension: null,
      pause: null,
      pauses: [],
      notOpened: null,
      decision: null,
      publication: null,
      publicationEnded: null,
      publicationOverdueOn: null,
      missed: [],
      closed: null,
      lastStepOn: d.discoveredOn,
    };
  }
  if (c === null) return null;
  switch (event.type) {
    case 'LeadVerificationExtended':
      return { ...c, verificationExtended: true, verificationDueOn: event.data.verificationDueOn };
    case 'CaseOpened':
      return { ...c, status: 'open', openedOn: event.data.openedOn, decisionDueOn: event.data.decisionDueOn, lastStepOn: later(c.lastStepOn, event.data.openedOn) };
    case 'CaseNotOpened':
      return { ...c, notOpened: { reason: event.data.reason, decidedOn: event.data.decidedOn }, lastStepOn: later(c.lastStepOn, event.data.decidedOn) };
    case 'CasePaused':
      return { ...c, pause: { kind: event.data.kind, from: event.data.from }, lastStepOn: later(c.lastStepOn, event.data.from) };
    case 'CaseResumed': {
      const d = event.data;
      const pause = c.pause ?? { kind: 'testing' as CasePauseKind, from: d.on };
      return { ...c, pause: null, pauses: [...c.pauses, { kind: pause.kind, from: pause.from, resumedOn: d.on, days: d.pausedDays }], decisionDueOn: d.decisionDueOn, lastStepOn: later(c.lastStepOn, d.on) };
    }
    case 'DecisionDeadlineExtended':
      return { ...c, decisionExtension: { approvalReference: event.data.approvalReference }, decisionDueOn: event.data.decisionDueOn };
    case 'PenaltyDecided': {
      const d = event.data;
      return {
        ...c,
        decision: { decidedOn: d.decidedOn, penalties: d.penalties, heavy: d.heavy, sector: d.sector, legalBasis: d.legalBasis, publication: d.publication },
        lastStepOn: later(c.lastStepOn, d.decidedOn),
      };
    }
    case 'PenaltyPublished': {
      const d = event.data;
      return { ...c, publication: { publishedOn: d.publishedOn, shownUntil: d.shownUntil, late: d.late }, lastStepOn: later(c.lastStepOn, d.publishedOn) };
    }
    case 'PenaltyPublicationEnded': {
      const d = event.data;
      return { ...c, publicationEnded: { endedOn: d.endedOn, reason: d.reason, repairId: d.repairId } };
    }
    case 'PenaltyPublicationOverdue':
      return { ...c, publicationOverdueOn: event.data.recordedOn };
    case 'CaseDeadlineMissed': {
      const d = event.data;
      return { ...c, missed: [...c.missed, { deadline: d.deadline, dueOn: d.dueOn, recordedOn: d.recordedOn }] };
    }
    case 'CaseClosed':
      return { ...c, status: 'closed', closed: { outcome: event.data.outcome, closedOn: event.data.closedOn } };
    default:
      // An event type this version does not know leaves the case as it is.
      return c;
  }
};

type StepType = Exclude<CaseCommand['type'], 'RegisterLead' | 'OpenCaseFromReport'>;

interface StepSpec extends CaseFieldSpec {
  audience: CommandAudience;
  /** The field holding the step's date (`on` unless given). */
  stepOn?: string;
}

const SPECS: Record<StepType, StepSpec> = {
  ExtendLeadVerification: { audience: 'human', text: ['reason'], optionalDates: ['on'] },
  OpenCase: { audience: 'human', optionalDates: ['on'] },
  DeclineCase: { audience: 'human', text: ['reason'], optionalDates: ['on'] },
  PauseCase: { audience: 'human', oneOf: { kind: CASE_PAUSE_KINDS }, optionalDates: ['from'], stepOn: 'from' },
  ResumeCase: { audience: 'human', optionalDates: ['on'] },
  ExtendDecisionDeadline: { audience: 'human', text: ['approvalReference'], optionalDates: ['on'] },
  DecidePenalty: { audience: 'human', text: ['legalBasis'], oneOf: { sector: PENALTY_SECTORS }, optionalDates: ['on'], penalties: true },
  PublishPenalty: { audience: 'human', optionalDates: ['on'] },
  EndPenaltyPublication: { audience: 'system', oneOf: { reason: ['window_elapsed', 'credit_repair'] }, optionalText: ['repairId'], optionalDates: ['on'] },
  RecordPenaltyPublicationOverdue: { audience: 'system', dates: ['dueOn'] },
  RecordCaseDeadlineMissed: { audience: 'system', dates: ['dueOn'], oneOf: { deadline: CASE_DEADLINE_KINDS } },
};

export const caseDeciderFor = (policy: EnforcementPolicy = DEFAULT_ENFORCEMENT_POLICY): Decider<CaseCommand, CaseEvent, CaseStreamState> => {
  const register = (command: Extract<CaseCommand, { type: 'RegisterLead' | 'OpenCaseFromReport' }>, state: CaseStreamState): CaseEvent[] => {
    const { actor, now } = command.metadata;
    const fromReport = command.type === 'OpenCaseFromReport';
    assertRoleMaySend(actor, command.type, fromReport ? 'system' : 'human', CASE_ERROR_CODES.FORBIDDEN);
    const today = caseCommandDate(now);
    const lead = validateLead(command.data);
    const byTheSystem = actor.role === 'system';
    caseStepDate('discoveredOn', lead.discoveredOn, today, byTheSystem);
    assertActsIn(actor, command.type, lead.jurisdiction, CASE_ERROR_CODES.FORBIDDEN);
    // A policy reacting again to the same report finds its case there: nothing new.
    if (fromReport && state.case !== null) return [];
    assertCaseNew(state.case, lead.caseId);
    const registered: CaseEvent = { type: 'LeadRegistered', data: { ...lead, verificationDueOn: leadVerificationDueOn(lead.discoveredOn) } };
    if (!fromReport) return [registered];
    const openedOn = later((command.data as { openedOn?: unknown }).openedOn as string, lead.discoveredOn);
    return [
      registered,
      {
        type: 'CaseOpened',
        data: { caseId: lead.caseId, uscc: lead.uscc, jurisdiction: lead.jurisdiction, matterId: lead.matterId, productKey: lead.productKey, openedOn, decisionDueOn: decisionDueOn(openedOn) },
      },
    ];
  };

  const decide = (command: CaseCommand, state: CaseStreamState): CaseEvent[] => {
    if (command.type === 'RegisterLead' || command.type === 'OpenCaseFromReport') return register(command, state);
    const spec = SPECS[command.type];
    if (spec === undefined) throw new DomainError(CASE_ERROR_CODES.UNKNOWN_COMMAND, 'validation', 'unknown case command', { type: (command as { type?: unknown }).type });
    const { actor, now } = command.metadata;
    assertRoleMaySend(actor, command.type, spec.audience, CASE_ERROR_CODES.FORBIDDEN);
    const today = caseCommandDate(now);
    const f = validateCaseFields(command.data, spec);
    const c = state.case;
    if (c === null) throw caseNotFound(f.caseId as string);
    assertActsIn(actor, command.type, c.jurisdiction, CASE_ERROR_CODES.FORBIDDEN);
    const base = { caseId: c.caseId, uscc: c.uscc };
    const byTheSystem = actor.role === 'system';

    switch (command.type) {
      case 'RecordCaseDeadlineMissed': {
        const deadline = f.deadline as CaseDeadlineKind;
        const dueOn = f.dueOn as string;
        const open = openCaseDeadlines(c).some((d) => d.deadline === deadline && d.dueOn === dueOn);
        const key = caseDeadlineMissKey(c.caseId, deadline, dueOn);
        if (!open || !isPastDue(dueOn, today) || c.missed.some((m) => caseDeadlineMissKey(c.caseId, m.deadline, m.dueOn) === key)) return [];
        return [{ type: 'CaseDeadlineMissed', data: { ...base, deadline, dueOn, recordedOn: today } }];
      }
      case 'RecordPenaltyPublicationOverdue': {
        const dueOn = f.dueOn as string;
        const pending = c.decision?.publication.required === true && c.decision.publication.dueOn === dueOn && c.publication === null;
        if (!pending || !isPastDue(dueOn, today) || c.publicationOverdueOn !== null) return [];
        return [{ type: 'PenaltyPublicationOverdue', data: { ...base, dueOn, recordedOn: today } }];
      }
      case 'EndPenaltyPublication': {
        const reason = f.reason as 'window_elapsed' | 'credit_repair';
        // A reaction that comes again after the end records nothing.
        if (c.publicationEnded !== null) return [];
        const shown = assertShown(c);
        const endedOn = caseStepDate('on', (f.on as string | null) ?? null, today, true);
        if (reason === 'window_elapsed' && !isPastDue(shown.shownUntil, endedOn)) return [];
        return [{ type: 'PenaltyPublicationEnded', data: { ...base, endedOn: later(endedOn, shown.publishedOn), reason, repairId: reason === 'credit_repair' ? ((f.repairId as string | null) ?? null) : null } }];
      }
      default:
        break;
    }

    const dateField = spec.stepOn ?? 'on';
    const on = caseStepDate(dateField, (f[dateField] as string | null) ?? null, today, byTheSystem);
    if (command.type !== 'PublishPenalty') assertCaseNotClosed(c);
    assertCaseNotBefore(dateField, on, c.lastStepOn);

    switch (command.type) {
      case 'ExtendLeadVerification':
        assertMayExtendVerification(c, on);
        return [{ type: 'LeadVerificationExtended', data: { ...base, reason: f.reason as string, verificationDueOn: extendedLeadVerificationDueOn(c.verificationDueOn) } }];
      case 'OpenCase':
        assertLead(c, 'OpenCase');
        return [
          {
            type: 'CaseOpened',
            data: { ...base, jurisdiction: c.jurisdiction, matterId: c.matterId, productKey: c.productKey, openedOn: on, decisionDueOn: decisionDueOn(on) },
          },
        ];
      case 'DeclineCase':
        assertLead(c, 'DeclineCase');
        return [
          { type: 'CaseNotOpened', data: { ...base, reason: f.reason as string, decidedOn: on } },
          { type: 'CaseClosed', data: { ...base, outcome: 'not_opened', closedOn: on } },
        ];
      case 'PauseCase':
        assertOpened(c, 'PauseCase');
        assertNotPaused(c, 'PauseCase');
        return [{ type: 'CasePaused', data: { ...base, kind: f.kind as CasePauseKind, from: on } }];
      case 'ResumeCase': {
        assertOpened(c, 'ResumeCase');
        const pause = assertPaused(c);
        assertCaseNotBefore('on', on, pause.from);
        const pausedDays = pausedCalendarDays(pause.from, on);
        return [{ type: 'CaseResumed', data: { ...base, on, pausedDays, decisionDueOn: decisionDueAfterPause(c.decisionDueOn as string, pausedDays) } }];
      }
      case 'ExtendDecisionDeadline':
        assertMayExtendDecision(c, on);
        return [{ type: 'DecisionDeadlineExtended', data: { ...base, approvalReference: f.approvalReference as string, decisionDueOn: extendedDecisionDueOn(c.decisionDueOn as string) } }];
      case 'DecidePenalty': {
        assertOpened(c, 'DecidePenalty');
        assertNotPaused(c, 'DecidePenalty');
        const penalties = f.penalties as Penalty[];
        return [
          {
            type: 'PenaltyDecided',
            data: {
              ...base,
              jurisdiction: c.jurisdiction,
              matterId: c.matterId,
              productKey: c.productKey,
              decidedOn: on,
              penalties,
              heavy: isHeavyPenalty(penalties, policy),
              sector: f.sector as PenaltySector,
              legalBasis: f.legalBasis as string,
              publication: penaltyPublicationFor(penalties, on, policy),
            },
          },
          { type: 'CaseClosed', data: { ...base, outcome: penalties.length ? 'penalty' : 'no_penalty', closedOn: on } },
        ];
      }
      case 'PublishPenalty': {
        const decision = assertMayPublish(c);
        return [
          {
            type: 'PenaltyPublished',
            data: {
              ...base,
              publishedOn: on,
              shownUntil: publicationShownUntil(on, decision.publication.window ?? '3_years'),
              late: decision.publication.dueOn !== null && isPastDue(decision.publication.dueOn, on),
            },
          },
        ];
      }
      default: {
        const unknown: never = command;
        throw new DomainError(CASE_ERROR_CODES.UNKNOWN_COMMAND, 'validation', 'unknown case command', { type: (unknown as { type?: unknown }).type });
      }
    }
  };

  return {
    decide,
    evolve: (state, event) => ({ version: state.version + 1, case: evolveCase(state.case, event) }),
    initialState: () => INITIAL_STATE,
  };
};

/** The case decider with the default policy. */
export const caseDecider = caseDeciderFor();
