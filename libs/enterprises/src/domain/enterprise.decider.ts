import { DomainError } from '@regledger/shared';
import type { Decider } from '@regledger/shared';
import {
  assertJurisdictionScope,
  assertRoleMayPerformEnterpriseAction,
  assertUsccScope,
} from './enterprise-access.policy.js';
import type { DeregisterEnterprise, EnterpriseCommand, RegisterEnterprise, RenameEnterprise } from './enterprise.commands.js';
import type { EnterpriseDeregistered, EnterpriseEvent, EnterpriseRegistered, EnterpriseRenamed } from './enterprise.events.js';
import {
  ENTERPRISE_ERROR_CODES,
  assertEffectiveDateInRange,
  assertKnownEnterprise,
  assertNameChanges,
  assertNotDeregistered,
  assertNotYetRegistered,
  validateDeregisterEnterprise,
  validateRegisterEnterprise,
  validateRenameEnterprise,
} from './enterprise.rules.js';

/** A name the enterprise used before, up to (not including) `until`, the effective date of the rename that replaced it. */
export interface FormerName {
  name: string;
  /** YYYY-MM-DD. */
  until: string;
}

export type EnterpriseStatus = 'none' | 'registered' | 'deregistered';

export interface EnterpriseState {
  status: EnterpriseStatus;
  uscc: string | null;
  name: string | null;
  /** Oldest first. */
  formerNames: readonly FormerName[];
  jurisdiction: string | null;
  /** YYYY-MM-DD. */
  registeredOn: string | null;
  /** YYYY-MM-DD. */
  deregisteredOn: string | null;
}

const INITIAL_STATE: EnterpriseState = Object.freeze({
  status: 'none',
  uscc: null,
  name: null,
  formerNames: Object.freeze([]) as readonly FormerName[],
  jurisdiction: null,
  registeredOn: null,
  deregisteredOn: null,
});

/** Admin, a covering supervisor or the enterprise itself registers an enterprise once. */
const register = (command: RegisterEnterprise, state: EnterpriseState): EnterpriseRegistered[] => {
  const { actor, now } = command.metadata;
  assertRoleMayPerformEnterpriseAction(actor, 'register');
  const { data, today } = validateRegisterEnterprise(command.data, now);
  assertUsccScope(actor, 'register', data.uscc);
  assertJurisdictionScope(actor, 'register', data.jurisdiction);
  assertNotYetRegistered(state, data.uscc);
  return [
    {
      type: 'EnterpriseRegistered',
      data: {
        uscc: data.uscc,
        name: data.name,
        jurisdiction: data.jurisdiction,
        address: data.address,
        industry: data.industry,
        registeredOn: today,
      },
    },
  ];
};

/** Admin or a covering supervisor records a change of name. */
const rename = (command: RenameEnterprise, state: EnterpriseState): EnterpriseRenamed[] => {
  const { actor, now } = command.metadata;
  assertRoleMayPerformEnterpriseAction(actor, 'rename');
  const { data, today } = validateRenameEnterprise(command.data, now);
  assertUsccScope(actor, 'rename', data.uscc);
  assertKnownEnterprise(state, data.uscc);
  assertJurisdictionScope(actor, 'rename', state.jurisdiction as string);
  assertNotDeregistered(state, data.uscc);
  assertNameChanges(state, data.newName);
  assertEffectiveDateInRange(state, data.effectiveDate, today);
  return [
    {
      type: 'EnterpriseRenamed',
      data: {
        uscc: data.uscc,
        previousName: state.name as string,
        newName: data.newName,
        effectiveDate: data.effectiveDate,
        jurisdiction: state.jurisdiction as string,
      },
    },
  ];
};

/** Admin, a covering supervisor or the enterprise itself takes the enterprise off the register. */
const deregister = (command: DeregisterEnterprise, state: EnterpriseState): EnterpriseDeregistered[] => {
  const { actor, now } = command.metadata;
  assertRoleMayPerformEnterpriseAction(actor, 'deregister');
  const { data, today } = validateDeregisterEnterprise(command.data, now);
  assertUsccScope(actor, 'deregister', data.uscc);
  assertKnownEnterprise(state, data.uscc);
  assertJurisdictionScope(actor, 'deregister', state.jurisdiction as string);
  assertNotDeregistered(state, data.uscc);
  assertEffectiveDateInRange(state, data.effectiveDate, today);
  return [{ type: 'EnterpriseDeregistered', data: { uscc: data.uscc, effectiveDate: data.effectiveDate, reason: data.reason } }];
};

const decide = (command: EnterpriseCommand, state: EnterpriseState): EnterpriseEvent[] => {
  switch (command.type) {
    case 'RegisterEnterprise':
      return register(command, state);
    case 'RenameEnterprise':
      return rename(command, state);
    case 'DeregisterEnterprise':
      return deregister(command, state);
    default: {
      const unknown: never = command;
      throw new DomainError(ENTERPRISE_ERROR_CODES.UNKNOWN_COMMAND, 'validation', 'unknown enterprise command', {
        type: (unknown as { type?: unknown }).type,
      });
    }
  }
};

const evolve = (state: EnterpriseState, event: EnterpriseEvent): EnterpriseState => {
  switch (event.type) {
    case 'EnterpriseRegistered':
      return {
        status: 'registered',
        uscc: event.data.uscc,
        name: event.data.name,
        formerNames: [],
        jurisdiction: event.data.jurisdiction,
        registeredOn: event.data.registeredOn,
        deregisteredOn: null,
      };
    case 'EnterpriseRenamed':
      return {
        ...state,
        name: event.data.newName,
        formerNames: [...state.formerNames, { name: event.data.previousName, until: event.data.effectiveDate }],
        jurisdiction: event.data.jurisdiction,
      };
    case 'EnterpriseDeregistered':
      return { ...state, status: 'deregistered', deregisteredOn: event.data.effectiveDate };
    default:
      // An event type this version does not know leaves the state as it is.
      return state;
  }
};

export const enterpriseDecider: Decider<EnterpriseCommand, EnterpriseEvent, EnterpriseState> = {
  decide,
  evolve,
  initialState: () => INITIAL_STATE,
};
