import type { Command } from '@regledger/shared';
import type { PoolInspector, PoolTarget } from '../draw/draw.types.js';
import type { PoolBasis } from './plan.events.js';

/** The request as the caller sends it; absent policy values take DEFAULT_DRAW_POLICY (domain.md §5). */
export interface CreateInspectionPlanData {
  planId: string;
  jurisdiction: string;
  name: string;
  scope?: { productCategories?: string[] | null; standardKinds?: string[] | null; keyCategoriesOnly?: boolean } | null;
  policy?: {
    ratios?: Partial<Record<string, number>> | null;
    inspectorsPerTarget?: number | null;
    exclusionMonths?: number | null;
    requiredQualifications?: string[] | null;
  } | null;
  period: { from: string; to: string };
  commitment: string;
}

/** The pool as the handler fixed it from the log, with how it was built. */
export interface FixedPool {
  basis: PoolBasis;
  targets: PoolTarget[];
  inspectors: PoolInspector[];
  /** Whether the plan's creation event lies at or before the pool position (checked by the handler on log positions). */
  commitmentPrecedesPool: boolean;
}

export interface DrawInspectionsData {
  planId: string;
  revealedSecret: string;
  pool: FixedPool;
}

export interface CancelInspectionPlanData {
  planId: string;
  reason: string;
}

export type CreateInspectionPlan = Command<'CreateInspectionPlan', CreateInspectionPlanData>;
export type DrawInspections = Command<'DrawInspections', DrawInspectionsData>;
export type CancelInspectionPlan = Command<'CancelInspectionPlan', CancelInspectionPlanData>;

export type PlanCommand = CreateInspectionPlan | DrawInspections | CancelInspectionPlan;

export type PlanCommandType = PlanCommand['type'];
