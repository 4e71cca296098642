import type { ContextDefinition } from '@regledger/engine';

/** Inspectors, plans and draws: what this part adds to the inspections context and module. */
export const planningContextParts: Omit<ContextDefinition, 'name'> = {};
export const PLANNING_CONTROLLERS = [];
export const PLANNING_PROVIDERS = [];
