import { ConflictError, DomainError } from '@regledger/shared';
import type { Decider } from '@regledger/shared';
import {
  assertAssignedInspector,
  assertInspectionJurisdiction,
  assertRoleMayPerformInspectionAction,
} from './inspection-access.policy.js';
import type {
  AssignInspectors,
  CompleteInspection,
  InspectionCommand,
  OpenDrawnInspection,
  OpenFollowUpInspection,
  OpenTargetedInspection,
  PublishInspectionResult,
  RecordFindings,
  RecordResultPublicationOverdue,
  StartInspection,
} from './inspection.commands.js';
import type {
  FindingsRecorded,
  InspectionCompleted,
  InspectionEvent,
  InspectionOpened,
  InspectionOrigin,
  InspectionResultOutcome,
  InspectionResultPublished,
  InspectionStarted,
  InspectorsAssigned,
  ResultPublicationOverdue,
} from './inspection.events.js';
import {
  INSPECTION_ERROR_CODES,
  assertEnoughInspectors,
  assertEnterpriseRegistered,
  assertInspectionExists,
  assertInspectionIdFree,
  assertInspectorsEligible,
  assertNoDeclarationInForce,
  assertNoFindingsWithoutSample,
  assertOutcomeMatchesFindings,
  assertSameProduct,
  chooseDeclarationInForce,
  judgeFindings,
  mergeFindings,
  productKeyFor,
  publicationDueOn,
  publicationIsLate,
  publicationIsOverdue,
  validateAssignInspectors,
  validateCommandDate,
  validateCompleteInspection,
  validateFindings,
  validateOpenDrawnInspection,
  validateOpenFollowUpInspection,
  validateOpenTargetedInspection,
} from './inspection.rules.js';
import type { Finding, InspectedProduct, InspectionStatus, JudgedDeclaration, JudgedIndicator } from './inspection.types.js';

/** One inspection task as its events leave it. */
export interface InspectionState {
  inspectionId: string | null;
  status: InspectionStatus | null;
  origin: InspectionOrigin | null;
  uscc: string | null;
  enterpriseName: string | null;
  authority: string | null;
  product: InspectedProduct | null;
  productKey: string | null;
  inspectorIds: readonly string[];
  /** One per indicator, in the order first recorded. */
  findings: readonly Finding[];
  openedOn: string | null;
  startedOn: string | null;
  outcome: InspectionResultOutcome | null;
  completedOn: string | null;
  publicationDueOn: string | null;
  publishedOn: string | null;
  overdueRecordedOn: string | null;
}

const INITIAL_STATE: InspectionState = Object.freeze({
  inspectionId: null,
  status: null,
  origin: null,
  uscc: null,
  enterpriseName: null,
  authority: null,
  product: null,
  productKey: null,
  inspectorIds: Object.freeze([]) as readonly string[],
  findings: Object.freeze([]) as readonly Finding[],
  openedOn: null,
  startedOn: null,
  outcome: null,
  completedOn: null,
  publicationDueOn: null,
  publishedOn: null,
  overdueRecordedOn: null,
});

/** The state of an inspection known to exist. */
type Existing = InspectionState & { inspectionId: string; status: InspectionStatus; uscc: string; authority: string; origin: InspectionOrigin };

const existing = (state: InspectionState, inspectionId: string): Existing => {
  assertInspectionExists(state.status !== null, inspectionId);
  return state as Existing;
};

const notCompleted = (state: Existing): void => {
  if (state.status === 'completed') {
    throw new ConflictError(INSPECTION_ERROR_CODES.ALREADY_COMPLETED, `inspection ${state.inspectionId} is already completed`, { inspectionId: state.inspectionId });
  }
};

const inProgress = (state: Existing): void => {
  notCompleted(state);
  if (state.status !== 'in_progress') {
    throw new ConflictError(INSPECTION_ERROR_CODES.NOT_STARTED, `inspection ${state.inspectionId} has not been started`, { inspectionId: state.inspectionId });
  }
};

