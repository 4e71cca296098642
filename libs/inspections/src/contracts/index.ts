/**
 * What other bounded contexts may depend on in the inspections context: the published events of
 * planning (inspectors, plans, draws) and of tasks (inspections, outcomes, publication).
 */
export * from './planning.contracts.js';
export * from './tasks.contracts.js';
