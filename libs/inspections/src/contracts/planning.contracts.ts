/**
 * Planning's published events: inspectors, plans and draws. Tasks are created from `InspectionsDrawn`'s
 * `result.assignments` (SAMR 2019 No. 38).
 */

export type {
  InspectionPlanCancelled,
  InspectionPlanCancelledData,
  InspectionPlanCreated,
  InspectionPlanCreatedData,
  InspectionsDrawn,
  InspectionsDrawnData,
  PlanEvent,
  PlanEventType,
  PlanPeriod,
  PlanScope,
  PoolBasis,
} from '../domain/plan/plan.events.js';
export { PLAN_EVENT_TYPES, PLAN_STREAM_PREFIX, planStreamId } from '../domain/plan/plan.events.js';
export type {
  InspectorConflictDeclared,
  InspectorConflictDeclaredData,
  InspectorConflictWithdrawn,
  InspectorConflictWithdrawnData,
  InspectorDeactivated,
  InspectorDeactivatedData,
  InspectorEvent,
  InspectorEventType,
  InspectorQualificationsUpdated,
  InspectorQualificationsUpdatedData,
  InspectorReactivated,
  InspectorReactivatedData,
  InspectorRegistered,
  InspectorRegisteredData,
} from '../domain/inspector/inspector.events.js';
export { INSPECTOR_EVENT_TYPES, INSPECTOR_STREAM_PREFIX, inspectorStreamId } from '../domain/inspector/inspector.events.js';
export type { DrawAssignment, DrawInput, DrawResult, CreditClass } from '../domain/draw/draw.types.js';
export { isInspectorEvent } from '../domain/inspector/inspector.events.js';
export { isInspectionsDrawn } from '../domain/plan/plan.events.js';
