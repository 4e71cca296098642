import type { ContextDefinition } from '@regledger/engine';
import { fold } from '@regledger/shared';
import { INSPECTOR_STREAM_PREFIX, inspectorDecider, type InspectorEvent } from './domain/inspector/index.js';
import { PLAN_STREAM_PREFIX, planDecider, type PlanEvent } from './domain/plan/index.js';
import { INSPECTION_STREAM_PREFIX, inspectionDecider, type InspectionEvent } from './domain/inspection/index.js';
import { planningContextParts } from './planning.parts.js';
import { tasksContextParts } from './tasks.parts.js';

/** The inspections context as the engine sees it: planning (inspectors, plans, draws) and tasks (inspections, results). */
export const inspectionsContext: ContextDefinition = {
  name: 'inspections',
  migrations: [...(planningContextParts.migrations ?? []), ...(tasksContextParts.migrations ?? [])],
  projections: [...(planningContextParts.projections ?? []), ...(tasksContextParts.projections ?? [])],
  upcasters: [...(planningContextParts.upcasters ?? []), ...(tasksContextParts.upcasters ?? [])],
  policies: (deps) => [...(planningContextParts.policies?.(deps) ?? []), ...(tasksContextParts.policies?.(deps) ?? [])],
  schedules: (deps) => [...(planningContextParts.schedules?.(deps) ?? []), ...(tasksContextParts.schedules?.(deps) ?? [])],
  streams: [
    {
      prefix: INSPECTOR_STREAM_PREFIX,
      description: 'one inspector of the pool: registration, qualifications, declared conflicts of interest, deactivation and reactivation',
      fold: (events) => fold(inspectorDecider, events as readonly InspectorEvent[]),
    },
    {
      prefix: PLAN_STREAM_PREFIX,
      description: 'one inspection plan: creation, the double-random draw with its pool basis, cancellation',
      fold: (events) => fold(planDecider, events as readonly PlanEvent[]),
    },
    {
      prefix: INSPECTION_STREAM_PREFIX,
      description: 'one inspection task (random, targeted or follow-up): inspectors, findings, outcome, publication',
      fold: (events) => fold(inspectionDecider, events as readonly InspectionEvent[]),
    },
  ],
};