/** A task for one draw assignment; the same id again records nothing (replays of the draw create nothing new). */
const openDrawn = (command: OpenDrawnInspection, state: InspectionState): InspectionOpened[] => {
  const { actor, now } = command.metadata;
  assertRoleMayPerformInspectionAction(actor, 'open_drawn');
  const v = validateOpenDrawnInspection(command.data, now);
  if (state.status !== null) return [];
  return [
    {
      type: 'InspectionOpened',
      data: {
        inspectionId: v.inspectionId,
        origin: { type: 'random', planId: v.planId },
        uscc: v.uscc,
        enterpriseName: command.data.enterprise.name,
        authority: v.authority,
        product: v.product,
        productKey: v.productKey,
        inspectorIds: v.inspectorIds,
        description: null,
        openedOn: v.today,
      },
    },
  ];
};

/**
 * The follow-up inspection an enforcement matter orders (SAMR Order 18 arts. 44–50): opened by the system under an
 * id derived from the matter and the round, so the same order again records nothing. Follow-ups are exempt from
 * the 6-month rule (Product Quality Law art. 15), so no earlier check of the product stands in the way.
 */
const openFollowUp = (command: OpenFollowUpInspection, state: InspectionState): InspectionOpened[] => {
  const { actor, now } = command.metadata;
  assertRoleMayPerformInspectionAction(actor, 'open_follow_up');
  const v = validateOpenFollowUpInspection(command.data, now);
  if (state.status !== null) return [];
  return [
    {
      type: 'InspectionOpened',
      data: {
        inspectionId: v.inspectionId,
        origin: { type: 'follow_up', matterId: v.matterId, round: v.round, dueOn: v.dueOn },
        uscc: v.uscc,
        enterpriseName: command.data.enterprise.name,
        authority: v.authority,
        product: v.product,
        productKey: productKeyFor(v.product),
        inspectorIds: [],
        description: null,
        openedOn: v.today,
      },
    },
  ];
};

/** A targeted inspection from a complaint, report, media lead or other source, outside the random quota (domain.md §5). */
const openTargeted = (command: OpenTargetedInspection, state: InspectionState): InspectionOpened[] => {
  const { actor, now } = command.metadata;
  assertRoleMayPerformInspectionAction(actor, 'open_targeted');
  const v = validateOpenTargetedInspection(command.data, now);
  const { enterprise } = command.data;
  const authority = command.data.authority ?? actor.jurisdiction;
  // The system opens one inspection per lead under a derived id: the same lead again records nothing.
  if (actor.role === 'system' && state.status !== null) return [];
  if (actor.role !== 'system') assertEnterpriseRegistered(enterprise, v.uscc);
  assertInspectionJurisdiction(actor, 'open_targeted', authority, 'an inspection for an authority');
  if (enterprise.jurisdiction !== null) assertInspectionJurisdiction(actor, 'open_targeted', enterprise.jurisdiction, 'an enterprise');
  assertInspectionIdFree(state.status !== null, v.inspectionId);
  if (v.inspectorIds.length > 0) {
    assertEnoughInspectors(v.inspectorIds);
    assertInspectorsEligible(v.inspectorIds, command.data.inspectors, { uscc: v.uscc, authority });
  }
  return [
    {
      type: 'InspectionOpened',
      data: {
        inspectionId: v.inspectionId,
        origin: { type: 'targeted', source: v.source, reference: v.reference },
        uscc: v.uscc,
        enterpriseName: enterprise.name,
        authority,
        product: v.product,
        productKey: productKeyFor(v.product),
        inspectorIds: v.inspectorIds,
        description: v.description,
        openedOn: v.today,
      },
    },
  ];
};

/** The supervisor assigns (or replaces) the inspectors: two or more, none with an interest in the enterprise (Administrative Penalty Law arts. 42, 43). */
const assign = (command: AssignInspectors, state: InspectionState): InspectorsAssigned[] => {
  const { actor, now } = command.metadata;
  assertRoleMayPerformInspectionAction(actor, 'assign');
  const v = validateAssignInspectors(command.data, now);
  const s = existing(state, command.data.inspectionId);
  assertInspectionJurisdiction(actor, 'assign', s.authority, 'an inspection');
  notCompleted(s);
  assertEnoughInspectors(v.inspectorIds);
  assertInspectorsEligible(v.inspectorIds, command.data.inspectors, { uscc: s.uscc, authority: s.authority });
  if (v.inspectorIds.length === s.inspectorIds.length && v.inspectorIds.every((id, i) => id === s.inspectorIds[i])) return [];
  return [{ type: 'InspectorsAssigned', data: { inspectionId: s.inspectionId, inspectorIds: v.inspectorIds, previousInspectorIds: [...s.inspectorIds], assignedOn: v.today } }];
};

