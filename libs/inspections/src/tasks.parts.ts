import type { ContextDefinition } from '@regledger/engine';

/** Inspection tasks, findings, outcomes and publication: what this part adds to the inspections context and module. */
export const tasksContextParts: Omit<ContextDefinition, 'name'> = {};
export const TASKS_CONTROLLERS = [];
export const TASKS_PROVIDERS = [];
