import { DomainError, checkCommandDate, checkText, throwIfFieldErrors } from '@regledger/shared';
import type { Decider, FieldError } from '@regledger/shared';
import { runDraw } from '../draw/draw.rules.js';
import type { DrawInput, DrawPolicy } from '../draw/draw.types.js';
import { poolPositionText } from '../pool/pool.rules.js';
import { assertPlanJurisdiction, assertRoleMayManagePlans } from './plan-access.policy.js';
import type { CancelInspectionPlan, CreateInspectionPlan, DrawInspections, PlanCommand } from './plan.commands.js';
import type { PlanEvent, PlanPeriod, PlanScope } from './plan.events.js';
import {
  PLAN_ERROR_CODES,
  PLAN_LIMITS,
  assertCommitmentPrecedesPool,
  assertDrawable,
  assertEnoughInspectorsPerTarget,
  assertExclusionWindow,
  assertKnownPlan,
  assertPeriodNotEnded,
  assertPlanIdFree,
  assertScopeConsistent,
  assertSecretOpensCommitment,
  drawCategoriesFor,
  validateCreateInspectionPlan,
} from './plan.rules.js';

export type PlanStatus = 'none' | 'created' | 'drawn' | 'cancelled';

export interface PlanState {
  status: PlanStatus;
  planId: string | null;
  jurisdiction: string | null;
  name: string | null;
  scope: PlanScope | null;
  policy: DrawPolicy | null;
  period: PlanPeriod | null;
  commitment: string | null;
  /** YYYY-MM-DD. */
  drawnOn: string | null;
}

const INITIAL_STATE: PlanState = Object.freeze({
  status: 'none',
  planId: null,
  jurisdiction: null,
  name: null,
  scope: null,
  policy: null,
  period: null,
  commitment: null,
  drawnOn: null,
});

/** A supervisor makes a plan for its jurisdiction and commits to a secret (domain.md §1, §5; docs/draw-algorithm.md §1). */
const create = (command: CreateInspectionPlan, state: PlanState): PlanEvent[] => {
  const { actor, now } = command.metadata;
  assertRoleMayManagePlans(actor);
  const { data, today } = validateCreateInspectionPlan(command.data, now);
  assertPlanJurisdiction(actor, data.jurisdiction);
  assertPlanIdFree(state, data.planId);
  assertEnoughInspectorsPerTarget(data.policy);
  assertExclusionWindow(data.policy);
  assertScopeConsistent(data.scope);
  assertPeriodNotEnded(data.period, today);
  return [{ type: 'InspectionPlanCreated', data: { ...data, createdOn: today } }];
};

/**
 * Reveals the secret and draws from the pool the handler fixed at the log position: records the full input and result
 * (SAMR 2019 No. 38; docs/draw-algorithm.md). Every error of the draw is an error of the whole command: nothing is drawn.
 */
const draw = (command: DrawInspections, state: PlanState): PlanEvent[] => {
  const { actor, now } = command.metadata;
  assertRoleMayManagePlans(actor);
  const errors: FieldError[] = [];
  const today = checkCommandDate(now, errors);
  throwIfFieldErrors(errors, PLAN_ERROR_CODES.VALIDATION_FAILED);
  const planId = command.data.planId;
  assertKnownPlan(state, planId);
  assertPlanJurisdiction(actor, state.jurisdiction as string);
  assertDrawable(state, planId);
  assertPeriodNotEnded(state.period as PlanPeriod, today);
  assertSecretOpensCommitment(command.data.revealedSecret, state.commitment as string, planId);
  const pool = command.data.pool;
  assertCommitmentPrecedesPool(pool.commitmentPrecedesPool, planId);
  const categories = drawCategoriesFor(state.scope as PlanScope);
  const input: DrawInput = {
    planId,
    authority: state.jurisdiction as string,
    drawnOn: today,
    policy: state.policy as DrawPolicy,
    revealedSecret: command.data.revealedSecret,
    commitment: state.commitment as string,
    poolPosition: poolPositionText(pool.basis.position),
    ...(categories === undefined ? {} : { productCategories: categories }),
    targets: pool.targets,
    inspectors: pool.inspectors,
  };
  const result = runDraw(input);
  return [{ type: 'InspectionsDrawn', data: { planId, jurisdiction: state.jurisdiction as string, drawnOn: today, input, result, poolBasis: pool.basis } }];
};

/** A plan not yet drawn can be called off, with a reason. */
const cancel = (command: CancelInspectionPlan, state: PlanState): PlanEvent[] => {
  const { actor, now } = command.metadata;
  assertRoleMayManagePlans(actor);
  const errors: FieldError[] = [];
  const reason = checkText('reason', command.data?.reason, PLAN_LIMITS.reason, errors);
  const today = checkCommandDate(now, errors);
  throwIfFieldErrors(errors, PLAN_ERROR_CODES.VALIDATION_FAILED);
  const planId = command.data.planId;
  assertKnownPlan(state, planId);
  assertPlanJurisdiction(actor, state.jurisdiction as string);
  assertDrawable(state, planId);
  return [{ type: 'InspectionPlanCancelled', data: { planId, jurisdiction: state.jurisdiction as string, reason, cancelledOn: today } }];
};

const decide = (command: PlanCommand, state: PlanState): PlanEvent[] => {
  switch (command.type) {
    case 'CreateInspectionPlan':
      return create(command, state);
    case 'DrawInspections':
      return draw(command, state);
    case 'CancelInspectionPlan':
      return cancel(command, state);
    default: {
      const unknown: never = command;
      throw new DomainError(PLAN_ERROR_CODES.UNKNOWN_COMMAND, 'validation', 'unknown plan command', { type: (unknown as { type?: unknown }).type });
    }
  }
};

const evolve = (state: PlanState, event: PlanEvent): PlanState => {
  switch (event.type) {
    case 'InspectionPlanCreated': {
      const d = event.data;
      return { status: 'created', planId: d.planId, jurisdiction: d.jurisdiction, name: d.name, scope: d.scope, policy: d.policy, period: d.period, commitment: d.commitment, drawnOn: null };
    }
    case 'InspectionsDrawn':
      return { ...state, status: 'drawn', drawnOn: event.data.drawnOn };
    case 'InspectionPlanCancelled':
      return { ...state, status: 'cancelled' };
    default:
      // An event type this version does not know leaves the state as it is.
      return state;
  }
};

export const planDecider: Decider<PlanCommand, PlanEvent, PlanState> = {
  decide,
  evolve,
  initialState: () => INITIAL_STATE,
};