/** An assigned inspector starts the inspection, with at least two inspectors assigned (Administrative Penalty Law art. 42). */
const start = (command: StartInspection, state: InspectionState): InspectionStarted[] => {
  const { actor, now } = command.metadata;
  assertRoleMayPerformInspectionAction(actor, 'start');
  const today = validateCommandDate(now);
  const s = existing(state, command.data.inspectionId);
  assertAssignedInspector(actor, 'start', s.inspectionId, s.inspectorIds);
  notCompleted(s);
  if (s.status === 'in_progress') {
    throw new ConflictError(INSPECTION_ERROR_CODES.ALREADY_STARTED, `inspection ${s.inspectionId} was started on ${s.startedOn}`, { inspectionId: s.inspectionId });
  }
  assertEnoughInspectors(s.inspectorIds);
  return [{ type: 'InspectionStarted', data: { inspectionId: s.inspectionId, inspectorIds: [...s.inspectorIds], startedOn: today } }];
};

/** An assigned inspector records findings per declared indicator (Standardization Law art. 27; Measures art. 12). */
const recordFindings = (command: RecordFindings, state: InspectionState): FindingsRecorded[] => {
  const { actor, now } = command.metadata;
  assertRoleMayPerformInspectionAction(actor, 'record_findings');
  const v = validateFindings(command.data.findings, now);
  const s = existing(state, command.data.inspectionId);
  assertAssignedInspector(actor, 'record_findings', s.inspectionId, s.inspectorIds);
  inProgress(s);
  return [{ type: 'FindingsRecorded', data: { inspectionId: s.inspectionId, findings: v.findings, recordedOn: v.today } }];
};

/**
 * An assigned inspector completes with an outcome that follows from the findings, judged against the
 * declaration in force on the sample's production date (domain.md §3, §5).
 */
const complete = (command: CompleteInspection, state: InspectionState): InspectionCompleted[] => {
  const { actor, now } = command.metadata;
  assertRoleMayPerformInspectionAction(actor, 'complete');
  const s = existing(state, command.data.inspectionId);
  const v = validateCompleteInspection(command.data, now, s.product);
  assertAssignedInspector(actor, 'complete', s.inspectionId, s.inspectorIds);
  inProgress(s);
  let product = s.product;
  let declaration: JudgedDeclaration | null = null;
  let judged: JudgedIndicator[] = [];
  const inForce = command.data.declarationsInForce;
  if (v.outcome === 'not_located') {
    assertNoFindingsWithoutSample(s.findings);
  } else {
    product = assertSameProduct(s.product, v.product);
    const productionDate = v.productionDate as string;
    if (v.outcome === 'no_declaration') {
      assertNoDeclarationInForce(inForce, productionDate);
    } else {
      const chosen = chooseDeclarationInForce(inForce, v.declarationId, productionDate);
      judged = judgeFindings(chosen, s.findings);
      assertOutcomeMatchesFindings(v.outcome, judged);
      declaration = {
        declarationId: chosen.declarationId,
        version: chosen.version,
        standardNumber: chosen.standard.number,
        standardTitle: chosen.standard.title,
        effectiveFrom: chosen.effectiveFrom,
        effectiveTo: chosen.effectiveTo,
      };
    }
  }
  return [
    {
      type: 'InspectionCompleted',
      data: {
        inspectionId: s.inspectionId,
        origin: s.origin,
        uscc: s.uscc,
        authority: s.authority,
        product,
        productKey: productKeyFor(product),
        inspectorIds: [...s.inspectorIds],
        outcome: v.outcome,
        completedOn: v.today,
        publicationDueOn: publicationDueOn(v.today),
        productionDate: v.outcome === 'not_located' ? null : v.productionDate,
        declaration,
        judgedIndicators: judged,
        nonConformingIndicators: judged.filter((j) => j.conforming === false).map((j) => j.name),
        note: v.note,
      },
    },
  ];
};

