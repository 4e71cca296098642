import type { ContextDefinition } from '@regledger/engine';
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
};
