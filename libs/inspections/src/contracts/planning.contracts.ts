/**
 * Planning's published events: inspectors, plans and draws. Tasks are created from `InspectionsDrawn`'s
 * `result.assignments` (SAMR 2019 No. 38).
 */
import type { InspectionsDrawn, PlanEvent } from '../domain/plan/plan.events.js';
import { PLAN_EVENT_TYPES } from '../domain/plan/plan.events.js';
import type { InspectorEvent } from '../domain/inspector/inspector.events.js';
import { INSPECTOR_EVENT_TYPES } from '../domain/inspector/inspector.events.js';

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

type Narrowed<E, T extends { type: string; data: unknown }> = E & { type: T['type']; data: T['data'] };

export const isPlanEvent = <E extends { type: string }>(e: E): e is Narrowed<E, PlanEvent> => (PLAN_EVENT_TYPES as readonly string[]).includes(e.type);

export const isInspectorEvent = <E extends { type: string }>(e: E): e is Narrowed<E, InspectorEvent> => (INSPECTOR_EVENT_TYPES as readonly string[]).includes(e.type);

/** Works on recorded envelopes too: `data` is narrowed to `InspectionsDrawnData`. */
export const isInspectionsDrawn = <E extends { type: string }>(e: E): e is Narrowed<E, InspectionsDrawn> => e.type === 'InspectionsDrawn';
