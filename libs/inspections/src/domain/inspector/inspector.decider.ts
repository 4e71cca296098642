import { DomainError } from '@regledger/shared';
import type { Decider } from '@regledger/shared';
import { assertInspectorJurisdiction, assertRoleMayManageInspectors } from './inspector-access.policy.js';
import type {
  DeactivateInspector,
  DeclareInspectorConflict,
  InspectorCommand,
  ReactivateInspector,
  RegisterInspector,
  UpdateInspectorQualifications,
  WithdrawInspectorConflict,
} from './inspector.commands.js';
import type { InspectorEvent } from './inspector.events.js';
import {
  INSPECTOR_ERROR_CODES,
  assertActive,
  assertConflictDeclared,
  assertConflictNotDeclared,
  assertInactive,
  assertKnownInspector,
  assertNotYetRegistered,
  assertQualificationsChange,
  validateConflictCommand,
  validateDeactivateInspector,
  validateInspectorIdOnly,
  validateRegisterInspector,
  validateUpdateQualifications,
} from './inspector.rules.js';

export type InspectorStatus = 'none' | 'active' | 'inactive';

export interface InspectorState {
  status: InspectorStatus;
  inspectorId: string | null;
  name: string | null;
  jurisdiction: string | null;
  /** Sorted, distinct. */
  qualifications: readonly string[];
  /** Sorted, distinct USCCs. */
  conflicts: readonly string[];
  deactivationReason: string | null;
}

const INITIAL_STATE: InspectorState = Object.freeze({
  status: 'none',
  inspectorId: null,
  name: null,
  jurisdiction: null,
  qualifications: Object.freeze([]) as readonly string[],
  conflicts: Object.freeze([]) as readonly string[],
  deactivationReason: null,
});

/** A supervisor covering the jurisdiction, or admin, enters an officer in the inspector pool (SAMR 2019 No. 38). */
const register = (command: RegisterInspector, state: InspectorState): InspectorEvent[] => {
  assertRoleMayManageInspectors(command.metadata.actor);
  const { data, today } = validateRegisterInspector(command.data, command.metadata.now);
  assertInspectorJurisdiction(command.metadata.actor, data.jurisdiction);
  assertNotYetRegistered(state, data.inspectorId);
  return [{ type: 'InspectorRegistered', data: { ...data, registeredOn: today } }];
};

/** Loads the inspector and checks who may change it: role, existence, jurisdiction (domain.md §1). */
const known = (command: InspectorCommand, state: InspectorState, inspectorId: string): void => {
  assertKnownInspector(state, inspectorId);
  assertInspectorJurisdiction(command.metadata.actor, state.jurisdiction as string);
};

const updateQualifications = (command: UpdateInspectorQualifications, state: InspectorState): InspectorEvent[] => {
  assertRoleMayManageInspectors(command.metadata.actor);
  const { data, today } = validateUpdateQualifications(command.data, command.metadata.now);
  known(command, state, data.inspectorId);
  assertQualificationsChange(state, data.qualifications);
  return [{ type: 'InspectorQualificationsUpdated', data: { inspectorId: data.inspectorId, qualifications: data.qualifications, previous: [...state.qualifications], updatedOn: today } }];
};

/** An inspector with an interest in a party steps aside (Administrative Penalty Law art. 43). */
const declareConflict = (command: DeclareInspectorConflict, state: InspectorState): InspectorEvent[] => {
  assertRoleMayManageInspectors(command.metadata.actor);
  const { data, today } = validateConflictCommand(command.data, command.metadata.now);
  known(command, state, data.inspectorId);
  assertConflictNotDeclared(state, data.uscc);
  return [{ type: 'InspectorConflictDeclared', data: { inspectorId: data.inspectorId, uscc: data.uscc, declaredOn: today } }];
};

const withdrawConflict = (command: WithdrawInspectorConflict, state: InspectorState): InspectorEvent[] => {
  assertRoleMayManageInspectors(command.metadata.actor);
  const { data, today } = validateConflictCommand(command.data, command.metadata.now);
  known(command, state, data.inspectorId);
  assertConflictDeclared(state, data.uscc);
  return [{ type: 'InspectorConflictWithdrawn', data: { inspectorId: data.inspectorId, uscc: data.uscc, withdrawnOn: today } }];
};

const deactivate = (command: DeactivateInspector, state: InspectorState): InspectorEvent[] => {
  assertRoleMayManageInspectors(command.metadata.actor);
  const { data, today } = validateDeactivateInspector(command.data, command.metadata.now);
  known(command, state, data.inspectorId);
  assertActive(state, data.inspectorId);
  return [{ type: 'InspectorDeactivated', data: { inspectorId: data.inspectorId, reason: data.reason, deactivatedOn: today } }];
};

const reactivate = (command: ReactivateInspector, state: InspectorState): InspectorEvent[] => {
  assertRoleMayManageInspectors(command.metadata.actor);
  const { data, today } = validateInspectorIdOnly(command.data, command.metadata.now);
  known(command, state, data.inspectorId);
  assertInactive(state, data.inspectorId);
  return [{ type: 'InspectorReactivated', data: { inspectorId: data.inspectorId, reactivatedOn: today } }];
};

const decide = (command: InspectorCommand, state: InspectorState): InspectorEvent[] => {
  switch (command.type) {
    case 'RegisterInspector':
      return register(command, state);
    case 'UpdateInspectorQualifications':
      return updateQualifications(command, state);
    case 'DeclareInspectorConflict':
      return declareConflict(command, state);
    case 'WithdrawInspectorConflict':
      return withdrawConflict(command, state);
    case 'DeactivateInspector':
      return deactivate(command, state);
    case 'ReactivateInspector':
      return reactivate(command, state);
    default: {
      const unknown: never = command;
      throw new DomainError(INSPECTOR_ERROR_CODES.UNKNOWN_COMMAND, 'validation', 'unknown inspector command', { type: (unknown as { type?: unknown }).type });
    }
  }
};

const evolve = (state: InspectorState, event: InspectorEvent): InspectorState => {
  switch (event.type) {
    case 'InspectorRegistered': {
      const d = event.data;
      return { status: 'active', inspectorId: d.inspectorId, name: d.name, jurisdiction: d.jurisdiction, qualifications: d.qualifications, conflicts: d.conflicts, deactivationReason: null };
    }
    case 'InspectorQualificationsUpdated':
      return { ...state, qualifications: event.data.qualifications };
    case 'InspectorConflictDeclared':
      return { ...state, conflicts: [...new Set([...state.conflicts, event.data.uscc])].sort() };
    case 'InspectorConflictWithdrawn':
      return { ...state, conflicts: state.conflicts.filter((u) => u !== event.data.uscc) };
    case 'InspectorDeactivated':
      return { ...state, status: 'inactive', deactivationReason: event.data.reason };
    case 'InspectorReactivated':
      return { ...state, status: 'active', deactivationReason: null };
    default:
      // An event type this version does not know leaves the state as it is.
      return state;
  }
};

export const inspectorDecider: Decider<InspectorCommand, InspectorEvent, InspectorState> = {
  decide,
  evolve,
  initialState: () => INITIAL_STATE,
};