/** A supervisor of the authority publishes the result; after the due date it is recorded as late (Enterprise Information Publicity Regulations art. 6). */
const publish = (command: PublishInspectionResult, state: InspectionState): InspectionResultPublished[] => {
  const { actor, now } = command.metadata;
  assertRoleMayPerformInspectionAction(actor, 'publish');
  const today = validateCommandDate(now);
  const s = existing(state, command.data.inspectionId);
  assertInspectionJurisdiction(actor, 'publish', s.authority, 'an inspection');
  if (s.status !== 'completed') {
    throw new ConflictError(INSPECTION_ERROR_CODES.NOT_COMPLETED, `inspection ${s.inspectionId} has no result to publish yet`, { inspectionId: s.inspectionId });
  }
  if (s.publishedOn !== null) {
    throw new ConflictError(INSPECTION_ERROR_CODES.ALREADY_PUBLISHED, `the result of inspection ${s.inspectionId} was published on ${s.publishedOn}`, { inspectionId: s.inspectionId });
  }
  const dueOn = s.publicationDueOn as string;
  return [
    {
      type: 'InspectionResultPublished',
      data: {
        inspectionId: s.inspectionId,
        uscc: s.uscc,
        enterpriseName: s.enterpriseName,
        authority: s.authority,
        product: s.product,
        outcome: s.outcome as InspectionResultOutcome,
        completedOn: s.completedOn as string,
        publicationDueOn: dueOn,
        publishedOn: today,
        late: publicationIsLate(dueOn, today),
      },
    },
  ];
};

/** The scheduler records a passed publication deadline once; otherwise nothing happens, so it may retry. */
const recordOverdue = (command: RecordResultPublicationOverdue, state: InspectionState): ResultPublicationOverdue[] => {
  const { actor, now } = command.metadata;
  assertRoleMayPerformInspectionAction(actor, 'record_publication_overdue');
  const today = validateCommandDate(now);
  const s = existing(state, command.data.inspectionId);
  if (!publicationIsOverdue(s, today)) return [];
  return [
    {
      type: 'ResultPublicationOverdue',
      data: { inspectionId: s.inspectionId, uscc: s.uscc, authority: s.authority, publicationDueOn: s.publicationDueOn as string, recordedOn: today },
    },
  ];
};

const decide = (command: InspectionCommand, state: InspectionState): InspectionEvent[] => {
  switch (command.type) {
    case 'OpenDrawnInspection':
      return openDrawn(command, state);
    case 'OpenTargetedInspection':
      return openTargeted(command, state);
    case 'OpenFollowUpInspection':
      return openFollowUp(command, state);
    case 'AssignInspectors':
      return assign(command, state);
    case 'StartInspection':
      return start(command, state);
    case 'RecordFindings':
      return recordFindings(command, state);
    case 'CompleteInspection':
      return complete(command, state);
    case 'PublishInspectionResult':
      return publish(command, state);
    case 'RecordResultPublicationOverdue':
      return recordOverdue(command, state);
    default: {
      const unknown: never = command;
      throw new DomainError(INSPECTION_ERROR_CODES.UNKNOWN_COMMAND, 'validation', 'unknown inspection command', { type: (unknown as { type?: unknown }).type });
    }
  }
};

const evolve = (state: InspectionState, event: InspectionEvent): InspectionState => {
  switch (event.type) {
    case 'InspectionOpened': {
      const d = event.data;
      return {
        ...INITIAL_STATE,
        inspectionId: d.inspectionId,
        status: 'open',
        origin: d.origin,
        uscc: d.uscc,
        enterpriseName: d.enterpriseName,
        authority: d.authority,
        product: d.product,
        productKey: d.productKey,
        inspectorIds: d.inspectorIds,
        openedOn: d.openedOn,
      };
    }
    case 'InspectorsAssigned':
      return { ...state, inspectorIds: event.data.inspectorIds };
    case 'InspectionStarted':
      return { ...state, status: 'in_progress', startedOn: event.data.startedOn };
    case 'FindingsRecorded':
      return { ...state, findings: mergeFindings(state.findings, event.data.findings) };
    case 'InspectionCompleted': {
      const d = event.data;
      return { ...state, status: 'completed', product: d.product, productKey: d.productKey, outcome: d.outcome, completedOn: d.completedOn, publicationDueOn: d.publicationDueOn };
    }
    case 'InspectionResultPublished':
      return { ...state, publishedOn: event.data.publishedOn };
    case 'ResultPublicationOverdue':
      return { ...state, overdueRecordedOn: event.data.recordedOn };
    default:
      // An event type this version does not know leaves the state as it is.
      return state;
  }
};

export const inspectionDecider: Decider<InspectionCommand, InspectionEvent, InspectionState> = {
  decide,
  evolve,
  initialState: () => INITIAL_STATE,
};
