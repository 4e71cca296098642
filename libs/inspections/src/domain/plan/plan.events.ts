import type { DomainEvent, NarrowedEvent } from '@regledger/shared';
import type { ProductCategory, StandardKind } from '@regledger/declarations/contracts';
import type { CreditClass, DrawInput, DrawPolicy, DrawResult } from '../draw/draw.types.js';

/** What a plan covers (domain.md §3, §5). */
export interface PlanScope {
  /** Declared product categories the plan covers; null means every category. */
  productCategories: ProductCategory[] | null;
  /** Kinds of executed standard the plan covers; null means every kind. */
  standardKinds: StandardKind[] | null;
  /** Only the 15 key consumer product categories of the Guangdong plan (domain.md §3). */
  keyCategoriesOnly: boolean;
}

/** The plan's batch period (SAMR 2019 No. 38: plans are made per batch). */
export interface PlanPeriod {
  /** YYYY-MM-DD. */
  from: string;
  /** YYYY-MM-DD. */
  to: string;
}

/** A plan was made and its secret committed before the pool is fixed (commit–reveal, docs/draw-algorithm.md §1). */
export interface InspectionPlanCreatedData {
  planId: string;
  /** Division code of the authority running the plan. */
  jurisdiction: string;
  name: string;
  scope: PlanScope;
  policy: DrawPolicy;
  period: PlanPeriod;
  /** SHA-256 hex of the secret revealed at the draw. */
  commitment: string;
  /** YYYY-MM-DD. */
  createdOn: string;
}

/** The plan was called off before its draw. */
export interface InspectionPlanCancelledData {
  planId: string;
  jurisdiction: string;
  reason: string;
  /** YYYY-MM-DD. */
  cancelledOn: string;
}

/**
 * How the pool of a draw was built from the log: the position it is fixed at and the builder's
 * parameters, so that anyone can rebuild it (docs/draw-algorithm.md §11).
 */
export interface PoolBasis {
  /** The log position the pool is fixed at: every event at or before it, none after. */
  position: { commit: string; prepare: string };
  /**
   * The id of the event at that position (null for an empty log). Positions are the log's own and change when
   * the log is moved to another store (regledger export / import); the event id does not, so a moved log
   * still cuts the pool at the same event. Absent in draws recorded before it was kept.
   */
  lastEventId?: string | null;
  /** The version of the pool builder (docs/draw-algorithm.md §11): 1 before credit classes and cases were read, 2 since. */
  builderVersion: 1 | 2;
  /** YYYY-MM-DD: the date declarations in force and deregistrations are judged at (the draw date). */
  asOf: string;
  /** The plan's standard kinds (null: all), applied by the pool builder. */
  standardKinds: StandardKind[] | null;
  /** The credit class of a target the credit context has not classified (design choice, default B). */
  defaultCreditClass: CreditClass;
}

/**
 * The double-random draw of a plan: everything needed to recompute it (the input, the pool it was
 * fixed from) and its result. Tasks are created from `result.assignments` (SAMR 2019 No. 38).
 */
export interface InspectionsDrawnData {
  planId: string;
  /** Division code of the authority running the plan. */
  jurisdiction: string;
  /** YYYY-MM-DD (China date). */
  drawnOn: string;
  input: DrawInput;
  result: DrawResult;
  poolBasis: PoolBasis;
}

export type InspectionPlanCreated = DomainEvent<'InspectionPlanCreated', InspectionPlanCreatedData>;
export type InspectionsDrawn = DomainEvent<'InspectionsDrawn', InspectionsDrawnData>;
export type InspectionPlanCancelled = DomainEvent<'InspectionPlanCancelled', InspectionPlanCancelledData>;

export type PlanEvent = InspectionPlanCreated | InspectionsDrawn | InspectionPlanCancelled;

export type PlanEventType = PlanEvent['type'];

export const PLAN_EVENT_TYPES = ['InspectionPlanCreated', 'InspectionsDrawn', 'InspectionPlanCancelled'] as const satisfies readonly PlanEventType[];

/** Every plan stream starts with this prefix. */
export const PLAN_STREAM_PREFIX = 'inspection-plan-';

/** One stream per inspection plan. */
export const planStreamId = (planId: string): string => `${PLAN_STREAM_PREFIX}${planId}`;

/** Works on recorded envelopes too: `data` is narrowed to `InspectionsDrawnData`. */
export const isInspectionsDrawn = <E extends { type: string }>(e: E): e is NarrowedEvent<E, InspectionsDrawn> => e.type === 'InspectionsDrawn';
